/**
 * POST /api/probe — checks a URL from this server and returns the report.
 * The work and every status code live in lib/probe/http-api.ts.
 */
import { createProbeHandler } from "@/lib/probe/http-api";

// Raw sockets, TLS inspection and c-ares need Node; every answer is live.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = createProbeHandler();
