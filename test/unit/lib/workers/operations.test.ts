import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProbeConfig } from "@/lib/probe/config";
import { ProbeGate, createProbeHandler } from "@/lib/probe/http-api";
import { probeAnywhere } from "@/lib/workers/dispatch";
import { healthz, readyz } from "@/lib/workers/health";
import { countRejections, metrics } from "@/lib/workers/metrics";
import { createPlacesHandler, LOCAL_PLACE, type PlacesAnswer } from "@/lib/workers/places";

// Without NATS_URL and REDIS_URL (as the README's two commands run the app): the routes probe
// in-process, the limits stay in memory, and health, readiness and metrics still answer.
describe("a single instance without NATS or Redis", () => {
  let target: Server;
  let url: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    delete process.env.NATS_URL;
    delete process.env.REDIS_URL;
    target = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("fine\n");
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const port = (target.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}/`;
    env = { PROBE_ALLOW_CIDRS: "127.0.0.0/8", PROBE_ALLOW_PORTS: String(port) };
  });
  afterAll(async () => {
    if (target) await new Promise((resolve) => target.close(resolve));
  });

  const post = (handler: (r: Request) => Promise<Response>, body: unknown) =>
    handler(
      new Request("http://app.test/api/probe", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.4" },
      }),
    );

  it("is healthy and ready, with nothing to wait for", async () => {
    expect(healthz().status).toBe(200);
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: [] });
  });

  it("checks from one place, this server, with the same combined verdict shape", async () => {
    const config = loadProbeConfig(env);
    const handler = createPlacesHandler(new ProbeGate(() => config), () => null);
    const response = await post(handler, { url });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as PlacesAnswer;
    expect(answer.places.map((p) => [p.place, p.outcome])).toEqual([[LOCAL_PLACE, "answered"]]);
    expect(answer.combined).toMatchObject({ kind: "works-everywhere", working: [LOCAL_PLACE] });
  });

  it("counts probes by verdict and region, and refusals by reason, for Prometheus", async () => {
    const config = loadProbeConfig({ ...env, PROBE_RATE_LIMIT: "1" });
    const handler = countRejections(createProbeHandler(() => config, undefined, probeAnywhere));
    expect((await post(handler, { url })).status).toBe(200);
    const refused = await post(handler, { url });
    expect(refused.status).toBe(429);
    // The wrapper read a clone: the caller still gets the whole body.
    expect(await refused.json()).toMatchObject({ error: { code: "rate-limited" } });
    const text = await metrics().registry.metrics();
    expect(text).toMatch(/gd_probes_total\{verdict="ok",region="local"\} [1-9]/);
    expect(text).toMatch(/gd_admission_rejections_total\{reason="rate-limited"\} 1/);
    expect(text).toMatch(/gd_probe_phase_seconds_count\{phase="connect",region="local"\} [1-9]/);
    expect(text).toContain("gd_probes_in_flight 0");
  });
});
