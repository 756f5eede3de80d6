import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCoverage, toCoveredText } from "@/lib/og/glyphs";

const geistRegular = readFileSync(
  path.resolve("node_modules/geist/dist/fonts/geist-sans/Geist-Regular.ttf"),
);

/** A font holding nothing but a table directory and one cmap subtable: enough for readCoverage. */
function fontWithCmap(subtable: Uint8Array, platform = 3, encoding = 1): Uint8Array {
  const cmapHeader = 4 + 8;
  const cmap = new Uint8Array(cmapHeader + subtable.length);
  const cv = new DataView(cmap.buffer);
  cv.setUint16(2, 1); // one encoding record
  cv.setUint16(4, platform);
  cv.setUint16(6, encoding);
  cv.setUint32(8, cmapHeader);
  cmap.set(subtable, cmapHeader);
  const directory = 12 + 16;
  const font = new Uint8Array(directory + cmap.length);
  const fv = new DataView(font.buffer);
  fv.setUint32(0, 0x00010000);
  fv.setUint16(4, 1);
  font.set(
    [..."cmap"].map((c) => c.charCodeAt(0)),
    12,
  );
  fv.setUint32(12 + 8, directory);
  fv.setUint32(12 + 12, cmap.length);
  font.set(cmap, directory);
  return font;
}

/** Format 4 with one delta segment (A–C → glyphs 1–3), one indexed segment (x→5, y→0, z→6). */
function format4(): Uint8Array {
  const segments = [
    { start: 0x41, end: 0x43, delta: 1 - 0x41, glyphs: null },
    { start: 0x78, end: 0x7a, delta: 0, glyphs: [5, 0, 6] },
    { start: 0xffff, end: 0xffff, delta: 1, glyphs: null },
  ];
  const n = segments.length;
  const glyphArray = segments.flatMap((segment) => segment.glyphs ?? []);
  const table = new Uint8Array(16 + n * 8 + glyphArray.length * 2);
  const v = new DataView(table.buffer);
  v.setUint16(0, 4);
  v.setUint16(2, table.length);
  v.setUint16(6, n * 2);
  const ends = 14;
  const starts = ends + n * 2 + 2;
  const deltas = starts + n * 2;
  const offsets = deltas + n * 2;
  const glyphs = offsets + n * 2;
  let glyphIndex = 0;
  segments.forEach((segment, s) => {
    v.setUint16(ends + s * 2, segment.end);
    v.setUint16(starts + s * 2, segment.start);
    v.setInt16(deltas + s * 2, segment.delta);
    if (segment.glyphs) {
      // idRangeOffset counts bytes from its own position to the segment's first glyph id.
      v.setUint16(offsets + s * 2, glyphs + glyphIndex * 2 - (offsets + s * 2));
      for (const glyph of segment.glyphs) v.setUint16(glyphs + glyphIndex++ * 2, glyph);
    }
  });
  return table;
}

/** Format 12 with groups U+1F600–U+1F601 → glyphs 7–8 and U+20 → glyph 0 (missing). */
function format12(): Uint8Array {
  const groups = [
    [0x1f600, 0x1f601, 7],
    [0x20, 0x20, 0],
  ];
  const table = new Uint8Array(16 + groups.length * 12);
  const v = new DataView(table.buffer);
  v.setUint16(0, 12);
  v.setUint32(4, table.length);
  v.setUint32(12, groups.length);
  groups.forEach(([start, end, glyph], g) => {
    v.setUint32(16 + g * 12, start ?? 0);
    v.setUint32(16 + g * 12 + 4, end ?? 0);
    v.setUint32(16 + g * 12 + 8, glyph ?? 0);
  });
  return table;
}

describe("readCoverage", () => {
  it("reads a format 4 subtable, with delta and glyph-array segments, skipping glyph 0", () => {
    const coverage = readCoverage(fontWithCmap(format4()));
    expect([...coverage].sort((a, b) => a - b)).toEqual([0x41, 0x42, 0x43, 0x78, 0x7a]);
  });

  it("reads a format 12 subtable beyond the BMP", () => {
    const coverage = readCoverage(fontWithCmap(format12(), 3, 10));
    expect([...coverage].sort((a, b) => a - b)).toEqual([0x1f600, 0x1f601]);
  });

  it("reads Geist: Latin text and the card's arrows are covered, emoji are not", () => {
    const coverage = readCoverage(geistRegular);
    for (const char of "Gateway Doctor 502 › → … – é") {
      expect(coverage.has(char.codePointAt(0) ?? -1), char).toBe(true);
    }
    expect(coverage.has(0x1f600)).toBe(false);
    expect(coverage.has(0x4e2d)).toBe(false); // 中
  });

  it("refuses data that is not a font", () => {
    expect(() => readCoverage(new Uint8Array(64))).toThrow(/no "cmap" table/);
    expect(() => readCoverage(fontWithCmap(format4(), 1, 0))).toThrow(/no Unicode cmap/);
  });
});

describe("toCoveredText", () => {
  const ascii = new Set([...Array(95).keys()].map((i) => i + 0x20));

  it("keeps covered text as it is", () => {
    expect(toCoveredText("502 Bad Gateway", ascii)).toBe("502 Bad Gateway");
  });

  it("uses a plain equivalent for typographic characters, '?' for the rest", () => {
    expect(toCoveredText("“It’s down” — 中 😀…", ascii)).toBe(`"It's down" - ? ?...`);
  });

  it("turns other whitespace into spaces", () => {
    expect(toCoveredText("a\tb\u00a0c\nd", ascii)).toBe("a b c d");
  });

  it("uses the typographic character itself when the font has it", () => {
    const coverage = new Set([...ascii, "—".codePointAt(0) ?? 0]);
    expect(toCoveredText("a — b", coverage)).toBe("a — b");
  });
});
