import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/analyzer/analyze";
import { CATALOG } from "@/lib/analyzer/catalog";
import { wizardLinkFor } from "@/lib/analyzer/links";
import { PRODUCTS } from "@/lib/analyzer/products";
import { isStateId } from "@/machines/paths";
import { replayAnswers } from "@/machines/replay";
import { VERDICT_LAYERS } from "@/lib/probe/verdict";

describe("catalog", () => {
  it.each(CATALOG.map((rule) => [rule.id, rule] as const))(
    "%s recognises its own example",
    (_id, rule) => {
      const analysis = analyze(rule.example, { linkFor: wizardLinkFor });
      const top = analysis.findings[0];
      expect(top?.ruleId).toBe(rule.id);
      expect(top?.state).toBe(rule.state);
      expect(top?.href).toMatch(/^\/diagnose\//);
      // The link must land on the rule's own step, not merely somewhere in the wizard.
      const replay = replayAnswers((top?.href ?? "").split("/").slice(2).map(decodeURIComponent));
      expect(replay.ok && replay.step.id).toBe(rule.state);
    },
  );

  it.each(CATALOG.map((rule) => [rule.id, rule.state] as const))(
    "%s points at a state the diagnosis machine has (%s)",
    (_id, state) => {
      expect(isStateId(state)).toBe(true);
    },
  );

  it("gives every rule a unique kebab-case id", () => {
    const ids = CATALOG.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("names only known products and layers", () => {
    for (const rule of CATALOG) {
      expect(Object.keys(PRODUCTS), rule.id).toContain(rule.product);
      expect(VERDICT_LAYERS, rule.id).toContain(rule.layer);
    }
  });

  it("uses lowercase ASCII anchors, which the matcher searches in a lowercased copy", () => {
    for (const rule of CATALOG) {
      expect(rule.anchors.length, rule.id).toBeGreaterThan(0);
      for (const anchor of rule.anchors) {
        expect(anchor, rule.id).toBe(anchor.toLowerCase());
        expect(anchor, rule.id).toMatch(/^[\x20-\x7e]+$/);
      }
    }
  });

  it("keeps log and client examples to one line, as they appear in a log", () => {
    for (const rule of CATALOG) {
      if (rule.kind === "log" || rule.kind === "client")
        expect(rule.example, rule.id).not.toContain("\n");
    }
  });

  it("writes patterns that stay linear: no global state, no nested or unbounded wildcard repeats", () => {
    for (const rule of CATALOG) {
      if (!rule.pattern) continue;
      const source = rule.pattern.source;
      // A g or y flag makes test() remember lastIndex between lines and skip matches.
      expect(rule.pattern.flags, rule.id).not.toMatch(/[gy]/);
      // `.*` or `.+` over a long line invites backtracking; bounded repeats do not.
      expect(source, rule.id).not.toMatch(/\.[*+]/);
      // A quantified group that itself contains a quantifier is the classic catastrophic shape.
      expect(source, rule.id).not.toMatch(/\([^()]*[*+}][^()]*\)[*+{]/);
    }
  });
});
