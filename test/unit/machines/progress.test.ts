import { describe, expect, it } from "vitest";
import {
  answersToOutcome,
  describeProgress,
  progressAt,
  progressFraction,
} from "@/machines/progress";
import { answerPathsFrom } from "@/machines/paths";
import { getStep, listSteps } from "@/machines/steps";

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

describe("describeProgress", () => {
  it("counts steps from one and says roughly what is left", () => {
    expect(describeProgress({ step: 1, remaining: 3, done: false })).toBe("Step 1 · about 3 more");
    expect(describeProgress({ step: 4, remaining: null, done: false })).toBe("Step 4");
  });

  it("says when the diagnosis is complete", () => {
    expect(describeProgress({ step: 4, remaining: 0, done: true })).toBe(
      "Diagnosis complete after 3 answers",
    );
    expect(describeProgress({ step: 2, remaining: 0, done: true })).toBe(
      "Diagnosis complete after 1 answer",
    );
  });

  it("matches progressAt for a real state", () => {
    const progress = progressAt("ownerWhichError", 1);
    expect(progress.step).toBe(2);
    expect(progress.done).toBe(false);
    expect(progress.remaining).toBeGreaterThan(0);
  });
});

describe("progressFraction", () => {
  it("runs from 0 at the start to 1 at an outcome", () => {
    expect(progressFraction({ step: 1, remaining: 4, done: false })).toBe(0);
    expect(progressFraction({ step: 3, remaining: 2, done: false })).toBe(0.5);
    expect(progressFraction({ step: 5, remaining: 0, done: true })).toBe(1);
  });
});
