/**
 * Benchmarks write their own README figures. With `--record`, everything a benchmark prints is
 * kept and, when it finishes successfully, written to test/bench/results/<name>.txt and between
 * the README's `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` markers, headed by the date,
 * the commit measured and whether the working tree had changes. Nobody copies a figure by hand,
 * so a figure in the README is always the output of a run (test/unit/readme-figures.test.ts
 * holds the README to the recorded files).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
export const README_PATH = path.join(ROOT, "README.md");
export const RESULTS_DIR = path.join(ROOT, "test/bench/results");

/** The README markers around benchmark `name`'s recorded output. */
export function readmeMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` };
}

/** "2026-12-02 13:05 UTC". */
function minuteUtc(when: Date): string {
  return `${when.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The header line every recorded README section starts with: what wrote it, when, at which commit. */
export function recordedHeader(command: string, when: Date, commit: string): string {
  return `Recorded by \`${command}\` on ${minuteUtc(when)} at commit \`${commit}\`:`;
}

/** The Markdown a recorded run puts in the README: a header line and the output verbatim. */
export function recordedBlock(name: string, output: string, when: Date, commit: string): string {
  return [
    recordedHeader(`npm run bench:${name} -- --record`, when, commit),
    "",
    "```text",
    output.trimEnd(),
    "```",
  ].join("\n");
}

/** Writes a recorded section to test/bench/results/<name>.md and between its README markers. */
export function writeRecorded(name: string, block: string): void {
  writeFileSync(path.join(RESULTS_DIR, `${name}.md`), `${block}\n`);
  writeFileSync(README_PATH, replaceSection(readFileSync(README_PATH, "utf8"), name, block));
}

/** Replaces what lies between the markers of `name` in `readme`; throws when they are missing. */
export function replaceSection(readme: string, name: string, block: string): string {
  const { start, end } = readmeMarkers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    throw new Error(`README.md has no ${start} … ${end} section for this benchmark`);
  }
  // Blank lines around the block, as Prettier lays out Markdown, so the format check agrees.
  return `${readme.slice(0, from + start.length)}\n\n${block}\n\n${readme.slice(to)}`;
}

/** The commit checked out, with a note when files other than the recorded ones have changes. */
export function describeCommit(): string {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  try {
    const sha = git("rev-parse", "--short=12", "HEAD");
    // Results and the README are what this run rewrites; other changes make the figures
    // describe something no commit holds, and the header says so.
    const dirty = git("status", "--porcelain", "--", ".", ":!README.md", ":!test/bench/results")
      .split("\n")
      .filter(Boolean).length;
    return dirty ? `${sha} (+${dirty} uncommitted file${dirty === 1 ? "" : "s"})` : sha;
  } catch {
    return "unknown (not a git checkout)";
  }
}

/**
 * Call first thing in a benchmark. Without `--record` in argv it does nothing; with it, the
 * benchmark's console output is copied and written out when the process exits with status 0.
 */
export function recordOutputAs(name: string): void {
  if (!process.argv.includes("--record")) return;
  const when = new Date();
  const commit = describeCommit();
  const lines: string[] = [];
  const original = console.log.bind(console);
  console.log = (...args: unknown[]) => {
    lines.push(args.map((arg) => (typeof arg === "string" ? arg : String(arg))).join(" "));
    original(...args);
  };
  process.on("exit", (code) => {
    if (code !== 0) return;
    const output = lines.join("\n");
    writeRecorded(name, recordedBlock(name, output, when, commit));
    original(`\nRecorded in test/bench/results/${name}.md and README.md.`);
  });
}
