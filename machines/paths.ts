/**
 * Permalinks. A permalink is the list of answers that leads to a state,
 * joined under a base path: `/diagnose/owner/502/server-page`.
 */
import { getStep, listSteps, START_STATE_ID } from "./steps";

export { isStateId } from "./steps";

/** Where the full-site wizard lives; the embed uses `/embed`. */
export const DIAGNOSE_BASE = "/diagnose";

/** Builds the URL path for a list of answers under a base path. */
export function permalinkFor(answers: readonly string[], base: string = DIAGNOSE_BASE): string {
  return [base, ...answers.map(encodeURIComponent)].join("/");
}

/**
 * Breadth-first search over the answers: the fewest answers that lead from
 * one state to every state reachable from it. The graph is small (under a
 * hundred states), so this costs microseconds.
 */
export function answerPathsFrom(fromId: string): Map<string, readonly string[]> {
  const found = new Map<string, readonly string[]>([[fromId, []]]);
  const queue = [fromId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const path = found.get(id) ?? [];
    for (const option of getStep(id)?.answers ?? []) {
      if (!found.has(option.target)) {
        found.set(option.target, [...path, option.answer]);
        queue.push(option.target);
      }
    }
  }
  return found;
}

let fromStart: ReadonlyMap<string, readonly string[]> | undefined;

/** The fewest answers that lead from the start to a state, or null if none do. */
export function shortestAnswersTo(stateId: string): readonly string[] | null {
  fromStart ??= answerPathsFrom(START_STATE_ID);
  return fromStart.get(stateId) ?? null;
}

/** The shortest permalink to a state, or null for an unknown or unreachable state. */
export function permalinkForState(stateId: string, base: string = DIAGNOSE_BASE): string | null {
  const answers = shortestAnswersTo(stateId);
  return answers ? permalinkFor(answers, base) : null;
}

/** Ids of states no answer path reaches (should be none; the tests hold it to that). */
export function unreachableStateIds(): string[] {
  return listSteps()
    .map((step) => step.id)
    .filter((id) => shortestAnswersTo(id) === null);
}
