/** DNS: records, propagation and the proxy's own resolver. */
import { check, fix, fixedOr, to, whenVerdict, type CheckOffer } from "../builder";

/** The name's records, looked up and connected to. */
const dnsRecordsCheck: CheckOffer = {
  title: "Look up the records for me",
  intro:
    "Our server asks DNS for the name's addresses (with their TTLs) and then tries to connect to them.",
  button: "Look it up",
  samples: 1,
  chooseSamples: false,
  originIp: "none",
};

/**
 * Records checked from our server resolve and the site answers: the owner's own view is the
 * odd one out, which points at stale records in some resolvers (propagation), not at the
 * intermittent faults the owner-wide rule suggests.
 */
const dnsRecordsEvidence = [whenVerdict({ codes: ["ok"] }, "dnsPropagation")];

export const dnsBranch = {
  dnsRecords: check(
    "dns",
    {
      correct: to("The records point at the right server", "originDirect"),
      "wrong-or-missing": to("A record is wrong or missing", "dnsFixRecord"),
      "recently-moved": to("We moved recently; answers differ", "dnsPropagation"),
      "cdn-origin-wrong": to("The CDN's origin setting is wrong", "dnsCdnOriginSetting"),
    },
    { evidence: dnsRecordsEvidence, check: dnsRecordsCheck },
  ),
  dnsFixRecord: fix("dns", fixedOr("resolvedDns", "dnsPropagation")),
  dnsPropagation: fix("dns", fixedOr("resolvedDns", "escalate")),
  dnsCdnOriginSetting: fix("edge", fixedOr("resolvedDns", "firewallOrigin")),
  // nginx resolves upstream names at start-up unless told where to resolve
  // at run time (signals: "no resolver defined to resolve").
  dnsUpstreamResolver: fix("proxy", fixedOr("resolvedConfig", "appDown")),
};
