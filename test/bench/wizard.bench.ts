/**
 * Wizard benchmark: prints figures, never fails on them.
 *
 *   npm run bench:wizard [-- --no-build] [-- --requests 200] [-- --walks 3] [-- --path /diagnose/…]
 *                        [-- --connections 50] [-- --load-seconds 10]
 *
 * Every figure is measured beside a baseline built and served in the same run, on the same
 * machine, with the same Next.js: a bare App Router app (a layout, a static page and a dynamic
 * page, nothing else) built in a temporary folder whose node_modules is a link to this repo's.
 *
 * 1. First-load JavaScript: every <script src> in a page's HTML, fetched from `next start` and
 *    gzipped (zlib level 9), for a deep wizard permalink and the home page, against the bare
 *    static page. Goal: the wizard adds at most 15 % (ratio ≤ 1.15); the machine, the content
 *    and the UI must not bloat the client. Scripts the two builds do not share are listed by
 *    size, so an overshoot names its chunks.
 * 2. Server response time: sequential GETs of the deep permalink on `next start` (full body,
 *    keep-alive), min / median / p95, against the bare static and bare dynamic pages.
 * 3. Under load: 50 connections (keep-alive) GET the deep permalink for a fixed time, then the
 *    app's own static home page the same way, in the same run: requests/s, median and p99
 *    latency, failures. Goal (issue 15): the permalink serves at least half the static page's
 *    requests/s with p99 under 500 ms.
 * 4. Step transition with JavaScript on: Chromium (Debian's, never downloaded) opens a step,
 *    waits until the network is idle (next/link has prefetched the next steps), clicks an
 *    answer and times click → new step's <h1> in the DOM → next animation frame. Requests the
 *    click caused before the new step showed are counted: 0 means no network round trip.
 *
 * Exit status 0 whenever the benchmark ran, whatever the figures; non-zero only when it could
 * not run (a build failed, a server did not start, Chromium is missing).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { Agent, request as httpRequest } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { chromiumPath, quietChromiumArgs } from "@/test/e2e/browser";
import { DIAGNOSE_BASE, permalinkFor, shortestAnswersTo } from "@/machines/paths";
import { replayAnswers } from "@/machines/replay";
import { listSteps } from "@/machines/steps";
import { recordOutputAs } from "./record";

const ROOT = path.resolve(__dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const GOAL_RATIO = 1.15;
const DEFAULT_DEEP_PATH = "/diagnose/owner/502/server-page/connection-refused";
const KB = 1000;
const LABEL_WIDTH = 80;

// ---------------------------------------------------------------------------------------------
// Arguments and small statistics

function flag(name: string): boolean {
  return process.argv.includes(name);
}

function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

function argString(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return (index >= 0 ? process.argv[index + 1] : undefined) ?? fallback;
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function median(values: readonly number[]): number {
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))]!;
}

const kb = (bytes: number) => (bytes / KB).toFixed(1);
const ms = (value: number) => value.toFixed(1);

/** Thrown for conditions under which the benchmark cannot run at all. */
class CannotRun extends Error {}

// ---------------------------------------------------------------------------------------------
// Processes: builds and servers

const children = new Set<ChildProcess>();

/** Runs `next <args>` in `cwd`; output is kept and shown only if the command fails. */
async function runNext(cwd: string, args: string[], what: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  children.delete(child);
  if (code !== 0) throw new CannotRun(`${what} failed (exit ${code}):\n${output.slice(-4000)}`);
  return (performance.now() - started) / 1000;
}

/** A free loopback port, chosen by the kernel. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

interface Server {
  origin: string;
  stop: () => void;
}

/** Starts `next start` for the build in `cwd` on a loopback port and waits until it answers. */
async function startNext(cwd: string, what: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    children.delete(child);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${origin}/`);
      await response.arrayBuffer();
      return { origin, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  stop();
  throw new CannotRun(`${what}: next start did not answer on ${origin}:\n${output.slice(-4000)}`);
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  children.clear();
}

// ---------------------------------------------------------------------------------------------
// The bare baseline app

/** Nearest folder containing both paths, so Turbopack may follow the node_modules link. */
function commonAncestor(a: string, b: string): string {
  const partsA = a.split(path.sep);
  const partsB = b.split(path.sep);
  const common: string[] = [];
  for (let i = 0; i < Math.min(partsA.length, partsB.length) && partsA[i] === partsB[i]; i++) {
    common.push(partsA[i]!);
  }
  return common.join(path.sep) || path.sep;
}

const BARE_FILES: Record<string, string> = {
  "app/layout.tsx": `import type { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/page.tsx": `export default function Page() {
  return (
    <main>
      <h1>Hello</h1>
      <p>A bare App Router page.</p>
    </main>
  );
}
`,
  // Rendered per request like the wizard's pages, for the server-time baseline.
  "app/echo/[[...slug]]/page.tsx": `export default async function Echo({ params }: { params: Promise<{ slug?: string[] }> }) {
  const { slug = [] } = await params;
  return (
    <main>
      <h1>{slug.join(" / ") || "Echo"}</h1>
    </main>
  );
}
`,
  "tsconfig.json": `${JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        lib: ["dom", "dom.iterable", "es2023"],
        strict: true,
        noEmit: true,
        module: "esnext",
        moduleResolution: "bundler",
        jsx: "react-jsx",
        isolatedModules: true,
        skipLibCheck: true,
        plugins: [{ name: "next" }],
      },
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
      exclude: ["node_modules"],
    },
    null,
    2,
  )}\n`,
};

/** Writes and builds the bare app in a temporary folder; returns the folder. */
async function buildBareApp(nextVersion: string): Promise<{ dir: string; seconds: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gateway-doctor-bare-"));
  const modules = realpathSync(path.join(ROOT, "node_modules"));
  symlinkSync(modules, path.join(dir, "node_modules"), "dir");
  for (const [file, text] of Object.entries(BARE_FILES)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  await writeFile(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name: "bare-app", private: true, dependencies: { next: nextVersion } }, null, 2)}\n`,
  );
  // node_modules is a link out of the folder; Turbopack only follows it inside its root.
  await writeFile(
    path.join(dir, "next.config.mjs"),
    `export default { turbopack: { root: ${JSON.stringify(commonAncestor(dir, modules))} } };\n`,
  );
  const seconds = await runNext(dir, ["build"], "Building the bare app");
  return { dir, seconds };
}

// ---------------------------------------------------------------------------------------------
// 1. First-load JavaScript

interface ScriptSize {
  src: string;
  raw: number;
  gzip: number;
  /** Content hash, to tell scripts two builds share from scripts only one has. */
  hash: string;
}

interface PageScripts {
  url: string;
  scripts: ScriptSize[];
  raw: number;
  gzip: number;
  /** Inline <script> bodies (React's flight data), gzipped: shown for context, not counted. */
  inlineGzip: number;
}

const gz = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new CannotRun(`GET ${url} answered ${response.status}`);
  return response.text();
}

async function measureScripts(origin: string, pagePath: string): Promise<PageScripts> {
  const url = origin + pagePath;
  const html = await fetchText(url);
  const sources = [
    ...new Set([...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!)),
  ];
  const scripts: ScriptSize[] = [];
  for (const src of sources) {
    const response = await fetch(new URL(src.replaceAll("&amp;", "&"), url));
    if (!response.ok) throw new CannotRun(`GET ${src} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    scripts.push({
      src,
      raw: body.length,
      gzip: gz(body),
      hash: createHash("sha256").update(body).digest("hex"),
    });
  }
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1]!)
    .join("\n");
  return {
    url: pagePath,
    scripts,
    raw: scripts.reduce((sum, s) => sum + s.raw, 0),
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
    inlineGzip: inline ? gz(inline) : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Server response time

async function timeRequests(url: string, count: number): Promise<number[]> {
  // Warm-up: first requests compile nothing in production, but fill caches and JIT.
  for (let i = 0; i < Math.min(20, count); i++) await (await fetch(url)).arrayBuffer();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    if (!response.ok) throw new CannotRun(`GET ${url} answered ${response.status}`);
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// 3. Under load

interface LoadResult {
  /** Completed 2xx responses per second over the measured time. */
  rps: number;
  /** Latency of each completed request, ms. */
  latencies: number[];
  /** Requests that failed: a non-2xx status, a socket error or no answer within 10 s. */
  failures: number;
}

const LOAD_REQUEST_TIMEOUT_MS = 10_000;

/** One GET on `agent`, body read to the end; resolves with its status (0 for an error). */
function getOnce(url: URL, agent: Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent, timeout: LOAD_REQUEST_TIMEOUT_MS }, (response) => {
      response.on("data", () => undefined);
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", () => resolve(0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
    req.end();
  });
}

/**
 * `connections` loops, each on its own keep-alive connection, GET `url` back to back for
 * `seconds` (after a warm-up of a second); a request in flight at the end still counts.
 */
async function load(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  try {
    const run = async (untilMs: number, latencies: number[] | null) => {
      let failures = 0;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (performance.now() < untilMs) {
            const started = performance.now();
            const status = await getOnce(target, agent);
            if (status >= 200 && status < 300) latencies?.push(performance.now() - started);
            else failures++;
          }
        }),
      );
      return failures;
    };
    await run(performance.now() + 1000, null);
    const latencies: number[] = [];
    const started = performance.now();
    const failures = await run(started + seconds * 1000, latencies);
    const elapsed = (performance.now() - started) / 1000;
    return { rps: latencies.length / elapsed, latencies, failures };
  } finally {
    agent.destroy();
  }
}

function loadRow(label: string, result: LoadResult): string {
  const { latencies } = result;
  const [p50, p99] = latencies.length
    ? [ms(median(latencies)), ms(percentile(latencies, 0.99))]
    : ["–", "–"];
  return `${label.padEnd(LABEL_WIDTH)}${result.rps.toFixed(1).padStart(8)}${p50.padStart(9)}${p99.padStart(9)}${String(result.failures).padStart(9)}`;
}

// ---------------------------------------------------------------------------------------------
// 4. Step transitions in a browser

interface Transition {
  from: string;
  to: string;
  /** Click to the new step's <h1> in the DOM, ms. */
  dom: number;
  /** Click to the animation frame after that, ms: when the browser paints it. */
  frame: number;
  /** Requests issued while the answer scrolled into view, before the click (prefetches). */
  prefetch: string[];
  /** Requests issued between the click and the new step showing: round trips the click waited on. */
  blocking: string[];
}

/** Resolves once no request has been in flight for `quietMs`. */
function networkIdle(page: Page, quietMs = 500, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    let inFlight = 0;
    let timer: NodeJS.Timeout | undefined;
    const deadline = setTimeout(finish, timeoutMs);
    const arm = () => {
      clearTimeout(timer);
      if (inFlight === 0) timer = setTimeout(finish, quietMs);
    };
    const onStart = () => {
      inFlight++;
      clearTimeout(timer);
    };
    const onEnd = () => {
      inFlight = Math.max(0, inFlight - 1);
      arm();
    };
    function finish() {
      clearTimeout(timer);
      clearTimeout(deadline);
      page.off("request", onStart);
      page.off("requestfinished", onEnd);
      page.off("requestfailed", onEnd);
      resolve();
    }
    page.on("request", onStart);
    page.on("requestfinished", onEnd);
    page.on("requestfailed", onEnd);
    arm();
  });
}

/**
 * Runs in the page: clicks the answer link and resolves with the ms from the click to the new
 * step's <h1> in the DOM, and to the animation frame after it. Kept as source text because tsx
 * rewrites a function's body (imported names, esbuild's __name helper) in ways that do not
 * exist inside the page.
 */
const CLICK_AND_TIME = `(answer, stepId) => new Promise((resolve, reject) => {
  const link = document.querySelector('a[data-answer="' + CSS.escape(answer) + '"]');
  if (!link) return reject(new Error('No answer link "' + answer + '"'));
  const shown = () => {
    const wizard = document.querySelector(".wizard");
    const heading = document.querySelector("h1");
    return wizard !== null && wizard.getAttribute("data-step") === stepId &&
      heading !== null && heading.getClientRects().length > 0;
  };
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    const dom = performance.now() - started;
    observer.disconnect();
    clearTimeout(timeout);
    requestAnimationFrame(() => resolve({ dom, frame: performance.now() - started }));
  });
  const timeout = setTimeout(() => {
    observer.disconnect();
    reject(new Error('Step "' + stepId + '" did not show within 10 s'));
  }, 10000);
  observer.observe(document.documentElement,
    { subtree: true, childList: true, attributes: true, characterData: true });
  const started = performance.now();
  link.click();
})`;

/**
 * Opens the first question and clicks through `answers`, timing each step change. With `scroll`,
 * each answer is scrolled into view and the network left to go idle before the click, as a
 * reader does: next/link prefetches a link when it enters the viewport. Without it, the click
 * comes straight after the step showed, so an answer below the fold has not been prefetched.
 */
async function walk(
  page: Page,
  origin: string,
  answers: readonly string[],
  scroll: boolean,
): Promise<Transition[]> {
  const transitions: Transition[] = [];
  await page.goto(origin + DIAGNOSE_BASE, { waitUntil: "load" });
  await networkIdle(page);
  let log: string[] = [];
  const onRequest = (request: { url: () => string }) => log.push(request.url());
  page.on("request", onRequest);
  try {
    for (let i = 0; i < answers.length; i++) {
      const replay = replayAnswers(answers.slice(0, i + 1));
      const before = replayAnswers(answers.slice(0, i));
      if (!replay.ok || !before.ok) throw new CannotRun(`Invalid walk ${answers.join("/")}`);
      log = [];
      if (scroll) {
        await page.locator(`a[data-answer="${answers[i]}"]`).scrollIntoViewIfNeeded();
        await networkIdle(page);
      }
      const prefetch = log;
      log = [];
      const timing = (await page.evaluate(
        `(${CLICK_AND_TIME})(${JSON.stringify(answers[i])}, ${JSON.stringify(replay.step.id)})`,
      )) as { dom: number; frame: number };
      transitions.push({
        from: before.step.id,
        to: replay.step.id,
        ...timing,
        prefetch,
        blocking: log,
      });
      // Whatever the new step starts fetching must not overlap the next measurement.
      await networkIdle(page);
    }
  } finally {
    page.off("request", onRequest);
  }
  return transitions;
}

// ---------------------------------------------------------------------------------------------
// Report

function scriptsRow(label: string, page: PageScripts, bare: PageScripts): string {
  const ratio = page.gzip / bare.gzip;
  const verdict = page === bare ? "baseline" : ratio <= GOAL_RATIO ? "meets ≤ 1.15" : "over 1.15";
  return [
    label.padEnd(LABEL_WIDTH),
    String(page.scripts.length).padStart(7),
    kb(page.raw).padStart(9),
    kb(page.gzip).padStart(8),
    ratio.toFixed(3).padStart(8),
    `  ${verdict}`.padEnd(15),
    kb(page.inlineGzip).padStart(9),
  ].join("");
}

function timingRow(label: string, samples: readonly number[]): string {
  return [
    label.padEnd(LABEL_WIDTH),
    ms(Math.min(...samples)).padStart(8),
    ms(median(samples)).padStart(9),
    ms(percentile(samples, 0.95)).padStart(8),
  ].join("");
}

/** Timings mean little on a busy machine; every run says how busy it was. */
function loadAverage(): string {
  const [one, five] = os.loadavg();
  return `Load average ${one?.toFixed(1)} (1 min), ${five?.toFixed(1)} (5 min) on ${os.cpus().length} CPU(s)`;
}

async function main(): Promise<void> {
  recordOutputAs("wizard");
  const noBuild = flag("--no-build");
  const requests = argNumber("--requests", 200);
  const walks = argNumber("--walks", 3);
  const deepPath = argString("--path", DEFAULT_DEEP_PATH);
  const nextVersion = (
    JSON.parse(readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")) as {
      version: string;
    }
  ).version;

  const deepAnswers = deepPath
    .slice(DIAGNOSE_BASE.length + 1)
    .split("/")
    .filter(Boolean);
  const deepReplay = replayAnswers(deepAnswers.map(decodeURIComponent));
  if (!deepPath.startsWith(`${DIAGNOSE_BASE}/`) || !deepReplay.ok) {
    throw new CannotRun(`${deepPath} is not a valid wizard permalink`);
  }
  if (!existsSync(chromiumPath)) {
    throw new CannotRun(`Chromium not found at ${chromiumPath}; set CHROMIUM_PATH`);
  }

  console.log("Gateway Doctor wizard benchmark");
  console.log(
    `Next.js ${nextVersion} · Node ${process.versions.node} · ${os.cpus().length} CPU(s) · ${new Date().toISOString()}`,
  );
  console.log(`Deep permalink: ${deepPath} (state "${deepReplay.step.id}")`);
  console.log(`${loadAverage()}\n`);

  // Builds run one after the other: two cores, and the figures must not include a build's load.
  const bare = await buildBareApp(nextVersion);
  console.log(`Bare app built in ${bare.seconds.toFixed(0)} s (${bare.dir})`);
  if (noBuild) {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
      throw new CannotRun("--no-build given, but there is no .next build; run npm run build");
    }
    console.log("Wizard app: reusing the existing .next build (--no-build)");
  } else {
    const seconds = await runNext(ROOT, ["build"], "Building the wizard app");
    console.log(`Wizard app built in ${seconds.toFixed(0)} s`);
  }

  let bareServer: Server | undefined;
  let appServer: Server | undefined;
  try {
    bareServer = await startNext(bare.dir, "Bare app");
    appServer = await startNext(ROOT, "Wizard app");

    // 1. First-load JavaScript
    const bareHome = await measureScripts(bareServer.origin, "/");
    const appDeep = await measureScripts(appServer.origin, deepPath);
    const appHome = await measureScripts(appServer.origin, "/");
    const appStart = await measureScripts(appServer.origin, DIAGNOSE_BASE);
    const appAnalyze = await measureScripts(appServer.origin, "/analyze");
    console.log(
      "\n1. First-load JavaScript: every <script src> in the HTML, gzip level 9 (1 kB = 1000 B)",
    );
    console.log(
      `${"page".padEnd(LABEL_WIDTH)}${"scripts".padStart(7)}${"raw kB".padStart(9)}${"gz kB".padStart(8)}${"vs bare".padStart(8)}${"".padEnd(15)}${"inline gz".padStart(9)}`,
    );
    console.log(scriptsRow("bare App Router page /", bareHome, bareHome));
    console.log(scriptsRow(`wizard, deep permalink ${deepPath}`, appDeep, bareHome));
    console.log(scriptsRow(`wizard, first question ${DIAGNOSE_BASE}`, appStart, bareHome));
    console.log(scriptsRow("wizard, home page /", appHome, bareHome));
    console.log(scriptsRow("analyzer page /analyze", appAnalyze, bareHome));
    const bareHashes = new Set(bareHome.scripts.map((s) => s.hash));
    const own = appDeep.scripts
      .filter((s) => !bareHashes.has(s.hash))
      .sort((a, b) => b.gzip - a.gzip);
    const shared = appDeep.scripts.length - own.length;
    console.log(
      `Deep permalink: ${shared} script(s) byte-identical to the bare page's; the ${own.length} others, largest first:`,
    );
    for (const script of own) {
      console.log(
        `  ${kb(script.gzip).padStart(7)} kB gz  ${kb(script.raw).padStart(7)} kB raw  ${script.src}`,
      );
    }
    console.log(
      `Added over the bare page: ${kb(appDeep.gzip - bareHome.gzip)} kB gz (${((appDeep.gzip / bareHome.gzip - 1) * 100).toFixed(1)} %); goal ≤ ${((GOAL_RATIO - 1) * 100).toFixed(0)} %.`,
    );
    console.log("Inline gz: React's flight data in the HTML; not part of the script total above.");

    // 2. Server response time
    console.log(
      `\n2. Server response time: ${requests} sequential GETs each, full body, keep-alive`,
    );
    console.log(loadAverage());
    console.log(
      `${"page".padEnd(LABEL_WIDTH)}${"min ms".padStart(8)}${"median".padStart(9)}${"p95".padStart(8)}`,
    );
    const bareStatic = await timeRequests(`${bareServer.origin}/`, requests);
    console.log(timingRow("bare App Router page / (static)", bareStatic));
    const bareDynamic = await timeRequests(`${bareServer.origin}/echo/a/b/c/d`, requests);
    console.log(timingRow("bare App Router page /echo/a/b/c/d (dynamic)", bareDynamic));
    const deep = await timeRequests(appServer.origin + deepPath, requests);
    console.log(timingRow(`wizard ${deepPath}`, deep));
    const imagePath = `/og/diagnose?answers=${deepAnswers.join("/")}`;
    const images = await timeRequests(
      appServer.origin + imagePath,
      Math.max(10, Math.floor(requests / 10)),
    );
    console.log(timingRow(`share image ${imagePath}`, images));
    console.log(
      `Deep permalink median: ${(median(deep) / median(bareDynamic)).toFixed(2)}× the bare dynamic page, ${(median(deep) / median(bareStatic)).toFixed(2)}× the bare static page.`,
    );

    // 3. Under load
    const connections = argNumber("--connections", 50);
    const loadSeconds = argNumber("--load-seconds", 10);
    console.log(
      `\n3. Under load: ${connections} keep-alive connections, ${loadSeconds} s each after 1 s of warm-up, one page at a time`,
    );
    console.log(loadAverage());
    console.log(
      `${"page".padEnd(LABEL_WIDTH)}${"req/s".padStart(8)}${"median".padStart(9)}${"p99 ms".padStart(9)}${"failures".padStart(9)}`,
    );
    const deepLoad = await load(appServer.origin + deepPath, connections, loadSeconds);
    console.log(loadRow(`wizard ${deepPath}`, deepLoad));
    const homeLoad = await load(`${appServer.origin}/`, connections, loadSeconds);
    console.log(loadRow("wizard app's static home page /", homeLoad));
    const share = homeLoad.rps > 0 ? deepLoad.rps / homeLoad.rps : 0;
    const p99 = deepLoad.latencies.length ? percentile(deepLoad.latencies, 0.99) : Infinity;
    console.log(
      `Deep permalink: ${share.toFixed(2)}× the static page's requests/s (goal ≥ 0.5), p99 ${ms(p99)} ms (goal < 500): ${share >= 0.5 && p99 < 500 && deepLoad.failures === 0 ? "meets both" : "misses"}.`,
    );

    // 4. Step transitions
    const longest = listSteps()
      .map((step) => shortestAnswersTo(step.id) ?? [])
      .sort((a, b) => b.length - a.length)[0]!;
    const routes = [deepAnswers, longest];
    console.log(
      `\n4. Step transitions with JavaScript on: Chromium, ${walks} walk(s) of ${routes
        .map((answers) => permalinkFor(answers))
        .join(" and ")}`,
    );
    console.log(loadAverage());
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: quietChromiumArgs,
    });
    try {
      console.log(
        `${"".padEnd(LABEL_WIDTH)}${"min ms".padStart(8)}${"median".padStart(9)}${"p95".padStart(8)}`,
      );
      const modes = [
        { scroll: true, label: "answer scrolled into view, network idle, then clicked" },
        { scroll: false, label: "answer clicked as soon as the step showed (no scrolling)" },
      ];
      for (const { scroll, label } of modes) {
        const transitions: Transition[] = [];
        for (let i = 0; i < walks; i++) {
          for (const answers of routes) {
            // A fresh context per walk: nothing cached from the previous one.
            const context = await browser.newContext();
            try {
              const page = await context.newPage();
              transitions.push(...(await walk(page, appServer.origin, answers, scroll)));
            } finally {
              await context.close();
            }
          }
        }
        const blocking = transitions.flatMap((t) => t.blocking);
        const prefetch = transitions.flatMap((t) => t.prefetch);
        console.log(`${label}, ${transitions.length} transitions:`);
        console.log(
          timingRow(
            "  click → new <h1> in the DOM",
            transitions.map((t) => t.dom),
          ),
        );
        console.log(
          timingRow(
            "  click → next animation frame (painted)",
            transitions.map((t) => t.frame),
          ),
        );
        console.log(
          `  network requests after click, before the new step showed: ${blocking.length}` +
            (scroll ? `   (prefetches while scrolling: ${prefetch.length})` : ""),
        );
        for (const url of [...new Set(blocking)].slice(0, 3)) {
          console.log(`    e.g. ${url.replace(appServer.origin, "")}`);
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    bareServer?.stop();
    appServer?.stop();
    if (!flag("--keep")) rmSync(bare.dir, { recursive: true, force: true });
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

main().then(
  () => {
    stopAll();
    process.exit(0);
  },
  (error: unknown) => {
    stopAll();
    console.error(
      error instanceof CannotRun ? `\nCould not run the benchmark: ${error.message}` : error,
    );
    process.exit(1);
  },
);
