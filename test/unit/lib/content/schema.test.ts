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

  it("points a kind or slug at where it lives now, instead of calling it a typo", () => {
    expect(problemsFor({ ...valid, kind: "check" })).toEqual([
      "content/upstream-listening.mdx: kind: declared with the state in machines/flow/branches/, not in the content file",
    ]);
    expect(problemsFor({ ...valid, slug: "upstream-listening" })).toEqual([
      "content/upstream-listening.mdx: slug: the state id is the file name; there is no separate slug",
    ]);
  });

  it("reports every problem at once", () => {
    expect(problemsFor({ title: "" })).toEqual([
      "content/upstream-listening.mdx: title: must not be empty",
      "content/upstream-listening.mdx: summary: missing; must be a string",
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
      "content/upstream-listening.mdx: metadata: missing; add `export const metadata = { title, summary }`",
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
