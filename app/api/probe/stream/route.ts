/**
 * POST /api/probe/stream — the same check as POST /api/probe, answered as NDJSON: progress
 * per phase as it happens, then the report. Validation, limits and status codes are shared
 * with the JSON route in lib/probe/http-api.ts; the verdict's next step is injected here.
 */
import { createProbeStreamHandler } from "@/lib/probe/http-api";
import { permalinkForVerdict } from "@/machines/evidence";

// Raw sockets, TLS inspection and c-ares need Node; every answer is live.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = createProbeStreamHandler(undefined, (facts) => permalinkForVerdict(facts));
