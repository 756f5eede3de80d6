/**
 * A real nats-server (Debian's nats-server package) for the worker tests, in the foreground on
 * a free port, requiring a token as production deployments should
 * (https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro/tokens).
 */
import { randomBytes } from "node:crypto";
import { freeTcpPort, waitForTcp } from "./ports";
import { startProcess, untilReady, type LabProcess } from "./process";

/** A running NATS server. */
export interface LabNats {
  /** nats://host:port */
  url: string;
  /** The token clients must send. */
  token: string;
  process: LabProcess;
  stop: () => Promise<void>;
}

/** Starts nats-server listening on `host` (loopback by default) with token authentication. */
export async function startNats(host = "127.0.0.1"): Promise<LabNats> {
  const port = await freeTcpPort(host);
  const token = randomBytes(12).toString("hex");
  const proc = startProcess("nats-server", ["-a", host, "-p", String(port), "--auth", token]);
  await untilReady(proc, "nats-server", waitForTcp(port, host, 10_000));
  return { url: `nats://${host}:${port}`, token, process: proc, stop: proc.stop };
}
