/**
 * How far a diagnosis has come and how much may be left, read from the machine's graph.
 *
 * What is left is a range: the fewest answers from the current step to an outcome (the
 * shortest path) and the most (the longest path). The graph has cycles ("No, still failing"
 * can lead back to a step seen before, and finding the origin's address leads back to testing
 * it), so a longest walk is unbounded; the most is therefore the longest SIMPLE path, one that
 * visits no step twice. A person who goes round a loop can need more than that; everyone else
 * needs no more.
 */
import { answerPathsFrom } from "@/machines/paths";
import { getStep, listSteps } from "@/machines/steps";

/** Where a person stands in the diagnosis. */
export interface Progress {
  /** 1-based number of the current step (answers given so far, plus one). */
  step: number;
  /**
   * Fewest answers from here to an outcome, this step's answer included: 0 at an outcome,
   * null if none is reachable.
   */
  remaining: number | null;
  /**
   * Most answers from here to an outcome along a path that repeats no step, this step's
   * answer included: 0 at an outcome, null if none is reachable.
   */
  remainingAtMost: number | null;
  /** True when the current step is an outcome. */
  done: boolean;
}

const fewestCache = new Map<string, number | null>();

/** The fewest answers that lead from a state to any outcome (0 for an outcome itself). */
export function answersToOutcome(stateId: string): number | null {
  const cached = fewestCache.get(stateId);
  if (cached !== undefined) return cached;
  let fewest: number | null = null;
  for (const [id, path] of answerPathsFrom(stateId)) {
    if (getStep(id)?.final && (fewest === null || path.length < fewest)) fewest = path.length;
  }
  fewestCache.set(stateId, fewest);
  return fewest;
}

/**
 * Strongly connected components (Tarjan): states that can reach each other through loops.
 * A path that leaves a component never comes back to it, which is what keeps the longest
 * simple path cheap to compute: only the steps inside one component need remembering.
 */
function componentOfEachState(): Map<string, number> {
  const component = new Map<string, number>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter);
    counter += 1;
    stack.push(id);
    onStack.add(id);
    for (const { target } of getStep(id)?.answers ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(id, Math.min(low.get(id) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(id, Math.min(low.get(id) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(id) === index.get(id)) {
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        component.set(member, components);
        if (member === id) break;
      }
      components += 1;
    }
  };
  for (const step of listSteps()) if (!index.has(step.id)) visit(step.id);
  return component;
}

let components: Map<string, number> | undefined;
const mostCache = new Map<string, number | null>();

/**
 * The most answers that lead from a state to an outcome without visiting any step twice
 * (0 for an outcome itself), or null when no outcome is reachable.
 */
export function mostAnswersToOutcome(stateId: string): number | null {
  const cached = mostCache.get(stateId);
  if (cached !== undefined) return cached;
  components ??= componentOfEachState();
  const componentMap = components;
  // Depth-first through the state's own component, remembering the steps already on the path;
  // an answer that leaves the component starts afresh, since nothing behind it can come back.
  const longestWithin = (id: string, onPath: Set<string>): number | null => {
    if (getStep(id)?.final) return 0;
    let most: number | null = null;
    for (const { target } of getStep(id)?.answers ?? []) {
      let after: number | null;
      if (componentMap.get(target) !== componentMap.get(id)) {
        after = mostAnswersToOutcome(target);
      } else if (onPath.has(target)) {
        continue;
      } else {
        onPath.add(target);
        after = longestWithin(target, onPath);
        onPath.delete(target);
      }
      if (after !== null && (most === null || after + 1 > most)) most = after + 1;
    }
    return most;
  };
  const most = getStep(stateId) ? longestWithin(stateId, new Set([stateId])) : null;
  mostCache.set(stateId, most);
  return most;
}

/** Progress after `answersGiven` answers, standing in `stateId`. */
export function progressAt(stateId: string, answersGiven: number): Progress {
  return {
    step: answersGiven + 1,
    remaining: answersToOutcome(stateId),
    remainingAtMost: mostAnswersToOutcome(stateId),
    done: getStep(stateId)?.final ?? false,
  };
}

/**
 * The progress line as people read it. It counts the steps after this one, since the person
 * is answering this one now: "Step 3 · 2–4 more", "Step 3 · 1 more", "Step 3 · this is the
 * last step", or "Step 3 · this may be the last step, or up to 2 more" when the very next
 * answer may end it.
 */
export function describeProgress({ step, remaining, remainingAtMost, done }: Progress): string {
  if (done) {
    const answers = step - 1;
    if (answers === 0) return "Diagnosis complete";
    return `Diagnosis complete after ${answers} ${answers === 1 ? "answer" : "answers"}`;
  }
  if (remaining === null || remainingAtMost === null) return `Step ${step}`;
  const fewestAfter = remaining - 1;
  const mostAfter = Math.max(remainingAtMost - 1, fewestAfter);
  if (mostAfter === 0) return `Step ${step} · this is the last step`;
  if (fewestAfter === 0)
    return `Step ${step} · this may be the last step, or up to ${mostAfter} more`;
  if (fewestAfter === mostAfter) return `Step ${step} · ${fewestAfter} more`;
  return `Step ${step} · ${fewestAfter}–${mostAfter} more`;
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
