import { progressFraction, type Progress } from "@/machines/progress";

/** "Step 3 · 2–4 more" with a bar that shows the fewest steps left at a glance. */
export function ProgressLine({ progress, text }: { progress: Progress; text: string }) {
  const percent = Math.round(progressFraction(progress) * 100);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
      <p data-testid="wizard-progress">{text}</p>
      {/* The text says it all; the bar repeats it for sighted readers, so it stays silent. */}
      <div
        aria-hidden="true"
        className="h-2 w-32 overflow-hidden rounded-full bg-surface-strong ring-1 ring-line"
      >
        <div className="h-full rounded-full bg-accent" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
