import { describe, expect, it } from "vitest";
import { isContentId } from "@/lib/content/schema";
import { HOPS } from "@/machines/diagnosis.machine";
import { answerPathsFrom, unreachableStateIds } from "@/machines/paths";
import { listSteps, START_STATE_ID } from "@/machines/steps";
import { shortestPathsToEveryState } from "@/test/support/diagnosis-model";

const steps = listSteps();
const modelPaths = shortestPathsToEveryState();

describe("the diagnosis machine as a graph", () => {
  it("has a shortest path from the start to every state", () => {
    const reached = new Set(modelPaths.map((path) => path.target));
    const missing = steps.map((step) => step.id).filter((id) => !reached.has(id));
    expect(missing).toEqual([]);
  });

  // A floor, not a cap: a new branch must never fail the gate for adding states. What keeps a
  // larger machine honest is below: every state reachable, none a trap.
  it("is large enough to cover the field guide (at least 50 states)", () => {
    expect(steps.length).toBeGreaterThanOrEqual(50);
  });

  it("reaches every state by some answer path from the start", () => {
    expect(unreachableStateIds()).toEqual([]);
  });

  describe.each(steps)("$id", (step) => {
    if (step.final) {
      it("is an outcome, because a final state must end the diagnosis with advice", () => {
        expect(step.kind).toBe("outcome");
        expect(step.answers).toEqual([]);
      });
    } else {
      it("offers at least one answer", () => {
        expect(step.answers.length).toBeGreaterThan(0);
      });

      it("never traps a person: some outcome stays reachable", () => {
        const reachable = [...answerPathsFrom(step.id).keys()];
        const outcomes = reachable.filter((id) => steps.find((s) => s.id === id)?.final);
        expect(outcomes.length).toBeGreaterThan(0);
      });

      it("offers each answer slug once, URL-safe and readable", () => {
        const slugs = step.answers.map((option) => option.answer);
        expect(new Set(slugs).size).toBe(slugs.length);
        for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      });
    }

    if (step.kind === "fix") {
      it("ends a fix with 'did this fix it?': yes resolves, no moves on", () => {
        const fixed = step.answers.find((option) => option.answer === "fixed");
        const stillBroken = step.answers.find((option) => option.answer === "still-broken");
        expect(fixed, "a 'fixed' answer").toBeDefined();
        expect(stillBroken, "a 'still-broken' answer").toBeDefined();
        const outcome = steps.find((s) => s.id === fixed?.target);
        expect(outcome?.kind).toBe("outcome");
        expect(stillBroken?.target).not.toBe(step.id);
      });
    }

    it("has an id usable as a content file name, and a known hop", () => {
      expect(isContentId(step.id)).toBe(true);
      if (step.hop !== null) expect(HOPS).toContain(step.hop);
    });
  });

  it("gives every state its own id", () => {
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
  });

  it("offers 'not sure' wherever the start or a branch question may stump a person", () => {
    for (const id of [START_STATE_ID, "visitorScope", "ownerWhichError", "whoRendered"]) {
      const answers = steps.find((s) => s.id === id)?.answers.map((a) => a.answer);
      expect(answers, id).toContain("not-sure");
    }
  });

  it("never uses the reserved first segment 'map' (the /diagnose/map page)", () => {
    const first = steps.find((s) => s.id === START_STATE_ID)?.answers.map((a) => a.answer);
    expect(first).not.toContain("map");
  });
});
