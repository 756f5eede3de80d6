/**
 * What the app and the probe workers say to each other over NATS. A check is a request on a
 * subject with a queue group, so several workers of one region share its checks and each check
 * reaches exactly one of them (https://docs.nats.io/nats-concepts/core-nats/queue). The worker
 * answers on the request's reply inbox with a stream of messages: `accepted` first, then the
 * probe's own progress events, then exactly one `report` or `error` — the same events the app's
 * NDJSON stream carries, so the browser's check works unchanged whoever ran the probe.
 */
import type { ApiError } from "@/lib/probe/http-api";
import type { ProbeProgress, ProbeReport, ProbeRequest } from "@/lib/probe/probe";

/** Every subject starts with this; an operator can run several deployments on one NATS account. */
export const SUBJECT_PREFIX = process.env.WORKER_SUBJECT_PREFIX?.trim() || "gd";

/** Any worker of any region takes a check sent here (the single-place check). */
export const anySubject = () => `${SUBJECT_PREFIX}.probe.any`;
/** One region's workers take checks sent here (the multi-place check). */
export const regionSubject = (region: string) => `${SUBJECT_PREFIX}.probe.region.${region}`;
/** Workers announce themselves here every heartbeat. */
export const heartbeatSubject = () => `${SUBJECT_PREFIX}.workers.heartbeat`;
/** The app asks here for an immediate heartbeat, so it knows the regions as soon as it connects. */
export const helloSubject = () => `${SUBJECT_PREFIX}.workers.hello`;
/** The app publishes here when the visitor went away, so the worker stops costing sockets. */
export const cancelSubject = (requestId: string) => `${SUBJECT_PREFIX}.probe.cancel.${requestId}`;

/** Queue group names: one group for the shared subject and one per region. */
export const ANY_QUEUE = "gd-any";
export const regionQueue = (region: string) => `gd-region-${region}`;

/** Milliseconds between a worker's heartbeats. */
export const HEARTBEAT_MS = Number(process.env.WORKER_HEARTBEAT_MS) || 1_000;
/**
 * Milliseconds a region's workers have to take a check before the region counts as unavailable
 * for it (WORKER_ACCEPT_TIMEOUT_MS): one NATS round trip normally, more on a busy machine.
 */
export const ACCEPT_TIMEOUT_MS = Number(process.env.WORKER_ACCEPT_TIMEOUT_MS) || 3_000;
/** A worker not heard from for this many heartbeats is taken for gone. */
export const MISSED_HEARTBEATS = 3;

/** A region name is one NATS subject token: letters, digits and dashes. */
export const REGION_PATTERN = /^[a-z0-9][a-z0-9-]{0,40}$/;

/** A check sent to a worker. */
export interface WorkerProbeRequest {
  /** Carried into every log line of the app and of the worker, so one check can be followed. */
  requestId: string;
  /**
   * What to check, as the visitor asked. Only the URL and the owner's origin address; the
   * worker guards and resolves them itself and never connects to an address the app chose.
   */
  request: ProbeRequest;
}

/** A worker's announcement of itself. */
export interface Heartbeat {
  /** Unique per worker process. */
  workerId: string;
  /** The region (vantage point) it probes from. */
  region: string;
  /** The app version it runs (package.json), so a mixed deployment shows. */
  version: string;
  /** Checks running now. */
  inFlight: number;
  /** Checks it runs at once at most. */
  capacity: number;
  /** inFlight / capacity, from 0 to 1. */
  load: number;
  /** True in the last message of a worker that is shutting down. */
  leaving?: boolean;
}

/** One message of a worker's answer. */
export type WorkerReply =
  | {
      /** The worker took the check; from now on its heartbeat tells the app it is alive. */
      type: "accepted";
      workerId: string;
      region: string;
    }
  | ProbeProgress
  | {
      /** The check finished. */
      type: "report";
      report: ProbeReport;
    }
  | {
      /** The check could not finish: a guard refusal (422) or a failure of the probe. */
      type: "error";
      status: number;
      error: ApiError["error"];
    };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON bytes of a message. */
export function encode(message: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(message));
}

/** A message's JSON, or null when it is not JSON (nobody else should publish on our subjects). */
export function decode<T>(data: Uint8Array): T | null {
  try {
    return JSON.parse(decoder.decode(data)) as T;
  } catch {
    return null;
  }
}
