/** Edge or origin (502): who rendered the error page, and the path from the edge to the origin. */
import { check, fix, fixedOr, question, to, whenVerdict, type CheckOffer } from "../builder";

/** Who rendered the page, read from the headers that name it. */
const whoAnsweredCheck: CheckOffer = {
  title: "Check who answers",
  intro:
    "Our server requests the page and reads the headers that name who produced it (server, cf-ray, x-cache, via…), with the status and timings.",
  button: "Check it for me",
  samples: 1,
  chooseSamples: true,
  originIp: "none",
};

/** The origin tested directly, past the CDN (curl --resolve). */
const originDirectCheck: CheckOffer = {
  title: "Test the origin for me",
  intro:
    "Our server sends the request straight to your origin's IP address with your site's name, skipping the CDN, three times.",
  button: "Test the origin",
  samples: 3,
  chooseSamples: true,
  originIp: "required",
};

/**
 * A check aimed straight at the origin's address (curl --resolve): a healthy answer there
 * means the origin is fine and the path from the edge to it is not (seeds: test the origin
 * directly). Failures that the origin's own answer explains fall through to ownerEvidence.
 */
const originDirectEvidence = [
  whenVerdict({ intermittent: true }, "intermittentPattern"),
  whenVerdict({ codes: ["ok"] }, "edgeCannotReachOrigin"),
  whenVerdict({ codes: ["connect-refused", "connect-timeout", "unreachable"] }, "originDown"),
];

export const edgeBranch = {
  // Branding misleads: key on headers (server, cf-ray, x-cache) to tell who
  // produced the page (signals: "Who produced the error").
  whoRendered: question(
    "edge",
    {
      "cdn-page": to(
        "A CDN page (Cloudflare, CloudFront…) with a ray or reference id",
        "cdnPage502",
      ),
      "server-page": to("A plain web-server page (nginx, Apache…)", "proxyUpstream"),
      "app-page": to("My application's own error page", "serverErrorApp"),
      "not-sure": to("I can't tell", "howToTellWhoRendered"),
    },
    { check: whoAnsweredCheck },
  ),
  howToTellWhoRendered: check(
    "edge",
    {
      "cdn-page": to("CDN headers or markers", "cdnPage502"),
      "server-page": to("Web-server headers (server: nginx, Apache…)", "proxyUpstream"),
      "app-page": to("My app's headers and page", "serverErrorApp"),
    },
    { check: whoAnsweredCheck },
  ),
  // A Cloudflare-branded 502 usually means the origin returned 502 (signals),
  // so after ruling out a CDN incident the origin is tested directly.
  cdnPage502: check("edge", {
    "cdn-incident": to("The CDN reports an incident", "cdnIncident"),
    "no-incident": to("No incident reported", "originDirect"),
  }),
  cdnIncident: fix("edge", fixedOr("resolvedEdge", "originDirect")),
  // Bypassing the CDN (curl --resolve) splits the path in two (seeds).
  originDirect: check(
    "proxy",
    {
      "origin-works": to("The origin answers fine directly", "edgeCannotReachOrigin"),
      "origin-fails": to("The origin itself answers with an error", "proxyUpstream"),
      "no-answer": to("The origin doesn't answer at all", "originDown"),
      "sometimes-fails": to("Some tries work, some fail", "intermittentPattern"),
      // A healthy but slow origin loses the race against the edge's timeout.
      slow: to("It answers, but slower than the CDN waits", "timeoutCdnLimit"),
      "no-origin-ip": to("I don't know the origin's address", "findOriginIp"),
    },
    { evidence: originDirectEvidence, check: originDirectCheck },
  ),
  findOriginIp: check("dns", {
    "found-it": to("I found it; test the origin", "originDirect"),
    "cant-find": to("I can't find it", "escalate"),
  }),
  edgeCannotReachOrigin: check("edge", {
    firewall: to("A firewall may block the CDN", "firewallOrigin"),
    waf: to("A security rule or rate limit may block it", "wafRules"),
    dns: to("The CDN points at the wrong origin", "dnsCdnOriginSetting"),
    tls: to("TLS between CDN and origin fails", "tlsUpstream"),
    "none-of-these": to("None of these", "escalate"),
  }),
  originDown: check("proxy", {
    "not-running": to("The web server isn't running", "restartWebServer"),
    running: to("It runs but can't be reached", "firewallOrigin"),
  }),
  restartWebServer: fix("proxy", fixedOr("resolvedProcess", "firewallOrigin")),
  // The proxy's error log names the upstream failure exactly (signals: log table).
  proxyUpstream: check("proxy", {
    "connection-refused": to("Connection refused", "appDown"),
    "timed-out": to("Upstream timed out", "timeoutProxyRead"),
    "prematurely-closed": to("Upstream prematurely closed the connection", "appCrashing"),
    "too-big-header": to("Upstream sent too big header", "malformedHeadersTooBig"),
    "invalid-header": to("Upstream sent invalid header", "malformedInvalidResponse"),
    "pool-full": to("Resource temporarily unavailable / max_children", "workerPool"),
    "ssl-handshake": to("SSL handshake or certificate errors", "tlsUpstream"),
    "could-not-resolve": to("Could not be resolved", "dnsUpstreamResolver"),
    "no-live-upstreams": to("No live upstreams", "badNode"),
    "connection-reset": to("Connection reset by peer", "keepAliveMismatch"),
    // "worker_connections are not enough", "(24: Too many open files)",
    // "(99: Cannot assign requested address)": the proxy ran out of sockets.
    "connection-limits": to("worker_connections / too many open files", "connectionLimits"),
    "nothing-logged": to("Nothing useful / I can't find the log", "findLogs"),
  }),
  findLogs: check("proxy", {
    "found-lines": to("I found error lines", "proxyUpstream"),
    "no-lines": to("There's nothing there", "recentChanges"),
  }),
};
