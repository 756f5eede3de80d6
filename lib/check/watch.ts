/**
 * "Watch this URL": the check again every 15 seconds, for up to 15 minutes, until it passes.
 * The rows and the announcement are worked out here, apart from the timers and the fetches,
 * so they can be tested as plain data. Pure: the browser loads it with the watch panel.
 */
import type { ProbeReport } from "@/lib/probe/probe";
import { formatCheckTime } from "@/lib/evidence/words";

/** Time between the end of one run and the start of the next, unless the server says otherwise. */
export const WATCH_INTERVAL_MS = 15_000;
/** How long a watch lasts at most. */
export const WATCH_MAX_DURATION_MS = 15 * 60_000;
/** The shortest interval a server may configure (CHECK_WATCH_INTERVAL_MS), so a watch stays light. */
export const WATCH_MIN_INTERVAL_MS = 1_000;

/** The interval a server setting names, within bounds; the default when it names none. */
export function watchIntervalFrom(setting: string | undefined): number {
  const value = Number(setting);
  if (setting === undefined || setting.trim() === "" || !Number.isFinite(value))
    return WATCH_INTERVAL_MS;
  return Math.min(WATCH_MAX_DURATION_MS, Math.max(WATCH_MIN_INTERVAL_MS, Math.round(value)));
}

/** One run of a watch, as a row of the table. */
export interface WatchRow {
  /** When the run started (ISO 8601, UTC). */
  at: string;
  /** The statuses seen ("502", "200 ×3", "ECONNREFUSED") or why no check ran ("rate-limited"). */
  status: string;
  /** The verdict's headline, or the reason the run did not happen. */
  verdict: string;
  /** Whether this run passed. */
  ok: boolean;
}

/** A report passes when every sample did: one good answer among failures is no fix yet. */
export function isFixed(report: ProbeReport): boolean {
  return (
    report.verdict.code === "ok" && report.verdict.failureCount === 0 && report.samples.length > 0
  );
}

/** What each sample answered: its status, or the error code when none came. */
function outcomes(report: ProbeReport): string[] {
  return report.samples.map((sample) =>
    sample.response ? String(sample.response.status) : (sample.error?.code ?? "no answer"),
  );
}

/** "502", "200 ×3", "200, 502, 200". */
function statusWords(values: string[]): string {
  if (values.length === 0) return "no sample";
  if (values.every((value) => value === values[0]))
    return values.length === 1 ? values[0]! : `${values[0]} ×${values.length}`;
  return values.join(", ");
}

/** The row for a finished run. */
export function rowOfReport(report: ProbeReport, at: string): WatchRow {
  return {
    at,
    status: statusWords(outcomes(report)),
    verdict: report.verdict.title,
    ok: isFixed(report),
  };
}

/** "14:32:05 UTC", the time of day a row shows. */
export function rowTime(at: string): string {
  return formatCheckTime(at).slice(11);
}

/** The announcement of the first run that passed: "Fixed at 14:32:05 UTC — 3 of 3 samples 200". */
export function fixedMessage(report: ProbeReport, at: string): string {
  const values = outcomes(report);
  const same = values.every((value) => value === values[0]);
  const n = values.length;
  const what = same ? values[0] : values.join(", ");
  return `Fixed at ${rowTime(at)} — ${n} of ${n} sample${n === 1 ? "" : "s"} ${what}`;
}
