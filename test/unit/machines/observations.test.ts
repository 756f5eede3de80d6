import { describe, expect, it } from "vitest";
import type { VerdictFacts, VerdictObserved } from "@/lib/probe/verdict";
import { OBSERVABLE_ANSWERS, observationFor } from "@/machines/observations";
import { getStep } from "@/machines/steps";

const phases = (seen: Partial<VerdictObserved>): VerdictObserved => ({
  dnsResolved: false,
  connected: false,
  tlsHandshake: false,
  httpResponse: false,
  gateway: null,
  ...seen,
});

function verdict(facts: Partial<VerdictFacts> & Pick<VerdictFacts, "code">): VerdictFacts {
  return { status: null, layer: "unknown", vendor: null, cause: null, ...facts };
}

const answered = (vendor: string | null, status: number, cause: VerdictFacts["cause"] = null) =>
  verdict({
    code: status === 504 ? "gateway-timeout" : status === 503 ? "unavailable" : "bad-gateway",
    status,
    vendor,
    cause,
    observed: phases({ dnsResolved: true, connected: true, httpResponse: true, gateway: vendor }),
  });

/**
 * For every answer a check may give: a verdict whose observation supports it, and a near miss
 * that looks alike but must not (the same field with another value, or the fact unobserved).
 */
const CASES: Record<string, Record<string, [supports: VerdictFacts, nearMiss: VerdictFacts]>> = {
  ownerWhichError: {
    "502": [answered("nginx", 502), answered("nginx", 504)],
    "504": [answered("nginx", 504), answered("nginx", 502)],
    "503": [answered("varnish", 503), answered("varnish", 500)],
    "500": [answered(null, 500), answered(null, 503)],
    "cloudflare-52x": [answered("cloudflare", 521), answered("cloudflare", 502)],
    "no-status": [
      verdict({ code: "connect-refused", observed: phases({ dnsResolved: true }) }),
      verdict({ code: "tls-expired", observed: phases({ connected: true }) }),
    ],
    "certificate-error": [verdict({ code: "tls-untrusted" }), verdict({ code: "connect-refused" })],
    "comes-and-goes": [
      { ...answered("nginx", 502), intermittent: true },
      // A healthy check while the owner sees errors is not an observation of errors coming and going.
      verdict({ code: "ok", status: 200, observed: phases({ httpResponse: true }) }),
    ],
  },
  cloudflareWhichCode: {
    "520": [answered("cloudflare", 520), answered("cloudflare", 521)],
    "521": [answered("cloudflare", 521), answered("cloudflare", 522)],
    "522": [answered("cloudflare", 522), answered("cloudflare", 523)],
    "523": [answered("cloudflare", 523), answered("cloudflare", 522)],
    "524": [answered("cloudflare", 524), answered("cloudflare", 504)],
    "525": [answered("cloudflare", 525), answered("cloudflare", 526)],
    "526": [answered("cloudflare", 526), answered("cloudflare", 525)],
    "530": [answered("cloudflare", 530), answered("cloudflare", 520)],
    "502-or-504": [answered("cloudflare", 502), answered("nginx", 502)],
  },
  whoRendered: {
    "cdn-page": [answered("cloudfront", 502), answered("nginx", 502)],
    "server-page": [answered("haproxy", 502), answered(null, 502)],
    "app-page": [answered("gunicorn", 500), answered("nginx", 500)],
  },
  timeoutWhichLayer: {
    cdn: [answered("cloudfront", 504), answered("aws-alb", 504)],
    "load-balancer": [answered("aws-alb", 504), answered("cloudfront", 504)],
    proxy: [answered("nginx", 504), answered(null, 504)],
  },
  proxyUpstream: {
    "connection-refused": [
      answered("apache", 502, "upstream-refused"),
      answered("apache", 502, "upstream-timeout"),
    ],
    "timed-out": [answered("apache", 502, "upstream-timeout"), answered("apache", 502)],
    "prematurely-closed": [
      answered("lighttpd", 502, "upstream-closed"),
      answered("lighttpd", 502, "upstream-refused"),
    ],
    "too-big-header": [
      answered("nginx", 502, "headers-too-large"),
      answered("nginx", 502, "upstream-invalid-response"),
    ],
    "invalid-header": [
      answered("squid", 502, "upstream-invalid-response"),
      answered("squid", 502, "headers-too-large"),
    ],
    "ssl-handshake": [
      answered("haproxy", 503, "upstream-tls"),
      // A certificate problem of the site itself is not the proxy's handshake with its upstream.
      verdict({ code: "tls-expired" }),
    ],
    "could-not-resolve": [
      answered("nginx", 502, "upstream-dns"),
      verdict({ code: "dns-nxdomain", cause: null }),
    ],
    "no-live-upstreams": [
      answered("haproxy", 503, "no-healthy-upstream"),
      answered("haproxy", 503, "upstream-refused"),
    ],
  },
  unavailableCause: {
    "no-backends": [answered("varnish", 503, "upstream-refused"), answered("varnish", 503)],
    timeout: [
      answered("varnish", 503, "upstream-timeout"),
      answered("varnish", 503, "upstream-closed"),
    ],
  },
  dnsRecords: {
    "wrong-or-missing": [
      verdict({ code: "dns-nxdomain", layer: "dns" }),
      verdict({ code: "dns-error", layer: "dns" }),
    ],
    correct: [
      answered("nginx", 502),
      // A bare IP address: no lookup happened, so nothing about the records was observed.
      verdict({
        code: "no-response",
        observed: phases({ connected: true }),
      }),
    ],
  },
  originDirect: {
    "no-answer": [verdict({ code: "connect-timeout" }), verdict({ code: "no-response" })],
    "sometimes-fails": [{ ...answered("nginx", 502), intermittent: true }, answered("nginx", 502)],
  },
  originDown: {
    "not-running": [verdict({ code: "connect-refused" }), verdict({ code: "connect-timeout" })],
  },
  tlsUpstream: {
    expired: [verdict({ code: "tls-expired" }), verdict({ code: "tls-self-signed" })],
    "incomplete-chain": [
      verdict({ code: "tls-incomplete-chain" }),
      verdict({ code: "tls-untrusted" }),
    ],
    "name-mismatch": [
      verdict({ code: "tls-hostname-mismatch" }),
      verdict({ code: "tls-incomplete-chain" }),
    ],
    "protocol-or-cipher": [
      verdict({ code: "tls-handshake-failed" }),
      verdict({ code: "connection-closed" }),
    ],
    "looks-fine": [
      verdict({
        code: "ok",
        status: 200,
        observed: phases({
          dnsResolved: true,
          connected: true,
          tlsHandshake: true,
          httpResponse: true,
        }),
      }),
      // A healthy plain-HTTP answer says nothing about a certificate.
      verdict({
        code: "ok",
        status: 200,
        observed: phases({ connected: true, httpResponse: true }),
      }),
    ],
  },
};
// States that ask the same question with other words share their answers' observations.
CASES.findStatusCode = CASES.ownerWhichError!;
CASES.howToTellWhoRendered = CASES.whoRendered!;
CASES.timeoutMeasure = CASES.timeoutWhichLayer!;

describe("answers a check may give", () => {
  it("name real answers of real states", () => {
    for (const [stateId, answers] of Object.entries(OBSERVABLE_ANSWERS)) {
      const step = getStep(stateId);
      expect(step, stateId).toBeDefined();
      const offered = step!.answers.map((option) => option.answer);
      for (const answer of Object.keys(answers)) expect(offered, stateId).toContain(answer);
    }
  });

  it("each have a supporting and a near-miss case below", () => {
    for (const [stateId, answers] of Object.entries(OBSERVABLE_ANSWERS)) {
      for (const answer of Object.keys(answers)) {
        expect(CASES[stateId]?.[answer], `${stateId} → ${answer}`).toBeDefined();
      }
    }
  });

  const rows = Object.entries(CASES).flatMap(([stateId, answers]) =>
    Object.entries(answers).map(([answer, [supports, nearMiss]]) => ({
      stateId,
      answer,
      supports,
      nearMiss,
    })),
  );

  it.each(rows)("$stateId → $answer: observed only when the check saw it", (row) => {
    const observation = observationFor(row.stateId, row.answer, row.supports);
    expect(observation).toMatch(/\w/);
    expect(observationFor(row.stateId, row.answer, row.nearMiss)).toBeNull();
  });

  it("never observes an answer no entry lists", () => {
    expect(
      observationFor("timeoutProxyRead", "app-slow", answered("nginx", 504, "upstream-timeout")),
    ).toBeNull();
    expect(observationFor("intermittentPattern", "one-server", answered("nginx", 502))).toBeNull();
  });
});
