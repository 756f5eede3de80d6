import Link from "next/link";
import type { Step } from "@/machines/steps";

// Steps where the person is looking at an error page or log lines: the analyzer can read them.
const analyzerSteps: ReadonlySet<string> = new Set([
  "ownerWhichError",
  "proxyUpstream",
  "findLogs",
]);

/**
 * The full site's tools for a step: what the wizard can do for the person at this point
 * besides asking. Rendered in the wizard view's `tools` slot.
 */
export function StepTools({ step }: { step: Step }) {
  if (!analyzerSteps.has(step.id)) return null;
  return (
    <p className="rounded-lg border border-line bg-accent-soft px-4 py-3 text-sm">
      Have the error page or log lines in front of you?{" "}
      <Link href="/analyze" className="font-medium underline">
        Paste your error or log lines
      </Link>{" "}
      and the analyzer tells you what they mean.
    </p>
  );
}
