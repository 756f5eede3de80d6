/**
 * First-load JavaScript budget, read from the production build in .next (run after
 * `next build`: test/run-all.sh does, or `npm run build && npm run test:build`).
 *
 * The bytes a build writes are deterministic, so this is a test, not a benchmark: the gzipped
 * scripts a visitor's browser loads before a page works must stay within 1.15× those of a bare
 * Next.js App Router page (issue 15). A page over budget fails with the chunks it adds over
 * Next's own, the client components that load each one and the largest source modules in
 * them, so the message says what grew.
 *
 * Which scripts a page loads is read from Next's manifests the way its server writes the
 * <script> tags: the polyfills, the root main files, then the chunks of the root layout's and
 * the page's client components. For the static pages the test checks that this matches the
 * <script src> tags of the prerendered HTML, so the reading cannot drift from what ships.
 */
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { largestModules } from "./client-modules";

const ROOT = path.resolve(__dirname, "../..");
// NEXT_DIST_DIR names another build dir, as next.config.mjs reads it (a build beside .next).
const BUILD = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next");

/**
 * The bare page's first-load JavaScript: every <script src> of `/` in the bare App Router app
 * that test/bench/wizard.bench.ts builds (a layout and a page, no client code), each gzipped at
 * zlib level 9 and summed. Measured with Next.js BARE_NEXT_VERSION on 2026-12-02 by
 * `npm run bench:wizard -- --no-build --keep`, then summing the scripts of the kept app's
 * .next/server/app/index.html. A different Next.js ships a different runtime, so the test
 * refuses to compare against a figure from another version: measure again and update both.
 */
const BARE_NEXT_VERSION = "16.4.6";
const BARE_FIRST_LOAD_GZIP_BYTES = 174_084;
const GOAL_RATIO = 1.15;
const BUDGET_BYTES = Math.floor(BARE_FIRST_LOAD_GZIP_BYTES * GOAL_RATIO);

/** The pages with a budget, by their route in the app folder. */
const PAGES = [
  { label: "home page /", route: "", html: "index.html" },
  { label: "analyzer /analyze", route: "analyze", html: "analyze.html" },
  // Every step of the wizard, /diagnose/… at any depth, is one of these two routes: rendered
  // per request when the query carries a check's evidence or a paste, and otherwise served from
  // the step cache (proxy.ts rewrites a plain GET there; lib/wizard/step-cache.ts).
  { label: "wizard step /diagnose/…", route: "diagnose/[[...answers]]", html: null },
  {
    label: "cached wizard step /diagnose/… (served from /step-cache)",
    route: "step-cache/[site]/[[...answers]]",
    html: null,
  },
] as const;

interface Chunk {
  file: string;
  gzip: number;
}

const gzipped = new Map<string, number>();
function chunk(file: string): Chunk {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(BUILD, file)), { level: 9 }).length;
    gzipped.set(file, size);
  }
  return { file, gzip: size };
}

interface BuildManifest {
  polyfillFiles: string[];
  rootMainFiles: string[];
}

interface ClientReferenceManifest {
  clientModules: Record<string, { chunks: string[] }>;
  entryJSFiles: Record<string, string[]>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(BUILD, file), "utf8")) as T;
}

/** A route's client reference manifest: a script that assigns to globalThis.__RSC_MANIFEST. */
function clientManifest(route: string): ClientReferenceManifest {
  const file = path.join(BUILD, "server/app", route, "page_client-reference-manifest.js");
  const sandbox: { self?: unknown; __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  sandbox.self = sandbox;
  new Function("globalThis", "self", readFileSync(file, "utf8"))(sandbox, sandbox);
  const key = `/${route ? `${route}/` : ""}page`;
  const manifest = sandbox.__RSC_MANIFEST?.[key];
  if (!manifest) throw new Error(`${file} has no manifest for ${key}`);
  return manifest;
}

/** Next's own scripts, on every page: polyfills and the root main files (React, the router). */
function frameworkFiles(build: BuildManifest): string[] {
  return [...build.polyfillFiles, ...build.rootMainFiles];
}

/** Every script a page loads first, in Next's order, without repeats. */
function firstLoadFiles(route: string, build: BuildManifest): string[] {
  const { entryJSFiles } = clientManifest(route);
  const page = `[project]/app/${route ? `${route}/` : ""}page`;
  if (!entryJSFiles[page]) throw new Error(`No client entry for ${page} in the manifest`);
  return [
    ...new Set([
      ...frameworkFiles(build),
      ...(entryJSFiles["[project]/app/layout"] ?? []),
      ...entryJSFiles[page],
    ]),
  ];
}

/** The <script src> files of a prerendered page, relative to .next. */
function htmlScripts(html: string): string[] {
  const text = readFileSync(path.join(BUILD, "server/app", html), "utf8");
  return [...text.matchAll(/<script\b[^>]*\bsrc="\/_next\/([^"?]+)/g)].map((match) => match[1]!);
}

/** Client components (source files) whose code loads with `file`. */
function clientModulesIn(route: string, file: string): string[] {
  const { clientModules } = clientManifest(route);
  const modules = new Set<string>();
  for (const [id, { chunks }] of Object.entries(clientModules)) {
    if (!chunks.some((each) => each.endsWith(file))) continue;
    const source = id
      .replace(/^\[project\]\//, "")
      .replace(`${ROOT}/`, "")
      .split("#")[0]!;
    if (!source.startsWith("node_modules/")) modules.add(source);
  }
  return [...modules].sort();
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

async function overBudgetReport(
  label: string,
  route: string,
  files: string[],
  build: BuildManifest,
  total: number,
): Promise<string> {
  const framework = new Set(frameworkFiles(build));
  const own = files
    .filter((file) => !framework.has(file))
    .map(chunk)
    .sort((a, b) => b.gzip - a.gzip);
  const lines = [
    `${label}: first-load JavaScript is ${kb(total)} gz, over its budget of ${kb(BUDGET_BYTES)} ` +
      `(${GOAL_RATIO}× the bare page's ${kb(BARE_FIRST_LOAD_GZIP_BYTES)}).`,
    "Chunks it loads besides Next's own, largest first:",
  ];
  for (const { file, gzip } of own) lines.push(`  ${kb(gzip).padStart(9)} gz  ${file}`);
  // Turbopack lists every chunk of a page for each of its client components, so the modules
  // are named per component: the one that imports something heavy shows it at the top.
  const components = [...new Set(own.flatMap(({ file }) => clientModulesIn(route, file)))];
  lines.push("Client components in those chunks, each with the largest modules it loads first:");
  for (const component of components) {
    lines.push(`  ${component}`);
    for (const { module, bytes } of await largestModules(ROOT, [component], 4)) {
      lines.push(`    ${kb(bytes).padStart(9)} minified  ${module}`);
    }
  }
  lines.push(
    "Keep what the page does not need at first on the server (a server component or action) " +
      "or behind import() / next/dynamic, so it loads when it is used.",
  );
  return lines.join("\n");
}

const built = existsSync(path.join(BUILD, "BUILD_ID"));

describe.runIf(built)("first-load JavaScript of the production build", () => {
  const build = built ? readJson<BuildManifest>("build-manifest.json") : null!;

  it("compares against a bare page measured with the same Next.js", () => {
    const require = createRequire(import.meta.url);
    const { version } = require("next/package.json") as { version: string };
    expect(
      version,
      `BARE_FIRST_LOAD_GZIP_BYTES was measured with Next.js ${BARE_NEXT_VERSION}; measure the bare page again with ${version} (see its comment)`,
    ).toBe(BARE_NEXT_VERSION);
  });

  it.each(PAGES.filter((page) => page.html !== null))(
    "$label: the manifests name the same scripts as its prerendered HTML",
    ({ route, html }) => {
      expect(firstLoadFiles(route, build).sort()).toEqual(htmlScripts(html!).sort());
    },
  );

  it.each(PAGES)(
    `$label stays within ${GOAL_RATIO}× the bare page's first-load JavaScript`,
    async ({ label, route }) => {
      const files = firstLoadFiles(route, build);
      const total = files.reduce((sum, file) => sum + chunk(file).gzip, 0);
      if (total > BUDGET_BYTES) {
        expect.fail(await overBudgetReport(label, route, files, build, total));
      }
      expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    },
  );
});

// Without a build there is nothing to measure: say so instead of passing silently.
describe.skipIf(built)("first-load JavaScript of the production build", () => {
  it("needs a production build in .next", () => {
    expect.fail("No production build in .next: run `npm run build` first.");
  });
});
