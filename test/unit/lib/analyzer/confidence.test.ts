import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { analyze } from "@/lib/analyzer/analyze";
import { CATALOG } from "@/lib/analyzer/catalog";

/**
 * Confidence must mean something to a person mid-outage: "high" only where the line alone
 * determines the cause, and a bare status never pretends to know one. These tests walk the
 * whole catalog, so a rule added later is held to the same standard.
 */

/** Words that admit another cause could print the same line. */
const HEDGES =
  /\b(?:almost|usually|often|typically|likely|probably|perhaps|possibly|suspects?|may|might|sometimes|mostly|generally|normally|either|(?:could|can) also)\b/i;
/** Phrases that send the reader to other evidence to learn the cause. */
const DEFERRALS =
  /\b(?:tells? which|will (?:confirm|tell|say)|to be sure|two causes|several causes)\b/i;

describe("confidence", () => {
  const high = CATALOG.filter((rule) => rule.confidence === "high" && rule.cause !== "status-only");

  it.each(high.map((rule) => [rule.id, rule.confidenceReason] as const))(
    "%s is high only with a reason why its line alone determines the cause",
    (_id, reason) => {
      // A reason says what in the line settles it ("SC is HAProxy's code for a refused
      // connect"), in a sentence, not a word.
      expect(reason.trim().split(/\s+/).length).toBeGreaterThanOrEqual(4);
      expect(reason).not.toMatch(HEDGES);
      expect(reason).not.toMatch(DEFERRALS);
    },
  );

  it.each(CATALOG.filter((rule) => rule.fallback).map((rule) => [rule.id, rule] as const))(
    "%s, a fallback for a bare status, claims no cause",
    (_id, rule) => {
      expect(rule.cause).toBe("status-only");
    },
  );

  it.each(
    CATALOG.filter((rule) => rule.product === "access-log" && (rule.status ?? 0) >= 500).map(
      (rule) => [rule.id, rule] as const,
    ),
  )("%s, an access-log status, claims no cause", (_id, rule) => {
    // An access log line holds the status and nothing of why; the error log has the cause.
    expect(rule.cause).toBe("status-only");
  });

  it.each(
    CATALOG.filter((rule) => rule.cause === "status-only").map((rule) => [rule.id, rule] as const),
  )("%s is reported as 'status only', never with a confidence in a cause", (_id, rule) => {
    const finding = analyze(rule.example).findings.find((f) => f.ruleId === rule.id);
    expect(finding?.confidence).toBe("status-only");
    expect(finding?.confidenceReason).toMatch(/status code only/);
  });
});

describe("a paste with only a status", () => {
  it("says 'status only' for a browser's 502 line and names no cause", () => {
    const { findings } = analyzePaste("The site says 502 Bad Gateway");
    expect(findings.map((f) => [f.cause, f.confidence])).toEqual([["status-only", "status-only"]]);
  });

  it("says 'status only' for access-log lines with 504s, however many", () => {
    const line = (second: number) =>
      `203.0.113.9 - - [02/Dec/2026:11:00:${String(second).padStart(2, "0")} +0000] "POST /export HTTP/1.1" 504 167 "-" "Mozilla/5.0"`;
    const { findings } = analyzePaste([1, 2, 3, 4].map(line).join("\n"));
    expect(findings.map((f) => [f.ruleId, f.count, f.confidence])).toEqual([
      ["access-log-504", 4, "status-only"],
    ]);
  });

  it("puts a cause found beside the status first, at its own confidence", () => {
    const { findings } = analyzePaste(
      [
        '203.0.113.9 - - [02/Dec/2026:11:00:01 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8.5.0"',
        "2026/12/02 11:00:01 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream, client: 203.0.113.9",
      ].join("\n"),
    );
    expect(findings.map((f) => f.confidence)).toEqual(["high", "status-only"]);
  });
});
