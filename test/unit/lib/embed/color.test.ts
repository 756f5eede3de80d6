import { describe, expect, it } from "vitest";
import {
  accentShades,
  contrastRatio,
  MIN_TEXT_CONTRAST,
  parseHexColor,
  toHex,
} from "@/lib/embed/color";
import { PALETTES } from "@/lib/embed/theme";

const hex = (value: string) => {
  const color = parseHexColor(value);
  if (!color) throw new Error(`not a color: ${value}`);
  return color;
};

describe("hex colors", () => {
  it.each([
    ["#1d4ed8", { r: 29, g: 78, b: 216 }],
    ["1D4ED8", { r: 29, g: 78, b: 216 }],
    ["#fa0", { r: 255, g: 170, b: 0 }],
  ])("reads %s", (value, rgb) => {
    expect(parseHexColor(value)).toEqual(rgb);
  });

  it.each(["red", "#12345", "#1234567", "rgb(0,0,0)", "#ggg", "", "#fff;background:url(x)"])(
    "refuses %j",
    (value) => {
      expect(parseHexColor(value)).toBeNull();
    },
  );

  it("writes #rrggbb", () => {
    expect(toHex({ r: 255, g: 170, b: 0 })).toBe("#ffaa00");
  });

  it("computes WCAG contrast (black on white is 21:1, equal colors 1:1)", () => {
    expect(contrastRatio(hex("#000"), hex("#fff"))).toBeCloseTo(21, 5);
    expect(contrastRatio(hex("#777"), hex("#777"))).toBe(1);
    // The site's own light accent on white, a known pair: about 6.7:1.
    expect(contrastRatio(hex("#1d4ed8"), hex("#ffffff"))).toBeCloseTo(6.7, 1);
  });
});

const themes = (["light", "dark"] as const).map((scheme) => {
  const palette = PALETTES[scheme];
  return {
    scheme,
    palette,
    backgrounds: {
      bg: palette.bg,
      others: [palette.surface, palette["surface-strong"], palette.code],
    },
  };
});

// Brand colors people actually pick, including ones that fail on white (yellow, lime, cyan)
// and on near-black (navy, dark red).
const brands = [
  "#ffd400",
  "#00ff00",
  "#22d3ee",
  "#0b1f66",
  "#7f1d1d",
  "#1d4ed8",
  "#ff5a5f",
  "#888888",
];

describe.each(themes)("accent shades in the $scheme theme", ({ palette, backgrounds }) => {
  it.each(brands)("%s becomes readable on every surface and on its own tint", (brand) => {
    const shades = accentShades(brand, backgrounds)!;
    expect(shades).not.toBeNull();
    for (const surface of [backgrounds.bg, ...backgrounds.others, shades.soft]) {
      expect(contrastRatio(hex(shades.accent), hex(surface))).toBeGreaterThanOrEqual(
        MIN_TEXT_CONTRAST,
      );
    }
    // Buttons draw page-colored text on the accent and on its hover shade.
    expect(contrastRatio(hex(palette.bg), hex(shades.strong))).toBeGreaterThanOrEqual(
      MIN_TEXT_CONTRAST,
    );
    // Body and muted text stay readable on the tint.
    for (const text of [palette.fg, palette.muted]) {
      expect(contrastRatio(hex(text), hex(shades.soft))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it("keeps a color that already passes", () => {
    expect(accentShades(palette.accent, backgrounds)?.accent).toBe(palette.accent);
  });

  it("refuses what is not a hex color", () => {
    expect(accentShades("blue", backgrounds)).toBeNull();
  });
});

it("keeps the hue: a yellow that fails on white is darkened, not replaced", () => {
  const light = themes[0]!.backgrounds;
  const shaded = hex(accentShades("#ffd400", light)!.accent);
  expect(shaded.r).toBeGreaterThan(shaded.b);
  expect(shaded.g).toBeGreaterThan(shaded.b);
});
