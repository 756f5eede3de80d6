/**
 * POST /api/probe — checks a URL and returns the report: in this process, or on a probe worker
 * when NATS_URL is set (lib/workers/dispatch.ts). The work and every status code live in
 * lib/probe/http-api.ts; the wizard's next step for the verdict is worked out here, so the
 * probe never imports the wizard.
 */
import { createProbeHandler } from "@/lib/probe/http-api";
import { probeAnywhere } from "@/lib/workers/dispatch";
import { countRejections } from "@/lib/workers/metrics";
import { permalinkForVerdict } from "@/machines/evidence";

// Raw sockets, TLS inspection and c-ares need Node; every answer is live.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = countRejections(
  createProbeHandler(undefined, (facts) => permalinkForVerdict(facts), probeAnywhere),
);
