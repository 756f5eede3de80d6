/**
 * The host's accent color, made readable. A help center picks its brand color; the wizard uses
 * the accent for links, buttons and focus rings, so a pale yellow on white would fail WCAG's
 * 4.5:1 contrast. Instead of refusing the color, it is darkened (light theme) or lightened (dark
 * theme) just enough, keeping its hue, and that happens for each theme separately.
 */

/** An sRGB color with 0–255 channels. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** WCAG 2 AA contrast for body text. */
export const MIN_TEXT_CONTRAST = 4.5;

const hexPattern = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Reads "#1d4ed8", "1d4ed8" or "#14d"; null for anything else (names, rgb(), alpha). */
export function parseHexColor(value: string): Rgb | null {
  const match = hexPattern.exec(value.trim());
  if (!match?.[1]) return null;
  const digits =
    match[1].length === 3
      ? [...match[1]].map((digit) => digit + digit).join("")
      : match[1].toLowerCase();
  return {
    r: parseInt(digits.slice(0, 2), 16),
    g: parseInt(digits.slice(2, 4), 16),
    b: parseInt(digits.slice(4, 6), 16),
  };
}

/** "#rrggbb", lowercase. */
export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG 2 relative luminance. */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio between two colors, 1–21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** `amount` (0–1) of the way from `from` to `to`. */
export function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  const along = (a: number, b: number) => Math.round(a + (b - a) * amount);
  return { r: along(from.r, to.r), g: along(from.g, to.g), b: along(from.b, to.b) };
}

const black: Rgb = { r: 0, g: 0, b: 0 };
const white: Rgb = { r: 255, g: 255, b: 255 };

/**
 * The accent moved toward black (on light backgrounds) or white (on dark ones) in small steps
 * until it reaches `minimum` contrast against every background it is drawn on. A color that
 * already passes is returned unchanged.
 */
export function readableOn(accent: Rgb, backgrounds: readonly Rgb[], minimum: number): Rgb {
  const darkBackgrounds = backgrounds.every((bg) => relativeLuminance(bg) < 0.2);
  const target = darkBackgrounds ? white : black;
  const passes = (color: Rgb) => backgrounds.every((bg) => contrastRatio(color, bg) >= minimum);
  for (let step = 0; step <= 50; step++) {
    const candidate = mix(accent, target, step / 50);
    if (passes(candidate)) return candidate;
  }
  return target;
}

/** The colors the wizard derives from one accent, for one theme. */
export interface AccentShades {
  /** Links, buttons, the progress bar. */
  accent: string;
  /** Hover state of links: further from the background than the accent. */
  strong: string;
  /** A faint tint of the accent behind selected or highlighted areas. */
  soft: string;
}

/** Backgrounds of one theme that accent-colored text can sit on. */
export interface ThemeBackgrounds {
  /** The page background. */
  bg: string;
  /** Every other background text sits on (cards, code, tables). */
  others: readonly string[];
}

/**
 * Shades of a host's accent for a theme: the soft tint is mixed from the accent and the page
 * background, then the accent is adjusted until it reads on the page, the other surfaces and
 * the tint alike.
 */
export function accentShades(accentHex: string, theme: ThemeBackgrounds): AccentShades | null {
  const accent = parseHexColor(accentHex);
  const bg = parseHexColor(theme.bg);
  if (!accent || !bg) return null;
  const surfaces = [bg, ...theme.others.map(parseHexColor).filter((c): c is Rgb => c !== null)];
  const dark = relativeLuminance(bg) < 0.2;
  const soft = mix(accent, bg, dark ? 0.82 : 0.9);
  const readable = readableOn(accent, [...surfaces, soft], MIN_TEXT_CONTRAST);
  const strong = mix(readable, dark ? white : black, 0.3);
  return { accent: toHex(readable), strong: toHex(strong), soft: toHex(soft) };
}
