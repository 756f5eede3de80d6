import { describe, expect, it } from "vitest";
import {
  DEFAULT_ESCALATE_LABEL,
  DEFAULT_OPTIONS,
  MAX_LABEL_LENGTH,
  normalizeAccent,
  normalizePrefillUrl,
  parseEmbedOptions,
} from "@/lib/embed/options";

const parse = (query: string) => parseEmbedOptions(new URLSearchParams(query));

describe("embed options from the iframe URL", () => {
  it("default to auto theme, the site's accent, live check on, nothing shared", () => {
    expect(parse("")).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toMatchObject({
      theme: "auto",
      accent: null,
      liveCheck: true,
      shareCheckDetails: false,
      escalateLabel: null,
      parentOrigin: null,
    });
  });

  it("read every option the snippet sends", () => {
    expect(
      parse(
        "parent=https%3A%2F%2Fhelp.example.com&theme=dark&accent=%23FF5A5F&check=0" +
          "&url=https%3A%2F%2Fshop.example.org%2Fcart&check-details=1&escalate=1&escalate-label=Open+a+ticket",
      ),
    ).toEqual({
      parentOrigin: "https://help.example.com",
      theme: "dark",
      accent: "#ff5a5f",
      liveCheck: false,
      prefillUrl: "https://shop.example.org/cart",
      shareCheckDetails: true,
      escalateLabel: "Open a ticket",
    });
  });

  it.each(["purple", "DARK ", "<b>dark</b>", ""])("fall back to auto for theme %j", (theme) => {
    expect(parse(`theme=${encodeURIComponent(theme)}`).theme).toBe("auto");
  });

  it.each(["null", "javascript:alert(1)", "not a url", "file:///etc/passwd"])(
    "announce no parent for %j, so no message is ever posted",
    (parent) => {
      expect(parse(`parent=${encodeURIComponent(parent)}`).parentOrigin).toBeNull();
    },
  );

  it("keep only the origin of a parent given with a path", () => {
    expect(parse("parent=https%3A%2F%2Fhelp.example.com%2Fkb%2F502").parentOrigin).toBe(
      "https://help.example.com",
    );
  });

  it("keep the live check on unless clearly turned off", () => {
    expect(parse("check=off").liveCheck).toBe(false);
    expect(parse("check=false").liveCheck).toBe(false);
    expect(parse("check=1").liveCheck).toBe(true);
    expect(parse("check=maybe").liveCheck).toBe(true);
  });

  it("share check details only when clearly asked", () => {
    expect(parse("check-details=yes").shareCheckDetails).toBe(true);
    expect(parse("check-details=").shareCheckDetails).toBe(false);
    expect(parse("check-details=0").shareCheckDetails).toBe(false);
  });

  it("offer the support button with a default label, or the host's cleaned label", () => {
    expect(parse("escalate=1").escalateLabel).toBe(DEFAULT_ESCALATE_LABEL);
    expect(parse("escalate=0&escalate-label=Help").escalateLabel).toBeNull();
    expect(parse("escalate=1&escalate-label=%20Ask%0A%20%E2%80%AEus%20").escalateLabel).toBe(
      "Ask us",
    );
    const long = parse(`escalate=1&escalate-label=${"x".repeat(200)}`).escalateLabel!;
    expect([...long]).toHaveLength(MAX_LABEL_LENGTH);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("accent", () => {
  it.each([
    ["#ABC", "#aabbcc"],
    ["abcdef", "#abcdef"],
    [" #123456 ", "#123456"],
  ])("normalizes %j", (value, expected) => {
    expect(normalizeAccent(value)).toBe(expected);
  });

  it.each(["red", "#1234", "url(x)", "#123456;color:red", null])("refuses %j", (value) => {
    expect(normalizeAccent(value)).toBeNull();
  });
});

describe("pre-filled URL", () => {
  it("keeps http(s) URLs, normalized", () => {
    expect(normalizePrefillUrl("https://Example.com")).toBe("https://example.com/");
    expect(normalizePrefillUrl("http://127.0.0.1:8080/x?y=1")).toBe("http://127.0.0.1:8080/x?y=1");
  });

  it.each([
    "javascript:alert(1)",
    "data:text/html,hi",
    "example.com",
    "",
    `https://a.example/${"x".repeat(2100)}`,
  ])("drops %j", (value) => {
    expect(normalizePrefillUrl(value)).toBeNull();
  });
});
