import Link from "next/link";
import { useEffect, useRef } from "react";
import { CopyButton } from "@/app/_components/copy-button";
import type { Audience } from "@/lib/check/audience";
import type { CheckInput, NextLink } from "@/lib/check/state";
import { digestOf, type EvidenceDigest } from "@/lib/evidence/digest";
import { evidenceReason, evidenceSummaryLines } from "@/lib/evidence/words";
import type { ProbeReport } from "@/lib/probe/probe";
import { CheckReport } from "./check-report";
import { ReproduceKit } from "./reproduce-kit";
import { RunComparisonView } from "./run-comparison";
import { WatchButton } from "./watch-button";

// A finished check's view, split from live-check.tsx so its code (the report, the evidence
// digest and the product registry behind it) loads only when a result is shown, not with
// every step that offers a check (issue 15, first-load JavaScript).

/** The full-site link for the copied summary, also when the check ran inside the embed. */
function shareableHref(href: string, base: string): string {
  return base === "/diagnose" ? href : `/diagnose${href.slice(base.length)}`;
}

/** Props of `<ResultView>`. */
export interface ResultViewProps {
  report: ProbeReport;
  input: CheckInput;
  next: NextLink | null | "pending" | "unknown";
  /** Moves focus to the result's heading once it shows: set after a check the browser ran. */
  focusOnShow: boolean;
  origin: string;
  base: string;
  /** Who reads the result (the visitor's steps speak to visitors). */
  audience: Audience;
  /** Whether the server trusts a private CA besides the public ones (see ReproduceKit). */
  extraCa: boolean;
  /** Wait between the runs of "Watch this URL" (CHECK_WATCH_INTERVAL_MS; 15 s by default). */
  watchIntervalMs: number;
  /** The run a shared link carries, to show what changed when this check re-ran it. */
  baseline: { url: string; digest: EvidenceDigest } | null;
}

/** What a finished check found, the link to the step it points to, and the full report. */
export function ResultView({
  report,
  input,
  next,
  focusOnShow,
  origin,
  base,
  audience,
  extraCa,
  watchIntervalMs,
  baseline,
}: ResultViewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // This view loads on demand, so it may show a moment after the check settled; it moves
  // focus itself, on first showing only, so a screen reader hears the result.
  useEffect(() => {
    if (focusOnShow) heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the result first shows
  }, []);
  const digest = digestOf(report);
  const ok = report.verdict.code === "ok";
  const link = typeof next === "object" ? next : null;
  const summary = [
    `# Gateway Doctor check: ${report.verdict.title}`,
    "",
    ...evidenceSummaryLines(report.target.requestedUrl, digest, report.target.originIp),
    ...(link ? [`- Next step: ${link.title} — ${origin}${shareableHref(link.href, base)}`] : []),
    "",
  ].join("\n");
  return (
    <div className="space-y-4" data-testid="check-result">
      <div className="space-y-2 rounded-lg border border-line bg-bg p-4">
        <h3 ref={heading} tabIndex={-1} className="text-lg font-semibold">
          {ok ? "Nothing wrong from here" : "What the check found"}
        </h3>
        <p data-testid="check-reason">{evidenceReason(digest, audience)}</p>
        {ok ? (
          <p>
            Our server got a normal answer from {report.target.requestedUrl}. If people still see
            errors, they may come and go, or affect only some visitors, networks or regions; run it
            with more requests, or follow the link below.
          </p>
        ) : null}
        {link ? (
          <p className="pt-1">
            <Link
              href={link.href}
              prefetch={false}
              data-testid="check-next"
              data-step={link.stepId}
              className="inline-block rounded-md bg-accent px-4 py-2 font-semibold text-bg no-underline hover:bg-accent-strong hover:text-bg"
            >
              Go to: {link.title}
            </Link>
            {link.inferredCount > 0 ? (
              <span className="mt-1 block text-sm text-muted">
                The check answers {link.inferredCount} question{link.inferredCount === 1 ? "" : "s"}{" "}
                for you; the trail marks each one, and you can change any of them.
              </span>
            ) : null}
          </p>
        ) : next === "pending" ? (
          <p className="text-sm text-muted">Working out which step this points to…</p>
        ) : next === "unknown" ? (
          <p className="text-sm">
            The evidence is below, but the next step could not be worked out; choose the answer
            below that matches it.
          </p>
        ) : !ok ? (
          <p className="text-sm">
            This agrees with the step you are on: choose the answer below that matches what the
            check shows.
          </p>
        ) : null}
        {!ok || report.verdict.failureCount > 0 ? (
          <WatchButton input={input} intervalMs={watchIntervalMs} />
        ) : null}
        <p className="flex items-center gap-2 text-sm">
          <span>Summary with the evidence</span>
          <CopyButton text={summary} label="check summary" />
        </p>
        {input.samples !== report.verdict.sampleCount && report.samples.length > 0 ? (
          <p className="text-xs text-muted">
            {report.verdict.sampleCount} of {input.samples} requests were sent before the time
            limit.
          </p>
        ) : null}
      </div>
      {baseline && baseline.url === report.target.requestedUrl ? (
        <RunComparisonView before={baseline.digest} after={digest} />
      ) : null}
      <CheckReport report={report} audience={audience} />
      {audience === "owner" ? <ReproduceKit report={report} extraCa={extraCa} /> : null}
    </div>
  );
}
