import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "@/lib/probe/config";
import { createProbeHandler, MAX_REQUEST_BYTES } from "@/lib/probe/http-api";
import { permalinkForVerdict } from "@/machines/evidence";
import { labProbeConfig, startLab, type Lab } from "@/test/lab/lab";

describe("POST /api/probe handler", () => {
  let lab: Lab;
  let config: ProbeConfig;

  beforeAll(async () => {
    lab = await startLab();
    config = labProbeConfig(lab, { rateLimit: 1000 });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  const post = (
    handler: (r: Request) => Promise<Response>,
    body: BodyInit,
    headers: Record<string, string> = {},
  ) =>
    handler(
      new Request("http://app.test/api/probe", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", ...headers },
      }),
    );

  it("answers a probe with 200 and the report", async () => {
    // The app injects the wizard's next step, as app/api/probe/route.ts does.
    const handler = createProbeHandler(() => config, permalinkForVerdict);
    const response = await post(handler, JSON.stringify({ url: lab.urls["nginx-dead-upstream"] }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const report = await response.json();
    expect(report.verdict).toMatchObject({ code: "bad-gateway", status: 502, vendor: "nginx" });
    expect(report.verdict.permalink).toMatch(/^\/diagnose\//);
    expect(report.verdict.permalink).toBe(permalinkForVerdict(report.verdict));
    expect(report.samples[0].allHeaders).toBeUndefined();
  });

  it("sends no next step when none was injected: the probe itself knows nothing of the wizard", async () => {
    const handler = createProbeHandler(() => config);
    const response = await post(handler, JSON.stringify({ url: lab.urls["nginx-dead-upstream"] }));
    const report = await response.json();
    expect(report.verdict.code).toBe("bad-gateway");
    expect(report.verdict).not.toHaveProperty("permalink");
  });

  it.each([
    ["not JSON", "url=https://example.com", "invalid-json"],
    ["an empty body", "", "invalid-json"],
    ["a JSON string", '"https://example.com"', "invalid-input"],
    ["null", "null", "invalid-input"],
    ["a number for url", '{"url": 42}', "invalid-input"],
    ["samples out of range", '{"url": "https://example.com", "samples": 50}', "invalid-input"],
    ["fractional samples", '{"url": "https://example.com", "samples": 1.5}', "invalid-input"],
    [
      "a string for followRedirects",
      '{"url": "https://example.com", "followRedirects": "yes"}',
      "invalid-input",
    ],
    ["unknown fields", '{"url": "https://example.com", "method": "DELETE"}', "invalid-input"],
    ["HTML in the url field", '{"url": "<script>alert(1)</script>"}', "refused"],
  ])("rejects %s with a JSON error, never a 500", async (_label, body, code) => {
    const response = await post(
      createProbeHandler(() => config),
      body,
    );
    expect(response.status).toBe(code === "refused" ? 422 : 400);
    expect(response.headers.get("content-type")).toContain("application/json");
    const json = await response.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message).toEqual(expect.any(String));
    expect(JSON.stringify(json)).not.toContain('<script>alert(1)</script>"}');
  });

  it("refuses an oversized body before parsing it", async () => {
    const huge = JSON.stringify({
      url: "https://example.com/",
      pad: "x".repeat(MAX_REQUEST_BYTES * 100),
    });
    const response = await post(
      createProbeHandler(() => config),
      huge,
    );
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("body-too-large");
  });

  it("answers a refused target with 422 and the stage that refused it", async () => {
    const handler = createProbeHandler(() =>
      labProbeConfig(lab, { allowCidrs: [], allowPorts: [...lab.ports, 80] }),
    );
    const response = await post(handler, JSON.stringify({ url: lab.urls["ok"] }));
    expect(response.status).toBe(422);
    const json = await response.json();
    expect(json.error).toMatchObject({ code: "refused", stage: "dns" });
    const metadata = await post(
      handler,
      JSON.stringify({ url: "http://169.254.169.254/latest/meta-data/" }),
    );
    expect((await metadata.json()).error.stage).toBe("address");
  });

  it("limits each client's rate with 429 and Retry-After, keyed by X-Forwarded-For only behind a trusted proxy", async () => {
    const limited = { ...config, rateLimit: 2, rateWindowMs: 60_000, trustProxy: true };
    const handler = createProbeHandler(() => limited);
    const body = JSON.stringify({ url: lab.urls["ok"] });
    const as = (ip: string) => post(handler, body, { "x-forwarded-for": `203.0.113.9, ${ip}` });
    expect((await as("198.51.100.1")).status).toBe(200);
    expect((await as("198.51.100.1")).status).toBe(200);
    const third = await as("198.51.100.1");
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await third.json()).error.code).toBe("rate-limited");
    expect((await as("198.51.100.2")).status).toBe(200);

    const untrusted = createProbeHandler(() => ({ ...limited, trustProxy: false }));
    const spoof = (ip: string) => post(untrusted, body, { "x-forwarded-for": ip });
    expect((await spoof("1.1.1.1")).status).toBe(200);
    expect((await spoof("2.2.2.2")).status).toBe(200);
    expect((await spoof("3.3.3.3")).status).toBe(429);
  });

  it("caps concurrent probes per client with 429", async () => {
    const handler = createProbeHandler(() => ({
      ...config,
      maxConcurrentPerClient: 1,
      timeoutMs: 1500,
      phaseTimeoutMs: 600,
    }));
    const slow = post(handler, JSON.stringify({ url: lab.urls["hang"] }));
    const second = await post(handler, JSON.stringify({ url: lab.urls["ok"] }));
    expect(second.status).toBe(429);
    expect((await second.json()).error.code).toBe("busy");
    expect((await slow).status).toBe(200);
    expect((await post(handler, JSON.stringify({ url: lab.urls["ok"] }))).status).toBe(200);
  });

  it("reports broken settings as 503, not as a crash", async () => {
    const handler = createProbeHandler(() => {
      throw new Error("PROBE_TIMEOUT_MS must be a whole number");
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      const response = await post(handler, JSON.stringify({ url: "https://example.com/" }));
      expect(response.status).toBe(503);
    } finally {
      console.error = original;
    }
  });
});
