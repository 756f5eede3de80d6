/**
 * GET /api/metrics — Prometheus metrics of this app instance (lib/workers/metrics.ts): probes
 * by verdict and region, phase latencies, limit refusals, probes in flight, live workers.
 */
import { metrics } from "@/lib/workers/metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const registry = metrics().registry;
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
