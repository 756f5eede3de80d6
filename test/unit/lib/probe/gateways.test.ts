import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "@/lib/probe/config";
import { probe, type ProbeReport } from "@/lib/probe/probe";
import type { VerdictFacts } from "@/lib/probe/verdict";
import { labProbeConfig, startLab, type Lab } from "@/test/lab/lab";

describe("real nginx in front of broken upstreams", () => {
  let lab: Lab;
  let config: ProbeConfig;

  beforeAll(async () => {
    lab = await startLab();
    config = labProbeConfig(lab);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  const run = (scenario: string): Promise<ProbeReport> =>
    probe({ url: lab.urls[scenario]! }, { config });

  const facts = (report: ProbeReport): VerdictFacts => {
    const { code, status, layer, vendor, cause } = report.verdict;
    return { code, status, layer, vendor, cause };
  };

  // nginx serves the same 502 page for every upstream failure, so the probe
  // cannot name the cause; the error log can, and is checked to prove that
  // each scenario is the failure it claims to be.
  it.each([
    [
      "nginx-dead-upstream",
      "connect() failed (111: Connection refused) while connecting to upstream",
    ],
    ["nginx-invalid-upstream", "upstream sent invalid header"],
    [
      "nginx-upstream-closed",
      "upstream prematurely closed connection while reading response header from upstream",
    ],
    ["nginx-upstream-reset", "recv() failed (104: Connection reset by peer)"],
    ["nginx-upstream-big-header", "upstream sent too big header"],
  ])("%s: a real 502 from nginx, and its error log says why", async (scenario, logLine) => {
    const report = await run(scenario);
    expect(facts(report)).toEqual({
      code: "bad-gateway",
      status: 502,
      layer: "proxy",
      vendor: "nginx",
      cause: null,
    });
    expect(report.samples[0]?.response?.bodyExcerpt).toContain("<title>502 Bad Gateway</title>");
    expect(report.verdict.evidence).toContain("page: nginx error page signature");
    expect(await lab.nginx.errorLog()).toContain(logLine);
  });

  it("a real 504 from nginx when the upstream is too slow", async () => {
    const report = await run("nginx-slow-upstream");
    expect(facts(report)).toEqual({
      code: "gateway-timeout",
      status: 504,
      layer: "proxy",
      vendor: "nginx",
      cause: "upstream-timeout",
    });
    expect(await lab.nginx.errorLog()).toContain(
      "upstream timed out (110: Connection timed out) while reading response header from upstream",
    );
  });

  it("passes a healthy upstream through as ok", async () => {
    const report = await run("nginx-ok");
    expect(facts(report)).toMatchObject({ code: "ok", status: 200, vendor: "nginx" });
  });

  const edge: [string, Omit<VerdictFacts, "layer">, string | null][] = [
    [
      "edge-cloudflare-502",
      { code: "bad-gateway", status: 502, vendor: "cloudflare", cause: null },
      "8f3a2c1d4b5e6f70-LHR",
    ],
    [
      "edge-cloudflare-521",
      { code: "bad-gateway", status: 521, vendor: "cloudflare", cause: "upstream-refused" },
      "8f3a2c1d4b5e6f70-LHR",
    ],
    [
      "edge-cloudflare-522",
      { code: "bad-gateway", status: 522, vendor: "cloudflare", cause: "upstream-connect-timeout" },
      "8f3a2c1d4b5e6f70-LHR",
    ],
    [
      "edge-cloudflare-524",
      { code: "gateway-timeout", status: 524, vendor: "cloudflare", cause: "upstream-timeout" },
      "8f3a2c1d4b5e6f70-LHR",
    ],
    [
      "edge-cloudflare-525",
      { code: "bad-gateway", status: 525, vendor: "cloudflare", cause: "upstream-tls" },
      "8f3a2c1d4b5e6f70-LHR",
    ],
    [
      "edge-cloudflare-526",
      {
        code: "bad-gateway",
        status: 526,
        vendor: "cloudflare",
        cause: "upstream-tls-invalid-certificate",
      },
      "8f3a2c1d4b5e6f70-LHR",
    ],
    [
      "edge-cloudflare-530-Error",
      { code: "bad-gateway", status: 530, vendor: "cloudflare", cause: "upstream-dns" },
      "8f3a2c1d4b5e6f70-LHR",
    ],
    [
      "edge-cloudflare-403-blocked",
      { code: "blocked", status: 403, vendor: "cloudflare", cause: null },
      "8f3a2c1d4b5e6f70-LHR",
    ],
    [
      "edge-cloudfront-502",
      { code: "bad-gateway", status: 502, vendor: "cloudfront", cause: null },
      "Qm9ndXNJZEZvclRoZUxhYk9ubHlfX18xMjM0NTY3OA==",
    ],
    [
      "edge-cloudfront-504",
      { code: "gateway-timeout", status: 504, vendor: "cloudfront", cause: "upstream-timeout" },
      "Qm9ndXNJZEZvclRoZUxhYk9ubHlfX18xMjM0NTY3OA==",
    ],
    ["edge-alb-502", { code: "bad-gateway", status: 502, vendor: "aws-alb", cause: null }, null],
    [
      "edge-alb-503",
      { code: "unavailable", status: 503, vendor: "aws-alb", cause: "no-healthy-upstream" },
      null,
    ],
    [
      "edge-alb-504",
      { code: "gateway-timeout", status: 504, vendor: "aws-alb", cause: "upstream-timeout" },
      null,
    ],
    [
      "edge-fastly-503",
      { code: "unavailable", status: 503, vendor: "fastly", cause: "upstream-timeout" },
      null,
    ],
    [
      "edge-akamai-403-blocked",
      { code: "blocked", status: 403, vendor: "akamai", cause: null },
      "18.4a1b2c3d.1732153215.9f8e7d6",
    ],
  ];

  it.each(edge)(
    "%s: vendor, code, cause and reference from the page's markers",
    async (scenario, expected, reference) => {
      const report = await run(scenario);
      expect(facts(report)).toMatchObject(expected);
      expect(report.verdict.reference).toBe(reference);
      expect(report.verdict.explanation.length).toBeGreaterThan(60);
    },
  );

  it("puts CDN answers at the edge layer and load-balancer answers at the proxy layer", async () => {
    expect((await run("edge-cloudflare-521")).verdict.layer).toBe("edge");
    expect((await run("edge-alb-502")).verdict.layer).toBe("proxy");
  });
});
