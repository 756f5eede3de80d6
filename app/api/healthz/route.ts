/** GET /api/healthz — liveness: 200 while the process serves requests (lib/workers/health.ts). */
import { healthz } from "@/lib/workers/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = healthz;
