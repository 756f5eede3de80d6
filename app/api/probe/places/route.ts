/**
 * POST /api/probe/places — "Check from N places": the same check from every live worker
 * region at once (and directly to the origin when its address is given), each place's result
 * side by side and a combined verdict (lib/workers/places.ts) with the permalink of the wizard
 * state it leads to. Without NATS_URL the one place is this server. Same body, validation and
 * limits as POST /api/probe.
 */
import { sharedProbeGate } from "@/lib/probe/http-api";
import { sharedFleet } from "@/lib/workers/fleet";
import { createPlacesHandler } from "@/lib/workers/places";
import { permalinkForState } from "@/machines/paths";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = createPlacesHandler(sharedProbeGate(), sharedFleet, (stateId) =>
  permalinkForState(stateId),
);
