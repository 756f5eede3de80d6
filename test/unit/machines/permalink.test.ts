import { describe, expect, it } from "vitest";
import {
  displayPart,
  MAX_ANSWERS,
  MAX_SEGMENT_LENGTH,
  permalinkPathError,
  reportablePath,
  resolvePermalink,
} from "@/machines/permalink";
import { shortestAnswersTo } from "@/machines/paths";
import { listSteps } from "@/machines/steps";
import { shortestPathsToEveryState } from "@/test/support/diagnosis-model";

function expectError(segments: string[]) {
  const result = resolvePermalink(segments);
  if (result.ok) throw new Error(`expected ${segments.join("/")} to be rejected`);
  return result.error;
}

describe("resolvePermalink", () => {
  it("resolves the empty permalink to the start", () => {
    const result = resolvePermalink([]);
    expect(result.ok && result.replay.step.id).toBe("start");
  });

  it.each(shortestPathsToEveryState().map((path) => [path.target, path.answers] as const))(
    "replays the shortest path to %s",
    (target, answers) => {
      const result = resolvePermalink(answers.map(encodeURIComponent));
      expect(result.ok && result.replay.step.id).toBe(target);
      expect(result.ok && result.answers).toEqual(answers);
    },
  );

  it("decodes percent-encoded answers", () => {
    const result = resolvePermalink(["%6Fwner", "502"]);
    expect(result.ok && result.replay.step.id).toBe("whoRendered");
  });

  it("names an unknown answer, its position and the step that did not know it", () => {
    const error = expectError(["owner", "502", "banana", "more"]);
    expect(error).toMatchObject({
      problem: "unknown-answer",
      index: 2,
      part: "banana",
      segmentCount: 4,
      validPrefix: ["owner", "502"],
    });
    expect(error.step.id).toBe("whoRendered");
  });

  it("says when answers follow an outcome", () => {
    const toOutcome = shortestAnswersTo("visitorResolved");
    expect(toOutcome).not.toBeNull();
    const error = expectError([...(toOutcome ?? []), "again"]);
    expect(error.problem).toBe("after-outcome");
    expect(error.step.id).toBe("visitorResolved");
    expect(error.validPrefix).toEqual(toOutcome);
  });

  it("rejects malformed percent-encoding without throwing, keeping the valid prefix", () => {
    const error = expectError(["owner", "%E0%A4%A", "502"]);
    expect(error).toMatchObject({ problem: "bad-encoding", index: 1, part: "%E0%A4%A" });
    expect(error.validPrefix).toEqual(["owner"]);
  });

  it("reports the earliest problem when an unknown answer precedes a malformed one", () => {
    const error = expectError(["nope", "%ZZ"]);
    expect(error).toMatchObject({ problem: "unknown-answer", index: 0, validPrefix: [] });
  });

  it("rejects over-long segments, raw or decoded", () => {
    expect(expectError(["owner", "x".repeat(MAX_SEGMENT_LENGTH + 1)])).toMatchObject({
      problem: "too-long",
      index: 1,
      validPrefix: ["owner"],
    });
    expect(expectError(["%41".repeat(MAX_SEGMENT_LENGTH * 2)]).problem).toBe("too-long");
  });

  it("caps the number of segments", () => {
    // A loop the machine allows: find the origin's address, test the origin again.
    const intoLoop = shortestAnswersTo("findOriginIp");
    expect(intoLoop).not.toBeNull();
    const answers = [...(intoLoop ?? [])];
    while (answers.length <= MAX_ANSWERS) answers.push("found-it", "no-origin-ip");
    const error = expectError(answers);
    expect(error).toMatchObject({ problem: "too-many", index: MAX_ANSWERS });
    expect(error.validPrefix).toHaveLength(MAX_ANSWERS);
    expect(error.segmentCount).toBe(answers.length);
  });

  it("never throws, whatever the segments", () => {
    const slugs = listSteps().flatMap((step) => step.answers.map((option) => option.answer));
    const noise = ["", "%", "%%", "%C0%AF", "\u202e", "<script>", "..", "a".repeat(500)];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 2000; round++) {
      const length = Math.floor(random() * 8);
      const segments = Array.from({ length }, () => {
        const pool = random() < 0.7 ? slugs : noise;
        return pool[Math.floor(random() * pool.length)] ?? "";
      });
      expect(() => resolvePermalink(segments)).not.toThrow();
    }
  });
});

describe("displayPart", () => {
  it("replaces control and direction-changing characters", () => {
    expect(displayPart("a\u202eb\u0000c")).toBe("a\ufffdb\ufffdc");
  });

  it("cuts long text", () => {
    expect(displayPart("y".repeat(200))).toBe(`${"y".repeat(MAX_SEGMENT_LENGTH)}…`);
  });
});

describe("permalinkPathError", () => {
  it("accepts valid permalinks and the base itself", () => {
    expect(permalinkPathError("/diagnose", "/diagnose")).toBeNull();
    expect(permalinkPathError("/diagnose/owner/502", "/diagnose")).toBeNull();
  });

  it("leaves the wizard's sibling routes and other paths alone", () => {
    expect(permalinkPathError("/diagnose/map", "/diagnose")).toBeNull();
    expect(permalinkPathError("/analyze", "/diagnose")).toBeNull();
  });

  it("explains a path that is not a permalink", () => {
    expect(permalinkPathError("/diagnose/owner/banana", "/diagnose")).toMatchObject({
      problem: "unknown-answer",
      validPrefix: ["owner"],
    });
    expect(permalinkPathError("/diagnose/map/extra", "/diagnose")?.problem).toBe("unknown-answer");
    expect(permalinkPathError("/diagnose/%E0%A4%A", "/diagnose")?.problem).toBe("bad-encoding");
  });
});

describe("reportablePath", () => {
  it("keeps a valid permalink whole", () => {
    expect(reportablePath("/diagnose/owner/502", "/diagnose")).toBe("/diagnose/owner/502");
  });

  it("cuts a broken permalink after its first problem, which still reads the same", () => {
    const huge = `/diagnose/owner/${"x".repeat(5000)}/${"y".repeat(5000)}`;
    const report = reportablePath(huge, "/diagnose") ?? "";
    expect(report.length).toBeLessThan(300);
    expect(permalinkPathError(report, "/diagnose")).toMatchObject({
      problem: "too-long",
      index: 1,
    });
  });

  it("keeps a too-many error a too-many error in far less space", () => {
    const answers = [...(shortestAnswersTo("findOriginIp") ?? [])];
    while (answers.length < 400) answers.push("found-it", "no-origin-ip");
    const path = `/diagnose/${answers.join("/")}`;
    const report = reportablePath(path, "/diagnose") ?? "";
    expect(report.length).toBeLessThan(path.length / 4);
    expect(permalinkPathError(report, "/diagnose")).toMatchObject({
      problem: "too-many",
      index: MAX_ANSWERS,
    });
  });

  it("is null outside the base", () => {
    expect(reportablePath("/analyze", "/diagnose")).toBeNull();
  });
});
