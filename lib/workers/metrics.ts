/**
 * Prometheus metrics (prom-client) of the app and of each worker: probes by verdict and region,
 * phase latencies, admission refusals, probes in flight and live workers. One registry per
 * process, kept on globalThis because Next.js may load this module once per route bundle.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The metrics a process exports. */
export interface ProbeMetrics {
  registry: Registry;
  /** Finished probes, by verdict code and region ("local" for an in-process probe). */
  probes: Counter<"verdict" | "region">;
  /** Seconds per probe phase (dns, connect, tls, ttfb, body), by region. */
  phaseSeconds: Histogram<"phase" | "region">;
  /** Requests refused by the limits: rate-limited, busy, target-limited. */
  rejections: Counter<"reason">;
  /** Probes running now. */
  inFlight: Gauge;
  /** Workers heard from within the last heartbeats, by region (app only). */
  liveWorkers: Gauge<"region">;
}

const SHARED_METRICS = Symbol.for("gateway-doctor.workers.metrics");

/** The process's metrics, created on first use. */
export function metrics(): ProbeMetrics {
  const holder = globalThis as typeof globalThis & { [SHARED_METRICS]?: ProbeMetrics };
  if (holder[SHARED_METRICS]) return holder[SHARED_METRICS];
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "gd_" });
  const created: ProbeMetrics = {
    registry,
    probes: new Counter({
      name: "gd_probes_total",
      help: "Finished probes by verdict code and region",
      labelNames: ["verdict", "region"],
      registers: [registry],
    }),
    phaseSeconds: new Histogram({
      name: "gd_probe_phase_seconds",
      help: "Duration of each probe phase",
      labelNames: ["phase", "region"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    rejections: new Counter({
      name: "gd_admission_rejections_total",
      help: "Probe requests refused by the rate, concurrency or per-target limits",
      labelNames: ["reason"],
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: "gd_probes_in_flight",
      help: "Probes running now",
      registers: [registry],
    }),
    liveWorkers: new Gauge({
      name: "gd_live_workers",
      help: "Probe workers heard from recently, by region",
      labelNames: ["region"],
      registers: [registry],
    }),
  };
  holder[SHARED_METRICS] = created;
  return created;
}

/** Counts a finished probe and its phase timings. */
export function recordProbe(
  region: string,
  verdict: string,
  samples: readonly { phases: object }[],
): void {
  const m = metrics();
  m.probes.inc({ verdict, region });
  for (const sample of samples) {
    for (const [phase, ms] of Object.entries(sample.phases)) {
      if (typeof ms === "number") m.phaseSeconds.observe({ phase, region }, ms / 1000);
    }
  }
}

/**
 * Wraps a probe handler so its 429 answers are counted by reason (rate-limited, busy,
 * target-limited). The body is read from a clone; the caller gets the answer untouched.
 */
export function countRejections(
  handler: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await handler(request);
    if (response.status === 429) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { error?: { code?: string } } | null;
      metrics().rejections.inc({ reason: body?.error?.code ?? "unknown" });
    }
    return response;
  };
}
