import { describe, expect, it } from "vitest";
import {
  ESCALATE_STATE_ID,
  eventsForStep,
  FIXED_ANSWER,
  namesCause,
  stepDetail,
} from "@/app/_lib/embed/step-events";
import { shortestAnswersTo } from "@/machines/paths";
import { replayAnswers } from "@/machines/replay";
import { getStep, listSteps } from "@/machines/steps";

const origin = "https://doctor.example";

/** The detail of the step a list of answers leads to; fails the test when it leads nowhere. */
function at(answers: string[]) {
  const replay = replayAnswers(answers);
  if (!replay.ok) throw new Error(`answers ${answers.join("/")} do not replay`);
  const detail = stepDetail(replay.step.id, answers, `Title of ${replay.step.id}`, origin);
  if (!detail) throw new Error(`no detail for ${replay.step.id}`);
  return detail;
}

describe("the rules rest on the machine", () => {
  it("has the hand-over outcome the escalate rule names", () => {
    expect(getStep(ESCALATE_STATE_ID)?.kind).toBe("outcome");
  });

  it('offers "fixed" ("Yes, that fixed it") at every fix step', () => {
    const fixes = listSteps().filter((step) => step.kind === "fix");
    expect(fixes.length).toBeGreaterThan(20);
    for (const fix of fixes) {
      expect(
        fix.answers.map((answer) => answer.answer),
        fix.id,
      ).toContain(FIXED_ANSWER);
    }
  });
});

describe("step detail", () => {
  it("names the state, kind, answers and the full-site permalink", () => {
    expect(at(["owner", "502"])).toEqual({
      stateId: "whoRendered",
      kind: "question",
      title: "Title of whoRendered",
      answers: ["owner", "502"],
      permalink: "/diagnose/owner/502",
      url: "https://doctor.example/diagnose/owner/502",
    });
  });

  it("is null for an unknown state", () => {
    expect(stepDetail("noSuchState", [], null, origin)).toBeNull();
  });
});

describe("when a diagnosis counts as reached", () => {
  it.each(listSteps().map((step) => [step.id, step] as const))("%s", (id, step) => {
    const answers = shortestAnswersTo(id);
    expect(answers, `${id} is reachable`).not.toBeNull();
    const detail = at([...answers!]);
    const expected =
      step.kind === "fix" ||
      (step.kind === "outcome" && id !== ESCALATE_STATE_ID && answers!.at(-1) !== FIXED_ANSWER);
    expect(namesCause(detail)).toBe(expected);
  });

  it("counts the visitor's 'site is down' ending but not the happy ending or the hand-over", () => {
    expect(namesCause(at(["visitor", "everyone"]))).toBe(true);
    expect(namesCause(at(["visitor", "just-me", "fixed"]))).toBe(false);
    const toEscalate = shortestAnswersTo(ESCALATE_STATE_ID)!;
    expect(namesCause(at([...toEscalate]))).toBe(false);
  });
});

describe("events for a move", () => {
  it("sends only step for the first step shown", () => {
    const first = at([]);
    expect(eventsForStep(null, first)).toEqual([{ name: "step", detail: first }]);
  });

  it("sends nothing when the step did not change", () => {
    expect(eventsForStep(at(["owner"]), at(["owner"]))).toEqual([]);
  });

  it("sends step, then diagnosis, on reaching a fix", () => {
    const question = at(["visitor"]);
    const fix = at(["visitor", "just-me"]);
    expect(fix.kind).toBe("fix");
    expect(eventsForStep(question, fix).map((event) => event.name)).toEqual(["step", "diagnosis"]);
  });

  it("sends resolved (yes), then step, on 'Yes, that fixed it'", () => {
    const fix = at(["visitor", "just-me"]);
    const done = at(["visitor", "just-me", "fixed"]);
    const events = eventsForStep(fix, done);
    expect(events.map((event) => event.name)).toEqual(["resolved", "step"]);
    expect(events[0]?.detail).toMatchObject({
      resolved: true,
      fixStateId: "visitorHardRefresh",
      answer: "fixed",
      stateId: "visitorResolved",
    });
  });

  it("sends resolved (no), then step, when the fix did not help", () => {
    const fix = at(["visitor", "just-me"]);
    const next = at(["visitor", "just-me", "still-broken"]);
    const events = eventsForStep(fix, next);
    expect(events.map((event) => event.name)).toEqual(["resolved", "step"]);
    expect(events[0]?.detail).toMatchObject({ resolved: false, answer: "still-broken" });
  });

  it("does not call going back from a fix an answer to it", () => {
    const fix = at(["visitor", "just-me"]);
    const back = at(["visitor"]);
    expect(eventsForStep(fix, back).map((event) => event.name)).toEqual(["step"]);
  });

  it("does not call a jump from a fix to an unrelated permalink an answer", () => {
    const fix = at(["visitor", "just-me"]);
    const elsewhere = at(["owner", "502", "cdn-page"]);
    expect(eventsForStep(fix, elsewhere).some((event) => event.name === "resolved")).toBe(false);
  });
});
