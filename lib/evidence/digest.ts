/**
 * The evidence a check leaves in a permalink's query string, so a shared link says what was
 * checked, when, and what came back, and its recipient can re-run the same check in one click:
 * `/diagnose/owner/cloudflare-52x/521?url=https%3A%2F%2Fexample.com%2F&checked=…&status=521…`.
 *
 * Everything here is read back from a URL anyone can write, so every field is checked against
 * a narrow pattern and a bad one is dropped rather than trusted; the page renders the values as
 * React text only. The digest describes what the person who shared the link saw; it never
 * moves the diagnosis by itself (the answers in the path do that).
 */
import type { ProbeReport } from "@/lib/probe/probe";
import { MAX_CHECK_URL_CHARS } from "@/lib/probe/check-limits";
import { isGateway } from "@/lib/products/registry";
import {
  VERDICT_CAUSES,
  VERDICT_CODES,
  VERDICT_CONFIDENCES,
  VERDICT_LAYERS,
  type VerdictFacts,
  type VerdictObserved,
} from "@/lib/probe/verdict";

/** Query parameter names; short, readable and stable, since shared links keep them. */
export const EVIDENCE_PARAMS = {
  url: "url",
  originIp: "origin",
  samples: "samples",
  checkedAt: "checked",
  code: "code",
  status: "status",
  layer: "layer",
  vendor: "vendor",
  cause: "cause",
  reference: "ref",
  failures: "failed",
  timing: "timing",
  failedPhase: "phase",
  errorCode: "error",
  certificateExpiry: "cert",
  given: "given",
  inferred: "inferred",
  observed: "seen",
  confidence: "sure",
} as const;

/**
 * What a check saw, as the `seen` parameter lists it: the phases that completed and `gateway`
 * when the vendor that answered stands in front of the application (dns.connect.http.gateway).
 */
const OBSERVED_WORDS = [
  ["dns", "dnsResolved"],
  ["connect", "connected"],
  ["tls", "tlsHandshake"],
  ["http", "httpResponse"],
] as const;

function observedWords(observed: VerdictObserved | undefined): string | null {
  if (!observed) return null;
  const words: string[] = OBSERVED_WORDS.filter(([, key]) => observed[key]).map(([word]) => word);
  if (observed.gateway !== null) words.push("gateway");
  return words.join(".") || "none";
}

/** Reads `seen` back; the gateway it names is the vendor, which is how the probe fills it. */
function readObserved(text: string | null, vendor: string | null): VerdictObserved | undefined {
  if (text === null || !/^(none|[a-z]{2,7}(\.[a-z]{2,7}){0,4})$/.test(text)) return undefined;
  const words = new Set(text.split("."));
  return {
    dnsResolved: words.has("dns"),
    connected: words.has("connect"),
    tlsHandshake: words.has("tls"),
    httpResponse: words.has("http"),
    gateway: words.has("gateway") && isGateway(vendor) ? vendor : null,
  };
}

/** What one check found, as far as a link carries it. */
export interface EvidenceDigest extends VerdictFacts {
  /** When the check started (ISO 8601, UTC). */
  checkedAt: string;
  /** Reference id to quote to the provider (cf-ray, x-amz-cf-id…), or null. */
  reference: string | null;
  /** Samples that failed. */
  failureCount: number;
  /** Samples taken. */
  sampleCount: number;
  /** The phase timings of the sample the verdict describes, in words ("connect 0.4 ms, …"). */
  timing: string | null;
  /** The phase that sample failed in, or null. */
  failedPhase: string | null;
  /** The error code it failed with (ECONNREFUSED, CERT_HAS_EXPIRED…), or null. */
  errorCode: string | null;
  /** When the site's certificate expires (ISO 8601), for https targets that sent one. */
  certificateExpiry: string | null;
}

/** What a check was asked to do: enough to run it again. */
export interface CheckRequest {
  /** The URL checked. */
  url: string;
  /** The origin address it was sent to instead of the name's DNS answer, if any. */
  originIp: string | null;
  /** Samples asked for. */
  samples: number;
}

/** Everything a permalink's query says about a check. */
export interface EvidenceQuery {
  /** The check to offer again (prefills the form); null when the query names no valid URL. */
  request: CheckRequest | null;
  /** What the check found; null when the query carries no (valid) evidence. */
  digest: EvidenceDigest | null;
  /**
   * Where the person's own answers ended when the check moved the diagnosis, and the answers it
   * inferred after them; null when the query does not say.
   */
  inference: { given: number; inferred: readonly string[] } | null;
}

/** Longest URL kept: the same bound the server applies to a check request. */
export const MAX_CHECK_URL_LENGTH = MAX_CHECK_URL_CHARS;

const slug = /^[a-z0-9][a-z0-9-]{0,63}$/;
const vendorPattern = /^[a-z0-9][a-z0-9-]{0,31}$/;
const referencePattern = /^[A-Za-z0-9=+/_.:#-]{1,128}$/;
const timingPattern = /^[A-Za-z0-9 .,:]{1,200}$/;
const phasePattern = /^[a-zA-Z]{1,16}$/;
const errorPattern = /^[A-Za-z0-9_-]{1,64}$/;
const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const originPattern = /^[0-9a-fA-F:.[\]]{2,64}$/;

/**
 * A URL as a person types it, made absolute: "example.com/x" becomes "https://example.com/x".
 * Returns null for something that is no http(s) URL at all; the probe's guard judges the rest.
 */
export function normalizeCheckUrl(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "" || trimmed.length > MAX_CHECK_URL_LENGTH) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/** "DNS 1.2 ms, connect 0.4 ms, …" for one sample's phases. */
function timingWords(phases: ProbeReport["samples"][number]["phases"]): string {
  const part = (label: string, value: number | null) =>
    value === null ? null : `${label} ${value.toFixed(1)} ms`;
  return [
    part("DNS", phases.dns),
    part("connect", phases.connect),
    part("TLS", phases.tls),
    part("first byte", phases.firstByte),
    part("total", phases.total),
  ]
    .filter((item) => item !== null)
    .join(", ");
}

/**
 * The sample the verdict speaks for: the first that failed when the verdict is a failure
 * (summarise() picks the commonest failure; its first instance is as good a witness as any),
 * the first sample otherwise.
 */
export function verdictSampleIndex(report: ProbeReport): number {
  if (report.verdict.code === "ok") return 0;
  const failing = report.samples.findIndex(
    (sample) => sample.error !== null || (sample.response?.status ?? 0) >= 500,
  );
  return Math.max(0, failing);
}

/** The digest of a finished check. */
export function digestOf(report: ProbeReport): EvidenceDigest {
  const { verdict } = report;
  const sample = report.samples[verdictSampleIndex(report)];
  const certificate = report.samples.find((s) => s.tls?.certificate)?.tls?.certificate ?? null;
  return {
    code: verdict.code,
    status: verdict.status,
    layer: verdict.layer,
    vendor: verdict.vendor,
    cause: verdict.cause,
    intermittent: verdict.intermittent,
    observed: verdict.observed,
    ...(verdict.confidence ? { confidence: verdict.confidence } : {}),
    checkedAt: report.startedAt,
    reference: verdict.reference,
    failureCount: verdict.failureCount,
    sampleCount: verdict.sampleCount,
    timing: sample ? timingWords(sample.phases) : null,
    failedPhase: sample?.failedPhase ?? null,
    // A certificate problem is no socket error: the handshake completed and the probe judged
    // the certificate itself, so its verification code is what names the failure.
    errorCode:
      sample?.error?.code ??
      sample?.tls?.verifyError ??
      (sample?.tls && !sample.tls.hostnameValid ? "ERR_TLS_CERT_ALTNAME_INVALID" : null),
    certificateExpiry: certificate?.validTo ?? null,
  };
}

/** The check a report came from, to offer it again. */
export function requestOf(report: ProbeReport, samples: number): CheckRequest {
  return { url: report.target.requestedUrl, originIp: report.target.originIp, samples };
}

/**
 * The query string (without "?") that a permalink reached by a check carries: the request,
 * the digest, and which answers the check inferred after the person's own.
 */
export function evidenceQueryString(
  request: CheckRequest,
  digest: EvidenceDigest,
  inference: { given: number; inferred: readonly string[] },
): string {
  const p = EVIDENCE_PARAMS;
  const query = new URLSearchParams();
  const set = (name: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== "") query.set(name, String(value));
  };
  set(p.url, request.url);
  set(p.originIp, request.originIp);
  if (request.samples !== 1) set(p.samples, request.samples);
  set(p.checkedAt, digest.checkedAt);
  set(p.code, digest.code);
  set(p.status, digest.status);
  set(p.layer, digest.layer);
  set(p.vendor, digest.vendor);
  set(p.cause, digest.cause);
  set(p.confidence, digest.confidence);
  set(p.observed, observedWords(digest.observed));
  set(p.reference, digest.reference);
  set(p.failures, `${digest.failureCount}/${digest.sampleCount}`);
  set(p.timing, digest.timing);
  set(p.failedPhase, digest.failedPhase);
  set(p.errorCode, digest.errorCode);
  set(p.certificateExpiry, digest.certificateExpiry);
  set(p.given, inference.given);
  set(p.inferred, inference.inferred.join("/"));
  return query.toString();
}

/** Read-only view of query parameters (URLSearchParams, or a plain record from Next). */
export type QuerySource =
  { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function reader(source: QuerySource): (name: string) => string | null {
  if (typeof (source as { get?: unknown }).get === "function") {
    const params = source as { get(name: string): string | null };
    return (name) => params.get(name);
  }
  const record = source as Record<string, string | string[] | undefined>;
  return (name) => {
    const value = record[name];
    // A repeated parameter is ambiguous; take the first, as URLSearchParams.get does.
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return list.find((item) => item === value) ?? null;
}

function matching(pattern: RegExp, value: string | null): string | null {
  return value !== null && pattern.test(value) ? value : null;
}

/** Reads a permalink's query. Never throws; anything malformed is left out. */
export function readEvidenceQuery(source: QuerySource): EvidenceQuery {
  const get = reader(source);
  const p = EVIDENCE_PARAMS;

  const rawUrl = get(p.url);
  const url = rawUrl === null ? null : normalizeCheckUrl(rawUrl);
  const samplesText = get(p.samples);
  const samplesNumber =
    samplesText !== null && /^\d{1,2}$/.test(samplesText) ? Number(samplesText) : 1;
  const request: CheckRequest | null = url
    ? {
        url,
        originIp: matching(originPattern, get(p.originIp)),
        samples: samplesNumber >= 1 && samplesNumber <= 10 ? samplesNumber : 1,
      }
    : null;

  const code = oneOf(VERDICT_CODES, get(p.code));
  const checkedAt = matching(isoPattern, get(p.checkedAt));
  let digest: EvidenceDigest | null = null;
  if (request && code && checkedAt) {
    const statusText = get(p.status);
    const status =
      statusText !== null && /^[1-5]\d\d$/.test(statusText) ? Number(statusText) : null;
    const failures = /^(\d{1,2})\/(\d{1,2})$/.exec(get(p.failures) ?? "");
    const failureCount = failures ? Number(failures[1]) : code === "ok" ? 0 : 1;
    const sampleCount = failures ? Math.max(1, Number(failures[2])) : 1;
    const expiry = matching(isoPattern, get(p.certificateExpiry));
    const vendor = matching(vendorPattern, get(p.vendor));
    const cause = oneOf(VERDICT_CAUSES, get(p.cause));
    const confidence = cause ? oneOf(VERDICT_CONFIDENCES, get(p.confidence)) : null;
    const observed = readObserved(get(p.observed), vendor);
    digest = {
      code,
      status,
      layer: oneOf(VERDICT_LAYERS, get(p.layer)) ?? "unknown",
      vendor,
      cause,
      intermittent: failureCount > 0 && failureCount < sampleCount,
      ...(observed ? { observed } : {}),
      ...(confidence ? { confidence } : {}),
      checkedAt,
      reference: matching(referencePattern, get(p.reference)),
      failureCount: Math.min(failureCount, sampleCount),
      sampleCount,
      timing: matching(timingPattern, get(p.timing)),
      failedPhase: matching(phasePattern, get(p.failedPhase)),
      errorCode: matching(errorPattern, get(p.errorCode)),
      certificateExpiry: expiry,
    };
  }

  const givenText = get(p.given);
  const inferredText = get(p.inferred);
  const inferred = inferredText ? inferredText.split("/") : [];
  const inference =
    digest &&
    givenText !== null &&
    /^\d{1,2}$/.test(givenText) &&
    inferred.length > 0 &&
    inferred.length <= 50 &&
    inferred.every((item) => slug.test(item))
      ? { given: Number(givenText), inferred }
      : null;

  return { request, digest, inference };
}

/**
 * Which answers of a permalink the check inferred: those from `given` on that still match the
 * inferred answers in order. An answer the person changed, and every one after it, is theirs.
 */
export function inferredPositions(
  answers: readonly string[],
  inference: EvidenceQuery["inference"],
): Set<number> {
  const positions = new Set<number>();
  if (!inference) return positions;
  for (let i = 0; i < inference.inferred.length; i++) {
    const index = inference.given + i;
    if (answers[index] !== inference.inferred[i]) break;
    positions.add(index);
  }
  return positions;
}
