import type { CheckProgress, PhaseProgress } from "@/lib/check/progress";
import { PHASE_STEPS } from "@/lib/evidence/words";

function mark(progress: PhaseProgress | undefined): {
  symbol: string;
  text: string;
  className: string;
} {
  if (!progress) return { symbol: "○", text: "waiting", className: "text-muted" };
  if (progress.status === "running")
    return { symbol: "◌", text: "running", className: "text-accent" };
  if (progress.status === "failed")
    return {
      symbol: "✕",
      text: `failed${progress.errorCode ? ` (${progress.errorCode})` : ""}`,
      className: "font-semibold text-warn",
    };
  return {
    symbol: "✓",
    text: progress.ms === null ? "done" : `${progress.ms.toFixed(1)} ms`,
    className: "",
  };
}

/**
 * The check as it runs: DNS, then for each sample its phases (connect → TLS → request →
 * response) as they start and finish. A live region elsewhere announces the latest step, so
 * this list itself stays silent for screen readers while it updates.
 */
export function CheckProgressView({ progress }: { progress: CheckProgress }) {
  const phases = PHASE_STEPS.filter((step) => step.phase !== "dns");
  return (
    <div className="space-y-2 text-sm" data-testid="check-progress" aria-busy="true">
      <p className="font-medium">
        Checking from our server
        {progress.samples > 1 ? ` (${progress.samples} requests)` : ""}…
      </p>
      {progress.dns ? (
        <p data-phase="dns" data-status={progress.dns.status}>
          <span aria-hidden="true">
            {progress.dns.status === "running"
              ? "◌ "
              : progress.dns.status === "failed"
                ? "✕ "
                : "✓ "}
          </span>
          DNS: {progress.dns.name}
          {progress.dns.status === "done"
            ? ` → ${progress.dns.addresses.join(", ")}${progress.dns.ms !== null ? ` (${progress.dns.ms.toFixed(1)} ms)` : ""}`
            : progress.dns.status === "failed"
              ? " failed"
              : "…"}
        </p>
      ) : null}
      <ol className="space-y-2">
        {progress.runs.map((run, i) => (
          <li key={i} data-testid="progress-sample">
            <p className="text-muted">
              Sample {run.index + 1} to {run.address}
              {run.redirectedTo ? ` — redirected to ${run.redirectedTo}` : ""}
              {run.done && !run.redirectedTo
                ? run.status !== null
                  ? ` — ${run.status}`
                  : " — no answer"
                : ""}
            </p>
            <ol className="flex flex-wrap gap-x-4 gap-y-1">
              {phases
                .filter((step) => step.phase !== "tls" || run.url.startsWith("https:"))
                .map((step) => {
                  const seen = run.phases.find((p) => p.phase === step.phase)?.progress;
                  const shown = mark(seen);
                  return (
                    <li
                      key={step.phase}
                      data-phase={step.phase}
                      data-status={seen?.status ?? "waiting"}
                      className={shown.className}
                    >
                      <span aria-hidden="true">{shown.symbol} </span>
                      {step.label}: {shown.text}
                    </li>
                  );
                })}
            </ol>
          </li>
        ))}
      </ol>
    </div>
  );
}
