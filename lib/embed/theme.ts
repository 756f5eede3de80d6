/**
 * How an embedded wizard looks: the host's theme and accent, and the site chrome taken away.
 *
 * The site's colors are CSS variables in app/globals.css whose dark values apply under
 * `prefers-color-scheme: dark`. A host that asks for "light" or "dark" needs them regardless of
 * the visitor's system setting, which a media query cannot express, so the two palettes are
 * repeated here and applied by attribute. test/unit/lib/embed/theme.test.ts reads globals.css
 * and fails when the two drift apart.
 */
import { accentShades, type AccentShades } from "./color";
import type { EmbedTheme } from "./options";

/** The site's color variables (without the leading "--") in each scheme. */
export const PALETTES = {
  light: {
    bg: "#ffffff",
    fg: "#111827",
    muted: "#4b5563",
    line: "#d1d5db",
    surface: "#f9fafb",
    "surface-strong": "#eef0f3",
    code: "#f6f8fa",
    accent: "#1d4ed8",
    "accent-strong": "#1e3a8a",
    "accent-soft": "#eff6ff",
    focus: "#2563eb",
    tip: "#15803d",
    "tip-soft": "#f0fdf4",
    warn: "#b45309",
    "warn-soft": "#fffbeb",
  },
  dark: {
    bg: "#0b0f17",
    fg: "#e5e7eb",
    muted: "#a1a8b3",
    line: "#374151",
    surface: "#131a26",
    "surface-strong": "#1c2533",
    code: "#111722",
    accent: "#8ab4ff",
    "accent-strong": "#b9d2ff",
    "accent-soft": "#14213a",
    focus: "#93c5fd",
    tip: "#4ade80",
    "tip-soft": "#0f2418",
    warn: "#fbbf24",
    "warn-soft": "#2a1f0a",
  },
} as const satisfies Record<"light" | "dark", Record<string, string>>;

/** Class of the element that wraps the embedded wizard; the styles below key on it. */
export const EMBED_ROOT_CLASS = "gd-embed";

type Scheme = keyof typeof PALETTES;

function declarations(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `--${name}:${value};`)
    .join("");
}

const root = `.${EMBED_ROOT_CLASS}`;

/** Accent variables a theme reads, named per scheme so "auto" can switch with the system. */
function accentVariables(scheme: Scheme): string {
  return (
    `--accent:var(--embed-accent-${scheme});` +
    `--accent-strong:var(--embed-accent-strong-${scheme});` +
    `--accent-soft:var(--embed-accent-soft-${scheme});` +
    `--focus:var(--embed-accent-${scheme});`
  );
}

/**
 * The embed's stylesheet. Constant text (no host input reaches it); rendered once in the embed
 * layout. The `:has()` rules reach outside the embed's own element to the root layout's body,
 * header and footer. The App Router's own way to drop them — a second root layout in a route
 * group — needs every other route moved under a group of its own (app/(site)/…), so the embed
 * hides them instead and leaves the shared layout alone. `display:none` also takes them out of
 * the accessibility tree, and the header's "Start over" link, which would leave /embed, with it.
 */
export function embedStylesheet(): string {
  // Screen only: on paper the site's print palette (light, black accents) must win.
  const forced = `@media screen{${(["light", "dark"] as const)
    .map(
      (scheme) =>
        `:root:has(${root}[data-theme="${scheme}"]){color-scheme:${scheme};${declarations(PALETTES[scheme])}}`,
    )
    .join("")}}`;
  return [
    // Site chrome: the frame shows the wizard alone, and "Start over" would leave /embed.
    `body:has(${root})>header,body:has(${root})>footer{display:none}`,
    // min-height:100vh would make the content at least as tall as the iframe, so the iframe
    // could grow but never shrink back.
    `body:has(${root}){min-height:0;display:block}`,
    `body:has(${root})>main{max-width:none;padding:0}`,
    forced,
    `${root}[data-accent]{${accentVariables("light")}}`,
    `@media (prefers-color-scheme:dark){${root}[data-accent]:not([data-theme="light"]){${accentVariables("dark")}}}`,
    `${root}[data-accent][data-theme="dark"]{${accentVariables("dark")}}`,
  ].join("\n");
}

/**
 * Inline custom properties carrying the host's accent, adjusted per scheme for contrast; empty
 * when the host set no accent. Values are "#rrggbb" produced by lib/embed/color.ts.
 */
export function accentProperties(accent: string | null): Record<string, string> {
  if (!accent) return {};
  const properties: Record<string, string> = {};
  for (const scheme of ["light", "dark"] as const) {
    const palette = PALETTES[scheme];
    const shades: AccentShades | null = accentShades(accent, {
      bg: palette.bg,
      others: [palette.surface, palette["surface-strong"], palette.code],
    });
    if (!shades) return {};
    properties[`--embed-accent-${scheme}`] = shades.accent;
    properties[`--embed-accent-strong-${scheme}`] = shades.strong;
    properties[`--embed-accent-soft-${scheme}`] = shades.soft;
  }
  return properties;
}

/** The `data-theme` attribute for a theme: none for "auto", which follows the system. */
export function themeAttribute(theme: EmbedTheme): "light" | "dark" | undefined {
  return theme === "auto" ? undefined : theme;
}
