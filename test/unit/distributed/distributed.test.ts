import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlacesAnswer } from "@/lib/workers/places";
import { startDnsAnswers, type DnsAnswers } from "./dns-answers";
import { startNats, type LabNats } from "@/test/lab/nats";
import { blockInRegion, createRegions, inRegion, type RegionLab } from "@/test/lab/netns";
import { freeTcpPort } from "@/test/lab/ports";
import { killOnExit } from "@/test/lab/process";
import { startRedis, type LabRedis } from "@/test/lab/redis";

// Issue #17's distributed check, on real pieces started here and nowhere else: nats-server and
// redis-server, two app instances (separate processes) sharing Redis, and three workers in
// network namespaces created by this test (simulated regions with netem delays). The target
// is a plain HTTP server; in one region an nftables rule rejects connections to it.
// Observed in the lab: nats-server 2.9.10, redis-server 7.0.15, nftables 1.0.6, iproute2.

/** Each worker's metrics port, on its namespace's own address (so one number serves all). */
const WORKER_METRICS_PORT = 9464;

/** The per-client budget across both app instances (PROBE_RATE_LIMIT). */
const CLIENT_RATE_LIMIT = 6;

interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Starts a child with extra environment and resolves once a line of its output matches `ready`. */
function startChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Started> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  killOnExit(child, "SIGKILL");
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve({ child, output: () => output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${args.join(" ")} exited (${code}) during start-up:\n${output}`)),
    );
  });
}

describe("checks from several places over NATS, limits shared in Redis", () => {
  let regions: RegionLab;
  let nats: LabNats;
  let redis: LabRedis;
  let target: Server;
  let targetUrl: string;
  let targetPort: number;
  let origin: Server | undefined;
  /** What the regions' resolvers say: the site's address, and an old one for ap-south. */
  const resolvers: DnsAnswers[] = [];
  const children: Started[] = [];
  const workers = new Map<string, Started>();
  const appPorts: number[] = [];
  /** Source addresses of requests waiting on /slow, and how to let them through. */
  const held: { from: string; release: () => void }[] = [];
  let requestsSent = 0;

  const post = async (port: number, path: string, body: unknown) => {
    requestsSent++;
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    regions = await createRegions([
      { name: "eu-west", delayMs: 10 },
      { name: "us-east", delayMs: 40 },
      { name: "ap-south", delayMs: 80 },
    ]);
    if (regions.delayUnsupported)
      console.warn(
        "This kernel has no netem qdisc: the simulated regions run without added delay.",
      );
    const hub = regions.regions[0]!.hostAddress;
    nats = await startNats(hub);
    redis = await startRedis();
    target = createServer((request: IncomingMessage, response) => {
      const answer = () => {
        response.writeHead(200, { "content-type": "text/plain" });
        response.end("up\n");
      };
      // Playing a CDN edge whose route to this site's origin is broken.
      if (request.headers.host?.startsWith("broken-edge.")) {
        response.writeHead(502, { "content-type": "text/html" });
        response.end("<html><body><h1>502 Bad Gateway</h1></body></html>\n");
      } else if (request.url === "/slow")
        held.push({ from: request.socket.remoteAddress ?? "", release: answer });
      else answer();
    });
    targetPort = await freeTcpPort(hub);
    await new Promise<void>((resolve) => target.listen(targetPort, hub, resolve));
    targetUrl = `http://${hub}:${targetPort}`;
    await blockInRegion(regions.regions[2]!, hub, targetPort);
    // The origin behind that edge, on another address of this machine every region can reach.
    const originServer = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("origin up\n");
    });
    origin = originServer;
    await new Promise<void>((resolve) =>
      originServer.listen(targetPort, regions.regions[1]!.hostAddress, resolve),
    );

    const env = {
      NATS_URL: nats.url,
      NATS_TOKEN: nats.token,
      // The default heartbeat: a busy gate machine can stall an event loop for a while.
      WORKER_HEARTBEAT_MS: "1000",
      WORKER_ACCEPT_TIMEOUT_MS: "15000",
      PROBE_ALLOW_CIDRS: regions.cidr,
      PROBE_ALLOW_PORTS: String(targetPort),
      PROBE_TIMEOUT_MS: "30000",
      PROBE_PHASE_TIMEOUT_MS: "25000",
    };
    // ap-south's resolver still hands out an old address: its own link's host end, where
    // nothing serves the site.
    const current = await startDnsAnswers(hub, hub);
    const stale = await startDnsAnswers(hub, regions.regions[2]!.hostAddress);
    resolvers.push(current, stale);
    const starting = regions.regions.map(async (region) => {
      const [command, args] = inRegion(region, process.execPath, [
        "--import",
        "tsx",
        "lib/workers/cli.ts",
        "--region",
        region.name,
        // Each worker serves its metrics on its own address, which this machine can reach.
        "--metrics-port",
        String(WORKER_METRICS_PORT),
        "--metrics-host",
        region.address,
      ]);
      const dns = region.name === "ap-south" ? stale : current;
      const worker = await startChild(
        command,
        args,
        { ...env, PROBE_DNS_SERVERS: dns.server },
        /worker ready/,
      );
      workers.set(region.name, worker);
      children.push(worker);
    });
    for (let i = 0; i < 2; i++) {
      const port = await freeTcpPort();
      appPorts.push(port);
      starting.push(
        startChild(
          process.execPath,
          ["--import", "tsx", "test/unit/distributed/app-instance.ts"],
          {
            ...env,
            APP_PORT: String(port),
            REDIS_URL: redis.url,
            PROBE_RATE_LIMIT: String(CLIENT_RATE_LIMIT),
            PROBE_RATE_WINDOW_S: "600",
            PROBE_TARGET_RATE_LIMIT: "1000",
            PROBE_MAX_CONCURRENT_PER_CLIENT: "10",
          },
          /listening/,
        ).then((app) => void children.push(app)),
      );
    }
    await Promise.all(starting);
    // Ready means NATS and Redis reachable and all three regions heard from.
    for (const port of appPorts) {
      let last = "";
      for (const until = Date.now() + 60_000; ;) {
        const response = await fetch(`http://127.0.0.1:${port}/api/readyz`);
        last = await response.text();
        if (response.status === 200 && last.includes("3 live in ap-south, eu-west, us-east")) break;
        if (Date.now() > until) throw new Error(`app instance on ${port} never got ready: ${last}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }, 120_000);

  afterAll(async () => {
    for (const { release } of held) release();
    for (const { child } of children) if (child.exitCode === null) child.kill("SIGKILL");
    if (target) await new Promise((resolve) => target.close(resolve));
    if (origin) await new Promise((resolve) => origin!.close(resolve));
    for (const resolver of resolvers) await resolver.stop();
    await nats?.stop();
    await redis?.stop();
    await regions?.cleanup();
  });

  it("says the site fails only from the region whose firewall blocks it", async () => {
    const { status, body } = await post(appPorts[0]!, "/api/probe/places", {
      url: `${targetUrl}/?token=s3cret-in-query`,
    });
    expect(status).toBe(200);
    const answer = body as PlacesAnswer;
    const outcome = Object.fromEntries(answer.places.map((p) => [p.place, p.report?.verdict.code]));
    const reasons = JSON.stringify(answer.places.map((p) => [p.place, p.outcome, p.reason]));
    expect(outcome, reasons).toEqual({
      "ap-south": "connect-refused",
      "eu-west": "ok",
      "us-east": "ok",
    });
    expect(answer.combined.kind).toBe("regional-block");
    expect(answer.combined.title).toMatch(/^Fails only from ap-south:/);
    expect(answer.combined.working).toEqual(["eu-west", "us-east"]);
    expect(answer.combined.permalink).toMatch(/^\/diagnose\/.*\/some-places\/blocked$/);

    // The app's log line and the worker's carry one request id; neither logs the query string.
    // The log lines travel through pipes and may arrive after the HTTP answer.
    const loggedId = () =>
      children
        .map((c) => /"requestId":"([\w-]+)"[^\n]*"multi-place check finished"/.exec(c.output()))
        .find(Boolean)?.[1];
    await expect.poll(loggedId).toBeDefined();
    const requestId = loggedId();
    await expect
      .poll(() => workers.get("eu-west")!.output())
      .toContain(`"requestId":"${requestId}-eu-west"`);
    for (const child of children) expect(child.output()).not.toContain("s3cret");

    // Each worker counts its own probes for Prometheus, by verdict and region.
    const scrape = async (region: string) => {
      const address = regions.regions.find((r) => r.name === region)!.address;
      return (await fetch(`http://${address}:${WORKER_METRICS_PORT}/metrics`)).text();
    };
    expect(await scrape("eu-west")).toMatch(/gd_probes_total\{verdict="ok",region="eu-west"\} 1/);
    expect(await scrape("ap-south")).toMatch(
      /gd_probes_total\{verdict="connect-refused",region="ap-south"\} 1/,
    );
  });

  it("blames DNS when the failing place resolved the name to another address", async () => {
    const { status, body } = await post(appPorts[1]!, "/api/probe/places", {
      url: `http://site.regional.test:${targetPort}/`,
    });
    expect(status).toBe(200);
    const answer = body as PlacesAnswer;
    const resolved = Object.fromEntries(
      answer.places.map((p) => [p.place, p.report?.dns?.addresses.map((a) => a.address)]),
    );
    const [euWest, , apSouth] = regions.regions;
    expect(resolved).toEqual({
      "ap-south": [apSouth!.hostAddress],
      "eu-west": [euWest!.hostAddress],
      "us-east": [euWest!.hostAddress],
    });
    expect(answer.combined).toMatchObject({ kind: "regional-dns", failing: ["ap-south"] });
    expect(answer.combined.evidence).toContain(
      `ap-south: connect-refused in ${Math.round(answer.places[0]!.report!.samples.at(-1)!.phases.total)} ms — resolved to ${apSouth!.hostAddress}`,
    );
  });

  it("points at the edge when every place fails through it but the origin answers directly", async () => {
    const originIp = regions.regions[1]!.hostAddress;
    const { status, body } = await post(appPorts[0]!, "/api/probe/places", {
      url: `http://broken-edge.regional.test:${targetPort}/`,
      originIp,
    });
    expect(status).toBe(200);
    const answer = body as PlacesAnswer;
    const seen = Object.fromEntries(
      answer.places.map((p) => [p.place, p.report?.verdict.status ?? p.report?.verdict.code]),
    );
    // ap-south still resolves the stale address; the others reach the edge and get its 502.
    expect(seen).toEqual({
      "ap-south": "connect-refused",
      "eu-west": 502,
      origin: 200,
      "us-east": 502,
    });
    expect(answer.places.find((p) => p.place === "origin")?.report?.target.originIp).toBe(originIp);
    expect(answer.combined).toMatchObject({
      kind: "edge-config",
      stateId: "edgeCannotReachOrigin",
    });
  });

  it("still answers from the other places when a worker dies mid-check", async () => {
    const [euWest, usEast] = regions.regions;
    const pending = post(appPorts[1]!, "/api/probe/places", { url: `${targetUrl}/slow` });
    // Both reachable regions' requests are waiting at the target: the check is under way.
    await expect
      .poll(() => held.map((h) => h.from).sort(), { timeout: 20_000 })
      .toEqual([euWest!.address, usEast!.address].sort());
    workers.get("us-east")!.child.kill("SIGKILL");
    for (const { release } of held.splice(0)) release();
    const { status, body } = await pending;
    expect(status).toBe(200);
    const answer = body as PlacesAnswer;
    const outcome = Object.fromEntries(answer.places.map((p) => [p.place, p.outcome]));
    expect(outcome).toEqual({
      "ap-south": "answered",
      "eu-west": "answered",
      "us-east": "unavailable",
    });
    expect(answer.places.find((p) => p.place === "eu-west")?.report?.verdict.code).toBe("ok");
    expect(answer.combined).toMatchObject({
      kind: "regional-block",
      failing: ["ap-south"],
      unavailable: ["us-east"],
    });
  });

  it("holds a client to one budget across both app instances", async () => {
    const allowed: number[] = [0, 0];
    let refused: { status: number; body: unknown } | null = null;
    for (let i = 0; i < 2 * CLIENT_RATE_LIMIT && !refused; i++) {
      const instance = i % 2;
      const answer = await post(appPorts[instance]!, "/api/probe", { url: `${targetUrl}/` });
      if (answer.status === 200) allowed[instance]!++;
      else refused = answer;
    }
    expect(refused).toMatchObject({ status: 429, body: { error: { code: "rate-limited" } } });
    // Every request this file sent, the refused one aside, was admitted: one budget for both.
    expect(requestsSent - 1).toBe(CLIENT_RATE_LIMIT);
    // Neither instance reached the limit it would allow on its own.
    expect(Math.max(...allowed)).toBeLessThan(CLIENT_RATE_LIMIT);
  });
});
