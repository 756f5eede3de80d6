/**
 * Sending a check to a worker and reading its answer as the probe's own progress and report,
 * so the routes treat a remote probe like probe(). A worker that does not take the check in
 * time, stops heartbeating while it runs, or overruns the probe's deadline makes the check
 * fail with WorkerUnavailable: that is the worker's failure, never the target's.
 */
import { randomUUID } from "node:crypto";
import { createInbox, type Subscription } from "nats";
import { ProbeRefusal, type GuardStage } from "@/lib/probe/guard";
import {
  probe,
  type ProbeOptions,
  type ProbeProgress,
  type ProbeReport,
  type ProbeRequest,
} from "@/lib/probe/probe";
import type { Fleet } from "./fleet";
import { sharedFleet } from "./fleet";
import { loggableUrl, logger } from "./log";
import { metrics, recordProbe } from "./metrics";
import {
  ACCEPT_TIMEOUT_MS,
  anySubject,
  cancelSubject,
  decode,
  encode,
  HEARTBEAT_MS,
  type WorkerProbeRequest,
  type WorkerReply,
} from "./protocol";

/** No worker answered, or the one that took the check went silent. */
export class WorkerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkerUnavailable";
  }
}

/** A worker's refusal or failure that is neither a guard refusal nor bad input. */
export class WorkerProbeError extends Error {
  constructor(
    /** The HTTP status the app would answer with. */
    readonly status: number,
    /** The machine-readable code (busy, probe-unavailable, …). */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "WorkerProbeError";
  }
}

/** How to send one check. */
export interface DispatchOptions {
  /** NATS subject: anySubject() or regionSubject(region). */
  subject: string;
  /** The probe's overall deadline; the worker gets it plus a few heartbeats to answer. */
  timeoutMs: number;
  /** Milliseconds a worker has to take the check (ACCEPT_TIMEOUT_MS by default). */
  acceptTimeoutMs?: number;
  /** Progress events as the worker reports them. */
  onProgress?: (event: ProbeProgress) => void;
  /** Cancels the check on the worker too. */
  signal?: AbortSignal;
  /** Carried into the worker's log lines. */
  requestId?: string;
}

/** A report and who made it. */
export interface RemoteReport {
  report: ProbeReport;
  workerId: string;
  region: string;
}

/** Rebuilds the error a worker reported, so the app maps it to the same status as in-process. */
function remoteError(message: Extract<WorkerReply, { type: "error" }>): Error {
  if (message.error.code === "refused")
    return new ProbeRefusal((message.error.stage ?? "parse") as GuardStage, message.error.message);
  if (message.error.code === "invalid-input") return new RangeError(message.error.message);
  return new WorkerProbeError(message.status, message.error.code, message.error.message);
}

/** Sends a check to whichever worker of `subject` takes it and waits for its report. */
export function probeOnWorker(
  fleet: Fleet,
  request: ProbeRequest,
  options: DispatchOptions,
): Promise<RemoteReport> {
  const connection = fleet.connection;
  const requestId = options.requestId ?? randomUUID();
  const acceptTimeoutMs = options.acceptTimeoutMs ?? ACCEPT_TIMEOUT_MS;
  const log = logger().child({ requestId });
  return new Promise<RemoteReport>((resolve, reject) => {
    let worker: { workerId: string; region: string } | null = null;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    let subscription: Subscription | null = null;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      for (const timer of timers) clearInterval(timer);
      subscription?.unsubscribe();
      options.signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const onAbort = () => {
      connection.publish(cancelSubject(requestId), encode({}));
      finish(() => reject(options.signal?.reason ?? new Error("aborted")));
    };
    if (options.signal?.aborted) {
      reject(options.signal.reason);
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });

    const inbox = createInbox();
    subscription = connection.subscribe(inbox, {
      callback: (_error, msg) => {
        const message = decode<WorkerReply>(msg.data);
        if (!message || settled) return;
        if (message.type === "accepted") {
          worker = { workerId: message.workerId, region: message.region };
          log.debug({ workerId: worker.workerId }, "check taken by worker");
          return;
        }
        if (message.type === "report") {
          const by = worker ?? { workerId: "unknown", region: "unknown" };
          finish(() => resolve({ report: message.report, ...by }));
          return;
        }
        if (message.type === "error") {
          finish(() => reject(remoteError(message)));
          return;
        }
        try {
          options.onProgress?.(message);
        } catch {
          // A progress listener must never change the outcome of the check.
        }
      },
    });

    timers.push(
      setTimeout(() => {
        if (worker === null)
          finish(() => reject(new WorkerUnavailable("no worker took the check in time")));
      }, acceptTimeoutMs),
      // A worker that was killed sends nothing more; its heartbeats stopping tells the app.
      setInterval(() => {
        if (worker !== null && !fleet.isLive(worker.workerId))
          finish(() =>
            reject(new WorkerUnavailable(`worker ${worker!.workerId} stopped answering`)),
          );
      }, HEARTBEAT_MS),
      setTimeout(
        () =>
          finish(() => reject(new WorkerUnavailable("the worker overran the probe's deadline"))),
        options.timeoutMs + acceptTimeoutMs + 2 * HEARTBEAT_MS,
      ),
    );
    const message: WorkerProbeRequest = { requestId, request };
    connection.publish(options.subject, encode(message), { reply: inbox });
    log.info({ subject: options.subject, target: loggableUrl(request.url) }, "check dispatched");
  });
}

/**
 * The routes' probe: in-process when NATS_URL is not set (exactly as before workers existed),
 * otherwise on any live worker. Same contract as probe(): progress events, the report, a
 * ProbeRefusal or RangeError for what the guard or the input refused.
 */
export async function probeAnywhere(
  request: ProbeRequest,
  options: ProbeOptions,
): Promise<ProbeReport> {
  const fleetPromise = sharedFleet();
  const m = metrics();
  if (!fleetPromise) {
    m.inFlight.inc();
    try {
      const report = await probe(request, options);
      recordProbe("local", report.verdict.code, report.samples);
      return report;
    } finally {
      m.inFlight.dec();
    }
  }
  const fleet = await fleetPromise;
  if (fleet.live().length === 0)
    throw new WorkerProbeError(503, "probe-unavailable", "No probe worker is running.");
  m.inFlight.inc();
  try {
    const remote = await probeOnWorker(fleet, request, {
      subject: anySubject(),
      timeoutMs: options.config.timeoutMs,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    recordProbe(remote.region, remote.report.verdict.code, remote.report.samples);
    return remote.report;
  } finally {
    m.inFlight.dec();
  }
}
