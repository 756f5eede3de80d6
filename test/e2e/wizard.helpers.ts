import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { contentFilePath, readContentMetadata } from "@/lib/content/files";
import { titleFromSlug } from "@/lib/wizard/step-title";
import { getStep, type Step } from "@/machines/steps";

// Shared by the wizard's browser tests (test/e2e/wizard-*.spec.ts).

/** The step with this id; fails the test for an unknown id. */
export function stepOf(id: string): Step {
  const step = getStep(id);
  if (!step) throw new Error(`No state "${id}" in the diagnosis machine`);
  return step;
}

const titles = new Map<string, string>();

/** The h1 a step must show: its content file's title, or the slug fallback while it is missing. */
export async function titleOf(step: Step): Promise<string> {
  const cached = titles.get(step.id);
  if (cached !== undefined) return cached;
  const title = existsSync(contentFilePath(step.id))
    ? (await readContentMetadata(step.id)).title
    : titleFromSlug(step.id);
  titles.set(step.id, title);
  return title;
}

/** Asserts the page shows the given state: its id, its content file and its title as the h1. */
export async function expectStep(page: Page, stepId: string): Promise<void> {
  const step = stepOf(stepId);
  const wizard = page.locator(".wizard");
  await expect(wizard).toHaveAttribute("data-step", step.id);
  await expect(wizard).toHaveAttribute("data-content-id", step.id);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(await titleOf(step));
}

/** The answer link of the current step that gives `answer`. */
export function answerLink(page: Page, answer: string) {
  return page.getByTestId("answers").locator(`a[data-answer="${answer}"]`);
}

/** Runs axe-core with the WCAG 2.2 AA rule set the rest of the suite uses. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe-core violations on ${what}`).toEqual([]);
}

/** The label of the "Paste the URL that fails" box on the owner's first question. */
export const CHECK_URL_LABEL = "Address (URL) of the page that fails";

/** Counts the clicks a person makes, so a spec can hold the wizard to its click budget. */
export function clickCounter() {
  let clicks = 0;
  return {
    async click(locator: ReturnType<Page["locator"]>) {
      clicks += 1;
      await locator.click();
    },
    get count() {
      return clicks;
    },
  };
}

/**
 * Merges one worker's recorded scenario runs into test/.artifacts/<file> (each Playwright worker
 * writes its own share after its tests), for `npm run readme:lab` to turn into the README tables.
 */
export function saveRecordedRuns(file: string, recorded: Readonly<Record<string, unknown>>): void {
  if (Object.keys(recorded).length === 0) return;
  const target = path.resolve(__dirname, "../.artifacts", file);
  mkdirSync(path.dirname(target), { recursive: true });
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(readFileSync(target, "utf8")) as Record<string, unknown>;
  } catch {
    // The first worker to finish finds no file yet.
  }
  writeFileSync(target, JSON.stringify({ ...previous, ...recorded }, null, 2));
}
