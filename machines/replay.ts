/**
 * Replays a permalink (a list of answer slugs) through the diagnosis machine.
 * The server renders every permalink this way, and the client uses the same
 * function to restore a state on reload or back/forward.
 */
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { diagnosisMachine } from "./diagnosis.machine";
import { getStep, type Step } from "./steps";

export type DiagnosisSnapshot = SnapshotFrom<typeof diagnosisMachine>;

/** One answered question on the way to the current state. */
export interface TrailEntry {
  /** The state in which the answer was given. */
  step: Step;
  /** The answer slug given there. */
  answer: string;
  /** The answer's label, as the person saw it. */
  label: string;
}

export type ReplayResult =
  | {
      ok: true;
      snapshot: DiagnosisSnapshot;
      /** The state the answers lead to. */
      step: Step;
      /** Every answer given, with the state it answered. */
      trail: TrailEntry[];
    }
  | { ok: false; error: UnknownAnswerError };

/** Typed error: the first slug that the state it was given in does not offer. */
export interface UnknownAnswerError {
  kind: "unknown-answer";
  /** Position of the slug in the list (0-based). */
  index: number;
  /** The slug not understood, exactly as given. */
  slug: string;
  /** The state that did not understand it. */
  step: Step;
  /** The answers before it: the longest valid prefix of the permalink. */
  validPrefix: string[];
}

function stepOf(snapshot: DiagnosisSnapshot): Step {
  const id = String(snapshot.value);
  const step = getStep(id);
  if (!step) throw new Error(`The machine is in "${id}", which has no step`);
  return step;
}

/** The snapshot every diagnosis starts from. */
export function initialSnapshot(): DiagnosisSnapshot {
  return initialTransition(diagnosisMachine)[0];
}

/** Replays answer slugs from the start; never throws for any input list. */
export function replayAnswers(slugs: readonly string[]): ReplayResult {
  let snapshot = initialSnapshot();
  const trail: TrailEntry[] = [];
  for (const [index, slug] of slugs.entries()) {
    const step = stepOf(snapshot);
    const option = step.answers.find((candidate) => candidate.answer === slug);
    if (!option) {
      return {
        ok: false,
        error: { kind: "unknown-answer", index, slug, step, validPrefix: slugs.slice(0, index) },
      };
    }
    snapshot = transition(diagnosisMachine, snapshot, { type: "ANSWER", answer: slug })[0];
    trail.push({ step, answer: slug, label: option.label });
  }
  return { ok: true, snapshot, step: stepOf(snapshot), trail };
}
