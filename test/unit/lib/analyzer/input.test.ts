import { describe, expect, it } from "vitest";
import {
  boundInput,
  decodeEntities,
  MAX_INPUT_CHARS,
  SAMPLE_CHARS,
  sampleOf,
} from "@/lib/analyzer/input";

describe("boundInput", () => {
  it("passes a paste within the limit through untouched", () => {
    expect(boundInput("line one\nline two")).toEqual({
      text: "line one\nline two",
      droppedChars: 0,
      binary: false,
    });
  });

  it("keeps the newest end of an oversized paste, starting on a whole line", () => {
    const line = "2026/11/21 01:02:03 [error] something happened\n";
    const raw = `FIRST ${line}${line.repeat(Math.ceil(MAX_INPUT_CHARS / line.length))}LAST`;
    const { text, droppedChars } = boundInput(raw);
    expect(text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    expect(text.startsWith("2026/11/21")).toBe(true);
    expect(text.endsWith("LAST")).toBe(true);
    expect(droppedChars + text.length).toBe(raw.length);
  });

  it("calls text with a NUL byte or many control characters binary, and ordinary logs not", () => {
    expect(boundInput("abc\u0000def").binary).toBe(true);
    expect(boundInput("\u0001\u0002\u0003".repeat(100)).binary).toBe(true);
    expect(boundInput("tab\tseparated\r\nlines\fwith a form feed").binary).toBe(false);
  });
});

describe("decodeEntities", () => {
  it("decodes numeric and common named references", () => {
    expect(decodeEntities("Reference&#32;&#35;18&#46;4a &lt;b&gt; &amp; &#x41;")).toBe(
      "Reference #18.4a <b> & A",
    );
  });

  it("keeps encoded line breaks, unknown names and impossible code points as written", () => {
    expect(decodeEntities("a&#10;b &bogus; &#9999999;")).toBe("a&#10;b &bogus; &#9999999;");
  });
});

describe("sampleOf", () => {
  it("shortens long lines and marks the cut", () => {
    const sample = sampleOf("x".repeat(SAMPLE_CHARS + 50));
    expect(sample).toHaveLength(SAMPLE_CHARS + 1);
    expect(sample.endsWith("…")).toBe(true);
  });

  it("makes control characters visible and drops a trailing carriage return", () => {
    expect(sampleOf("bad\u0007bell\r")).toBe("bad\ufffdbell");
  });
});
