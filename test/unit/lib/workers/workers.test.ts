import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NatsConnection } from "nats";
import { loadProbeConfig, type ProbeConfig } from "@/lib/probe/config";
import { ProbeRefusal } from "@/lib/probe/guard";
import { createProbeStreamHandler, type ProbeStreamEvent } from "@/lib/probe/http-api";
import type { ProbeProgress } from "@/lib/probe/probe";
import { probeOnWorker, WorkerUnavailable } from "@/lib/workers/dispatch";
import { Fleet } from "@/lib/workers/fleet";
import { connectNats } from "@/lib/workers/nats";
import { checkFromPlaces } from "@/lib/workers/places";
import { anySubject, regionSubject } from "@/lib/workers/protocol";
import { startWorker, type RunningWorker } from "@/lib/workers/worker";
import { startNats, type LabNats } from "@/test/lab/nats";

// Workers and the app talk through a real nats-server (Debian nats-server 2.9.10, observed in
// the lab) with token authentication; the target is a plain HTTP server on loopback.
describe("probe workers over NATS", () => {
  let nats: LabNats;
  let target: Server;
  let targetUrl: string;
  let targetHits = 0;
  let open: ProbeConfig;
  let strict: ProbeConfig;
  const connections: NatsConnection[] = [];
  const workers: RunningWorker[] = [];
  let fleet: Fleet;

  const connection = async (name: string) => {
    const c = await connectNats({ servers: [nats.url], token: nats.token }, name);
    connections.push(c);
    return c;
  };

  beforeAll(async () => {
    nats = await startNats();
    target = createServer((request, response) => {
      targetHits++;
      response.writeHead(200, { "content-type": "text/plain", server: "lab-target" });
      response.end("fine\n");
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const port = (target.address() as AddressInfo).port;
    targetUrl = `http://127.0.0.1:${port}/status?token=secret`;
    // The worker's own settings decide what it may reach: one allows loopback, one does not.
    open = {
      ...loadProbeConfig({ PROBE_ALLOW_CIDRS: "127.0.0.0/8", PROBE_ALLOW_PORTS: String(port) }),
      timeoutMs: 5_000,
    };
    strict = { ...loadProbeConfig({ PROBE_ALLOW_PORTS: String(port) }), timeoutMs: 5_000 };
    workers.push(
      startWorker({
        connection: await connection("w1"),
        region: "eu-west",
        config: open,
        capacity: 4,
        version: "test",
      }),
      startWorker({
        connection: await connection("w2"),
        region: "us-east",
        config: open,
        capacity: 4,
        version: "test",
      }),
      startWorker({
        connection: await connection("w3"),
        region: "guarded",
        config: strict,
        capacity: 4,
        version: "test",
      }),
    );
    fleet = await Fleet.open({ servers: [nats.url], token: nats.token });
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await fleet?.close();
    for (const c of connections) await c.close().catch(() => undefined);
    await new Promise((resolve) => target?.close(resolve));
    await nats?.stop();
  });

  it("refuses a client without the token", async () => {
    await expect(connectNats({ servers: [nats.url] }, "intruder")).rejects.toThrow(/authoriz/i);
  });

  it("knows the live regions from the workers' heartbeats", async () => {
    await expect.poll(() => fleet.liveRegions()).toEqual(["eu-west", "guarded", "us-east"]);
    expect(fleet.live().every((worker) => worker.version === "test" && worker.capacity === 4)).toBe(
      true,
    );
  });

  it("logs the probed URL without its query string", async () => {
    const { loggableUrl } = await import("@/lib/workers/log");
    expect(loggableUrl(targetUrl)).not.toContain("secret");
    expect(loggableUrl(targetUrl)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/status$/);
  });

  it("runs a check on the region asked for and streams its progress back", async () => {
    const progress: ProbeProgress[] = [];
    const answer = await probeOnWorker(
      fleet,
      { url: targetUrl },
      {
        subject: regionSubject("us-east"),
        timeoutMs: open.timeoutMs,
        onProgress: (event) => progress.push(event),
      },
    );
    expect(answer.region).toBe("us-east");
    expect(answer.report.verdict.code).toBe("ok");
    expect(answer.report.samples[0]?.response?.status).toBe(200);
    expect(progress.map((event) => event.type)).toEqual(
      expect.arrayContaining(["sample-start", "phase", "sample-end"]),
    );
  });

  it("re-runs the guard on the worker: a worker whose settings forbid loopback refuses and never connects", async () => {
    const before = targetHits;
    const refusal = probeOnWorker(
      fleet,
      { url: targetUrl },
      {
        subject: regionSubject("guarded"),
        timeoutMs: strict.timeoutMs,
      },
    );
    await expect(refusal).rejects.toBeInstanceOf(ProbeRefusal);
    await expect(refusal).rejects.toMatchObject({ stage: "address" });
    expect(targetHits).toBe(before);
  });

  it("says unavailable, not failing, for a region nobody serves", async () => {
    await expect(
      probeOnWorker(
        fleet,
        { url: targetUrl },
        {
          subject: regionSubject("nowhere"),
          timeoutMs: open.timeoutMs,
          acceptTimeoutMs: 300,
        },
      ),
    ).rejects.toBeInstanceOf(WorkerUnavailable);
  });

  it("streams the worker's check through the unchanged NDJSON handler", async () => {
    const runner = async (...args: Parameters<typeof import("@/lib/probe/probe").probe>) => {
      const [request, options] = args;
      const answer = await probeOnWorker(fleet, request, {
        subject: regionSubject("eu-west"),
        timeoutMs: options.config.timeoutMs,
        onProgress: options.onProgress,
        signal: options.signal,
      });
      return answer.report;
    };
    const handler = createProbeStreamHandler(() => open, undefined, runner);
    const response = await handler(
      new Request("http://app.test/api/probe/stream", {
        method: "POST",
        body: JSON.stringify({ url: targetUrl, samples: 2 }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(response.status).toBe(200);
    const events = (await response.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as ProbeStreamEvent);
    expect(events[0]).toMatchObject({ type: "start", samples: 2 });
    expect(events.filter((e) => e.type === "sample-end")).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: "report" });
  });

  it("checks from every live region at once and combines the answers", async () => {
    const answer = await checkFromPlaces({ url: targetUrl }, open, { fleet });
    const byPlace = Object.fromEntries(answer.places.map((p) => [p.place, p.outcome]));
    expect(byPlace).toEqual({ "eu-west": "answered", guarded: "refused", "us-east": "answered" });
    expect(answer.combined.kind).toBe("works-everywhere");
    expect(answer.combined.working).toEqual(["eu-west", "us-east"]);
  });

  it("takes single checks on any worker that is free", async () => {
    const answer = await probeOnWorker(
      fleet,
      { url: targetUrl },
      {
        subject: anySubject(),
        timeoutMs: open.timeoutMs,
      },
    ).catch((error: unknown) => error);
    // The queue group may hand it to the guarded worker, which refuses: both prove one worker took it.
    if (answer instanceof ProbeRefusal) expect(answer.stage).toBe("address");
    else expect(answer).toMatchObject({ report: { verdict: { code: "ok" } } });
  });

  it("is ready when NATS answers and workers are live, and not ready when Redis is away", async () => {
    const { readyz } = await import("@/lib/workers/health");
    process.env.NATS_URL = nats.url;
    process.env.NATS_TOKEN = nats.token;
    try {
      await expect.poll(async () => (await readyz()).status).toBe(200);
      const body = (await (await readyz()).json()) as { checks: { name: string; ok: boolean }[] };
      expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
        ["nats", true],
        ["workers", true],
      ]);
      // Nothing listens on port 1: the shared limits are configured but unreachable.
      process.env.REDIS_URL = "redis://127.0.0.1:1";
      const away = await readyz();
      expect(away.status).toBe(503);
      expect(await away.json()).toMatchObject({
        status: "not-ready",
        checks: expect.arrayContaining([{ name: "redis", ok: false, detail: "not reachable" }]),
      });
    } finally {
      delete process.env.NATS_URL;
      delete process.env.NATS_TOKEN;
      delete process.env.REDIS_URL;
    }
  });

  it("drops a worker that says it is leaving", async () => {
    const leaving = startWorker({
      connection: await connection("w4"),
      region: "ap-south",
      config: open,
      capacity: 1,
      version: "test",
    });
    await expect.poll(() => fleet.liveRegions()).toContain("ap-south");
    await leaving.stop();
    await expect.poll(() => fleet.liveRegions()).not.toContain("ap-south");
  });
});
