/**
 * Which events a move from one step to the next sends to the host page. Pure, so the rules —
 * when a diagnosis counts as reached, when "did it work?" counts as answered — are unit-tested
 * against every state of the machine rather than against a few clicks in a browser.
 */
import { DIAGNOSE_BASE, permalinkFor } from "@/machines/paths";
import { getStep, type StateId } from "@/machines/steps";
import type { EmbedEventDetails, StepDetail } from "@/lib/embed/protocol";

/** The machine's hand-over outcome: reaching it means no cause was found. */
export const ESCALATE_STATE_ID = "escalate" satisfies StateId;

/** The answer every fix step offers for "Yes, that fixed it". */
export const FIXED_ANSWER = "fixed";

/** One event for the host page, with its detail. */
export type StepEvent = {
  [Name in "step" | "resolved" | "diagnosis"]: { name: Name; detail: EmbedEventDetails[Name] };
}["step" | "resolved" | "diagnosis"];

/**
 * The detail of the step the answers lead to, or null when they lead nowhere (a permalink that
 * does not replay). `siteOrigin` makes `url` absolute; `title` comes from the step's content.
 */
export function stepDetail(
  stateId: string,
  answers: readonly string[],
  title: string | null,
  siteOrigin: string,
): StepDetail | null {
  const step = getStep(stateId);
  if (!step) return null;
  const permalink = permalinkFor(answers, DIAGNOSE_BASE);
  return {
    stateId,
    kind: step.kind,
    title,
    answers: [...answers],
    permalink,
    url: new URL(permalink, siteOrigin).href,
  };
}

/**
 * True when a step names a likely cause: every fix does, and so does an outcome unless it is
 * the happy ending after "Yes, that fixed it" (the cause was named earlier) or the hand-over
 * to support (no cause was found).
 */
export function namesCause(step: Pick<StepDetail, "stateId" | "kind" | "answers">): boolean {
  if (step.kind === "fix") return true;
  if (step.kind !== "outcome") return false;
  return step.stateId !== ESCALATE_STATE_ID && step.answers.at(-1) !== FIXED_ANSWER;
}

/** True when `next` is `previous` plus exactly one answer: the person answered, not jumped. */
function answeredOnce(previous: readonly string[], next: readonly string[]): boolean {
  return (
    next.length === previous.length + 1 && previous.every((answer, index) => next[index] === answer)
  );
}

/**
 * The events for showing `next` after `previous` (null when `next` is the first step shown), in
 * the order they are sent:
 *
 * 1. `resolved` — the answer just given was to a fix's "did it work?";
 * 2. `step` — always, for the step now shown;
 * 3. `diagnosis` — the step now shown names a likely cause.
 *
 * Nothing is sent when the step did not change (a re-render, or the same URL reported twice).
 */
export function eventsForStep(previous: StepDetail | null, next: StepDetail): StepEvent[] {
  if (
    previous &&
    previous.stateId === next.stateId &&
    previous.answers.join("/") === next.answers.join("/")
  ) {
    return [];
  }
  const events: StepEvent[] = [];
  if (previous && previous.kind === "fix" && answeredOnce(previous.answers, next.answers)) {
    const answer = next.answers.at(-1) ?? "";
    events.push({
      name: "resolved",
      detail: { ...next, resolved: answer === FIXED_ANSWER, fixStateId: previous.stateId, answer },
    });
  }
  events.push({ name: "step", detail: next });
  if (namesCause(next)) events.push({ name: "diagnosis", detail: next });
  return events;
}
