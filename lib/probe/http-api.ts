/**
 * The HTTP face of the probe, kept free of Next.js so it can be tested with
 * plain Request objects: body size capped before parsing, a schema for the
 * input, admission limits, and a status code for every outcome. Two routes
 * use it — POST /api/probe answers with the report as JSON, and POST
 * /api/probe/stream with NDJSON progress events and then the report — and
 * the wizard's no-JavaScript form goes through the same gate, so every way in
 * shares one validation, one set of limits and one mapping of errors.
 */
import { z } from "zod";
import { getProbeConfig, type ProbeConfig } from "./config";
import { checkOriginAddress, checkUrl } from "./guard";
import { clientAddress, limitKey, type HeaderSource } from "./client-address";
import { ProbeLimiter, sharedLimiter, TargetLimiter } from "./limits";
import type { Verdict } from "./classify";
import { MAX_CHECK_URL_CHARS, MAX_ORIGIN_IP_CHARS, MAX_SAMPLES } from "./check-limits";
import { probe, ProbeRefusal, targetUrl, type ProbeReport, type ProbeRequest } from "./probe";
import type { VerdictFacts } from "./verdict";
import { encodeStreamEvent, NDJSON, type ProbeStreamEvent } from "./stream-protocol";

/**
 * Works out the wizard step a verdict leads to, as a permalink path (/diagnose/…). The app
 * injects it (from machines/), so the probe stays a leaf that imports nothing of the wizard.
 */
export type NextStep = (facts: VerdictFacts) => string;

/** The report as the HTTP API sends it: the verdict carries the next step when one was injected. */
export interface ProbeApiReport extends Omit<ProbeReport, "verdict"> {
  /** The probe's verdict, plus `permalink` into the wizard when the handler was given a NextStep. */
  verdict: Verdict & { permalink?: string };
}

/** Distinct facts kept per handler; vendors and statuses come from servers, so the memo is bounded. */
const NEXT_STEP_MEMO_LIMIT = 5_000;

/** Adds the next step to a report's verdict; each distinct set of facts is worked out once. */
function nextStepAdder(nextStep: NextStep | undefined): (report: ProbeReport) => ProbeApiReport {
  if (!nextStep) return (report) => report;
  const memo = new Map<string, string>();
  return (report) => {
    const v = report.verdict;
    const key = `${v.code}|${v.status}|${v.layer}|${v.vendor}|${v.cause}|${v.intermittent}`;
    let permalink = memo.get(key);
    if (permalink === undefined) {
      permalink = nextStep(v);
      if (memo.size < NEXT_STEP_MEMO_LIMIT) memo.set(key, permalink);
    }
    return { ...report, verdict: { ...v, permalink } };
  };
}

/**
 * Runs an admitted probe: probe() in this process by default; the app's routes pass one that
 * sends it to a worker when NATS_URL is set (lib/workers/dispatch.ts).
 */
export type ProbeRunner = typeof probe;

/** Largest request body read; a probe request is a few hundred bytes. */
export const MAX_REQUEST_BYTES = 8 * 1024;

/** The JSON body POST /api/probe accepts. */
export const probeRequestSchema = z
  .object({
    url: z
      .string()
      .trim()
      .min(1, "url is required")
      .max(MAX_CHECK_URL_CHARS, `url is longer than ${MAX_CHECK_URL_CHARS} characters`),
    originIp: z.string().trim().max(MAX_ORIGIN_IP_CHARS, "originIp is too long").optional(),
    samples: z.number().int("samples must be a whole number").min(1).max(MAX_SAMPLES).optional(),
    followRedirects: z.boolean().optional(),
  })
  .strict();

/** The error body of every non-200 answer. */
export interface ApiError {
  error: {
    /** Machine-readable reason: invalid-json, invalid-input, body-too-large, foreign-origin, refused, rate-limited, target-limited, busy, probe-unavailable. */
    code: string;
    /** Sentence for a person. */
    message: string;
    /** For refusals: the guard stage that refused (parse, name, address, dns, redirect, origin). */
    stage?: string;
  };
}

/** A JSON response that no cache keeps: every probe answer is about this moment. */
export function jsonResponse(
  status: number,
  body: unknown,
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

/** jsonResponse for this API's own bodies: a report or an error, checked by their type. */
function json(
  status: number,
  body: ProbeReport | ApiError,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, body, headers);
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

export type { HeaderSource } from "./client-address";

/**
 * Who is asking, for the limits: the connection's address, or the address the proxies named in
 * PROBE_TRUST_PROXY saw (lib/probe/client-address.ts). IPv6 clients are counted by their /64.
 */
export function clientKey(request: HeaderSource, config: ProbeConfig): string {
  const trust = config.trustProxy === true ? { hops: 1 } : config.trustProxy;
  return limitKey(clientAddress(request, trust));
}

/**
 * True when a browser sent the request from a page of another site that is not an allowed
 * embed host. Browsers send Origin with every POST and Sec-Fetch-Site with every request
 * (https://fetch.spec.whatwg.org/#origin-header, https://www.w3.org/TR/fetch-metadata/); a
 * request with neither comes from a program (curl, the CLI), which cannot borrow a visitor's
 * budget, so it is not refused. Without this, any web page could make its visitors' browsers
 * spend this site's probes with a text/plain POST, which needs no CORS preflight.
 */
export function foreignOrigin(request: HeaderSource, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (origin === null) return fetchSite === "cross-site" || fetchSite === "same-site";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    // "null" (sandboxed frames) or garbage: not this site, and not on any list.
    return true;
  }
  if (parsed.host === host && fetchSite !== "cross-site" && fetchSite !== "same-site") return false;
  return !allowedOrigins.some((allowed) => originMatches(allowed, parsed));
}

/** Matches an allow-list entry ("https://help.example.com", "https://*.example.org:*"). */
function originMatches(allowed: string, origin: URL): boolean {
  const match = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\d+|\*))?$/.exec(allowed);
  if (!match) return false;
  const [, scheme, wildcard, host, port] = match;
  if (origin.protocol !== `${scheme}:`) return false;
  const hostOk = wildcard ? origin.hostname.endsWith(`.${host}`) : origin.hostname === host;
  const defaultPort = scheme === "https" ? "443" : "80";
  const originPort = origin.port || defaultPort;
  const portOk = port === "*" || originPort === (port ?? defaultPort);
  return hostOk && portOk;
}

/** A refused, invalid or unservable probe request, ready to become an HTTP answer. */
export interface ProbeFailure {
  /** HTTP status: 400, 403, 413, 422, 429 or 503. */
  status: number;
  /** The error body. */
  error: ApiError["error"];
  /** Seconds to wait before trying again (429 only). */
  retryAfterS?: number;
}

/** A request that passed validation and admission; call release() exactly once when done. */
export interface AdmittedProbe {
  /** The settings to probe with. */
  config: ProbeConfig;
  /** The validated request. */
  request: ProbeRequest;
  /** Frees the admission slot. */
  release: () => void;
}

/** What probe() threw, as an HTTP answer; unexpected errors are logged and become 503. */
export function probeFailure(error: unknown): ProbeFailure {
  if (error instanceof ProbeRefusal)
    return { status: 422, error: { code: "refused", message: error.message, stage: error.stage } };
  if (error instanceof RangeError)
    return { status: 400, error: { code: "invalid-input", message: error.message } };
  console.error("probe failed unexpectedly", error);
  return {
    status: 503,
    error: { code: "probe-unavailable", message: "The probe could not run; try again shortly." },
  };
}

/**
 * Validation and admission shared by every way into the probe: the settings, the input
 * schema and the limiter. One gate per configuration source; the app's routes and its form
 * share sharedProbeGate(), so a client cannot double its budget by switching endpoints.
 */
export class ProbeGate {
  private limiter: ProbeLimiter | undefined;
  private targets: TargetLimiter | undefined;

  constructor(private readonly configSource: () => ProbeConfig = getProbeConfig) {}

  /**
   * Checks a parsed body against the schema and the client against the limits. With
   * `precheck`, the URL and origin address also go through the guard's first stages now, so a
   * refused target is answered with 422 before a stream has started.
   */
  admit(
    body: unknown,
    client: HeaderSource,
    { precheck = false }: { precheck?: boolean } = {},
  ): AdmittedProbe | ProbeFailure {
    let config: ProbeConfig;
    try {
      config = this.configSource();
    } catch (error) {
      console.error(error);
      return {
        status: 503,
        error: {
          code: "probe-unavailable",
          message:
            "The probe is not configured correctly on this server; the operator has been told in the logs.",
        },
      };
    }
    this.limiter ??= new ProbeLimiter(config);
    this.targets ??= new TargetLimiter(config);

    if (foreignOrigin(client, config.embedOrigins ?? []))
      return {
        status: 403,
        error: {
          code: "foreign-origin",
          message:
            "This probe only answers pages of its own site and of the sites allowed to embed it.",
        },
      };

    const parsed = probeRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      return {
        status: 400,
        error: { code: "invalid-input", message: `${where}${issue?.message ?? "invalid request"}` },
      };
    }
    const input = parsed.data;
    const request: ProbeRequest = {
      url: input.url,
      originIp: input.originIp || undefined,
      samples: input.samples,
      followRedirects: input.followRedirects,
    };
    if (precheck) {
      const policy = { allowCidrs: config.allowCidrs, allowPorts: config.allowPorts };
      try {
        checkUrl(targetUrl(request.url).url, policy);
        if (request.originIp) checkOriginAddress(request.originIp, policy);
      } catch (error) {
        return probeFailure(error);
      }
    }

    const admission = this.limiter.acquire(clientKey(client, config));
    if (!admission.ok) {
      return {
        status: 429,
        error: {
          code: admission.reason === "rate" ? "rate-limited" : "busy",
          message: admission.message,
        },
        retryAfterS: admission.retryAfterS,
      };
    }
    // The machine that receives the connections: the origin address when one is given.
    const target = request.originIp ?? targetHost(request.url);
    const onTarget = this.targets.acquire(target);
    if (!onTarget.ok) {
      admission.release();
      return {
        status: 429,
        error: { code: "target-limited", message: onTarget.message },
        retryAfterS: onTarget.retryAfterS,
      };
    }
    return {
      config,
      request,
      release: () => {
        onTarget.release();
        admission.release();
      },
    };
  }

  /**
   * admit(), then the limits every app instance shares when REDIS_URL is set (lib/probe/limits.ts
   * sharedLimiter), so a client cannot multiply its budget by reaching several instances.
   * Without REDIS_URL it answers exactly as admit().
   */
  async admitShared(
    body: unknown,
    client: HeaderSource,
    options: { precheck?: boolean } = {},
  ): Promise<AdmittedProbe | ProbeFailure> {
    const admitted = this.admit(body, client, options);
    if (isFailure(admitted)) return admitted;
    const config = admitted.config;
    const shared = sharedLimiter({
      ...config,
      slotTtlMs: config.timeoutMs * 2 + 10_000,
    });
    if (!shared) return admitted;
    const target = admitted.request.originIp ?? targetHost(admitted.request.url);
    const outcome = await (await shared).acquire(clientKey(client, config), target);
    if (!outcome.ok) {
      admitted.release();
      return {
        status: 429,
        error: {
          code:
            outcome.scope === "target"
              ? "target-limited"
              : outcome.reason === "rate"
                ? "rate-limited"
                : "busy",
          message: outcome.message,
        },
        retryAfterS: outcome.retryAfterS,
      };
    }
    return {
      ...admitted,
      release: () => {
        outcome.release();
        admitted.release();
      },
    };
  }
}

/** The host a URL names, lowercased; the text itself when it does not parse (the probe refuses it later). */
function targetHost(url: string): string {
  try {
    return new URL(targetUrl(url).url).hostname.toLowerCase();
  } catch {
    return url.trim().toLowerCase().slice(0, 256);
  }
}

const SHARED_GATE = Symbol.for("gateway-doctor.probe-gate");

/**
 * The process-wide gate on the operator's settings. Kept on globalThis because Next.js may
 * bundle each route separately, and separate module copies would mean separate limits.
 */
export function sharedProbeGate(): ProbeGate {
  const holder = globalThis as typeof globalThis & { [SHARED_GATE]?: ProbeGate };
  holder[SHARED_GATE] ??= new ProbeGate();
  return holder[SHARED_GATE];
}

function failureResponse(failure: ProbeFailure): Response {
  return fail(
    failure.status,
    failure.error.code,
    failure.error.message,
    failure.error.stage ? { stage: failure.error.stage } : {},
    failure.retryAfterS !== undefined ? { "retry-after": String(failure.retryAfterS) } : {},
  );
}

/** Reads the capped JSON body; a failure when it is too large or not JSON. */
async function readJson(request: Request): Promise<{ body: unknown } | ProbeFailure> {
  const text = await readCapped(request, MAX_REQUEST_BYTES).catch(() => null);
  if (text === null)
    return {
      status: 413,
      error: {
        code: "body-too-large",
        message: `The request body must be JSON of at most ${MAX_REQUEST_BYTES} bytes.`,
      },
    };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return {
      status: 400,
      error: {
        code: "invalid-json",
        message: 'The request body must be JSON, e.g. {"url":"https://example.com/"}.',
      },
    };
  }
}

function isFailure(value: object): value is ProbeFailure {
  return "status" in value && "error" in value;
}

function gateFor(configSource: (() => ProbeConfig) | undefined): ProbeGate {
  return configSource ? new ProbeGate(configSource) : sharedProbeGate();
}

/**
 * A probe endpoint bound to one configuration and one limiter (the shared ones by default).
 * With `nextStep`, each verdict carries the permalink of the wizard step it leads to.
 */
export function createProbeHandler(
  configSource?: () => ProbeConfig,
  nextStep?: NextStep,
  runProbe: ProbeRunner = probe,
): (request: Request) => Promise<Response> {
  const gate = gateFor(configSource);
  const addNextStep = nextStepAdder(nextStep);
  return async (request) => {
    const read = await readJson(request);
    if (isFailure(read)) return failureResponse(read);
    const admitted = await gate.admitShared(read.body, request);
    if (isFailure(admitted)) return failureResponse(admitted);
    try {
      const report = await runProbe(admitted.request, {
        config: admitted.config,
        signal: request.signal,
      });
      return json(200, addNextStep(report));
    } catch (error) {
      // Nobody reads the answer to a request that went away; do not log it as a failure.
      if (request.signal.aborted)
        return fail(503, "cancelled", "The request was cancelled before the probe finished.");
      return failureResponse(probeFailure(error));
    } finally {
      admitted.release();
    }
  };
}

// The stream's format lives with its reader in stream-protocol.ts; re-exported for callers here.
export { NDJSON, type ProbeStreamEvent } from "./stream-protocol";

/**
 * The streaming probe endpoint. Errors found before the probe starts (bad input, a refused
 * URL or origin address, the limits) are ordinary JSON answers with the same status codes
 * as POST /api/probe; after that the answer is 200 and NDJSON. The probe is aborted when the
 * client goes away. `nextStep` works as for createProbeHandler.
 */
export function createProbeStreamHandler(
  configSource?: () => ProbeConfig,
  nextStep?: NextStep,
  runProbe: ProbeRunner = probe,
): (request: Request) => Promise<Response> {
  const gate = gateFor(configSource);
  const addNextStep = nextStepAdder(nextStep);
  return async (request) => {
    const read = await readJson(request);
    if (isFailure(read)) return failureResponse(read);
    const admitted = await gate.admitShared(read.body, request, { precheck: true });
    if (isFailure(admitted)) return failureResponse(admitted);

    const abort = new AbortController();
    const onClientGone = () => abort.abort();
    request.signal.addEventListener("abort", onClientGone, { once: true });
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      request.signal.removeEventListener("abort", onClientGone);
      admitted.release();
    };

    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: ProbeStreamEvent) => {
          if (abort.signal.aborted) return;
          try {
            controller.enqueue(encodeStreamEvent(event));
          } catch {
            // The stream was closed under us (the client left); the abort below stops the probe.
            abort.abort();
          }
        };
        send({ type: "start", url: admitted.request.url, samples: admitted.request.samples ?? 1 });
        try {
          const report = await runProbe(admitted.request, {
            config: admitted.config,
            signal: abort.signal,
            onProgress: send,
          });
          send({ type: "report", report: addNextStep(report) });
        } catch (error) {
          if (!abort.signal.aborted) {
            const failure = probeFailure(error);
            send({ type: "error", status: failure.status, error: failure.error });
          }
        } finally {
          release();
          try {
            controller.close();
          } catch {
            // Already closed or cancelled.
          }
        }
      },
      cancel() {
        abort.abort();
      },
    });
    return new Response(stream, {
      status: 200,
      headers: {
        "content-type": NDJSON,
        "cache-control": "no-store",
        // Proxies such as nginx would otherwise hold the progress back until the end.
        "x-accel-buffering": "no",
      },
    });
  };
}
