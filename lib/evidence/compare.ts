/**
 * Two runs of one check side by side: the run a shared link carries (its digest) and a re-run
 * of it, as rows of what each saw and whether it changed — status, verdict, who answered,
 * failures, the phase that failed, each phase's timing, the certificate's expiry. Pure: the
 * browser shows it after a re-run, the server after a re-run posted without JavaScript.
 */
import type { EvidenceDigest } from "./digest";
import { evidenceReason, formatCheckTime, phaseLabel } from "./words";

/** One line of the comparison. */
export interface ComparisonRow {
  /** What the row compares ("Status", "Connect", …). */
  label: string;
  /** The link's value, or "—" when it did not have one. */
  before: string;
  /** The re-run's value, or "—". */
  after: string;
  /** Whether the value changed in a way that matters (timings: by half and by 50 ms or more). */
  changed: boolean;
}

/** The two runs compared. */
export interface RunComparison {
  /** When each ran, as a reader anywhere can place it. */
  beforeAt: string;
  afterAt: string;
  rows: ComparisonRow[];
  /** How many rows changed. */
  changes: number;
}

const NONE = "—";

/** The phases of a digest's timing words ("DNS 1.2 ms, connect 0.4 ms, …"), in milliseconds. */
export function timingPhases(timing: string | null): Map<string, number> {
  const phases = new Map<string, number>();
  for (const part of (timing ?? "").split(",")) {
    const match = /^\s*([A-Za-z][A-Za-z ]*?) (\d+(?:\.\d+)?) ms\s*$/.exec(part);
    if (match) phases.set(match[1]!.toLowerCase(), Number(match[2]));
  }
  return phases;
}

/** The phases the timing words name, in the order a request goes through them. */
const PHASES: [key: string, label: string][] = [
  ["dns", "DNS"],
  ["connect", "Connect"],
  ["tls", "TLS"],
  ["first byte", "First byte"],
  ["total", "Total"],
];

function ms(value: number | undefined): string {
  if (value === undefined) return NONE;
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** A timing changed when it moved by half or more and by at least 50 ms: noise is neither. */
function timingChanged(before: number | undefined, after: number | undefined): boolean {
  if (before === undefined || after === undefined) return before !== after;
  const delta = Math.abs(after - before);
  return delta >= 50 && delta >= Math.min(before, after) * 0.5;
}

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === "" ? NONE : String(value);
}

/** Compares the link's run with a re-run of it. */
export function compareRuns(before: EvidenceDigest, after: EvidenceDigest): RunComparison {
  const rows: ComparisonRow[] = [];
  const row = (label: string, a: string, b: string, changed = a !== b) =>
    rows.push({ label, before: a, after: b, changed });

  row("Status", text(before.status), text(after.status));
  row("Finding", evidenceReason(before), evidenceReason(after), before.code !== after.code);
  row("Answered by", text(before.vendor), text(after.vendor));
  row(
    "Failed samples",
    `${before.failureCount} of ${before.sampleCount}`,
    `${after.failureCount} of ${after.sampleCount}`,
    (before.failureCount === 0) !== (after.failureCount === 0) ||
      (before.failureCount > 0 &&
        before.failureCount / before.sampleCount !== after.failureCount / after.sampleCount),
  );
  const failedIn = (digest: EvidenceDigest) =>
    digest.failedPhase
      ? `${phaseLabel(digest.failedPhase)}${digest.errorCode ? ` (${digest.errorCode})` : ""}`
      : digest.errorCode
        ? digest.errorCode
        : NONE;
  row("Failed in", failedIn(before), failedIn(after));
  const a = timingPhases(before.timing);
  const b = timingPhases(after.timing);
  for (const [key, label] of PHASES) {
    if (!a.has(key) && !b.has(key)) continue;
    row(label, ms(a.get(key)), ms(b.get(key)), timingChanged(a.get(key), b.get(key)));
  }
  if (before.certificateExpiry || after.certificateExpiry)
    row(
      "Certificate expires",
      text(before.certificateExpiry?.slice(0, 10)),
      text(after.certificateExpiry?.slice(0, 10)),
    );
  if (before.reference || after.reference)
    // A reference id is new on every request; a change says nothing, so it is never flagged.
    row("Reference id", text(before.reference), text(after.reference), false);
  return {
    beforeAt: formatCheckTime(before.checkedAt),
    afterAt: formatCheckTime(after.checkedAt),
    rows,
    changes: rows.filter((r) => r.changed).length,
  };
}
