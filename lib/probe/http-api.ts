/**
 * The HTTP face of the probe, kept free of Next.js so it can be tested with
 * plain Request objects: body size capped before parsing, a schema for the
 * input, admission limits, and a status code for every outcome. The route
 * file only wires this to POST.
 */
import { z } from "zod";
import { getProbeConfig, type ProbeConfig } from "./config";
import { ProbeLimiter } from "./limits";
import { MAX_SAMPLES, probe, ProbeRefusal, type ProbeReport } from "./probe";

/** Largest request body read; a probe request is a few hundred bytes. */
export const MAX_REQUEST_BYTES = 8 * 1024;

/** The JSON body POST /api/probe accepts. */
export const probeRequestSchema = z
  .object({
    url: z
      .string()
      .trim()
      .min(1, "url is required")
      .max(2048, "url is longer than 2048 characters"),
    originIp: z.string().trim().max(64, "originIp is too long").optional(),
    samples: z.number().int("samples must be a whole number").min(1).max(MAX_SAMPLES).optional(),
    followRedirects: z.boolean().optional(),
  })
  .strict();

/** The error body of every non-200 answer. */
export interface ApiError {
  error: {
    /** Machine-readable reason: invalid-json, invalid-input, body-too-large, refused, rate-limited, busy, probe-unavailable. */
    code: string;
    /** Sentence for a person. */
    message: string;
    /** For refusals: the guard stage that refused (parse, name, address, dns, redirect, origin). */
    stage?: string;
  };
}

function json(
  status: number,
  body: ProbeReport | ApiError,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });
}

function fail(
  status: number,
  code: string,
  message: string,
  extra: Partial<ApiError["error"]> = {},
  headers: Record<string, string> = {},
): Response {
  return json(status, { error: { code, message, ...extra } }, headers);
}

/** Reads at most `limit` bytes; null when the body is larger. */
async function readCapped(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Who is asking, for the limits. Without a trusted proxy every caller shares
 * one key, so the per-client limits act as global ones: X-Forwarded-For is
 * only believed when the operator says a proxy sets it.
 */
export function clientKey(request: Request, config: ProbeConfig): string {
  if (!config.trustProxy) return "all";
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .pop();
  return last ?? request.headers.get("x-real-ip") ?? "unknown";
}

/** A probe endpoint bound to one configuration and one limiter. */
export function createProbeHandler(
  configSource: () => ProbeConfig = getProbeConfig,
): (request: Request) => Promise<Response> {
  let limiter: ProbeLimiter | undefined;
  return async (request) => {
    let config: ProbeConfig;
    try {
      config = configSource();
    } catch (error) {
      console.error(error);
      return fail(
        503,
        "probe-unavailable",
        "The probe is not configured correctly on this server; the operator has been told in the logs.",
      );
    }
    limiter ??= new ProbeLimiter(config);

    const text = await readCapped(request, MAX_REQUEST_BYTES).catch(() => null);
    if (text === null)
      return fail(
        413,
        "body-too-large",
        `The request body must be JSON of at most ${MAX_REQUEST_BYTES} bytes.`,
      );
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail(
        400,
        "invalid-json",
        'The request body must be JSON, e.g. {"url":"https://example.com/"}.',
      );
    }
    const parsed = probeRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      return fail(400, "invalid-input", `${where}${issue?.message ?? "invalid request"}`);
    }

    const admission = limiter.acquire(clientKey(request, config));
    if (!admission.ok) {
      return fail(
        429,
        admission.reason === "rate" ? "rate-limited" : "busy",
        admission.message,
        {},
        { "retry-after": String(admission.retryAfterS) },
      );
    }
    try {
      const input = parsed.data;
      const report = await probe(
        {
          url: input.url,
          originIp: input.originIp || undefined,
          samples: input.samples,
          followRedirects: input.followRedirects,
        },
        { config },
      );
      return json(200, report);
    } catch (error) {
      if (error instanceof ProbeRefusal)
        return fail(422, "refused", error.message, { stage: error.stage });
      if (error instanceof RangeError) return fail(400, "invalid-input", error.message);
      console.error("probe failed unexpectedly", error);
      return fail(503, "probe-unavailable", "The probe could not run; try again shortly.");
    } finally {
      admission.release();
    }
  };
}
