import { describe, expect, it } from "vitest";
import { classifySample, summarise } from "@/lib/probe/classify";
import type { ProbeSample } from "@/lib/probe/connection";
import { VERDICT_CAUSES, VERDICT_CODES, VERDICT_LAYERS } from "@/lib/probe/verdict";
import { detectVendor } from "@/lib/probe/vendors";
import { permalinkForVerdict } from "@/machines/evidence";

// Pure classification of what a sample saw. The lab tests drive the same code
// with real servers; these cover what loopback cannot produce (no route to a
// host) and vendors the lab does not run.

function sample(overrides: Partial<ProbeSample>): ProbeSample {
  return {
    address: "203.0.113.10",
    phases: { dns: 1, connect: 2, tls: null, firstByte: 3, total: 7 },
    failedPhase: null,
    error: null,
    tls: null,
    response: null,
    ...overrides,
  };
}

function page(status: number, headers: Record<string, string>, body = ""): ProbeSample {
  return sample({
    response: {
      status,
      statusText: "",
      httpVersion: "1.1",
      headers,
      bodyExcerpt: body,
      bodyBytes: body.length,
      bodyComplete: true,
    },
    allHeaders: headers,
  });
}

describe("verdicts for connection failures", () => {
  it.each(["EHOSTUNREACH", "ENETUNREACH"] as const)(
    "%s is unreachable at the network layer",
    (code) => {
      const verdict = classifySample(
        sample({
          failedPhase: "connect",
          error: { code, message: "no route" },
          phases: { dns: 1, connect: null, tls: null, firstByte: null, total: 5 },
        }),
      );
      expect(verdict).toMatchObject({
        code: "unreachable",
        layer: "network",
        status: null,
        vendor: null,
      });
      expect(verdict.explanation).toContain("203.0.113.10");
    },
  );
});

describe("vendors by their own markers", () => {
  it.each([
    [
      { server: "envoy" },
      "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
      503,
      "envoy",
      "upstream-closed",
    ],
    [{}, "no healthy upstream", 503, "envoy", "no-healthy-upstream"],
    [
      {},
      "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>",
      503,
      "haproxy",
      "no-healthy-upstream",
    ],
    [
      {},
      "<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>",
      504,
      "haproxy",
      "upstream-timeout",
    ],
    [
      { server: "Apache/2.4.62 (Debian)" },
      "<h1>Proxy Error</h1><p>The proxy server received an invalid response from an upstream server.</p>",
      502,
      "apache",
      null,
    ],
    [{ via: "1.1 google" }, "", 502, "google", null],
    // One id per product (the registry's): x-azure-ref is Front Door's header.
    [{ "x-azure-ref": "0abc" }, "OriginTimeout", 504, "azure-front-door", "upstream-timeout"],
    [
      { server: "Vercel", "x-vercel-error": "FUNCTION_INVOCATION_TIMEOUT" },
      "",
      504,
      "vercel",
      "upstream-timeout",
    ],
    [{ server: "AkamaiGHost" }, "", 503, "akamai", null],
    [
      { server: "Microsoft-IIS/10.0" },
      "502 - Web server received an invalid response while acting as a gateway or proxy server.",
      502,
      "iis",
      null,
    ],
    [{ server: "Caddy" }, "", 502, "caddy", null],
  ] as const)("%j + body → %s", (headers, body, status, vendor, cause) => {
    const verdict = classifySample(page(status, { ...headers }, body));
    expect(verdict.vendor).toBe(vendor);
    expect(verdict.cause).toBe(cause);
  });

  it("prefers headers to branding in the body: an nginx page relayed by Cloudflare is Cloudflare's answer", () => {
    const findings = detectVendor(
      { server: "cloudflare", "cf-ray": "8f3a2c1d4b5e6f70-AMS" },
      "<center>nginx/1.25.3</center>",
      502,
    );
    expect(findings.vendor).toBe("cloudflare");
    expect(findings.reference).toBe("8f3a2c1d4b5e6f70-AMS");
  });

  it("does not call a plain 403 a block page", () => {
    expect(
      classifySample(page(403, { "content-type": "text/html" }, "<h1>Forbidden</h1>")).code,
    ).toBe("ok");
    expect(classifySample(page(403, { server: "nginx" }, "<center>nginx</center>")).code).toBe(
      "ok",
    );
  });

  it("calls a Cloudflare challenge and an AWS WAF block blocked", () => {
    expect(
      classifySample(
        page(
          403,
          { server: "cloudflare", "cf-ray": "1-LHR", "cf-mitigated": "challenge" },
          "Just a moment...",
        ),
      ).code,
    ).toBe("blocked");
    expect(classifySample(page(429, { "x-amzn-waf-action": "block" }, "")).code).toBe("blocked");
  });

  it("classifies status codes into the gateway vocabulary", () => {
    expect(classifySample(page(500, {})).code).toBe("server-error");
    expect(classifySample(page(500, {})).layer).toBe("app");
    expect(classifySample(page(502, {})).code).toBe("bad-gateway");
    expect(classifySample(page(503, { "retry-after": "120" })).explanation).toContain(
      "retry after 120",
    );
    expect(classifySample(page(504, {})).cause).toBe("upstream-timeout");
    expect(classifySample(page(520, { server: "cloudflare" })).cause).toBe(
      "upstream-invalid-response",
    );
    expect(classifySample(page(523, { server: "cloudflare" })).cause).toBe("upstream-unreachable");
    expect(classifySample(page(524, { server: "cloudflare" })).code).toBe("gateway-timeout");
    expect(classifySample(page(404, {})).code).toBe("ok");
  });
});

describe("summarising samples", () => {
  const ok = page(200, {});
  const bad = page(502, { server: "awselb/2.0" }, "<center>awselb/2.0</center>");
  const refused = sample({
    failedPhase: "connect",
    error: { code: "ECONNREFUSED", message: "refused" },
  });

  it("reports the commonest failure, its rate, and intermittency", () => {
    const verdict = summarise([ok, bad, refused, bad, ok], null);
    expect(verdict).toMatchObject({
      code: "bad-gateway",
      vendor: "aws-alb",
      sampleCount: 5,
      failureCount: 3,
      failureRate: 0.6,
      intermittent: true,
    });
    expect(verdict.evidence).toContain("3 of 5 samples failed");
    expect(verdict.explanation).toMatch(/keep-alive/);
    // The wizard's step for these facts is the intermittent one: the flag changes where it leads.
    expect(permalinkForVerdict(verdict)).toBe(
      permalinkForVerdict({
        code: "bad-gateway",
        status: 502,
        layer: "proxy",
        vendor: "aws-alb",
        cause: null,
        intermittent: true,
      }),
    );
    expect(permalinkForVerdict(verdict)).not.toBe(
      permalinkForVerdict({
        code: "bad-gateway",
        status: 502,
        layer: "proxy",
        vendor: "aws-alb",
        cause: null,
      }),
    );
  });

  it("does not call a steady failure intermittent", () => {
    expect(summarise([bad, bad], null)).toMatchObject({ failureRate: 1, intermittent: false });
    expect(summarise([ok, ok], null)).toMatchObject({
      code: "ok",
      failureRate: 0,
      intermittent: false,
    });
  });

  it("always answers with members of the published vocabulary and a permalink into the wizard", () => {
    for (const s of [
      ok,
      bad,
      refused,
      page(521, { server: "cloudflare" }),
      page(403, { "cf-mitigated": "challenge" }),
    ]) {
      const v = summarise([s], null);
      expect(VERDICT_CODES).toContain(v.code);
      expect(VERDICT_LAYERS).toContain(v.layer);
      if (v.cause !== null) expect(VERDICT_CAUSES).toContain(v.cause);
      expect(permalinkForVerdict(v)).toMatch(/^\/diagnose\/[a-z0-9/-]+$/);
      expect(v.evidence.length).toBeGreaterThan(0);
    }
  });
});
