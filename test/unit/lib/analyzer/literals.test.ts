import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/analyzer/catalog";
import { LiteralScanner } from "@/lib/analyzer/literals";

/** Every start offset of `literal` in `text`, the slow and obvious way. */
function naive(text: string, literal: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1))
    found.push(at);
  return found;
}

describe("LiteralScanner", () => {
  it("finds overlapping literals and literals inside others", () => {
    const scanner = new LiteralScanner(["he", "she", "hers", "his"]);
    expect(scanner.positions("ushers and his shed")).toEqual([[2, 16], [1, 15], [2], [11]]);
  });

  it("finds repeats that overlap themselves", () => {
    expect(new LiteralScanner(["aa"]).positions("aaaa")).toEqual([[0, 1, 2]]);
  });

  it("steps over characters outside ASCII without losing its place", () => {
    expect(new LiteralScanner(["ray id"]).positions("é ray id — ray id")).toEqual([[2, 11]]);
  });

  it("agrees with a plain search for every catalog anchor on mixed text", () => {
    const anchors = [...new Set(CATALOG.flatMap((rule) => rule.anchors))];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    // Anchors cut and spliced with noise, so there are partial matches everywhere.
    const parts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const anchor = anchors[Math.floor(random() * anchors.length)]!;
      const cut = Math.floor(random() * (anchor.length + 1));
      parts.push(random() < 0.5 ? anchor : anchor.slice(0, cut), random() < 0.3 ? "\n" : " ");
    }
    const text = parts.join("");
    const found = new LiteralScanner(anchors).positions(text);
    anchors.forEach((anchor, index) => expect(found[index], anchor).toEqual(naive(text, anchor)));
  });
});
