import { describe, expect, it } from "vitest";
import {
  ContentMetadataError,
  isContentId,
  parseContentMetadata,
  type ContentMetadata,
} from "@/lib/content/schema";

const valid: ContentMetadata = {
  title: "Is the upstream listening?",
  summary: "Checks that the application server accepts connections on the port nginx uses.",
  audience: "owner",
  kind: "check",
};

function problemsFor(raw: unknown): string[] {
  try {
    parseContentMetadata("upstream-listening", raw);
  } catch (error) {
    if (error instanceof ContentMetadataError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("parseContentMetadata", () => {
  it("returns valid metadata unchanged", () => {
    expect(parseContentMetadata("upstream-listening", valid)).toEqual(valid);
  });

  it("names the file and the field when a field is missing", () => {
    const rest: Partial<ContentMetadata> = { ...valid };
    delete rest.summary;
    expect(problemsFor(rest)).toEqual([
      "content/upstream-listening.mdx: summary: missing; must be a string",
    ]);
  });

  it("lists the allowed values when an enum is wrong", () => {
    expect(problemsFor({ ...valid, audience: "admin" })).toEqual([
      'content/upstream-listening.mdx: audience: must be one of "visitor", "owner", "both"',
    ]);
    expect(problemsFor({ ...valid, kind: "howto" })).toEqual([
      'content/upstream-listening.mdx: kind: must be one of "question", "check", "fix", "outcome", "info"',
    ]);
  });

  it("reports every problem at once", () => {
    expect(problemsFor({ title: "" })).toEqual([
      "content/upstream-listening.mdx: title: must not be empty",
      "content/upstream-listening.mdx: summary: missing; must be a string",
      'content/upstream-listening.mdx: audience: missing; must be one of "visitor", "owner", "both"',
      'content/upstream-listening.mdx: kind: missing; must be one of "question", "check", "fix", "outcome", "info"',
    ]);
  });

  it("says what type a field must have", () => {
    expect(problemsFor({ ...valid, title: 42 })).toEqual([
      "content/upstream-listening.mdx: title: must be a string",
    ]);
  });

  it("rejects unknown fields, which are usually typos", () => {
    expect(problemsFor({ ...valid, sumary: "x" })).toEqual([
      "content/upstream-listening.mdx: sumary: unknown field (possibly a typo)",
    ]);
  });

  it("requires the summary to be a single sentence", () => {
    expect(problemsFor({ ...valid, summary: "Checks the port" })).toEqual([
      "content/upstream-listening.mdx: summary: must be one sentence ending in . ? or !",
    ]);
    expect(problemsFor({ ...valid, summary: "Checks the port. Then restarts it." })).toEqual([
      "content/upstream-listening.mdx: summary: must be one sentence, not several",
    ]);
    expect(
      parseContentMetadata("x", { ...valid, summary: "Checks a proxy, e.g. nginx or Caddy." })
        .summary,
    ).toBe("Checks a proxy, e.g. nginx or Caddy.");
  });

  it("rejects a title ending in a period", () => {
    expect(problemsFor({ ...valid, title: "Restart PHP-FPM." })).toEqual([
      "content/upstream-listening.mdx: title: must not end with a period",
    ]);
  });

  it("explains a missing metadata export", () => {
    expect(problemsFor(undefined)).toEqual([
      "content/upstream-listening.mdx: metadata: missing; add `export const metadata = { title, summary, audience, kind }`",
    ]);
  });
});

describe("isContentId", () => {
  it.each(["start", "phpFpmDown", "cf522"])("accepts %s", (id) => {
    expect(isContentId(id)).toBe(true);
  });

  it.each(["", "Start", "php_fpm", "php-fpm", "1x", "../etc/passwd", "a.mdx", "a/b"])(
    "rejects %j",
    (id) => {
      expect(isContentId(id)).toBe(false);
    },
  );
});
