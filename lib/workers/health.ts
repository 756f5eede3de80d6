/**
 * Liveness and readiness, as a load balancer or Kubernetes asks for them: /healthz answers
 * while the process serves requests; /readyz only when what is configured is reachable — NATS
 * with at least one live worker when NATS_URL is set, Redis when REDIS_URL is set. Without
 * either, the app probes in-process and is ready as soon as it serves.
 */
import { getProbeConfig } from "@/lib/probe/config";
import { sharedLimiter } from "@/lib/probe/limits";
import { sharedFleet } from "./fleet";

/** One dependency's state. */
export interface ReadinessCheck {
  name: "config" | "nats" | "workers" | "redis";
  ok: boolean;
  detail: string;
}

/** Each configured dependency's state; empty when nothing is configured. */
export async function readiness(): Promise<ReadinessCheck[]> {
  const checks: ReadinessCheck[] = [];
  const fleetPromise = sharedFleet();
  if (fleetPromise) {
    try {
      const fleet = await fleetPromise;
      const closed = fleet.connection.isClosed();
      checks.push({
        name: "nats",
        ok: !closed,
        detail: closed ? "connection closed" : "connected",
      });
      const regions = fleet.liveRegions();
      checks.push({
        name: "workers",
        ok: regions.length > 0,
        detail:
          regions.length > 0
            ? `${fleet.live().length} live in ${regions.join(", ")}`
            : "no worker heard from",
      });
    } catch (error) {
      checks.push({ name: "nats", ok: false, detail: (error as Error).message });
    }
  }
  let config;
  try {
    config = getProbeConfig();
  } catch (error) {
    // Invalid PROBE_* settings: every check would be refused, so the instance is not ready.
    checks.push({ name: "config", ok: false, detail: (error as Error).message });
    return checks;
  }
  const limiter = sharedLimiter({ ...config, slotTtlMs: config.timeoutMs * 2 + 10_000 });
  if (limiter) {
    const shared = await limiter;
    const healthy = shared.healthy();
    checks.push({ name: "redis", ok: healthy, detail: healthy ? "connected" : "not reachable" });
  }
  return checks;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

/** GET /api/healthz: 200 while the process answers. */
export function healthz(): Response {
  return json(200, { status: "ok" });
}

/** GET /api/readyz: 200 when every configured dependency is reachable, 503 naming the ones that are not. */
export async function readyz(): Promise<Response> {
  const checks = await readiness();
  const ready = checks.every((check) => check.ok);
  return json(ready ? 200 : 503, { status: ready ? "ready" : "not-ready", checks });
}
