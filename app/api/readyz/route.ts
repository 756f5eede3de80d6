/**
 * GET /api/readyz — readiness: 200 when NATS (with live workers) and Redis are reachable where
 * configured, 503 naming what is not (lib/workers/health.ts).
 */
import { readyz } from "@/lib/workers/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = readyz;
