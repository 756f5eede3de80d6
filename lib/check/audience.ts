/**
 * Who reads a check's result. The probe's verdict (lib/probe/classify.ts) speaks to whoever
 * runs the site: "check that the application is running on the port the proxy uses". A visitor
 * can do nothing of the sort; on the visitor's steps the same facts are told as what they mean
 * for a visitor — whose side the fault is on, and what to do about it. Pure: browser and server.
 */
import type { VerdictCode, VerdictFacts } from "@/lib/probe/verdict";

/** Who reads the result: the person who runs the site, or someone visiting it. */
export type Audience = "owner" | "visitor";

/** The audience of a step: the visitor's branch names its states visitor… */
export function audienceOf(stepId: string, answers: readonly string[]): Audience {
  return stepId.startsWith("visitor") || answers[0] === "visitor" ? "visitor" : "owner";
}

const ON_THEIR_SIDE =
  "This is on the site's side, not yours: tell the site's owner (the message further down has what they need), and try again later.";

/** What each verdict means for a visitor, in a sentence or two. */
const VISITOR_WORDS: Record<VerdictCode, string> = {
  ok: "The site answered normally from our server, so it is up for other people. If it still fails for you, the cause is likely on your side of the connection: your browser, your network or your region.",
  "dns-nxdomain": `The site's name does not exist in DNS, so nobody can reach it right now. ${ON_THEIR_SIDE}`,
  "dns-no-records": `The site's name has no address in DNS, so nobody can reach it right now. ${ON_THEIR_SIDE}`,
  "dns-error": `The site's name servers did not answer, so nobody can look the site up right now. ${ON_THEIR_SIDE}`,
  "connect-refused": `The site's server refused our connection: it is down for everyone, not just you. ${ON_THEIR_SIDE}`,
  "connect-timeout": `The site's server did not answer our connection at all: it is down or unreachable for everyone, not just you. ${ON_THEIR_SIDE}`,
  unreachable: `There is no route to the site's server: it is unreachable for everyone, not just you. ${ON_THEIR_SIDE}`,
  "tls-expired": `The site's security certificate has expired, so browsers refuse to open it. Do not click through the warning. ${ON_THEIR_SIDE}`,
  "tls-not-yet-valid": `The site's security certificate is not valid yet, so browsers refuse to open it. If your own computer's date is right, ${ON_THEIR_SIDE.charAt(0).toLowerCase()}${ON_THEIR_SIDE.slice(1)}`,
  "tls-self-signed": `The site presents a certificate no browser trusts. Do not click through the warning. ${ON_THEIR_SIDE}`,
  "tls-untrusted": `The site's certificate is not from an authority browsers trust. Do not click through the warning. ${ON_THEIR_SIDE}`,
  "tls-incomplete-chain": `The site's certificate is set up incompletely: some browsers and phones open it, others refuse. ${ON_THEIR_SIDE}`,
  "tls-hostname-mismatch": `The site's certificate is for a different name, so browsers warn and refuse. Do not click through the warning. ${ON_THEIR_SIDE}`,
  "tls-handshake-failed": `The site's server failed the secure connection with our server too, so it is not just your browser. ${ON_THEIR_SIDE}`,
  "no-response": `The site's server accepted our connection but never answered: it is stuck for everyone, not just you. ${ON_THEIR_SIDE}`,
  "connection-closed": `The site's server hung up without a complete answer: it fails for everyone, not just you. ${ON_THEIR_SIDE}`,
  "malformed-response": `The site's server sent back something that is not a web page. ${ON_THEIR_SIDE}`,
  "bad-gateway": `The site's server answered but the application behind it did not. ${ON_THEIR_SIDE}`,
  "gateway-timeout": `The site's server answered but the application behind it took too long. ${ON_THEIR_SIDE}`,
  unavailable: `The site says it cannot take requests right now (overloaded, or down for maintenance). ${ON_THEIR_SIDE}`,
  "server-error": `The site's application failed while handling the request. ${ON_THEIR_SIDE}`,
  blocked:
    "A firewall in front of the site blocked our server's check, which says little about whether the site works. If it blocks you too, the page usually names a reference to send to the site's owner.",
};

/** The verdict's explanation for this audience: the probe's own words for owners. */
export function explanationFor(
  verdict: Pick<VerdictFacts, "code"> & { explanation: string; intermittent?: boolean },
  audience: Audience,
): string {
  if (audience === "owner") return verdict.explanation;
  const words = VISITOR_WORDS[verdict.code];
  return verdict.intermittent && verdict.code !== "ok"
    ? `${words} It fails only some of the time, so reloading may work in between.`
    : words;
}
