import Link from "next/link";
import { Analyzer } from "@/app/_components/analyzer/analyzer";
import type { StateId, Step } from "@/machines/steps";

// Steps where the person is looking at an error page or log lines: the analyzer can read them.
const analyzerSteps: ReadonlySet<StateId> = new Set<StateId>([
  "ownerWhichError",
  "proxyUpstream",
  "findLogs",
]);

/**
 * The full site's tools for a step: what the wizard can do for the person at this point
 * besides asking. Rendered in the wizard view's `tools` slot. The analyzer's client code loads
 * only on these steps, so other steps' first-load JavaScript does not carry its rule catalog.
 */
export function StepTools({ step }: { step: Step }) {
  if (!analyzerSteps.has(step.id)) return null;
  return (
    <div className="space-y-2 rounded-lg border border-line bg-accent-soft px-4 py-3">
      <Analyzer compact title="Paste what you see: an error page, headers or log lines" />
      <p className="text-sm">
        More room and a longer explanation on the{" "}
        <Link href="/analyze" className="font-medium underline">
          full analyzer page
        </Link>
        .
      </p>
    </div>
  );
}
