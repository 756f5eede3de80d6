/**
 * Which characters a TrueType/OpenType font can draw, read from its `cmap` table.
 *
 * Why: when a character is missing from every font it was given, `next/og` (Satori) fetches a
 * fallback font from fonts.googleapis.com, or an emoji image from a CDN, while rendering. A
 * share image must never make the server call out, so the text is reduced to characters the
 * local Geist files cover before it reaches Satori. Table layouts follow the OpenType spec,
 * "cmap — Character to Glyph Index Mapping Table", formats 4 and 12.
 */

/** The code points a font maps to a real glyph (glyph 0 is .notdef, "missing"). */
export type Coverage = ReadonlySet<number>;

/** Reads the code points a font covers; throws on data that is not a TrueType/OpenType font. */
export function readCoverage(font: Uint8Array): Coverage {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = findTable(view, "cmap");
  const subtable = pickUnicodeSubtable(view, cmap);
  const covered = new Set<number>();
  const format = view.getUint16(subtable);
  if (format === 12) readFormat12(view, subtable, covered);
  else if (format === 4) readFormat4(view, subtable, covered);
  else throw new Error(`Unsupported cmap subtable format ${format}`);
  return covered;
}

function findTable(view: DataView, tag: string): number {
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    if (name === tag) return view.getUint32(record + 8);
  }
  throw new Error(`Font has no "${tag}" table`);
}

/** Prefers the full-Unicode subtable (format 12), then the BMP one (format 4). */
function pickUnicodeSubtable(view: DataView, cmap: number): number {
  const count = view.getUint16(cmap + 2);
  let bmp: number | null = null;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const offset = cmap + view.getUint32(record + 4);
    const format = view.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) return offset;
    if (format === 4) bmp ??= offset;
  }
  if (bmp === null) throw new Error("Font has no Unicode cmap subtable");
  return bmp;
}

function readFormat12(view: DataView, table: number, covered: Set<number>): void {
  const groups = view.getUint32(table + 12);
  for (let i = 0; i < groups; i++) {
    const group = table + 16 + i * 12;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const startGlyph = view.getUint32(group + 8);
    for (let code = start; code <= end; code++) {
      if (startGlyph + (code - start) !== 0) covered.add(code);
    }
  }
}

function readFormat4(view: DataView, table: number, covered: Set<number>): void {
  const segments = view.getUint16(table + 6) / 2;
  const endCodes = table + 14;
  const startCodes = endCodes + segments * 2 + 2;
  const deltas = startCodes + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(endCodes + s * 2);
    const start = view.getUint16(startCodes + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (code + delta) & 0xffff;
      } else {
        const raw = view.getUint16(rangeOffsetAt + rangeOffset + (code - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) covered.add(code);
    }
  }
}

/** Characters that stand in for a missing one, most faithful first; used only if covered. */
const SUBSTITUTES: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  "\u00a0": " ",
};

/**
 * The text with every character the fonts cannot draw replaced: by a plain equivalent when
 * there is one (curly quotes, dashes), otherwise by "?" so the gap stays visible. Whitespace
 * other than a space becomes a space.
 */
export function toCoveredText(text: string, coverage: Coverage): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (coverage.has(code)) {
      out += char;
    } else if (/\s/u.test(char)) {
      out += " ";
    } else {
      const substitute = SUBSTITUTES[char];
      const drawable =
        substitute !== undefined &&
        [...substitute].every((part) => coverage.has(part.codePointAt(0) ?? 0));
      out += drawable ? substitute : "?";
    }
  }
  return out;
}
