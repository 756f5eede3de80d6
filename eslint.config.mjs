import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Layers: imports run lib → machines → app, never back. ESLint keeps one set of options per
// rule and file (a later block replaces an earlier one), so each block below lists every
// restriction for its files, and the blocks go from the widest globs to the narrowest.

/** Imports of a folder by alias, and by relative path from `depth` folders below the root. */
function folder(name, depth) {
  const up = "../".repeat(depth);
  return [`@/${name}`, `@/${name}/**`, `${up}${name}`, `${up}${name}/**`];
}

const noApp = (depth) => ({
  group: folder("app", depth),
  message: "app/ sits on top: lib/ and machines/ must not import it.",
});

const machinesTypesOnly = (depth) => ({
  group: folder("machines", depth),
  allowTypeImports: true,
  message:
    "lib/ takes only types from machines/ (`import type`); a module that runs the flow belongs in machines/ or app/_lib/.",
});

/**
 * lib/probe and lib/products are the leaves: they import each other and nothing else of ours.
 * A regex, because a gitignore-style group cannot re-allow a folder under a forbidden parent.
 */
const leafOnly = (self, sibling) => ({
  regex: `^(@/(machines|app)(/|$)|@/lib/(?!(${self}|${sibling})/)|\\.\\./(?!(${self}|${sibling})/))`,
  caseSensitive: true,
  message: `lib/${self} is a leaf: it may import lib/${sibling} and packages, nothing else of ours.`,
});

const restrict = (files, patterns) => ({
  files,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
});

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  restrict(["machines/**/*.{ts,tsx}"], [noApp(1)]),
  restrict(["lib/*/*.{ts,tsx,mts,mjs}"], [noApp(2), machinesTypesOnly(2)]),
  restrict(["lib/*/*/*.{ts,tsx,mts,mjs}"], [noApp(3), machinesTypesOnly(3)]),
  // Known exception, owned by the analyzer: it builds wizard links by walking the flow. Until it
  // moves beside the wizard, it may import machines/ at run time (still never app/).
  restrict(["lib/analyzer/links.ts"], [noApp(2)]),
  restrict(["lib/probe/**/*.{ts,tsx,mts,mjs}"], [leafOnly("probe", "products")]),
  restrict(["lib/products/**/*.{ts,tsx,mts,mjs}"], [leafOnly("products", "probe")]),
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "test/.artifacts/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
