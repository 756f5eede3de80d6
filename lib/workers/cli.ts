/**
 * A probe worker process:
 *
 *   NATS_URL=nats://127.0.0.1:4222 NATS_TOKEN=… npm run worker -- --region eu-west
 *     [--capacity 16] [--metrics-port 9464] [--metrics-host 127.0.0.1]
 *
 * It probes with the PROBE_* settings of its own environment (the guard's allowed ranges and
 * ports, DNS servers, deadlines), so each region's operator decides what its workers may reach.
 * Prometheus metrics are served on --metrics-port at /metrics. SIGTERM or SIGINT stop it: it
 * stops taking checks, aborts the running ones and tells the app it is leaving.
 * Exit status: 1 for bad arguments or settings, or when NATS cannot be reached.
 */
import { createServer } from "node:http";
import { loadProbeConfig } from "@/lib/probe/config";
import { logger } from "./log";
import { metrics } from "./metrics";
import { connectNats, natsSettings } from "./nats";
import { REGION_PATTERN } from "./protocol";
import { startWorker } from "./worker";
import packageJson from "@/package.json" with { type: "json" };

/** Parsed command line. */
export interface WorkerArgs {
  region: string;
  capacity: number;
  metricsPort: number | null;
  metricsHost: string;
}

const USAGE = `Usage: npm run worker -- --region NAME [--capacity N] [--metrics-port PORT] [--metrics-host HOST]

  --region NAME        where this worker probes from (letters, digits, dashes), e.g. eu-west
  --capacity N         checks run at once at most (default 16)
  --metrics-port PORT  serve Prometheus metrics on PORT at /metrics
  --metrics-host HOST  address the metrics listen on (default 127.0.0.1)

NATS_URL (required), NATS_TOKEN or NATS_USER/NATS_PASSWORD, and PROBE_* settings come from the environment.`;

/** Parses argv (without node and script); throws a RangeError naming the bad argument. */
export function parseWorkerArgs(argv: string[]): WorkerArgs | "help" {
  const args: WorkerArgs = {
    region: "",
    capacity: 16,
    metricsPort: null,
    metricsHost: "127.0.0.1",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new RangeError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--help" || arg === "-h") return "help";
    else if (arg === "--region") args.region = value();
    else if (arg === "--capacity") args.capacity = Number(value());
    else if (arg === "--metrics-port") args.metricsPort = Number(value());
    else if (arg === "--metrics-host") args.metricsHost = value();
    else throw new RangeError(`unknown argument ${arg}`);
  }
  if (!REGION_PATTERN.test(args.region))
    throw new RangeError("--region must be letters, digits and dashes, e.g. eu-west");
  if (!Number.isInteger(args.capacity) || args.capacity < 1 || args.capacity > 1000)
    throw new RangeError("--capacity must be a whole number from 1 to 1000");
  if (
    args.metricsPort !== null &&
    (!Number.isInteger(args.metricsPort) || args.metricsPort < 1 || args.metricsPort > 65535)
  )
    throw new RangeError("--metrics-port must be a port number");
  return args;
}

async function main(): Promise<number> {
  let args: WorkerArgs | "help";
  try {
    args = parseWorkerArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (args === "help") {
    console.log(USAGE);
    return 0;
  }
  const settings = natsSettings();
  if (!settings) {
    console.error(`NATS_URL is not set.\n\n${USAGE}`);
    return 1;
  }
  const config = loadProbeConfig();
  const log = logger();
  const connection = await connectNats(settings, `gateway-doctor-worker-${args.region}`);
  const worker = startWorker({
    connection,
    region: args.region,
    config,
    capacity: args.capacity,
    version: packageJson.version,
  });
  const server =
    args.metricsPort === null
      ? null
      : createServer((request, response) => {
          if (request.url !== "/metrics") {
            response.writeHead(404).end();
            return;
          }
          const registry = metrics().registry;
          void registry.metrics().then((text) => {
            response.writeHead(200, { "content-type": registry.contentType }).end(text);
          });
        }).listen(args.metricsPort, args.metricsHost);
  // Tests and process supervisors wait for this line before sending checks.
  log.info({ workerId: worker.workerId, metricsPort: args.metricsPort }, "worker ready");

  await new Promise<void>((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
  await worker.stop();
  server?.close();
  await connection.drain().catch(() => undefined);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
