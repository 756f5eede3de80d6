/**
 * The timing signature of failed samples. A gateway that gives up on the server behind it
 * does so after its configured timeout, so every failed sample takes about the same time:
 * three failures after 2,003 ms, 2,001 ms and 2,004 ms are a 2-second timeout at some layer,
 * whatever status the gateway chose to answer with (Varnish says 503, Apache 502).
 * Pure: no I/O.
 */
import { allProducts, product } from "@/lib/products/registry";
import type { TimeoutDefault } from "@/lib/products/types";
import type { ProbeSample } from "./connection";

/** Shortest wait read as a timeout; below this a steady failure is a fast refusal, not a wait. */
export const MIN_TIMEOUT_MS = 900;

/** A documented default that a wait matches. */
export interface TimeoutMatch extends TimeoutDefault {
  /** The product whose default it is. */
  productId: string;
  /** Its display name. */
  productName: string;
}

/** What the failed samples' waits have in common. */
export interface TimingSignature {
  /** Median wait in milliseconds. */
  medianMs: number;
  /** Longest minus shortest wait. */
  spreadMs: number;
  /** Samples that make up the signature. */
  samples: number;
  /** A product default the wait matches, the detected product's own first. */
  matches: TimeoutMatch | null;
  /** The whole number of seconds the wait sits on, when it looks configured; else null. */
  roundSeconds: number | null;
}

/**
 * How long the gateway made the probe wait for its answer: from the request to the first
 * byte when an answer came, else from the request to the closed connection.
 */
export function waitMs(sample: ProbeSample): number {
  const p = sample.phases;
  if (p.firstByte !== null) return p.firstByte;
  return Math.max(0, p.total - (p.dns ?? 0) - (p.connect ?? 0) - (p.tls ?? 0));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A gateway stops waiting a little after its timeout: allow scheduling slack and 3 %. */
function near(ms: number, seconds: number): boolean {
  const target = seconds * 1000;
  return ms >= target - 50 && ms <= target + Math.max(150, target * 0.03);
}

function matchDefault(ms: number, vendor: string | null): TimeoutMatch | null {
  // A product that named itself is matched against its own defaults only: another product's
  // 3-second default says nothing about HAProxy. An anonymous gateway may be any of them.
  const own = vendor ? product(vendor) : undefined;
  const candidates = own ? [own] : allProducts();
  for (const candidate of candidates) {
    for (const timeout of candidate.timeouts) {
      if (near(ms, timeout.seconds))
        return { ...timeout, productId: candidate.id, productName: candidate.name };
    }
  }
  return null;
}

/**
 * The signature of `samples` (the failed samples of one kind), or null when they do not
 * share one: fewer than one sample, a wait under MIN_TIMEOUT_MS, or no majority of waits within
 * 60 ms or 3 % of the shortest — a slow application varies, a timer does not (one sample that a
 * loaded machine answered late does not hide the others' agreement). One sample alone counts
 * only when its wait sits on a documented default or a whole second.
 */
export function timingSignature(
  samples: readonly ProbeSample[],
  vendor: string | null,
): TimingSignature | null {
  if (samples.length === 0) return null;
  // A timer never fires early, but a busy machine can deliver its answer late: the waits that
  // agree are the ones nearest the shortest, and they must be most of the samples.
  const waits = samples.map(waitMs).sort((a, b) => a - b);
  const shortest = waits[0]!;
  const agreeing = waits.filter((ms) => ms - shortest <= Math.max(60, shortest * 0.03));
  if (agreeing.length * 2 <= waits.length && waits.length > 1) return null;
  const mid = median(agreeing);
  const spread = agreeing[agreeing.length - 1]! - shortest;
  if (mid < MIN_TIMEOUT_MS) return null;
  const matches = matchDefault(mid, vendor);
  const whole = Math.round(mid / 1000);
  const roundSeconds = whole >= 1 && near(mid, whole) ? whole : null;
  if (samples.length === 1 && matches === null && roundSeconds === null) return null;
  return { medianMs: mid, spreadMs: spread, samples: agreeing.length, matches, roundSeconds };
}

/** One evidence line for a signature. */
export function describeSignature(signature: TimingSignature): string {
  const each =
    signature.samples === 1
      ? `the failed sample waited ${Math.round(signature.medianMs)} ms`
      : `every failed sample waited about ${Math.round(signature.medianMs)} ms (± ${Math.round(signature.spreadMs / 2)} ms across ${signature.samples})`;
  const like = signature.matches
    ? `, the default of ${signature.matches.productName}'s ${signature.matches.setting} (${signature.matches.seconds} s)`
    : signature.roundSeconds !== null
      ? `, a configured-looking ${signature.roundSeconds} s`
      : "";
  return `timing: ${each}${like} — a timeout at a layer, not a failure at a random moment`;
}
