import { evidenceQueryString, inferredPositions, type EvidenceQuery } from "@/lib/evidence/digest";
import { pastedPositions, pasteQueryString, type PasteMarks } from "@/lib/analyzer/links";
import { evidenceSummaryLines } from "@/lib/evidence/words";
import { extractCommands } from "@/lib/wizard/commands";
import { readContentSourceOrNull } from "@/lib/wizard/content-source";
import type { ResolvedPermalink } from "@/machines/permalink";
import { describeProgress, progressAt, type Progress } from "@/machines/progress";
import { buildSummary } from "@/lib/wizard/summary";
import { buildOwnerMessage, type OwnerMessage } from "@/lib/wizard/visitor-message";
import { permalinkFor } from "@/machines/paths";
import { observationFor } from "@/machines/observations";
import type { StateId, Step } from "@/machines/steps";
import { loadStepText, type StepText } from "./step-text";

/** One answer already given, as the trail shows it. */
export interface TrailItem {
  /** The question it answered (the title of the step it was given in). */
  question: string;
  /** The answer's label. */
  answer: string;
  /** Permalink of the step where it was given, to go back and change it. */
  href: string;
  /**
   * The observation behind an answer a live check or a paste gave ("the response's status was
   * 502"); for an assumed answer, why it is there; null when the person gave it.
   */
  inferredFrom: string | null;
  /**
   * Who gave it: a live check or a paste that showed it, or "assumed" for an answer that only
   * lies on the way to the check's diagnosis and that nothing observed.
   */
  inferredBy?: "check" | "paste" | "assumed";
}

/** Everything the wizard view renders for one permalink, worked out on the server. */
export interface WizardModel {
  /** The step the permalink leads to. */
  step: Step;
  /** Its title, summary and body. */
  text: StepText;
  /** The answers given so far, oldest first. */
  trail: TrailItem[];
  /** How far along the diagnosis is. */
  progress: Progress;
  /** The progress as one line of text ("Step 3 · about 2 more"). */
  progressText: string;
  /** Path of this step under the base ("/diagnose/owner/502"). */
  path: string;
  /** The same as an absolute URL, for copying and sharing. */
  url: string;
  /** The Markdown summary for "copy summary". */
  summary: string;
  /**
   * "?url=…" when the page was reached by a live check, "" otherwise: answer and trail links
   * carry it on, so later steps still show the evidence and which answers it inferred.
   */
  query: string;
  /**
   * At a visitor's ending, the message to send the site's owner, written from the answers and
   * the check's evidence (lib/wizard/visitor-message.ts); null elsewhere.
   */
  ownerMessage: OwnerMessage | null;
}

// Endings where a visitor hands the problem to the people who run the site.
const OWNER_MESSAGE_STEPS: ReadonlySet<StateId> = new Set<StateId>(["visitorSiteDown"]);

/**
 * Works out the model of a resolved permalink. `base` is where the wizard is mounted
 * ("/diagnose", or "/embed" for the embedded wizard) and every link is built under it.
 */
export async function loadWizardModel(
  permalink: ResolvedPermalink,
  {
    base,
    shareBase = base,
    origin,
    now = new Date(),
    evidence = null,
    paste = null,
  }: {
    base: string;
    /**
     * Base of the link that is copied, shared or summarised; the embed builds its links under
     * /embed but shares the full site's permalink, which works for anyone.
     */
    shareBase?: string;
    origin: string;
    /** When the summary is made; null for a page served from cache (lib/wizard/summary.ts). */
    now?: Date | null;
    /** What the page's query says about a live check (lib/evidence/digest.ts), if anything. */
    evidence?: EvidenceQuery | null;
    /** Answers a pasted log or page showed, from an analyzer link (lib/analyzer/links.ts). */
    paste?: PasteMarks | null;
  },
): Promise<WizardModel> {
  const { step, trail: replayed } = permalink.replay;
  const [text, questions, source] = await Promise.all([
    loadStepText(step),
    Promise.all(replayed.map((entry) => loadStepText(entry.step))),
    readContentSourceOrNull(step.id),
  ]);
  const digest = evidence?.digest ?? null;
  const inferred = digest
    ? inferredPositions(permalink.answers, evidence?.inference ?? null)
    : null;
  // Answers a paste showed (a live check's evidence, when there is some, speaks instead).
  const pasted = digest ? null : pastedPositions(permalink.answers, paste);
  const pasteQuery =
    paste && pasted && pasted.size > 0
      ? pasteQueryString({ shown: paste.shown, rule: paste.rule })
      : "";
  const query =
    digest && evidence?.request
      ? `?${evidenceQueryString(evidence.request, digest, evidence.inference ?? { given: 0, inferred: [] })}`
      : pasteQuery
        ? `?${pasteQuery}`
        : "";
  // An answer the check inferred is shown as the check's only with the observation behind it;
  // the others on its path are assumed, and the trail says so (machines/observations.ts).
  const whoAnswered = (
    index: number,
    stateId: StateId,
  ): Pick<TrailItem, "inferredFrom" | "inferredBy"> => {
    if (digest && inferred?.has(index)) {
      const observation = observationFor(stateId, permalink.answers[index] ?? "", digest);
      return observation
        ? { inferredFrom: observation, inferredBy: "check" }
        : {
            inferredFrom: "not checked: it lies on the way to the step the check points to",
            inferredBy: "assumed",
          };
    }
    if (pasted?.has(index)) return { inferredFrom: paste?.reason ?? null, inferredBy: "paste" };
    // Before the last answer a paste showed, every answer came with the analyzer's link too;
    // the ones the paste did not show were assumed on the way, not given by the person.
    if (pasted && index < lastPasted) {
      return {
        inferredFrom:
          "not shown by your paste: it lies on the way to the step the finding points to",
        inferredBy: "assumed",
      };
    }
    return { inferredFrom: null };
  };
  const lastPasted = Math.max(-1, ...(pasted ?? []));
  const trail: TrailItem[] = replayed.map((entry, index) => ({
    question: questions[index]?.title ?? entry.step.id,
    answer: entry.label,
    href: `${permalinkFor(permalink.answers.slice(0, index), base)}${query}`,
    ...whoAnswered(index, entry.step.id),
  }));
  const progress = progressAt(step.id, permalink.answers.length);
  const path = permalinkFor(permalink.answers, base);
  const url = `${origin}${permalinkFor(permalink.answers, shareBase)}${query}`;
  const summary = buildSummary({
    url,
    generatedAt: now,
    answers: trail,
    evidence:
      digest && evidence?.request
        ? evidenceSummaryLines(evidence.request.url, digest, evidence.request.originIp)
        : undefined,
    current: {
      title: text.title,
      summary: text.summary,
      outcome: step.final,
      commands: source ? extractCommands(source) : [],
    },
  });
  return {
    step,
    text,
    trail,
    progress,
    progressText: describeProgress(progress),
    path,
    url,
    summary,
    query,
    ownerMessage: OWNER_MESSAGE_STEPS.has(step.id)
      ? buildOwnerMessage({
          answers: replayed.map((entry) => ({ stateId: entry.step.id, answer: entry.answer })),
          check: digest && evidence?.request ? { url: evidence.request.url, digest } : null,
        })
      : null,
  };
}
