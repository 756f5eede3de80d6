/**
 * The diagnosis: every question, check, fix and outcome of Gateway Doctor as
 * one flat XState machine.
 *
 * Why flat: a permalink is the list of answers a person gave, and the server
 * replays it to render the state. A flat machine keeps a state's identity a
 * single string (its key), so the state value, the content id and the
 * permalink slug line up one to one, and graph traversal stays finite.
 *
 * Why no `invoke`/`after`: the machine must stay model-testable
 * (`createTestModel` refuses both). Live probes run elsewhere and deliver
 * their findings as an `EVIDENCE` event.
 *
 * Facts cited in comments come from ../shared/research/signals.md ("signals")
 * and the seed articles ("seeds"); "SRE practice" marks what experienced
 * operators know but the sources do not say.
 */
import { assign, setup } from "xstate";
import type { VerdictCause, VerdictCode, VerdictFacts } from "@/lib/probe/verdict";

/** The hop of the request path a state suspects, for the request-path picture. */
export const HOPS = ["browser", "dns", "edge", "proxy", "app", "database"] as const;
export type Hop = (typeof HOPS)[number];

/** What a state asks of the person; mirrors the `kind` of its MDX content. */
export type StepKind = "question" | "check" | "fix" | "outcome" | "info";

/** Metadata every state carries; read by the pages, the map and the tests. */
export interface StepMeta {
  /** Id of the MDX file in content/ that renders this state. */
  contentId: string;
  /** Stable, readable name of the state, used in anchors, the map and analytics. */
  slug: string;
  /** What the state asks of the person. */
  kind: StepKind;
  /** The hop of the request path this state suspects, or null when it suspects none yet. */
  hop: Hop | null;
}

/** Metadata on every ANSWER transition: the slug that appears in permalinks and its label. */
export interface AnswerMeta {
  /** Stable, URL-safe slug; one segment of a permalink. */
  answer: string;
  /** What the person clicks, in plain words. */
  label: string;
}

export interface DiagnosisContext {
  /** Answer slugs given so far, in order: the permalink of the current state. */
  answers: string[];
  /** The last probe verdict that moved the diagnosis, if any. */
  evidence: VerdictFacts | null;
}

export type DiagnosisEvent =
  { type: "ANSWER"; answer: string } | { type: "EVIDENCE"; verdict: VerdictFacts };

/** Which parts of a verdict a guard matches; every given field must match. */
export interface VerdictPattern {
  codes?: readonly VerdictCode[];
  statuses?: readonly number[];
  causes?: readonly VerdictCause[];
  /** Vendors to match; the string "any" matches any non-null vendor. */
  vendors?: readonly string[] | "any";
  intermittent?: boolean;
}

/** Vendors whose error pages come from a CDN edge rather than the owner's own servers. */
export const CDN_VENDORS = ["cloudflare", "cloudfront", "fastly", "akamai", "azure"] as const;
/** Managed load balancers, whose timeouts are settings in a cloud console. */
export const LOAD_BALANCER_VENDORS = ["aws-alb", "google"] as const;

function step(contentId: string, kind: StepKind, hop: Hop | null): StepMeta {
  return { contentId, slug: contentId, kind, hop };
}

interface AnswerOption {
  label: string;
  target: string;
}

/** Builds the ANSWER transitions of a state from `slug → {label, target}`. */
function answers(options: Record<string, AnswerOption>) {
  return {
    ANSWER: Object.entries(options).map(([answer, { label, target }]) => ({
      guard: { type: "isAnswer" as const, params: { answer } },
      target,
      actions: "recordAnswer" as const,
      meta: { answer, label } satisfies AnswerMeta,
    })),
  };
}

const to = (label: string, target: string): AnswerOption => ({ label, target });

/** The two answers every fix ends with: it worked, or try the next most likely cause. */
function fixedOr(resolved: string, nextCause: string) {
  return answers({
    fixed: to("Yes, that fixed it", resolved),
    "still-broken": to("No, still failing", nextCause),
  });
}

/** Evidence transition: when the verdict matches, go to `target`. */
function whenVerdict(pattern: VerdictPattern, target: string) {
  return {
    guard: { type: "matchesVerdict" as const, params: pattern },
    target,
    actions: "recordEvidence" as const,
  };
}

/** True when the verdict satisfies every field the pattern names. */
export function verdictMatches(verdict: VerdictFacts, pattern: VerdictPattern): boolean {
  if (pattern.codes && !pattern.codes.includes(verdict.code)) return false;
  if (pattern.statuses && (verdict.status === null || !pattern.statuses.includes(verdict.status)))
    return false;
  if (pattern.causes && (verdict.cause === null || !pattern.causes.includes(verdict.cause)))
    return false;
  if (pattern.vendors === "any" && verdict.vendor === null) return false;
  if (Array.isArray(pattern.vendors) && !pattern.vendors.includes(verdict.vendor ?? ""))
    return false;
  if (
    pattern.intermittent !== undefined &&
    (verdict.intermittent ?? false) !== pattern.intermittent
  )
    return false;
  return true;
}

const cdnVendors = [...CDN_VENDORS];
const loadBalancerVendors = [...LOAD_BALANCER_VENDORS];

/**
 * Where owner-side evidence leads, most specific first. Targets are relative
 * to the root (`.state`), so evidence can arrive at any step.
 */
const ownerEvidence = [
  // Mixed samples: some requests fail, some pass — a pattern, not an outage.
  whenVerdict({ intermittent: true }, ".intermittentPattern"),
  // Cloudflare's own codes name the failure precisely (signals: 52x table).
  whenVerdict({ statuses: [520] }, ".cf520"),
  whenVerdict({ statuses: [521] }, ".cf521"),
  whenVerdict({ statuses: [522] }, ".cf522"),
  whenVerdict({ statuses: [523] }, ".cf523"),
  whenVerdict({ statuses: [524] }, ".cf524"),
  whenVerdict({ statuses: [525] }, ".cf525"),
  whenVerdict({ statuses: [526] }, ".cf526"),
  whenVerdict({ statuses: [530] }, ".cf530"),
  // A CDN's or managed load balancer's own 504 is its own time limit running out (CloudFront's
  // origin response timeout, the ALB idle timeout — signals), a setting in its console. Their
  // pages also name the cause "upstream-timeout", which alone would send them to nginx's
  // proxy_read_timeout.
  whenVerdict({ codes: ["gateway-timeout"], vendors: cdnVendors }, ".timeoutCdnLimit"),
  whenVerdict({ codes: ["gateway-timeout"], vendors: loadBalancerVendors }, ".timeoutLoadBalancer"),
  // A cause read from the gateway's answer beats the status code alone.
  whenVerdict({ causes: ["upstream-refused"] }, ".appDown"),
  whenVerdict({ causes: ["upstream-timeout"] }, ".timeoutProxyRead"),
  whenVerdict({ causes: ["upstream-connect-timeout"] }, ".firewallOrigin"),
  whenVerdict({ causes: ["upstream-unreachable"] }, ".originDown"),
  whenVerdict({ causes: ["upstream-invalid-response"] }, ".malformedInvalidResponse"),
  whenVerdict({ causes: ["headers-too-large"] }, ".malformedHeadersTooBig"),
  whenVerdict({ causes: ["upstream-closed"] }, ".appCrashing"),
  whenVerdict({ causes: ["upstream-tls-invalid-certificate"] }, ".tlsRenew"),
  whenVerdict({ causes: ["upstream-tls"] }, ".tlsUpstream"),
  whenVerdict({ causes: ["upstream-dns"] }, ".dnsUpstreamResolver"),
  // A 503 with no healthy upstream (ALB "no registered targets", HAProxy "no server is
  // available") means every backend is failing: start them. A 502 "no live upstreams" from
  // nginx follows a failure on some node, which the bad-node step hunts down (signals).
  whenVerdict({ causes: ["no-healthy-upstream"], statuses: [503] }, ".appDown"),
  whenVerdict({ causes: ["no-healthy-upstream"] }, ".badNode"),
  // Failures before any HTTP answer: the probe saw them itself.
  whenVerdict({ codes: ["dns-nxdomain", "dns-no-records"] }, ".dnsFixRecord"),
  whenVerdict({ codes: ["dns-error", "unreachable"] }, ".dnsRecords"),
  whenVerdict({ codes: ["connect-refused"] }, ".originDown"),
  whenVerdict({ codes: ["connect-timeout"] }, ".firewallOrigin"),
  whenVerdict(
    { codes: ["tls-expired", "tls-not-yet-valid", "tls-self-signed", "tls-untrusted"] },
    ".tlsRenew",
  ),
  whenVerdict({ codes: ["tls-incomplete-chain"] }, ".tlsChain"),
  whenVerdict({ codes: ["tls-hostname-mismatch"] }, ".tlsSni"),
  whenVerdict({ codes: ["tls-handshake-failed"] }, ".tlsProtocol"),
  whenVerdict({ codes: ["no-response"] }, ".timeoutSlowApp"),
  whenVerdict({ codes: ["connection-closed"] }, ".appCrashing"),
  whenVerdict({ codes: ["malformed-response"] }, ".malformedInvalidResponse"),
  whenVerdict({ codes: ["blocked"] }, ".wafRules"),
  whenVerdict({ codes: ["unavailable"] }, ".unavailableCause"),
  whenVerdict({ codes: ["server-error"] }, ".serverErrorApp"),
  // A CDN-branded 502 usually relays the origin's own 502 (signals: Cloudflare row).
  whenVerdict({ codes: ["bad-gateway"], vendors: cdnVendors }, ".cdnPage502"),
  whenVerdict({ codes: ["bad-gateway"], vendors: "any" }, ".proxyUpstream"),
  whenVerdict({ codes: ["bad-gateway"] }, ".whoRendered"),
  whenVerdict({ codes: ["gateway-timeout"], vendors: "any" }, ".timeoutProxyRead"),
  whenVerdict({ codes: ["gateway-timeout"] }, ".timeoutWhichLayer"),
  // Our check got a healthy answer while the owner sees errors: intermittent, or
  // specific to some visitors, networks or nodes.
  whenVerdict({ codes: ["ok"] }, ".intermittentPattern"),
];

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

/**
 * The origin's certificate checked directly and found valid: the machine's own "looks fine"
 * answer, so the proxy's error log is next.
 */
const tlsUpstreamEvidence = [whenVerdict({ codes: ["ok"] }, "proxyUpstream")];

/**
 * Records checked from our server resolve and the site answers: the owner's own view is the
 * odd one out, which points at stale records in some resolvers (propagation), not at the
 * intermittent faults the owner-wide rule suggests.
 */
const dnsRecordsEvidence = [whenVerdict({ codes: ["ok"] }, "dnsPropagation")];

/**
 * A visitor asks "is it just me?": a healthy answer from our server means the
 * problem is on their side; anything else means the site is failing.
 */
const visitorEvidence = [
  whenVerdict({ codes: ["ok"] }, "visitorHardRefresh"),
  whenVerdict({}, "visitorSiteDown"),
];

export const diagnosisMachine = setup({
  types: {
    context: {} as DiagnosisContext,
    events: {} as DiagnosisEvent,
    // Not `meta: {} as StepMeta`: XState applies that type to transition meta
    // too, and ANSWER transitions carry AnswerMeta. machines/steps.ts reads
    // both back with their own types.
  },
  guards: {
    isAnswer: ({ event }, params: { answer: string }) =>
      event.type === "ANSWER" && event.answer === params.answer,
    matchesVerdict: ({ event }, params: VerdictPattern) =>
      event.type === "EVIDENCE" && verdictMatches(event.verdict, params),
  },
  actions: {
    recordAnswer: assign({
      answers: ({ context, event }) =>
        event.type === "ANSWER" ? [...context.answers, event.answer] : context.answers,
    }),
    recordEvidence: assign({
      evidence: ({ context, event }) =>
        event.type === "EVIDENCE" ? event.verdict : context.evidence,
    }),
  },
}).createMachine({
  id: "diagnosis",
  initial: "start",
  context: { answers: [], evidence: null },
  on: { EVIDENCE: ownerEvidence },
  states: {
    // ── Start ────────────────────────────────────────────────────────────
    start: {
      meta: step("start", "question", null),
      on: answers({
        visitor: to("I'm visiting a site that shows the error", "visitorScope"),
        owner: to("I run the site (owner, developer or ops)", "ownerWhichError"),
        "not-sure": to("I'm not sure", "startNotSure"),
      }),
    },
    startNotSure: {
      meta: step("start-not-sure", "info", null),
      on: answers({
        visitor: to("I can't change the site: I'm a visitor", "visitorScope"),
        owner: to("I can log in to its hosting, server or CDN", "ownerWhichError"),
      }),
    },

    // ── Visitor ──────────────────────────────────────────────────────────
    // "Is it just me?" is the question visitors ask most (signals: user asks #1).
    visitorScope: {
      meta: step("visitor-scope", "question", "browser"),
      on: {
        ...answers({
          everyone: to("It fails for others too", "visitorSiteDown"),
          "just-me": to("It works for others, just not for me", "visitorHardRefresh"),
          "not-sure": to("I don't know", "visitorCheckScope"),
        }),
        EVIDENCE: visitorEvidence,
      },
    },
    visitorCheckScope: {
      meta: step("visitor-check-scope", "check", "browser"),
      on: {
        ...answers({
          everyone: to("It fails from elsewhere too", "visitorSiteDown"),
          "just-me": to("It works from elsewhere", "visitorHardRefresh"),
        }),
        EVIDENCE: visitorEvidence,
      },
    },
    // Many 502s are momentary (a restart, a deploy): waiting and reloading is
    // the cheapest first step (seeds).
    visitorHardRefresh: {
      meta: step("visitor-hard-refresh", "fix", "browser"),
      on: fixedOr("visitorResolved", "visitorPrivateWindow"),
    },
    // A private window has no cache, cookies or extensions: if the site works
    // there, the browser's stored state is to blame.
    visitorPrivateWindow: {
      meta: step("visitor-private-window", "check", "browser"),
      on: answers({
        "works-there": to("It works in the private window", "visitorClearCache"),
        "still-broken": to("It fails there too", "visitorVpnProxy"),
      }),
    },
    visitorClearCache: {
      meta: step("visitor-clear-cache", "fix", "browser"),
      on: fixedOr("visitorResolved", "visitorVpnProxy"),
    },
    visitorVpnProxy: {
      meta: step("visitor-vpn-proxy", "fix", "browser"),
      on: fixedOr("visitorResolved", "visitorNetwork"),
    },
    visitorNetwork: {
      meta: step("visitor-network", "fix", "dns"),
      on: answers({
        fixed: to("Yes, that fixed it", "visitorResolved"),
        "works-elsewhere": to("It works on another network, not on mine", "visitorDns"),
        "still-broken": to("It fails on every network", "visitorSiteDown"),
      }),
    },
    // A stale or broken resolver can send a visitor to an old address (seeds).
    visitorDns: {
      meta: step("visitor-dns", "fix", "dns"),
      on: fixedOr("visitorResolved", "visitorIsp"),
    },
    visitorIsp: {
      meta: step("visitor-isp", "fix", "dns"),
      on: fixedOr("visitorResolved", "visitorSiteDown"),
    },
    visitorSiteDown: {
      meta: step("visitor-site-down", "outcome", "edge"),
      type: "final",
    },
    visitorResolved: {
      meta: step("visitor-resolved", "outcome", "browser"),
      type: "final",
    },

    // ── Owner: which error ───────────────────────────────────────────────
    // Each code points at a different layer: 502 an invalid upstream answer,
    // 504 no answer in time, 503 no capacity, 500 the app itself (signals).
    ownerWhichError: {
      meta: step("owner-which-error", "question", null),
      on: answers({
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
      }),
    },
    findStatusCode: {
      meta: step("find-status-code", "check", null),
      on: answers({
        "502": to("502", "whoRendered"),
        "504": to("504", "timeoutWhichLayer"),
        "503": to("503", "unavailableCause"),
        "500": to("500", "serverErrorApp"),
        "cloudflare-52x": to("520–530 (Cloudflare)", "cloudflareWhichCode"),
        "no-status": to("No status: the connection itself fails", "dnsRecords"),
        "certificate-error": to("A certificate warning instead of a page", "tlsUpstream"),
        "comes-and-goes": to("Sometimes an error, sometimes 200", "intermittentPattern"),
      }),
    },

    // ── Edge or origin (502) ─────────────────────────────────────────────
    // Branding misleads: key on headers (server, cf-ray, x-cache) to tell who
    // produced the page (signals: "Who produced the error").
    whoRendered: {
      meta: step("who-rendered", "question", "edge"),
      on: answers({
        "cdn-page": to(
          "A CDN page (Cloudflare, CloudFront…) with a ray or reference id",
          "cdnPage502",
        ),
        "server-page": to("A plain web-server page (nginx, Apache…)", "proxyUpstream"),
        "app-page": to("My application's own error page", "serverErrorApp"),
        "not-sure": to("I can't tell", "howToTellWhoRendered"),
      }),
    },
    howToTellWhoRendered: {
      meta: step("how-to-tell-who-rendered", "check", "edge"),
      on: answers({
        "cdn-page": to("CDN headers or markers", "cdnPage502"),
        "server-page": to("Web-server headers (server: nginx, Apache…)", "proxyUpstream"),
        "app-page": to("My app's headers and page", "serverErrorApp"),
      }),
    },
    // A Cloudflare-branded 502 usually means the origin returned 502 (signals),
    // so after ruling out a CDN incident the origin is tested directly.
    cdnPage502: {
      meta: step("cdn-page-502", "check", "edge"),
      on: answers({
        "cdn-incident": to("The CDN reports an incident", "cdnIncident"),
        "no-incident": to("No incident reported", "originDirect"),
      }),
    },
    cdnIncident: {
      meta: step("cdn-incident", "fix", "edge"),
      on: fixedOr("resolvedEdge", "originDirect"),
    },
    // Bypassing the CDN (curl --resolve) splits the path in two (seeds).
    originDirect: {
      meta: step("origin-direct", "check", "proxy"),
      on: {
        EVIDENCE: originDirectEvidence,
        ...answers({
          "origin-works": to("The origin answers fine directly", "edgeCannotReachOrigin"),
          "origin-fails": to("The origin itself answers with an error", "proxyUpstream"),
          "no-answer": to("The origin doesn't answer at all", "originDown"),
          "sometimes-fails": to("Some tries work, some fail", "intermittentPattern"),
          // A healthy but slow origin loses the race against the edge's timeout.
          slow: to("It answers, but slower than the CDN waits", "timeoutCdnLimit"),
          "no-origin-ip": to("I don't know the origin's address", "findOriginIp"),
        }),
      },
    },
    findOriginIp: {
      meta: step("find-origin-ip", "check", "dns"),
      on: answers({
        "found-it": to("I found it; test the origin", "originDirect"),
        "cant-find": to("I can't find it", "escalate"),
      }),
    },
    edgeCannotReachOrigin: {
      meta: step("edge-cannot-reach-origin", "check", "edge"),
      on: answers({
        firewall: to("A firewall may block the CDN", "firewallOrigin"),
        waf: to("A security rule or rate limit may block it", "wafRules"),
        dns: to("The CDN points at the wrong origin", "dnsCdnOriginSetting"),
        tls: to("TLS between CDN and origin fails", "tlsUpstream"),
        "none-of-these": to("None of these", "escalate"),
      }),
    },
    originDown: {
      meta: step("origin-down", "check", "proxy"),
      on: answers({
        "not-running": to("The web server isn't running", "restartWebServer"),
        running: to("It runs but can't be reached", "firewallOrigin"),
      }),
    },
    restartWebServer: {
      meta: step("restart-web-server", "fix", "proxy"),
      on: fixedOr("resolvedProcess", "firewallOrigin"),
    },
    // The proxy's error log names the upstream failure exactly (signals: log table).
    proxyUpstream: {
      meta: step("proxy-upstream", "check", "proxy"),
      on: answers({
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
    },
    findLogs: {
      meta: step("find-logs", "check", "proxy"),
      on: answers({
        "found-lines": to("I found error lines", "proxyUpstream"),
        "no-lines": to("There's nothing there", "recentChanges"),
      }),
    },

    // ── Cloudflare 52x ───────────────────────────────────────────────────
    // Cloudflare's codes each name one way the edge failed to get a usable
    // answer from the origin (signals: Cloudflare's 52x family).
    cloudflareWhichCode: {
      meta: step("cloudflare-which-code", "question", "edge"),
      on: answers({
        "520": to("520 Web server returned an unknown error", "cf520"),
        "521": to("521 Web server is down", "cf521"),
        "522": to("522 Connection timed out", "cf522"),
        "523": to("523 Origin is unreachable", "cf523"),
        "524": to("524 A timeout occurred", "cf524"),
        "525": to("525 SSL handshake failed", "cf525"),
        "526": to("526 Invalid SSL certificate", "cf526"),
        "530": to("530 (with a 1xxx error)", "cf530"),
        "502-or-504": to("A Cloudflare-branded 502 or 504", "cdnPage502"),
      }),
    },
    // 520: empty or unexpected answer, or response headers over 16 KB.
    cf520: {
      meta: step("cloudflare-520", "fix", "app"),
      on: fixedOr("resolvedEdge", "proxyUpstream"),
    },
    // 521: the origin refused the connection.
    cf521: {
      meta: step("cloudflare-521", "fix", "proxy"),
      on: fixedOr("resolvedEdge", "firewallOrigin"),
    },
    // 522: no SYN+ACK within 15 s — firewall drops, overload, wrong address.
    cf522: {
      meta: step("cloudflare-522", "fix", "proxy"),
      on: fixedOr("resolvedEdge", "resourcesCheck"),
    },
    // 523: no route to the origin — usually a wrong A/AAAA record.
    cf523: { meta: step("cloudflare-523", "fix", "dns"), on: fixedOr("resolvedDns", "dnsRecords") },
    // 524: connected, but no HTTP answer within 100 s.
    cf524: {
      meta: step("cloudflare-524", "fix", "app"),
      on: fixedOr("resolvedTimeouts", "timeoutSlowApp"),
    },
    // 525: the TLS handshake with the origin failed.
    cf525: {
      meta: step("cloudflare-525", "fix", "proxy"),
      on: fixedOr("resolvedTls", "tlsUpstream"),
    },
    // 526: the origin certificate is invalid under Full (strict).
    cf526: { meta: step("cloudflare-526", "fix", "proxy"), on: fixedOr("resolvedTls", "tlsRenew") },
    // 530 comes with a 1xxx code; 1016 is an origin DNS error.
    cf530: { meta: step("cloudflare-530", "fix", "dns"), on: fixedOr("resolvedDns", "dnsRecords") },

    // ── 503 and 500 ──────────────────────────────────────────────────────
    // 503: overload, maintenance or no healthy backends; Apache mod_proxy also
    // answers a backend it cannot reach with 503 (signals).
    unavailableCause: {
      meta: step("unavailable-cause", "question", "proxy"),
      on: answers({
        maintenance: to("The site is in maintenance mode", "maintenanceMode"),
        overload: to("It's overloaded (traffic spike, slow pages)", "resourcesCheck"),
        "no-backends": to("No healthy backends / backend down", "appDown"),
        // Fastly/Varnish report a first-byte timeout as 503 (signals: Fastly row).
        timeout: to("It says timeout (e.g. first byte timeout)", "timeoutWhichLayer"),
        // nginx limit_req answers 503 by default and logs "limiting requests" (nginx docs).
        "rate-limited": to("A rate limit refused the request", "wafRules"),
        "not-sure": to("I don't know", "proxyUpstream"),
      }),
    },
    maintenanceMode: {
      meta: step("maintenance-mode", "fix", "app"),
      on: fixedOr("resolvedDeploy", "resourcesCheck"),
    },
    serverErrorApp: {
      meta: step("server-error-app", "check", "app"),
      on: answers({
        "after-change": to("It started after a change", "recentChanges"),
        "resource-errors": to("The logs show memory or database errors", "resourcesCheck"),
        "crash-in-logs": to("The app crashes or restarts", "appCrashing"),
        "not-sure": to("I can't find the cause", "findLogs"),
      }),
    },

    // ── Timeouts (504) ───────────────────────────────────────────────────
    // The layer with the shortest limit gives up first, and the elapsed time
    // usually equals that limit (Cloudflare 100 s, CloudFront 30 s, ALB idle
    // 60 s, nginx proxy_read_timeout 60 s — signals; nginx docs).
    timeoutWhichLayer: {
      meta: step("timeout-which-layer", "question", "proxy"),
      on: answers({
        cdn: to("The CDN's page (Cloudflare 524, CloudFront 504…)", "timeoutCdnLimit"),
        "load-balancer": to("The load balancer's page (ALB, Google LB…)", "timeoutLoadBalancer"),
        proxy: to("My web server's page (nginx, Apache…)", "timeoutProxyRead"),
        "not-sure": to("I can't tell", "timeoutMeasure"),
      }),
    },
    timeoutMeasure: {
      meta: step("timeout-measure", "check", "proxy"),
      on: answers({
        cdn: to("It gives up at the CDN's limit", "timeoutCdnLimit"),
        "load-balancer": to("It gives up at the load balancer's limit", "timeoutLoadBalancer"),
        proxy: to("It gives up at my proxy's limit", "timeoutProxyRead"),
        // A 504 within a second or two is no wait at all: a layer already
        // considers the backend unusable, so its error log says why.
        "instant-504": to("The 504 comes back almost at once", "proxyUpstream"),
      }),
    },
    timeoutProxyRead: {
      meta: step("timeout-proxy-read", "check", "proxy"),
      on: answers({
        "app-slow": to("The app is slow even directly", "timeoutSlowApp"),
        "app-fast": to("The app answers fast directly", "firewallOrigin"),
      }),
    },
    timeoutSlowApp: {
      meta: step("timeout-slow-app", "question", "app"),
      on: answers({
        database: to("Database queries", "dbSlowQueries"),
        "long-task": to("A long task (report, export, import)", "timeoutBackgroundJobs"),
        "external-api": to("Calls to another service or API", "timeoutExternalCalls"),
        "everything-slow": to("Everything is slow", "resourcesCheck"),
        "not-sure": to("I don't know what's slow", "tracingSlowRequests"),
      }),
    },
    tracingSlowRequests: {
      meta: step("tracing-slow-requests", "check", "app"),
      on: answers({
        database: to("Database queries", "dbSlowQueries"),
        "long-task": to("A long task", "timeoutBackgroundJobs"),
        "external-api": to("Calls to another service", "timeoutExternalCalls"),
        "everything-slow": to("Everything is slow", "resourcesCheck"),
      }),
    },
    timeoutBackgroundJobs: {
      meta: step("timeout-background-jobs", "fix", "app"),
      on: fixedOr("resolvedTimeouts", "timeoutRaiseLimits"),
    },
    timeoutExternalCalls: {
      meta: step("timeout-external-calls", "fix", "app"),
      on: fixedOr("resolvedTimeouts", "timeoutRaiseLimits"),
    },
    // Raising limits is a stopgap; each outer layer should wait a little
    // longer than the one inside it (SRE practice).
    timeoutRaiseLimits: {
      meta: step("timeout-raise-limits", "fix", "proxy"),
      on: fixedOr("resolvedTimeouts", "resourcesCheck"),
    },
    timeoutCdnLimit: {
      meta: step("timeout-cdn-limit", "fix", "edge"),
      on: fixedOr("resolvedTimeouts", "timeoutSlowApp"),
    },
    timeoutLoadBalancer: {
      meta: step("timeout-load-balancer", "fix", "proxy"),
      on: fixedOr("resolvedTimeouts", "timeoutSlowApp"),
    },

    // ── Firewall and WAF ─────────────────────────────────────────────────
    // An origin that drops the CDN's packets shows as 522/504; one that
    // rejects them as 521/502 (signals).
    firewallOrigin: {
      meta: step("firewall-origin", "fix", "proxy"),
      on: fixedOr("resolvedEdge", "wafRules"),
    },
    wafRules: {
      meta: step("waf-rules", "fix", "edge"),
      on: fixedOr("resolvedEdge", "escalate"),
    },

    // ── DNS ──────────────────────────────────────────────────────────────
    dnsRecords: {
      meta: step("dns-records", "check", "dns"),
      on: {
        EVIDENCE: dnsRecordsEvidence,
        ...answers({
          correct: to("The records point at the right server", "originDirect"),
          "wrong-or-missing": to("A record is wrong or missing", "dnsFixRecord"),
          "recently-moved": to("We moved recently; answers differ", "dnsPropagation"),
          "cdn-origin-wrong": to("The CDN's origin setting is wrong", "dnsCdnOriginSetting"),
        }),
      },
    },
    dnsFixRecord: {
      meta: step("dns-fix-record", "fix", "dns"),
      on: fixedOr("resolvedDns", "dnsPropagation"),
    },
    dnsPropagation: {
      meta: step("dns-propagation", "fix", "dns"),
      on: fixedOr("resolvedDns", "escalate"),
    },
    dnsCdnOriginSetting: {
      meta: step("dns-cdn-origin-setting", "fix", "edge"),
      on: fixedOr("resolvedDns", "firewallOrigin"),
    },
    // nginx resolves upstream names at start-up unless told where to resolve
    // at run time (signals: "no resolver defined to resolve").
    dnsUpstreamResolver: {
      meta: step("dns-upstream-resolver", "fix", "proxy"),
      on: fixedOr("resolvedConfig", "appDown"),
    },

    // ── Deploys, plugins, configuration, the app process ─────────────────
    recentChanges: {
      meta: step("recent-changes", "question", "app"),
      on: answers({
        deploy: to("We deployed new code", "deployRollback"),
        "plugin-or-theme": to("A plugin, theme or package was updated", "pluginsDisable"),
        "config-change": to("Server or proxy configuration changed", "configRevert"),
        "nothing-changed": to("Nothing changed", "resourcesCheck"),
        "not-sure": to("I don't know", "changeAudit"),
      }),
    },
    changeAudit: {
      meta: step("change-audit", "check", "app"),
      on: answers({
        deploy: to("A deploy", "deployRollback"),
        "plugin-or-theme": to("A plugin, theme or package update", "pluginsDisable"),
        "config-change": to("A configuration change", "configRevert"),
        "nothing-changed": to("Nothing changed", "resourcesCheck"),
      }),
    },
    deployRollback: {
      meta: step("deploy-rollback", "fix", "app"),
      on: fixedOr("resolvedDeploy", "resourcesCheck"),
    },
    pluginsDisable: {
      meta: step("plugins-disable", "fix", "app"),
      on: fixedOr("resolvedDeploy", "resourcesCheck"),
    },
    configRevert: {
      meta: step("config-revert", "fix", "proxy"),
      on: fixedOr("resolvedConfig", "proxyUpstream"),
    },
    // "connect() failed (111: Connection refused)": nothing listens where the
    // proxy sends requests (signals).
    appDown: {
      meta: step("app-down", "fix", "app"),
      on: fixedOr("resolvedProcess", "appCrashing"),
    },
    // "upstream prematurely closed", Gunicorn "WORKER TIMEOUT" and SIGKILL:
    // the app starts but dies mid-request (signals).
    appCrashing: {
      meta: step("app-crashing", "check", "app"),
      on: answers({
        "out-of-memory": to("It's killed for memory (OOM)", "memoryOom"),
        "worker-timeout": to("Workers time out", "timeoutSlowApp"),
        "after-change": to("It began after a change", "recentChanges"),
        "not-sure": to("I don't know why", "changeAudit"),
      }),
    },

    // ── Resources and database ───────────────────────────────────────────
    resourcesCheck: {
      meta: step("resources-check", "check", "app"),
      on: answers({
        "pool-full": to("Worker pool is full (max_children, workers)", "workerPool"),
        "out-of-memory": to("Out of memory", "memoryOom"),
        database: to("Database connections or load", "dbConnections"),
        "traffic-spike": to("A traffic spike", "scaleOut"),
        "nothing-obvious": to("Nothing obvious", "intermittentPattern"),
      }),
    },
    // PHP-FPM "server reached pm.max_children" and EAGAIN on its socket (signals).
    workerPool: {
      meta: step("worker-pool", "fix", "app"),
      on: fixedOr("resolvedCapacity", "memoryOom"),
    },
    memoryOom: {
      meta: step("memory-oom", "fix", "app"),
      on: fixedOr("resolvedCapacity", "scaleOut"),
    },
    dbConnections: {
      meta: step("db-connections", "fix", "database"),
      on: fixedOr("resolvedCapacity", "dbSlowQueries"),
    },
    dbSlowQueries: {
      meta: step("db-slow-queries", "fix", "database"),
      on: fixedOr("resolvedTimeouts", "timeoutBackgroundJobs"),
    },
    scaleOut: {
      meta: step("scale-out", "fix", "app"),
      on: fixedOr("resolvedCapacity", "escalate"),
    },

    // ── TLS between proxy/CDN and origin ─────────────────────────────────
    // nginx "SSL_do_handshake() failed" and "upstream SSL certificate verify
    // error"; CloudFront 502 for name mismatch, bad chain or no common
    // protocol (signals).
    tlsUpstream: {
      meta: step("tls-upstream", "check", "proxy"),
      on: {
        EVIDENCE: tlsUpstreamEvidence,
        ...answers({
          expired: to("The certificate has expired", "tlsRenew"),
          "incomplete-chain": to("The chain is incomplete", "tlsChain"),
          "name-mismatch": to("The name doesn't match (SNI)", "tlsSni"),
          "protocol-or-cipher": to("No common protocol or cipher", "tlsProtocol"),
          // s_client's "wrong version number": TLS spoken to a plain-HTTP port.
          "wrong-version": to(
            "“wrong version number”: that port isn't TLS",
            "malformedInvalidResponse",
          ),
          "looks-fine": to("The certificate looks fine", "proxyUpstream"),
        }),
      },
    },
    tlsRenew: { meta: step("tls-renew", "fix", "proxy"), on: fixedOr("resolvedTls", "tlsChain") },
    tlsChain: { meta: step("tls-chain", "fix", "proxy"), on: fixedOr("resolvedTls", "tlsSni") },
    tlsSni: { meta: step("tls-sni", "fix", "proxy"), on: fixedOr("resolvedTls", "tlsProtocol") },
    tlsProtocol: {
      meta: step("tls-protocol", "fix", "proxy"),
      on: fixedOr("resolvedTls", "escalate"),
    },

    // ── Malformed responses ──────────────────────────────────────────────
    // "upstream sent too big header": raise proxy/fastcgi buffers; Cloudflare
    // answers 520 past 16 KB of headers (signals).
    malformedHeadersTooBig: {
      meta: step("malformed-headers-too-big", "fix", "app"),
      on: fixedOr("resolvedConfig", "malformedInvalidResponse"),
    },
    // "upstream sent invalid header": wrong protocol or port upstream (signals).
    malformedInvalidResponse: {
      meta: step("malformed-invalid-response", "fix", "app"),
      on: fixedOr("resolvedConfig", "appCrashing"),
    },

    // ── Intermittent failures ────────────────────────────────────────────
    // One bad node, keep-alive races (target idle timeout shorter than the
    // load balancer's) and connection limits cause most intermittent 502s.
    intermittentPattern: {
      meta: step("intermittent-pattern", "question", "proxy"),
      on: answers({
        "one-server": to("Failures come from one server of several", "badNode"),
        "after-idle": to("After quiet periods, or at random with resets", "keepAliveMismatch"),
        "under-load": to("Under load", "connectionLimits"),
        "not-sure": to("I can't see a pattern", "tracingRequests"),
      }),
    },
    tracingRequests: {
      meta: step("tracing-requests", "check", "proxy"),
      on: answers({
        "one-server": to("One server", "badNode"),
        "after-idle": to("Idle connections / resets", "keepAliveMismatch"),
        "under-load": to("Under load", "connectionLimits"),
        "still-unclear": to("Still unclear", "escalate"),
      }),
    },
    badNode: {
      meta: step("bad-node", "fix", "proxy"),
      on: fixedOr("resolvedIntermittent", "connectionLimits"),
    },
    // Node's keepAliveTimeout defaults to 5 s; ALB keeps idle connections 60 s
    // and reuses ones the target already closed (signals).
    keepAliveMismatch: {
      meta: step("keep-alive-mismatch", "fix", "proxy"),
      on: fixedOr("resolvedIntermittent", "connectionLimits"),
    },
    connectionLimits: {
      meta: step("connection-limits", "fix", "proxy"),
      on: fixedOr("resolvedIntermittent", "tracingRequests"),
    },

    // ── Outcomes ─────────────────────────────────────────────────────────
    // Each resolved outcome carries the prevention steps for its cause family.
    resolvedProcess: { meta: step("resolved-process", "outcome", "app"), type: "final" },
    resolvedConfig: { meta: step("resolved-config", "outcome", "proxy"), type: "final" },
    resolvedDeploy: { meta: step("resolved-deploy", "outcome", "app"), type: "final" },
    resolvedCapacity: { meta: step("resolved-capacity", "outcome", "app"), type: "final" },
    resolvedTimeouts: { meta: step("resolved-timeouts", "outcome", "app"), type: "final" },
    resolvedTls: { meta: step("resolved-tls", "outcome", "proxy"), type: "final" },
    resolvedDns: { meta: step("resolved-dns", "outcome", "dns"), type: "final" },
    resolvedEdge: { meta: step("resolved-edge", "outcome", "edge"), type: "final" },
    resolvedIntermittent: {
      meta: step("resolved-intermittent", "outcome", "proxy"),
      type: "final",
    },
    escalate: { meta: step("escalate", "outcome", null), type: "final" },
  },
});

export type DiagnosisMachine = typeof diagnosisMachine;
