"use client";

import { useEffect, useState } from "react";
import { failureFromApi, type CheckInput } from "@/lib/check/state";
import {
  fixedMessage,
  isFixed,
  rowOfReport,
  rowTime,
  WATCH_MAX_DURATION_MS,
  type WatchRow,
} from "@/lib/check/watch";
import type { ProbeReport } from "@/lib/probe/probe";

// Loaded on the click on "Watch this URL" (watch-button.tsx), never with the step.

/** Props of `<WatchPanel>`. */
export interface WatchPanelProps {
  /** The check to repeat. */
  input: CheckInput;
  /** Wait between the end of one run and the start of the next. */
  intervalMs: number;
  /** Told when the person stops watching, to put the button back. */
  onClose: () => void;
}

type WatchState = "watching" | "fixed" | "stopped" | "expired" | "refused";

/**
 * Runs the check again and again through POST /api/probe, the same route, guard and limits as
 * any check (a 429 waits as long as Retry-After says), shows each run as a row, and announces
 * the first run in which every sample passed. Unmounting (leaving the page, closing the panel)
 * aborts the request under way and clears the timer.
 */
export function WatchPanel({ input, intervalMs, onClose }: WatchPanelProps) {
  const [rows, setRows] = useState<WatchRow[]>([]);
  const [state, setState] = useState<WatchState>("watching");
  const [announcement, setAnnouncement] = useState("");
  // The effect keys on the values, not the object: a parent may pass a new one each render.
  const { url, originIp, samples } = input;

  useEffect(() => {
    if (state !== "watching") return;
    const abort = new AbortController();
    const startedAt = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const add = (row: WatchRow) => setRows((previous) => [...previous, row]);

    async function run() {
      if (Date.now() - startedAt >= WATCH_MAX_DURATION_MS) {
        setState("expired");
        return;
      }
      const at = new Date().toISOString();
      let wait = intervalMs;
      try {
        const response = await fetch("/api/probe", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            url,
            originIp: originIp || undefined,
            samples,
            followRedirects: true,
          }),
          signal: abort.signal,
        });
        if (response.ok) {
          const report = (await response.json()) as ProbeReport;
          add(rowOfReport(report, at));
          if (isFixed(report)) {
            setAnnouncement(fixedMessage(report, at));
            setState("fixed");
            return;
          }
        } else {
          const body = (await response.json().catch(() => null)) as {
            error?: { code?: string; message?: string; stage?: string };
          } | null;
          const failure = failureFromApi(
            response.status,
            body?.error ?? null,
            response.headers.get("retry-after"),
          );
          add({ at, status: failure.kind, verdict: failure.message, ok: false });
          // A refused or invalid target stays so; asking again would only spend the limit.
          if (failure.kind === "refused" || failure.kind === "invalid") {
            setState("refused");
            return;
          }
          if (failure.retryAfterS !== undefined) wait = Math.max(wait, failure.retryAfterS * 1000);
        }
      } catch {
        if (abort.signal.aborted) return;
        add({
          at,
          status: "no connection",
          verdict: "Gateway Doctor's server could not be reached; trying again.",
          ok: false,
        });
      }
      if (!abort.signal.aborted) timer = setTimeout(run, wait);
    }

    timer = setTimeout(run, intervalMs);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [state, url, originIp, samples, intervalMs]);

  const minutes = Math.round(WATCH_MAX_DURATION_MS / 60_000);
  return (
    <section
      className="space-y-2 rounded-lg border border-line bg-bg p-4 text-sm"
      data-testid="watch-panel"
      data-state={state}
      aria-label="Watching this URL"
    >
      <p className="font-medium">
        {state === "watching"
          ? `Watching ${url}: the check runs again every ${Math.round(intervalMs / 1000)} s, for up to ${minutes} minutes, until every request passes.`
          : state === "fixed"
            ? `Stopped watching ${url}: it works again.`
            : state === "expired"
              ? `Stopped after ${minutes} minutes; the last run still failed.`
              : state === "refused"
                ? "Stopped: this address cannot be checked."
                : "Stopped watching."}
      </p>
      <p role="status" className="font-semibold" data-testid="watch-announcement">
        {announcement}
      </p>
      {rows.length > 0 ? (
        <table className="w-full text-left text-xs">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Status</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.at} data-testid="watch-row" data-ok={row.ok ? "true" : "false"}>
                <td className="pr-2 whitespace-nowrap tabular-nums">{rowTime(row.at)}</td>
                <td className="pr-2">{row.status}</td>
                <td>{row.verdict}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-muted">The first run starts in a moment.</p>
      )}
      <button
        type="button"
        onClick={() => (state === "watching" ? setState("stopped") : onClose())}
        className="rounded-md border border-line bg-surface px-3 py-1 font-medium text-fg hover:bg-surface-strong"
      >
        {state === "watching" ? "Stop watching" : "Close"}
      </button>
    </section>
  );
}
