/**
 * POST /api/probe — checks a URL from this server and returns the report.
 * The work and every status code live in lib/probe/http-api.ts; the wizard's next step for
 * the verdict is worked out here, so the probe never imports the wizard.
 */
import { createProbeHandler } from "@/lib/probe/http-api";
import { permalinkForVerdict } from "@/machines/evidence";

// Raw sockets, TLS inspection and c-ares need Node; every answer is live.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = createProbeHandler(undefined, (facts) => permalinkForVerdict(facts));
