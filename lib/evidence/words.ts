/**
 * Plain words for what a check shows: each phase of a request, each error code the probe
 * reports, and the one-line reason an answer was inferred. Pure and free of server code, so the
 * browser (live results) and the server (the no-JavaScript page, the trail) say the same thing.
 */
import type { ProbePhase } from "@/lib/probe/connection";
import { probeErrorMeaning } from "@/lib/probe/errors";
import type { Audience } from "@/lib/check/audience";
import type { EvidenceDigest } from "./digest";

/** The phases as the wizard shows them, in order: DNS → connect → TLS → request → response. */
export const PHASE_STEPS = [
  { phase: "dns", label: "DNS", hint: "looking up the name" },
  { phase: "connect", label: "Connect", hint: "opening a TCP connection" },
  { phase: "tls", label: "TLS", hint: "the secure handshake" },
  { phase: "firstByte", label: "Request", hint: "waiting for the server to start answering" },
  { phase: "headers", label: "Response", hint: "reading the status and headers" },
  { phase: "body", label: "Body", hint: "reading the page" },
] as const satisfies readonly { phase: ProbePhase; label: string; hint: string }[];

/** The label of a phase ("Request" for firstByte), or the raw name for an unknown one. */
export function phaseLabel(phase: string): string {
  return PHASE_STEPS.find((step) => step.phase === phase)?.label ?? phase;
}

/** One sentence on what an error code means, for the phase it failed in (see lib/probe/errors.ts). */
export function errorMeaning(code: string | null | undefined): string | null {
  return probeErrorMeaning(code);
}

const CAUSE_MEANINGS: Record<string, string> = {
  "upstream-refused": "the gateway could not connect to your origin: nothing listens there",
  "upstream-timeout": "your origin accepted the request but did not answer in time",
  "upstream-connect-timeout": "the gateway's connection to your origin timed out",
  "upstream-unreachable": "the gateway could not reach your origin at all",
  "upstream-invalid-response": "your origin sent an answer the gateway could not use",
  "upstream-tls": "the TLS handshake between the gateway and your origin failed",
  "upstream-tls-invalid-certificate": "your origin's certificate is not valid for the gateway",
  "upstream-dns": "the gateway could not resolve your origin's name",
  "no-healthy-upstream": "the gateway has no healthy server to send requests to",
  "upstream-closed": "your origin closed the connection before answering",
  "headers-too-large": "the response headers are larger than the gateway accepts",
};

/** The same causes for a visitor, for whom the origin is not "yours" but the site's. */
const VISITOR_CAUSE_MEANINGS: Record<string, string> = Object.fromEntries(
  Object.entries(CAUSE_MEANINGS).map(([cause, words]) => [
    cause,
    words.replace(/your origin/g, "the site's own server"),
  ]),
);

const CODE_MEANINGS: Record<string, string> = {
  ok: "the site answered normally from our server",
  "dns-nxdomain": "the name does not exist in DNS",
  "dns-no-records": "the name has no address records",
  "dns-error": "DNS could not answer for the name",
  "connect-refused": "nothing accepted the connection",
  "connect-timeout": "the connection got no answer",
  unreachable: "there is no route to the server",
  "tls-expired": "the certificate has expired",
  "tls-not-yet-valid": "the certificate is not valid yet",
  "tls-self-signed": "the certificate is self-signed",
  "tls-untrusted": "the certificate is not from a trusted authority",
  "tls-incomplete-chain": "the server does not send its intermediate certificate",
  "tls-hostname-mismatch": "the certificate does not cover this name",
  "tls-handshake-failed": "the TLS handshake failed",
  "no-response": "the server accepted the connection but never answered",
  "connection-closed": "the server closed the connection without a complete answer",
  "malformed-response": "the answer is not valid HTTP",
  "bad-gateway": "a gateway got no usable answer from the server behind it",
  "gateway-timeout": "a gateway gave up waiting for the server behind it",
  unavailable: "the server says it cannot take requests now",
  "server-error": "the application itself failed",
  blocked: "a firewall or bot rule blocked the request",
};

/**
 * Why the check points where it does, in one line, e.g.
 * "server: cloudflare, status 521 → the gateway could not connect to your origin: nothing listens there".
 */
export function evidenceReason(digest: EvidenceDigest, audience: Audience = "owner"): string {
  const seen: string[] = [];
  if (digest.vendor) seen.push(`server: ${digest.vendor}`);
  if (digest.status !== null) seen.push(`status ${digest.status}`);
  if (digest.errorCode && digest.status === null) seen.push(digest.errorCode);
  if (digest.errorCode && digest.code.startsWith("tls-")) seen.push(digest.errorCode);
  if (digest.sampleCount > 1)
    seen.push(`${digest.failureCount} of ${digest.sampleCount} samples failed`);
  const meaning = digest.intermittent
    ? "some requests fail and others work"
    : ((digest.cause
        ? (audience === "visitor" ? VISITOR_CAUSE_MEANINGS : CAUSE_MEANINGS)[digest.cause]
        : undefined) ??
      CODE_MEANINGS[digest.code] ??
      digest.code);
  return seen.length > 0 ? `${[...new Set(seen)].join(", ")} → ${meaning}` : meaning;
}

/** "2026-03-01 14:05:09 UTC": a moment any reader can place, in any time zone. */
export function formatCheckTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

/** Whole days from `now` until `iso`; negative once past. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / 86_400_000);
}

/** "expires 2026-05-01 (in 42 days)" or "expired 2021-01-01 (1 520 days ago)". */
export function expiryWords(iso: string, now: Date = new Date()): string {
  const days = daysUntil(iso, now);
  const day = iso.slice(0, 10);
  if (days < 0) return `expired ${day} (${-days} day${days === -1 ? "" : "s"} ago)`;
  return `expires ${day} (in ${days} day${days === 1 ? "" : "s"})`;
}

/**
 * The Markdown lines a summary gets for a check: what was checked and when (in UTC, zone
 * named), what answered, the reference id, the timings, the certificate's expiry, and how
 * many samples failed.
 */
export function evidenceSummaryLines(
  url: string,
  digest: EvidenceDigest,
  originIp: string | null,
): string[] {
  const lines = [
    `- Checked: ${url}${originIp ? ` (sent to origin ${originIp})` : ""} at ${formatCheckTime(digest.checkedAt)}, from Gateway Doctor's server`,
    `- Result: ${evidenceReason(digest)}`,
  ];
  if (digest.status !== null)
    lines.push(`- Status: ${digest.status}${digest.vendor ? ` from ${digest.vendor}` : ""}`);
  if (digest.reference) lines.push(`- Reference id: ${digest.reference}`);
  if (digest.failedPhase)
    lines.push(
      `- Failed in: ${phaseLabel(digest.failedPhase)}${digest.errorCode ? ` (${digest.errorCode})` : ""}`,
    );
  if (digest.timing) lines.push(`- Timings: ${digest.timing}`);
  if (digest.certificateExpiry)
    lines.push(
      `- Certificate: ${expiryWords(digest.certificateExpiry, new Date(digest.checkedAt))}`,
    );
  if (digest.sampleCount > 1)
    lines.push(`- Samples: ${digest.failureCount} of ${digest.sampleCount} failed`);
  return lines;
}
