/**
 * POST /api/probe/stream — the same check as POST /api/probe, answered as NDJSON: progress
 * per phase as it happens, then the report. With NATS_URL set a worker runs the probe and its
 * progress is relayed line by line. Validation, limits and status codes are shared with the
 * JSON route in lib/probe/http-api.ts; the verdict's next step is injected here.
 */
import { createProbeStreamHandler } from "@/lib/probe/http-api";
import { probeAnywhere } from "@/lib/workers/dispatch";
import { countRejections } from "@/lib/workers/metrics";
import { permalinkForVerdict } from "@/machines/evidence";

// Raw sockets, TLS inspection and c-ares need Node; every answer is live.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = countRejections(
  createProbeStreamHandler(undefined, (facts) => permalinkForVerdict(facts), probeAnywhere),
);
