import { describe, expect, it } from "vitest";
import {
  answersToOutcome,
  describeProgress,
  mostAnswersToOutcome,
  progressAt,
  progressFraction,
} from "@/machines/progress";
import { answerPathsFrom } from "@/machines/paths";
import { replayAnswers } from "@/machines/replay";
import { getStep, listSteps } from "@/machines/steps";

/**
 * The longest simple path by brute force: every path that repeats no state, tried in full.
 * Slow (over a million paths from the start), so the tests only run it from small corners.
 */
function bruteForceMost(fromId: string, onPath: Set<string> = new Set([fromId])): number | null {
  if (getStep(fromId)?.final) return 0;
  let most: number | null = null;
  for (const { target } of getStep(fromId)?.answers ?? []) {
    if (onPath.has(target)) continue;
    onPath.add(target);
    const after = bruteForceMost(target, onPath);
    onPath.delete(target);
    if (after !== null && (most === null || after + 1 > most)) most = after + 1;
  }
  return most;
}

describe("answersToOutcome", () => {
  it("is 0 at every outcome", () => {
    for (const step of listSteps().filter((candidate) => candidate.final)) {
      expect(answersToOutcome(step.id), step.id).toBe(0);
    }
  });

  it("is one more than the best next step, for every other state", () => {
    for (const step of listSteps().filter((candidate) => !candidate.final)) {
      const best = Math.min(
        ...step.answers.map((option) => answersToOutcome(option.target) ?? Infinity),
      );
      expect(answersToOutcome(step.id), step.id).toBe(best + 1);
    }
  });

  it("leaves no state without a way to an outcome", () => {
    expect(listSteps().filter((step) => answersToOutcome(step.id) === null)).toEqual([]);
  });

  it("agrees with a path that really ends in an outcome", () => {
    const fromStart = answersToOutcome("start") ?? -1;
    const paths = [...answerPathsFrom("start")].filter(([id]) => getStep(id)?.final);
    expect(Math.min(...paths.map(([, path]) => path.length))).toBe(fromStart);
  });
});

describe("mostAnswersToOutcome", () => {
  it("is 0 at every outcome and never below the fewest", () => {
    for (const step of listSteps()) {
      const most = mostAnswersToOutcome(step.id);
      if (step.final) expect(most, step.id).toBe(0);
      else expect(most, step.id).toBeGreaterThanOrEqual(answersToOutcome(step.id) ?? Infinity);
    }
  });

  it("matches a brute-force search in the visitor's, TLS and intermittent branches", () => {
    const states = listSteps().filter((step) =>
      /^(visitor|tls|tracingRequests|badNode|keepAliveMismatch|connectionLimits)/.test(step.id),
    );
    expect(states.length).toBeGreaterThan(10);
    for (const step of states) {
      expect(mostAnswersToOutcome(step.id), step.id).toBe(bruteForceMost(step.id));
    }
  });

  it("counts a fix whose 'still failing' loops back without going round the loop", () => {
    // "No, still failing" after reverting a config change leads back to the proxy's log, which
    // can lead to the recent changes and the revert again: a cycle, so the walk must stop at
    // the first repeat.
    const revert = getStep("configRevert");
    const stillFailing = revert?.answers.find((option) => option.answer === "still-broken");
    expect(stillFailing?.target).toBe("proxyUpstream");
    expect(answerPathsFrom("proxyUpstream").has("configRevert")).toBe(true);
    expect(answersToOutcome("configRevert")).toBe(1);
    const most = mostAnswersToOutcome("configRevert");
    expect(most).toBe(bruteForceMost("configRevert"));
    expect(most).toBeGreaterThan(1);
    expect(describeProgress(progressAt("configRevert", 4))).toBe(
      `Step 5 · this may be the last step, or up to ${(most ?? 0) - 1} more`,
    );
  });

  it("gives the start a finite range that covers the shortest way through", () => {
    const fewest = answersToOutcome("start") ?? 0;
    const most = mostAnswersToOutcome("start") ?? 0;
    expect(fewest).toBeGreaterThan(0);
    expect(most).toBeGreaterThan(fewest);
    expect(most).toBeLessThan(listSteps().length);
  });
});

describe("describeProgress", () => {
  it("counts steps from one and gives the range of steps after this one", () => {
    expect(describeProgress({ step: 1, remaining: 3, remainingAtMost: 5, done: false })).toBe(
      "Step 1 · 2–4 more",
    );
    expect(describeProgress({ step: 2, remaining: 2, remainingAtMost: 2, done: false })).toBe(
      "Step 2 · 1 more",
    );
    expect(describeProgress({ step: 4, remaining: null, remainingAtMost: null, done: false })).toBe(
      "Step 4",
    );
  });

  it("says so when this answer ends the diagnosis, or may", () => {
    expect(describeProgress({ step: 6, remaining: 1, remainingAtMost: 1, done: false })).toBe(
      "Step 6 · this is the last step",
    );
    expect(describeProgress({ step: 3, remaining: 1, remainingAtMost: 4, done: false })).toBe(
      "Step 3 · this may be the last step, or up to 3 more",
    );
  });

  it("says when the diagnosis is complete", () => {
    expect(describeProgress({ step: 4, remaining: 0, remainingAtMost: 0, done: true })).toBe(
      "Diagnosis complete after 3 answers",
    );
    expect(describeProgress({ step: 2, remaining: 0, remainingAtMost: 0, done: true })).toBe(
      "Diagnosis complete after 1 answer",
    );
  });

  it("never promises fewer steps than a real path takes, along the visitor's longest way", () => {
    // Every answer of this walk is "still failing" or its like, the visitor's longest way.
    const walk = [
      "visitor",
      "not-sure",
      "just-me",
      "still-broken",
      "still-broken",
      "still-broken",
      "works-elsewhere",
      "still-broken",
      "still-broken",
    ];
    const lines: string[] = [];
    for (let given = 0; given <= walk.length; given += 1) {
      const replayed = replayAnswers(walk.slice(0, given));
      if (!replayed.ok) throw new Error(`The walk breaks at answer ${given}`);
      const progress = progressAt(replayed.step.id, given);
      lines.push(describeProgress(progress));
      const stepsLeft = walk.length - given;
      if (!progress.done) {
        expect(progress.remaining ?? Infinity, replayed.step.id).toBeLessThanOrEqual(stepsLeft);
        expect(progress.remainingAtMost ?? -1, replayed.step.id).toBeGreaterThanOrEqual(stepsLeft);
      }
    }
    expect(lines.at(-2)).toBe("Step 9 · this is the last step");
    expect(lines.at(-1)).toBe("Diagnosis complete after 9 answers");
    // The visitor's first question can end the diagnosis at once ("It fails for others too").
    expect(lines[1]).toBe("Step 2 · this may be the last step, or up to 8 more");
  });

  it("matches progressAt for a real state", () => {
    const progress = progressAt("ownerWhichError", 1);
    expect(progress.step).toBe(2);
    expect(progress.done).toBe(false);
    expect(progress.remaining).toBeGreaterThan(0);
    expect(describeProgress(progress)).toMatch(/^Step 2 · \d+–\d+ more$/);
  });
});

describe("progressFraction", () => {
  it("runs from 0 at the start to 1 at an outcome", () => {
    expect(progressFraction({ step: 1, remaining: 4, remainingAtMost: 6, done: false })).toBe(0);
    expect(progressFraction({ step: 3, remaining: 2, remainingAtMost: 3, done: false })).toBe(0.5);
    expect(progressFraction({ step: 5, remaining: 0, remainingAtMost: 0, done: true })).toBe(1);
  });
});
