import { describe, expect, it } from "vitest";
import { permalinkFor, permalinkForState, shortestAnswersTo } from "@/machines/paths";
import { replayAnswers } from "@/machines/replay";
import { shortestPathsToEveryState } from "@/test/support/diagnosis-model";

describe("replaying permalinks", () => {
  describe.each(shortestPathsToEveryState())("the shortest path to $target", (path) => {
    it("replays to the same state and records the trail it walked", () => {
      const result = replayAnswers(path.answers);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.step.id).toBe(path.target);
      expect(result.trail.map((entry) => entry.answer)).toEqual(path.answers);
      // The trail names the state each answer was given in: the start, then each visited state but the last.
      expect(result.trail.map((entry) => entry.step.id)).toEqual(
        ["start", ...path.visited].slice(0, path.answers.length),
      );
      expect(result.snapshot.context.answers).toEqual(path.answers);
    });

    it("round-trips through its permalink", () => {
      const permalink = permalinkFor(path.answers);
      const segments = permalink.split("/").slice(2).map(decodeURIComponent);
      expect(segments).toEqual(path.answers);
      expect(shortestAnswersTo(path.target)).toHaveLength(path.answers.length);
      expect(permalinkForState(path.target)).toBe(permalink);
    });
  });

  it("names the first slug not understood, the state that refused it and the valid prefix", () => {
    const result = replayAnswers(["owner", "502", "teapot", "fixed"]);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "unknown-answer",
        index: 2,
        slug: "teapot",
        step: { id: "whoRendered" },
        validPrefix: ["owner", "502"],
      },
    });
  });

  it("refuses answers after an outcome, since a final state offers none", () => {
    const result = replayAnswers(["visitor", "everyone", "anything"]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.step.id).toBe("visitorSiteDown");
  });

  it("treats odd input as unknown answers, never as a crash", () => {
    for (const slug of ["", "../etc", "<script>", "OWNER", "owner/502", "%00", "constructor"]) {
      const result = replayAnswers([slug]);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.slug).toBe(slug);
    }
  });

  it("gives the empty permalink the start state", () => {
    const result = replayAnswers([]);
    expect(result.ok && result.step.id).toBe("start");
    expect(permalinkFor([])).toBe("/diagnose");
  });

  it("builds permalinks under another base for the embed", () => {
    expect(permalinkForState("visitorScope", "/embed")).toBe("/embed/visitor");
  });
});
