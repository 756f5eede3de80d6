/** Visitor: "is it just me?", and what a visitor can try. */
import {
  check,
  fix,
  fixedOr,
  outcome,
  question,
  to,
  whenVerdict,
  type CheckOffer,
} from "../builder";

/** "Is it just me?", answered by requesting the site from our server. */
const visitorCheck: CheckOffer = {
  title: "Check it for me",
  intro:
    "Our server requests the site over the internet, as everyone else reaches it. If it fails from here too, the site is down for everyone; if it works here, the trouble is on your side.",
  button: "Check from our server",
  samples: 1,
  chooseSamples: false,
  originIp: "none",
};

/**
 * A visitor asks "is it just me?": a healthy answer from our server means the
 * problem is on their side; anything else means the site is failing.
 */
const visitorEvidence = [
  whenVerdict({ codes: ["ok"] }, "visitorHardRefresh"),
  whenVerdict({}, "visitorSiteDown"),
];

export const visitorBranch = {
  // "Is it just me?" is the question visitors ask most (signals: user asks #1).
  visitorScope: question(
    "browser",
    {
      everyone: to("It fails for others too", "visitorSiteDown"),
      "just-me": to("It works for others, just not for me", "visitorHardRefresh"),
      "not-sure": to("I don't know", "visitorCheckScope"),
    },
    { evidence: visitorEvidence, check: visitorCheck },
  ),
  visitorCheckScope: check(
    "browser",
    {
      everyone: to("It fails from elsewhere too", "visitorSiteDown"),
      "just-me": to("It works from elsewhere", "visitorHardRefresh"),
      "some-places": to("It fails from some places, not others", "regionalWhy"),
    },
    { evidence: visitorEvidence, check: visitorCheck },
  ),
  // Many 502s are momentary (a restart, a deploy): waiting and reloading is
  // the cheapest first step (seeds).
  visitorHardRefresh: fix("browser", fixedOr("visitorResolved", "visitorPrivateWindow")),
  // A private window has no cache, cookies or extensions: if the site works
  // there, the browser's stored state is to blame.
  visitorPrivateWindow: check("browser", {
    "works-there": to("It works in the private window", "visitorClearCache"),
    "still-broken": to("It fails there too", "visitorVpnProxy"),
  }),
  visitorClearCache: fix("browser", fixedOr("visitorResolved", "visitorVpnProxy")),
  visitorVpnProxy: fix("browser", fixedOr("visitorResolved", "visitorNetwork")),
  visitorNetwork: fix("dns", {
    fixed: to("Yes, that fixed it", "visitorResolved"),
    "works-elsewhere": to("It works on another network, not on mine", "visitorDns"),
    "still-broken": to("It fails on every network", "visitorSiteDown"),
  }),
  // A stale or broken resolver can send a visitor to an old address (seeds).
  visitorDns: fix("dns", fixedOr("visitorResolved", "visitorIsp")),
  visitorIsp: fix("dns", fixedOr("visitorResolved", "visitorSiteDown")),
  visitorSiteDown: outcome("edge"),
  visitorResolved: outcome("browser"),
};
