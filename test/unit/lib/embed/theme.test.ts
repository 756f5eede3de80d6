import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  accentProperties,
  EMBED_ROOT_CLASS,
  embedStylesheet,
  PALETTES,
  themeAttribute,
} from "@/lib/embed/theme";

/** The custom properties declared in a CSS block's text. */
function variablesIn(block: string): Record<string, string> {
  return Object.fromEntries(
    Array.from(block.matchAll(/--([a-z-]+)\s*:\s*([^;]+);/g), (match) => [
      match[1]!,
      match[2]!.trim(),
    ]),
  );
}

describe("palettes", () => {
  const css = readFileSync(path.resolve(__dirname, "../../../../app/globals.css"), "utf8");
  const light = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
  const dark =
    /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";

  it("match the light colors of app/globals.css", () => {
    expect(Object.keys(variablesIn(light)).length).toBeGreaterThan(5);
    expect(PALETTES.light).toEqual(variablesIn(light));
  });

  it("match the dark colors of app/globals.css", () => {
    expect(Object.keys(variablesIn(dark)).length).toBeGreaterThan(5);
    expect(PALETTES.dark).toEqual(variablesIn(dark));
  });
});

describe("the embed stylesheet", () => {
  const css = embedStylesheet();

  it("hides the site header and footer only around the embed", () => {
    expect(css).toContain(`body:has(.${EMBED_ROOT_CLASS})>header`);
    expect(css).toContain(`body:has(.${EMBED_ROOT_CLASS})>footer{display:none}`);
  });

  it("lets the page shrink to its content", () => {
    expect(css).toContain(`body:has(.${EMBED_ROOT_CLASS}){min-height:0`);
  });

  it("forces a scheme on screen only, so printing keeps the site's print colors", () => {
    expect(css).toMatch(/@media screen\{:root:has\(/);
  });

  it("forces each scheme's full palette by attribute", () => {
    for (const scheme of ["light", "dark"] as const) {
      const rule = new RegExp(
        `:root:has\\(\\.${EMBED_ROOT_CLASS}\\[data-theme="${scheme}"\\]\\)\\{color-scheme:${scheme};([^}]*)\\}`,
      ).exec(css);
      expect(rule, scheme).not.toBeNull();
      expect(variablesIn(rule![1]!)).toEqual(PALETTES[scheme]);
    }
  });

  it("cannot be closed early by its own text", () => {
    expect(css).not.toMatch(/<\/?style/i);
  });
});

describe("accent properties", () => {
  it("are empty without an accent", () => {
    expect(accentProperties(null)).toEqual({});
  });

  it("give three shades per scheme, all #rrggbb", () => {
    const properties = accentProperties("#ff5a5f");
    expect(Object.keys(properties).sort()).toEqual(
      [
        "--embed-accent-dark",
        "--embed-accent-light",
        "--embed-accent-soft-dark",
        "--embed-accent-soft-light",
        "--embed-accent-strong-dark",
        "--embed-accent-strong-light",
      ].sort(),
    );
    for (const value of Object.values(properties)) expect(value).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("are empty for anything that is not a hex color", () => {
    expect(accentProperties("red;background:url(//evil)")).toEqual({});
  });
});

it("maps themes to the data-theme attribute; auto sets none", () => {
  expect(themeAttribute("auto")).toBeUndefined();
  expect(themeAttribute("light")).toBe("light");
  expect(themeAttribute("dark")).toBe("dark");
});
