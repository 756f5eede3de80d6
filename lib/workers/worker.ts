/**
 * A probe worker: one process that takes checks from NATS and runs the same probe the app runs
 * in-process. It subscribes twice with queue groups — to the shared subject (any worker may take
 * a single-place check) and to its region's subject (the multi-place check asks every region)
 * — and announces itself with a heartbeat. Each check is validated against the app's schema and
 * probed with this worker's own settings: probe() parses and guards the URL, resolves the name
 * here, checks every address it got and the owner's origin address, so a request carries no
 * address this worker would connect to unchecked.
 */
import { randomUUID } from "node:crypto";
import type { Msg, NatsConnection, Subscription } from "nats";
import type { ProbeConfig } from "@/lib/probe/config";
import { probeFailure, probeRequestSchema } from "@/lib/probe/http-api";
import { probe, type ProbeRequest } from "@/lib/probe/probe";
import { loggableUrl, logger } from "./log";
import { metrics, recordProbe } from "./metrics";
import {
  ANY_QUEUE,
  anySubject,
  cancelSubject,
  decode,
  encode,
  HEARTBEAT_MS,
  heartbeatSubject,
  helloSubject,
  REGION_PATTERN,
  regionQueue,
  regionSubject,
  type Heartbeat,
  type WorkerProbeRequest,
  type WorkerReply,
} from "./protocol";

/** What a worker needs. */
export interface WorkerOptions {
  /** An open NATS connection; the worker does not close it. */
  connection: NatsConnection;
  /** The region it probes from (one subject token). */
  region: string;
  /** Probe settings: the guard's policy, DNS servers, deadlines. */
  config: ProbeConfig;
  /** Checks run at once at most; more are answered "busy" so the app can tell. */
  capacity: number;
  /** The version announced in heartbeats. */
  version: string;
}

/** A running worker. */
export interface RunningWorker {
  workerId: string;
  region: string;
  /** Checks running now. */
  inFlight(): number;
  /** Stops taking checks, aborts the running ones and says goodbye in a last heartbeat. */
  stop(): Promise<void>;
}

/** The shape a request must have; anything else is dropped without an answer. */
function readRequest(msg: Msg): { requestId: string; request: ProbeRequest } | null {
  const message = decode<WorkerProbeRequest>(msg.data);
  if (!message || typeof message.requestId !== "string" || !/^[\w-]{1,64}$/.test(message.requestId))
    return null;
  const parsed = probeRequestSchema.safeParse(message.request);
  if (!parsed.success) return null;
  const input = parsed.data;
  return {
    requestId: message.requestId,
    request: {
      url: input.url,
      originIp: input.originIp || undefined,
      samples: input.samples,
      followRedirects: input.followRedirects,
    },
  };
}

/** Starts taking checks. */
export function startWorker(options: WorkerOptions): RunningWorker {
  const { connection, region, config, capacity, version } = options;
  if (!REGION_PATTERN.test(region))
    throw new RangeError(`region must be letters, digits and dashes, got "${region}"`);
  const workerId = `${region}-${randomUUID().slice(0, 8)}`;
  const log = logger().child({ workerId, region });
  const running = new Map<string, AbortController>();
  const m = metrics();

  const heartbeat = (leaving = false) => {
    const beat: Heartbeat = {
      workerId,
      region,
      version,
      inFlight: running.size,
      capacity,
      load: running.size / capacity,
      ...(leaving ? { leaving: true } : {}),
    };
    connection.publish(heartbeatSubject(), encode(beat));
  };

  const handle = async (msg: Msg) => {
    const reply = msg.reply;
    const read = readRequest(msg);
    if (!reply || !read) {
      log.warn("dropped a malformed check request");
      return;
    }
    const { requestId, request } = read;
    const send = (message: WorkerReply) => {
      try {
        connection.publish(reply, encode(message));
      } catch {
        // The connection closed under us (the worker is stopping); the app sees the silence.
      }
    };
    if (running.size >= capacity) {
      send({
        type: "error",
        status: 503,
        error: { code: "busy", message: "The probe worker is busy; try again in a few seconds." },
      });
      return;
    }
    const abort = new AbortController();
    running.set(requestId, abort);
    m.inFlight.inc();
    const cancel: Subscription = connection.subscribe(cancelSubject(requestId), {
      max: 1,
      callback: () => abort.abort(),
    });
    const started = performance.now();
    log.info({ requestId, target: loggableUrl(request.url) }, "check accepted");
    send({ type: "accepted", workerId, region });
    try {
      const report = await probe(request, { config, signal: abort.signal, onProgress: send });
      recordProbe(region, report.verdict.code, report.samples);
      log.info(
        { requestId, verdict: report.verdict.code, ms: Math.round(performance.now() - started) },
        "check finished",
      );
      send({ type: "report", report });
    } catch (error) {
      if (!abort.signal.aborted) {
        const failure = probeFailure(error);
        log.info({ requestId, code: failure.error.code }, "check ended without a report");
        send({ type: "error", status: failure.status, error: failure.error });
      } else {
        log.info({ requestId }, "check cancelled");
      }
    } finally {
      cancel.unsubscribe();
      running.delete(requestId);
      m.inFlight.dec();
    }
  };

  const subscriptions = [
    connection.subscribe(anySubject(), {
      queue: ANY_QUEUE,
      callback: (_e, msg) => void handle(msg),
    }),
    connection.subscribe(regionSubject(region), {
      queue: regionQueue(region),
      callback: (_e, msg) => void handle(msg),
    }),
    connection.subscribe(helloSubject(), { callback: () => heartbeat() }),
  ];
  const timer = setInterval(() => heartbeat(), HEARTBEAT_MS);
  heartbeat();
  log.info({ capacity, version }, "worker started");

  return {
    workerId,
    region,
    inFlight: () => running.size,
    async stop() {
      clearInterval(timer);
      for (const subscription of subscriptions) subscription.unsubscribe();
      for (const abort of running.values()) abort.abort();
      heartbeat(true);
      await connection.flush().catch(() => undefined);
      log.info("worker stopped");
    },
  };
}
