import type { ComponentType } from "react";
import { cache } from "react";
import { ContentMetadataError } from "@/lib/content/schema";
import { loadContent } from "@/lib/content/load";
import type { Step } from "@/machines/steps";
import { titleFromSlug } from "@/lib/wizard/step-title";

/** What the wizard shows of a step's content file. */
export interface StepText {
  /** The step's title: its content's title, or a name made from its state id when the file is missing. */
  title: string;
  /** The content's one-sentence summary, or null when the file is missing. */
  summary: string | null;
  /** The rendered body, or null when the file is missing or invalid. */
  Content: ComponentType | null;
}

/**
 * A step's title, summary and body. A missing or invalid content file must not take the wizard
 * down during someone's outage: the step still renders under a name made from its state id, its
 * answers still work, and the problem is logged for the people who run the site. (CI fails on
 * such files long before they reach production; this is the last line of defence.)
 */
export const loadStepText = cache(async (step: Step): Promise<StepText> => {
  const fallback = { title: titleFromSlug(step.id), summary: null, Content: null };
  try {
    const loaded = await loadContent(step.id);
    if (!loaded) {
      console.error(`wizard: content/${step.id}.mdx is missing (state ${step.id})`);
      return fallback;
    }
    return {
      title: loaded.metadata.title,
      summary: loaded.metadata.summary,
      Content: loaded.Content,
    };
  } catch (error) {
    if (!(error instanceof ContentMetadataError)) throw error;
    console.error(`wizard: ${error.message}`);
    return fallback;
  }
});
