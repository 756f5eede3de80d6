/**
 * How far a diagnosis has come and roughly how much is left. The estimate is
 * the fewest answers from the current step to any outcome: an honest lower
 * bound, which is why the page says "about".
 */
import { answerPathsFrom } from "@/machines/paths";
import { getStep } from "@/machines/steps";

/** Where a person stands in the diagnosis. */
export interface Progress {
  /** 1-based number of the current step (answers given so far, plus one). */
  step: number;
  /** Fewest answers from here to an outcome; 0 at an outcome, null if none is reachable. */
  remaining: number | null;
  /** True when the current step is an outcome. */
  done: boolean;
}

const remainingCache = new Map<string, number | null>();

/** The fewest answers that lead from a state to any outcome (0 for an outcome itself). */
export function answersToOutcome(stateId: string): number | null {
  const cached = remainingCache.get(stateId);
  if (cached !== undefined) return cached;
  let fewest: number | null = null;
  for (const [id, path] of answerPathsFrom(stateId)) {
    if (getStep(id)?.final && (fewest === null || path.length < fewest)) fewest = path.length;
  }
  remainingCache.set(stateId, fewest);
  return fewest;
}

/** Progress after `answersGiven` answers, standing in `stateId`. */
export function progressAt(stateId: string, answersGiven: number): Progress {
  const remaining = answersToOutcome(stateId);
  return { step: answersGiven + 1, remaining, done: getStep(stateId)?.final ?? false };
}

/** The progress line as people read it: "Step 3 · about 2 more". */
export function describeProgress({ step, remaining, done }: Progress): string {
  if (done) {
    const answers = step - 1;
    if (answers === 0) return "Diagnosis complete";
    return `Diagnosis complete after ${answers} ${answers === 1 ? "answer" : "answers"}`;
  }
  if (remaining === null) return `Step ${step}`;
  return `Step ${step} · about ${remaining} more`;
}

/**
 * Share of the way done, 0–1, for the progress bar: steps taken over steps
 * taken plus the fewest still needed.
 */
export function progressFraction({ step, remaining, done }: Progress): number {
  if (done) return 1;
  if (remaining === null) return 0;
  return (step - 1) / (step - 1 + remaining);
}
