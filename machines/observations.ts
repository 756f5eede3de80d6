/**
 * Which answers a live check may give on the person's behalf, and the observation behind each.
 *
 * A check moves the diagnosis by a path of answers from the start to the state that fixes what
 * it saw. Some of those answers state facts the check observed ("502 Bad Gateway": the response
 * said 502), others only lie on the way ("The records point at the right server" when the check
 * never looked a name up). Only the first kind may be shown as "answered by the check", and the
 * trail shows the observation beside it; the rest are shown as assumed, for the person to
 * confirm or change.
 *
 * Each entry returns the observation in plain words when the verdict supports the answer, or
 * null when it does not. The path search (machines/evidence.ts) prefers observed answers, so an
 * assumed one appears only where no observed path leads to the diagnosis.
 */
import type { VerdictFacts, VerdictObserved } from "@/lib/probe/verdict";
import { isGateway, productRole } from "@/lib/products/registry";
import type { StateId } from "./diagnosis.machine";

/** Supports one answer: the observation in plain words, or null. */
type Observation = (facts: VerdictFacts) => string | null;

/**
 * What the probe saw, for verdicts that carry it; older links and hand-written verdicts carry
 * only the code and status, from which the phases that must have happened are read back.
 */
export function observedOf(facts: VerdictFacts): VerdictObserved {
  if (facts.observed) return facts.observed;
  const answered = facts.status !== null || facts.code === "malformed-response";
  return {
    dnsResolved: false,
    connected: answered || ["no-response", "connection-closed"].includes(facts.code),
    tlsHandshake: false,
    httpResponse: answered,
    gateway: isGateway(facts.vendor) ? facts.vendor : null,
  };
}

/**
 * Where a vendor sits, as far as the wizard's questions care, from the product registry. A
 * hosting platform's router is neither the owner's proxy nor a CDN they configure, so it
 * supports none of the "whose page is it" answers.
 */
function roleOf(vendor: string | null): "cdn" | "load-balancer" | "proxy" | "app" | null {
  switch (productRole(vendor)) {
    case "cdn":
      return "cdn";
    case "load-balancer":
      return "load-balancer";
    case "reverse-proxy":
      return "proxy";
    case "app-server":
      return "app";
    default:
      return null;
  }
}

const statusIs =
  (status: number): Observation =>
  (facts) =>
    facts.status === status ? `the response's status was ${status}` : null;

const samplesDisagree: Observation = (facts) =>
  facts.intermittent === true ? "some samples failed and others succeeded" : null;

/** The response named the upstream failure itself (a reason phrase, page text, header). */
const causeIs =
  (...causes: readonly NonNullable<VerdictFacts["cause"]>[]): Observation =>
  (facts) =>
    facts.cause !== null && causes.includes(facts.cause) && observedOf(facts).httpResponse
      ? `the gateway's answer says so (${facts.cause.replace(/-/g, " ")})`
      : null;

const codeIs =
  (words: string, ...codes: readonly VerdictFacts["code"][]): Observation =>
  (facts) =>
    codes.includes(facts.code) ? words : null;

const whoAnswered = (facts: VerdictFacts) => `the response came from ${facts.vendor}`;

const whichStatus: Record<string, Observation> = {
  "502": statusIs(502),
  "504": statusIs(504),
  "503": statusIs(503),
  "500": statusIs(500),
  "cloudflare-52x": (facts) =>
    facts.status !== null && facts.status >= 520 && facts.status <= 530
      ? `the response's status was ${facts.status}`
      : null,
  // "Can't reach the site at all": the check got no HTTP answer and no certificate problem.
  "no-status": (facts) =>
    !observedOf(facts).httpResponse && !facts.code.startsWith("tls-")
      ? "no HTTP response arrived"
      : null,
  "certificate-error": (facts) =>
    facts.code.startsWith("tls-") ? "the certificate check failed" : null,
  "comes-and-goes": samplesDisagree,
};

const whichRenderer: Record<string, Observation> = {
  "cdn-page": (facts) => (roleOf(facts.vendor) === "cdn" ? whoAnswered(facts) : null),
  "server-page": (facts) =>
    roleOf(facts.vendor) === "proxy" || roleOf(facts.vendor) === "load-balancer"
      ? whoAnswered(facts)
      : null,
  "app-page": (facts) => (roleOf(facts.vendor) === "app" ? whoAnswered(facts) : null),
};

const whichTimeoutLayer: Record<string, Observation> = {
  cdn: (facts) => (roleOf(facts.vendor) === "cdn" ? whoAnswered(facts) : null),
  "load-balancer": (facts) =>
    roleOf(facts.vendor) === "load-balancer" ? whoAnswered(facts) : null,
  proxy: (facts) => (roleOf(facts.vendor) === "proxy" ? whoAnswered(facts) : null),
};

/**
 * Per state, the answers a check can support. Answers not listed are never observed. Keyed by
 * state id (`satisfies`), so a renamed state fails to compile here instead of silently losing
 * its observations.
 */
export const OBSERVABLE_ANSWERS: Readonly<Record<string, Readonly<Record<string, Observation>>>> = {
  ownerWhichError: whichStatus,
  findStatusCode: whichStatus,
  cloudflareWhichCode: {
    ...Object.fromEntries(
      ["520", "521", "522", "523", "524", "525", "526", "530"].map((code) => [
        code,
        statusIs(Number(code)),
      ]),
    ),
    "502-or-504": (facts) =>
      roleOf(facts.vendor) === "cdn" && (facts.status === 502 || facts.status === 504)
        ? `${facts.vendor} answered with status ${facts.status}`
        : null,
  },
  whoRendered: whichRenderer,
  howToTellWhoRendered: whichRenderer,
  timeoutWhichLayer: whichTimeoutLayer,
  timeoutMeasure: whichTimeoutLayer,
  // What the proxy's error log would say, when its own answer already says it.
  proxyUpstream: {
    "connection-refused": causeIs("upstream-refused"),
    "timed-out": causeIs("upstream-timeout"),
    "prematurely-closed": causeIs("upstream-closed"),
    "too-big-header": causeIs("headers-too-large"),
    "invalid-header": causeIs("upstream-invalid-response"),
    "ssl-handshake": causeIs("upstream-tls", "upstream-tls-invalid-certificate"),
    "could-not-resolve": causeIs("upstream-dns"),
    "no-live-upstreams": causeIs("no-healthy-upstream"),
  },
  unavailableCause: {
    "no-backends": causeIs("no-healthy-upstream", "upstream-refused"),
    timeout: causeIs("upstream-timeout"),
  },
  dnsRecords: {
    "wrong-or-missing": codeIs("the name has no address records", "dns-nxdomain", "dns-no-records"),
    // Resolving the name is not proof the address is right, but a server there answering
    // HTTP is what "point at the right server" asks the person to confirm.
    correct: (facts) =>
      observedOf(facts).dnsResolved && observedOf(facts).httpResponse
        ? "the name resolved and a web server answered at that address"
        : null,
  },
  originDirect: {
    "no-answer": codeIs(
      "the connection to the origin failed",
      "connect-refused",
      "connect-timeout",
      "unreachable",
    ),
    "sometimes-fails": samplesDisagree,
  },
  originDown: {
    // Refused means the host answered and nothing listens on the port.
    "not-running": codeIs("the connection was refused: nothing listens there", "connect-refused"),
  },
  tlsUpstream: {
    expired: codeIs(
      "the certificate is out of its validity dates",
      "tls-expired",
      "tls-not-yet-valid",
    ),
    "incomplete-chain": codeIs("the chain is missing an intermediate", "tls-incomplete-chain"),
    "name-mismatch": codeIs("the certificate names other hosts", "tls-hostname-mismatch"),
    "protocol-or-cipher": codeIs("the TLS handshake failed", "tls-handshake-failed"),
    "looks-fine": (facts) =>
      facts.code === "ok" && observedOf(facts).tlsHandshake
        ? "the certificate was valid and the handshake completed"
        : null,
  },
  intermittentPattern: {},
} satisfies Partial<Record<StateId, Readonly<Record<string, Observation>>>>;

/** The observation that supports answering `answer` at `stateId`, or null. */
export function observationFor(
  stateId: string,
  answer: string,
  facts: VerdictFacts,
): string | null {
  return OBSERVABLE_ANSWERS[stateId]?.[answer]?.(facts) ?? null;
}
