import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "@/lib/probe/config";
import { createProbeStreamHandler, type ProbeStreamEvent } from "@/lib/probe/http-api";
import { labProbeConfig, startLab, type Lab } from "@/test/lab/lab";
import * as route from "@/app/api/probe/stream/route";

/** Reads an NDJSON body line by line, checking each line is one JSON object. */
async function readEvents(response: Response): Promise<ProbeStreamEvent[]> {
  const text = await response.text();
  expect(text.endsWith("\n")).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as ProbeStreamEvent);
}

describe("POST /api/probe/stream handler", () => {
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
    body: unknown,
    init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
  ) =>
    handler(
      new Request("http://app.test/api/probe/stream", {
        method: "POST",
        body: typeof body === "string" ? body : JSON.stringify(body),
        headers: { "content-type": "application/json", ...init.headers },
        signal: init.signal,
      }),
    );

  it("streams start, DNS, each phase and the report as NDJSON", async () => {
    const handler = createProbeStreamHandler(() => config);
    const response = await post(handler, { url: lab.urls["nginx-dead-upstream"], samples: 2 });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const events = await readEvents(response);
    expect(events[0]).toMatchObject({ type: "start", samples: 2 });
    expect(events.map((e) => e.type)).toContain("dns-end");
    const phases = events.filter((e) => e.type === "phase");
    expect(phases.map((e) => e.index)).toContain(1);
    const last = events.at(-1);
    expect(last?.type).toBe("report");
    if (last?.type !== "report") return;
    expect(last.report.verdict).toMatchObject({
      code: "bad-gateway",
      status: 502,
      vendor: "nginx",
    });
    expect(last.report.samples).toHaveLength(2);
    expect(last.report.samples[0]?.allHeaders).toBeUndefined();
    const ends = events.filter((e) => e.type === "sample-end");
    for (const end of ends) expect(end.sample.allHeaders).toBeUndefined();
  });

  it.each([
    ["invalid JSON", "{url:", 400, "invalid-json"],
    ["unknown fields", { url: "http://x.lab.test/", method: "DELETE" }, 400, "invalid-input"],
    ["a port outside the allow list", { url: "http://app.lab.test:22/" }, 422, "refused"],
    ["a private address", { url: "http://10.0.0.1/" }, 422, "refused"],
    ["a refused origin address", { url: "http://app.lab.test/", originIp: "::1x" }, 422, "refused"],
  ])(
    "answers %s before streaming, as plain JSON with the JSON route's status",
    async (_label, body, status, code) => {
      const response = await post(
        createProbeStreamHandler(() => config),
        body,
      );
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect((await response.json()).error.code).toBe(code);
    },
  );

  it("reports a refusal found after DNS as the stream's error event", async () => {
    const response = await post(
      createProbeStreamHandler(() => config),
      { url: lab.urls["dns-private-mix"] },
    );
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    expect(events.at(-1)).toMatchObject({
      type: "error",
      status: 422,
      error: { code: "refused", stage: "dns" },
    });
  });

  it("limits with 429 and Retry-After like the JSON route", async () => {
    const handler = createProbeStreamHandler(() => ({ ...config, rateLimit: 1 }));
    expect((await post(handler, { url: lab.urls["ok"] })).status).toBe(200);
    const limited = await post(handler, { url: lab.urls["ok"] });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate-limited");
  });

  it("stops the probe and frees its slot when the client goes away", async () => {
    const handler = createProbeStreamHandler(() => ({
      ...config,
      maxConcurrentPerClient: 1,
      timeoutMs: 20_000,
      phaseTimeoutMs: 15_000,
    }));
    const client = new AbortController();
    const started = Date.now();
    const response = await post(handler, { url: lab.urls["hang"] }, { signal: client.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    while (!seen.includes('"firstByte","status":"start"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    client.abort();
    await reader.cancel().catch(() => undefined);
    // The slot is free again long before the hanging server's 15 s phase limit.
    let next = await post(handler, { url: lab.urls["ok"] });
    for (let i = 0; next.status === 429 && i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      next = await post(handler, { url: lab.urls["ok"] });
    }
    expect(next.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    await next.text();
  });

  it("is wired to POST on Node, never cached", () => {
    expect(route.runtime).toBe("nodejs");
    expect(route.dynamic).toBe("force-dynamic");
    expect(Object.keys(route).sort()).toEqual(["POST", "dynamic", "runtime"]);
  });
});
