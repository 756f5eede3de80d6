/**
 * Real HAProxy (Debian's haproxy package) writing the termination states the structured
 * rules read: client-side states in HTTP mode and TCP-mode (option tcplog) lines. Each
 * scenario waits for the event itself (the upstream received the bytes) rather than for a
 * fixed time, except the ones whose subject is a timeout. Without haproxy the suite is
 * skipped; the synthetic lines in structured-haproxy.test.ts still run.
 *
 * CH is not produced here: HAProxy 2.6 kept waiting for a silent server after the client
 * reset its connection (even with option abortonclose) and logged sH when timeout server
 * expired (observed in the lab, HAProxy 2.6.12), so CH is covered by synthetic lines only.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { refusedPort } from "@/test/lab/fixtures";
import { freeTcpPort, waitForTcp } from "@/test/lab/ports";
import { startProcess, untilReady, type LabProcess } from "@/test/lab/process";

const HAPROXY = "/usr/sbin/haproxy";

/** An upstream that tells the test when bytes arrived and then does what `onData` says. */
interface Upstream {
  port: number;
  received: Promise<void>;
  server: Server;
}

async function upstream(onData: (socket: Socket) => void = () => undefined): Promise<Upstream> {
  let arrived: () => void = () => undefined;
  const received = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((socket) => {
    socket.on("error", () => undefined);
    socket.once("data", () => {
      arrived();
      onData(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { port: address.port, received, server };
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => resolve(socket));
    socket.on("error", reject);
  });
}

const upstreams: Upstream[] = [];

describe.skipIf(!existsSync(HAPROXY))("real HAProxy: client-side and TCP-mode states", () => {
  let proc: LabProcess;
  let dir: string;
  const ports: Record<string, number> = {};

  /** The first log line that contains every one of `parts`, waiting (bounded) for it. */
  async function lineWith(...parts: string[]): Promise<string | undefined> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const line = proc
        .output()
        .split("\n")
        .find((candidate) => parts.every((part) => candidate.includes(part)));
      if (line || Date.now() > deadline) return line;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const ruleOf = (line: string) => analyzePaste(line).findings[0];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-structured-haproxy-"));
    for (const name of ["www", "tcpRefused", "tcpHeld", "tcpIdle", "tcpCut"]) {
      ports[name] = await freeTcpPort();
    }
    const cutHttp = await upstream((socket) => {
      // Headers promise 1000 bytes; the connection is reset after 10 of them.
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789", () =>
        setImmediate(() => socket.resetAndDestroy()),
      );
    });
    const silentTcp = await upstream();
    const idleTcp = await upstream();
    const cutTcp = await upstream((socket) => {
      socket.write("partial answer", () => setImmediate(() => socket.resetAndDestroy()));
    });
    upstreams.push(cutHttp, silentTcp, idleTcp, cutTcp);
    const config = `
global
  log stdout format raw local0 info
defaults
  log global
  retries 0
  timeout connect 1s
  timeout client 10s
  timeout server 10s
frontend www
  mode http
  option httplog
  bind 127.0.0.1:${ports.www}
  use_backend %[path,field(2,/)]
backend cut
  mode http
  server web1 127.0.0.1:${cutHttp.port}
frontend tcprefused
  mode tcp
  option tcplog
  bind 127.0.0.1:${ports.tcpRefused}
  default_backend pgdown
backend pgdown
  mode tcp
  server pg1 127.0.0.1:${await refusedPort()}
frontend tcpheld
  mode tcp
  option tcplog
  bind 127.0.0.1:${ports.tcpHeld}
  default_backend pgsilent
backend pgsilent
  mode tcp
  server pg1 127.0.0.1:${silentTcp.port}
frontend tcpidle
  mode tcp
  option tcplog
  timeout client 300ms
  bind 127.0.0.1:${ports.tcpIdle}
  default_backend pgidle
backend pgidle
  mode tcp
  server pg1 127.0.0.1:${idleTcp.port}
frontend tcpcut
  mode tcp
  option tcplog
  bind 127.0.0.1:${ports.tcpCut}
  default_backend pgcut
backend pgcut
  mode tcp
  server pg1 127.0.0.1:${cutTcp.port}
`;
    const configPath = join(dir, "haproxy.cfg");
    await writeFile(configPath, config);
    proc = startProcess(HAPROXY, ["-db", "-f", configPath]);
    await untilReady(proc, "haproxy", waitForTcp(ports.www!));

    // CR: a connection that never sends a request (a browser's unused pre-connect).
    const bare = await connect(ports.www!);
    bare.end();

    // SD: the server resets the connection part-way through its body.
    const reading = await connect(ports.www!);
    reading.on("error", () => undefined);
    reading.write("GET /cut HTTP/1.1\r\nHost: shop.example.com\r\n\r\n");
    await cutHttp.received;

    // TCP SC: nothing listens behind the backend.
    const refused = await connect(ports.tcpRefused!);
    refused.on("error", () => undefined);
    refused.write("ping");

    // TCP CD: the client hangs up while data may still flow.
    const held = await connect(ports.tcpHeld!);
    held.write("ping");
    await silentTcp.received;
    // A reset, as a killed client sends; a clean close (FIN) is logged as a normal end.
    held.resetAndDestroy();

    // TCP cD: the client sends one message and then stays idle past timeout client (300 ms).
    const idle = await connect(ports.tcpIdle!);
    idle.on("error", () => undefined);
    idle.write("ping");
    await idleTcp.received;

    // TCP SD: the server resets after part of its answer.
    const cut = await connect(ports.tcpCut!);
    cut.on("error", () => undefined);
    cut.write("ping");
    await cutTcp.received;
  }, 60_000);

  afterAll(async () => {
    await proc?.stop();
    await Promise.all(upstreams.map((u) => new Promise((resolve) => u.server.close(resolve))));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("logs CR for a connection that sent no request, read as the client's doing", async () => {
    const line = await lineWith(" www ", " CR-- ");
    expect(line, proc.output()).toBeDefined();
    expect(ruleOf(line!)?.ruleId).toBe("haproxy-state-client-aborted-request");
    expect(ruleOf(line!)?.cause).toBe("client-gave-up");
  });

  it("logs SD for a body cut by the server, read as the server closing mid-answer", async () => {
    const line = await lineWith(" www ", "cut/web1");
    expect(line, proc.output()).toMatch(/ SD-- /);
    expect(ruleOf(line!)?.ruleId).toBe("haproxy-state-server-aborted-data");
  });

  it.each([
    ["tcprefused", "SC", "haproxy-tcp-server-refused"],
    ["tcpheld", "CD", "haproxy-tcp-client-closed-data"],
    ["tcpidle", "cD", "haproxy-tcp-client-timeout-data"],
    ["tcpcut", "SD", "haproxy-tcp-server-aborted-data"],
  ])(
    "writes a TCP-mode line for %s with state %s, read by its own rule",
    async (frontend, state, ruleId) => {
      const line = await lineWith(` ${frontend} `);
      expect(line, proc.output()).toContain(` ${state} `);
      expect(ruleOf(line!)?.ruleId).toBe(ruleId);
    },
  );
});
