/**
 * A real redis-server (Debian's redis-server package) for the shared-limit tests: in the
 * foreground on a free loopback port, without persistence, so nothing is written to disk.
 */
import { freeTcpPort, waitForTcp } from "./ports";
import { startProcess, untilReady, type LabProcess } from "./process";

/** A running Redis server. */
export interface LabRedis {
  /** redis://127.0.0.1:port */
  url: string;
  port: number;
  process: LabProcess;
  stop: () => Promise<void>;
}

/** Starts redis-server on a free loopback port. */
export async function startRedis(): Promise<LabRedis> {
  const port = await freeTcpPort();
  // Options on the command line are read as config file lines (redis-server --help).
  const proc = startProcess("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--protected-mode",
    "yes",
  ]);
  await untilReady(proc, "redis-server", waitForTcp(port, "127.0.0.1", 10_000));
  return { url: `redis://127.0.0.1:${port}`, port, process: proc, stop: proc.stop };
}
