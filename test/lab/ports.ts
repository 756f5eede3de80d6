/**
 * Free loopback ports found at run time, so test files running in parallel never collide, plus
 * a readiness wait for servers started as child processes.
 */
import { createSocket } from "node:dgram";
import { connect, createServer } from "node:net";

/**
 * Where free ports are picked: below Linux's ephemeral range (32768 and up, where listen(0) and
 * outgoing connections take theirs) and below the refused-port range (20000 and up, see
 * fixtures.ts), split into one slice per test worker. A port found free is handed to a server
 * that binds it a moment later; with the kernel choosing, another worker's listen(0) could take
 * it in between (the gate saw HAProxy answer on Squid's port). Here no other worker picks from
 * the same slice, and this process never hands out a port twice.
 */
const PORT_RANGE = { from: 10_000, to: 20_000 };
const WORKER_SLICES = 8;
const handedOut = new Set<number>();

/** This process's slice of PORT_RANGE: Vitest numbers its workers in VITEST_POOL_ID. */
function workerSlice(): { from: number; size: number } {
  const size = Math.floor((PORT_RANGE.to - PORT_RANGE.from) / WORKER_SLICES);
  const worker = Number(process.env.VITEST_POOL_ID ?? process.env.TEST_WORKER_INDEX ?? 0);
  const index = Number.isInteger(worker) && worker >= 0 ? worker % WORKER_SLICES : 0;
  return { from: PORT_RANGE.from + index * size, size };
}

/** True when a TCP server can listen on host:port right now. */
function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A TCP port on host that is free and that no other test worker will pick. */
export async function freeTcpPort(host = "127.0.0.1"): Promise<number> {
  const slice = workerSlice();
  const start = Math.floor(Math.random() * slice.size);
  for (let step = 0; step < slice.size; step++) {
    const port = slice.from + ((start + step) % slice.size);
    if (handedOut.has(port)) continue;
    if (await canListen(port, host)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port left in ${slice.from}–${slice.from + slice.size - 1}`);
}

/** A port free for both UDP and TCP on host, as a DNS server needs. */
export async function freeDnsPort(host = "127.0.0.1"): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freeTcpPort(host);
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
      socket.once("error", () => resolve(false));
      socket.bind(port, host, () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error("no port free for both UDP and TCP");
}

/** Resolves once something accepts TCP connections on host:port, or rejects after timeoutMs. */
export async function waitForTcp(
  port: number,
  host = "127.0.0.1",
  timeoutMs = 5000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (up) return;
    if (Date.now() > until)
      throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
