/**
 * Free loopback ports found at run time, so test files running in parallel
 * never collide, plus a readiness wait for servers started as child processes.
 */
import { createSocket } from "node:dgram";
import { connect, createServer } from "node:net";

/** A TCP port on host that was free a moment ago (the kernel picks it). */
export function freeTcpPort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === "object"
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
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
