/**
 * Every step's title and summary from its content file (content/<id>.mdx), for the map and the
 * symptom search. Server-only: it goes through lib/content/load.ts, which compiles the MDX.
 */
import { loadContent } from "@/lib/content/load";
import { permalinkForState } from "@/machines/paths";
import { listSteps, type Step } from "@/machines/steps";
import type { SearchableStep } from "./search";

/** A step with the words its content file gives it and where it lives. */
export interface StepText extends SearchableStep {
  step: Step;
  /** The shortest permalink to the step. */
  href: string;
}

let cached: Promise<StepText[]> | undefined;

/** All steps in the machine's order. Content is compiled into the build, so once is enough. */
export function loadStepTexts(): Promise<StepText[]> {
  cached ??= Promise.all(
    listSteps().map(async (step) => {
      const content = await loadContent(step.id);
      // A missing content file must not take the map down: the state id stands in.
      return {
        id: step.id,
        step,
        title: content?.metadata.title ?? step.id,
        summary: content?.metadata.summary ?? "",
        href: permalinkForState(step.id) ?? "/diagnose",
      };
    }),
  ).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
