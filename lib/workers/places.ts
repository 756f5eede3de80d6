/**
 * "Check from N places": the same probe from every live region at once (and, when the owner
 * gave the origin's address, directly to the origin), gathered side by side with a combined
 * verdict. Without NATS there is one place, this server, so the same answer shape works for
 * a single instance. A region that does not answer in time is unavailable, not failing.
 */
import { randomUUID } from "node:crypto";
import type { ProbeConfig } from "@/lib/probe/config";
import { ProbeRefusal } from "@/lib/probe/guard";
import {
  jsonResponse,
  MAX_REQUEST_BYTES,
  probeFailure,
  sharedProbeGate,
  type ProbeGate,
} from "@/lib/probe/http-api";
import { probe, type ProbeRequest } from "@/lib/probe/probe";
import { combinePlaces, type CombinedVerdict, type PlaceResult } from "./combine";
import { probeOnWorker, WorkerProbeError, WorkerUnavailable } from "./dispatch";
import { sharedFleet, type Fleet } from "./fleet";
import { logger } from "./log";
import { metrics, recordProbe } from "./metrics";
import { anySubject, regionSubject } from "./protocol";

/** The answer of POST /api/probe/places. */
export interface PlacesAnswer {
  /** Each place's result, regions by name, then the origin. */
  places: PlaceResult[];
  combined: CombinedVerdict;
}

/** Where the place that runs in this process is named, without workers. */
export const LOCAL_PLACE = "this-server";

/** A failed place's result; only a guard refusal counts as "refused". */
function failedPlace(place: string, kind: PlaceResult["kind"], error: unknown): PlaceResult {
  if (error instanceof ProbeRefusal)
    return { place, kind, outcome: "refused", reason: error.message };
  if (error instanceof WorkerUnavailable || error instanceof WorkerProbeError)
    return { place, kind, outcome: "unavailable", reason: error.message };
  return { place, kind, outcome: "unavailable", reason: probeFailure(error).error.message };
}

/** Runs the check from every place and combines the results. */
export async function checkFromPlaces(
  request: ProbeRequest,
  config: ProbeConfig,
  options: { signal?: AbortSignal; requestId?: string; fleet?: Fleet | null } = {},
): Promise<PlacesAnswer> {
  const requestId = options.requestId ?? randomUUID();
  const fleet = options.fleet !== undefined ? options.fleet : await sharedFleet();
  // Regions check the site as the public reaches it; only the origin place uses the address.
  const publicRequest: ProbeRequest = { ...request, originIp: undefined };
  const m = metrics();
  const jobs: Promise<PlaceResult>[] = [];
  const local = async (place: string, kind: PlaceResult["kind"], req: ProbeRequest) => {
    m.inFlight.inc();
    try {
      const report = await probe(req, { config, signal: options.signal });
      recordProbe("local", report.verdict.code, report.samples);
      return { place, kind, outcome: "answered", report } satisfies PlaceResult;
    } catch (error) {
      return failedPlace(place, kind, error);
    } finally {
      m.inFlight.dec();
    }
  };
  const remote = async (
    place: string,
    kind: PlaceResult["kind"],
    subject: string,
    req: ProbeRequest,
  ) => {
    m.inFlight.inc();
    try {
      const answer = await probeOnWorker(fleet!, req, {
        subject,
        timeoutMs: config.timeoutMs,
        signal: options.signal,
        requestId: `${requestId}-${place}`,
      });
      recordProbe(answer.region, answer.report.verdict.code, answer.report.samples);
      return {
        place,
        kind,
        outcome: "answered",
        workerId: answer.workerId,
        report: answer.report,
      } satisfies PlaceResult;
    } catch (error) {
      return failedPlace(place, kind, error);
    } finally {
      m.inFlight.dec();
    }
  };
  if (!fleet) {
    jobs.push(local(LOCAL_PLACE, "region", publicRequest));
    if (request.originIp) jobs.push(local("origin", "origin", request));
  } else {
    for (const region of fleet.liveRegions())
      jobs.push(remote(region, "region", regionSubject(region), publicRequest));
    if (request.originIp) jobs.push(remote("origin", "origin", anySubject(), request));
  }
  const places = await Promise.all(jobs);
  const combined = combinePlaces(places);
  logger().info(
    { requestId, places: places.length, combined: combined.kind, failing: combined.failing },
    "multi-place check finished",
  );
  return { places, combined };
}

const json = jsonResponse;

/**
 * POST /api/probe/places: the same body, validation and limits as POST /api/probe (one
 * admission for the whole check, as the visitor asked once), answered with PlacesAnswer.
 * With `nextStep`, the combined verdict carries the permalink of the state it leads to.
 */
export function createPlacesHandler(
  gate: ProbeGate = sharedProbeGate(),
  fleetSource: () => Promise<Fleet> | null = sharedFleet,
  nextStep?: (stateId: string) => string | null,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const declared = Number(request.headers.get("content-length") ?? "0");
    const text = declared > MAX_REQUEST_BYTES ? null : await request.text().catch(() => null);
    if (text === null || Buffer.byteLength(text) > MAX_REQUEST_BYTES)
      return json(413, {
        error: {
          code: "body-too-large",
          message: `The request body must be JSON of at most ${MAX_REQUEST_BYTES} bytes.`,
        },
      });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, {
        error: {
          code: "invalid-json",
          message: 'The request body must be JSON, e.g. {"url":"https://example.com/"}.',
        },
      });
    }
    const admitted = await gate.admitShared(body, request, { precheck: true });
    if ("error" in admitted) {
      if (admitted.status === 429) metrics().rejections.inc({ reason: admitted.error.code });
      return json(
        admitted.status,
        { error: admitted.error },
        admitted.retryAfterS !== undefined ? { "retry-after": String(admitted.retryAfterS) } : {},
      );
    }
    try {
      const fleetPromise = fleetSource();
      const fleet = fleetPromise ? await fleetPromise : null;
      const answer = await checkFromPlaces(admitted.request, admitted.config, {
        signal: request.signal,
        fleet,
      });
      const permalink = nextStep?.(answer.combined.stateId) ?? undefined;
      return json(
        200,
        permalink ? { ...answer, combined: { ...answer.combined, permalink } } : answer,
      );
    } catch (error) {
      const failure = probeFailure(error);
      return json(failure.status, { error: failure.error });
    } finally {
      admitted.release();
    }
  };
}
