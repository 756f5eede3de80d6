/** Owner: which error the site shows, and the evidence rules that apply from any step. */
import {
  CDN_VENDORS,
  LOAD_BALANCER_VENDORS,
  UPSTREAM_FAILURE_503_VENDORS,
  check,
  question,
  to,
  whenVerdict,
  type CheckOffer,
} from "../builder";

/** Which error, from whom, and whether it comes and goes: three samples answer all three. */
const failingUrlCheck: CheckOffer = {
  title: "Paste the URL that fails",
  intro:
    "Our server requests it and reads the answer: which error, who produced it, DNS, TLS and timings. It sends three requests a little apart, so errors that come and go show too.",
  button: "Check it for me",
  samples: 3,
  chooseSamples: true,
  originIp: "none",
};

/**
 * Where owner-side evidence leads, most specific first. The machine holds these rules at its
 * root, so evidence can arrive at any step: they apply wherever a state's own rules (if any)
 * do not match.
 */
export const ownerEvidence = [
  // Mixed samples: some requests fail, some pass — a pattern, not an outage.
  whenVerdict({ intermittent: true }, "intermittentPattern"),
  // Cloudflare's own codes name the failure precisely (signals: 52x table).
  whenVerdict({ statuses: [520] }, "cf520"),
  whenVerdict({ statuses: [521] }, "cf521"),
  whenVerdict({ statuses: [522] }, "cf522"),
  whenVerdict({ statuses: [523] }, "cf523"),
  whenVerdict({ statuses: [524] }, "cf524"),
  whenVerdict({ statuses: [525] }, "cf525"),
  whenVerdict({ statuses: [526] }, "cf526"),
  whenVerdict({ statuses: [530] }, "cf530"),
  // A CDN's or managed load balancer's own 504 is its own time limit running out (CloudFront's
  // origin response timeout, the ALB idle timeout — signals), a setting in its console. Their
  // pages also name the cause "upstream-timeout", which alone would send them to nginx's
  // proxy_read_timeout.
  whenVerdict({ codes: ["gateway-timeout"], vendors: CDN_VENDORS }, "timeoutCdnLimit"),
  whenVerdict(
    { codes: ["gateway-timeout"], vendors: LOAD_BALANCER_VENDORS },
    "timeoutLoadBalancer",
  ),
  // A cause read from the gateway's answer beats the status code alone.
  whenVerdict({ causes: ["upstream-refused"] }, "appDown"),
  whenVerdict({ causes: ["upstream-timeout"] }, "timeoutProxyRead"),
  whenVerdict({ causes: ["upstream-connect-timeout"] }, "firewallOrigin"),
  whenVerdict({ causes: ["upstream-unreachable"] }, "originDown"),
  whenVerdict({ causes: ["upstream-invalid-response"] }, "malformedInvalidResponse"),
  whenVerdict({ causes: ["headers-too-large"] }, "malformedHeadersTooBig"),
  whenVerdict({ causes: ["upstream-closed"] }, "appCrashing"),
  whenVerdict({ causes: ["upstream-tls-invalid-certificate"] }, "tlsRenew"),
  whenVerdict({ causes: ["upstream-tls"] }, "tlsUpstream"),
  whenVerdict({ causes: ["upstream-dns"] }, "dnsUpstreamResolver"),
  // A 503 with no healthy upstream (ALB "no registered targets", HAProxy "no server is
  // available") means every backend is failing: start them. A 502 "no live upstreams" from
  // nginx follows a failure on some node, which the bad-node step hunts down (signals).
  whenVerdict({ causes: ["no-healthy-upstream"], statuses: [503] }, "appDown"),
  whenVerdict({ causes: ["no-healthy-upstream"] }, "badNode"),
  // Failures before any HTTP answer: the probe saw them itself.
  whenVerdict({ codes: ["dns-nxdomain", "dns-no-records"] }, "dnsFixRecord"),
  whenVerdict({ codes: ["dns-error", "unreachable"] }, "dnsRecords"),
  whenVerdict({ codes: ["connect-refused"] }, "originDown"),
  whenVerdict({ codes: ["connect-timeout"] }, "firewallOrigin"),
  whenVerdict(
    { codes: ["tls-expired", "tls-not-yet-valid", "tls-self-signed", "tls-untrusted"] },
    "tlsRenew",
  ),
  whenVerdict({ codes: ["tls-incomplete-chain"] }, "tlsChain"),
  whenVerdict({ codes: ["tls-hostname-mismatch"] }, "tlsSni"),
  whenVerdict({ codes: ["tls-handshake-failed"] }, "tlsProtocol"),
  whenVerdict({ codes: ["no-response"] }, "timeoutSlowApp"),
  whenVerdict({ codes: ["connection-closed"] }, "appCrashing"),
  whenVerdict({ codes: ["malformed-response"] }, "malformedInvalidResponse"),
  whenVerdict({ codes: ["blocked"] }, "wafRules"),
  whenVerdict({ codes: ["unavailable"], vendors: UPSTREAM_FAILURE_503_VENDORS }, "proxyUpstream"),
  whenVerdict({ codes: ["unavailable"] }, "unavailableCause"),
  whenVerdict({ codes: ["server-error"] }, "serverErrorApp"),
  // A CDN-branded 502 usually relays the origin's own 502 (signals: Cloudflare row).
  whenVerdict({ codes: ["bad-gateway"], vendors: CDN_VENDORS }, "cdnPage502"),
  whenVerdict({ codes: ["bad-gateway"], vendors: "any" }, "proxyUpstream"),
  whenVerdict({ codes: ["bad-gateway"] }, "whoRendered"),
  whenVerdict({ codes: ["gateway-timeout"], vendors: "any" }, "timeoutProxyRead"),
  whenVerdict({ codes: ["gateway-timeout"] }, "timeoutWhichLayer"),
  // Our check got a healthy answer while the owner sees errors: intermittent, or
  // specific to some visitors, networks or nodes.
  whenVerdict({ codes: ["ok"] }, "intermittentPattern"),
];

export const ownerBranch = {
  // Each code points at a different layer: 502 an invalid upstream answer,
  // 504 no answer in time, 503 no capacity, 500 the app itself (signals).
  ownerWhichError: question(
    null,
    {
      "502": to("502 Bad Gateway", "whoRendered"),
      "504": to("504 Gateway Timeout", "timeoutWhichLayer"),
      "503": to("503 Service Unavailable", "unavailableCause"),
      "500": to("500 Internal Server Error", "serverErrorApp"),
      "cloudflare-52x": to("A Cloudflare 520–530 error", "cloudflareWhichCode"),
      "no-status": to("The browser can't reach the site at all", "dnsRecords"),
      // A certificate warning is a TLS fault, not a missing site: no status code at all.
      "certificate-error": to("The browser warns about the site's certificate", "tlsUpstream"),
      // Mostly-working sites with occasional errors need the pattern, not the code.
      "comes-and-goes": to("Errors come and go; most requests work", "intermittentPattern"),
      "not-sure": to("I'm not sure which", "findStatusCode"),
    },
    { check: failingUrlCheck },
  ),
  findStatusCode: check(null, {
    "502": to("502", "whoRendered"),
    "504": to("504", "timeoutWhichLayer"),
    "503": to("503", "unavailableCause"),
    "500": to("500", "serverErrorApp"),
    "cloudflare-52x": to("520–530 (Cloudflare)", "cloudflareWhichCode"),
    "no-status": to("No status: the connection itself fails", "dnsRecords"),
    "certificate-error": to("A certificate warning instead of a page", "tlsUpstream"),
    "comes-and-goes": to("Sometimes an error, sometimes 200", "intermittentPattern"),
  }),
};
