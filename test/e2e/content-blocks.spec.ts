import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { readContentSource } from "@/lib/content/files";
import { permalinkForState } from "@/machines/paths";
import { listSteps, type Step } from "@/machines/steps";
import { screenshotDir } from "./browser";

// Content elements (code blocks, copy buttons, tables, callouts) tested where people meet them:
// on real wizard pages rendered from real content files. Pages are chosen by what their files
// contain, so the tests follow the content as it changes.

function source(step: Step): string {
  try {
    return readContentSource(step.id);
  } catch {
    return "";
  }
}

const tableCount = (text: string) => (text.match(/^\|[ :|-]*-[ :|-]*\|?\s*$/gm) ?? []).length;

interface Pick {
  step: Step;
  url: string;
  mdx: string;
}

const reachable: Pick[] = listSteps().flatMap((step) => {
  const url = permalinkForState(step.id);
  return url ? [{ step, url, mdx: source(step) }] : [];
});

/** The reachable step scoring highest (first wins ties); fails when none scores above zero. */
function pick(what: string, score: (mdx: string) => number): Pick {
  let best: Pick | undefined;
  for (const candidate of reachable) {
    if (score(candidate.mdx) > (best ? score(best.mdx) : 0)) best = candidate;
  }
  if (!best) throw new Error(`No reachable wizard step has ${what}`);
  return best;
}

const withCommand = pick("a bash block", (mdx) => (mdx.includes("```bash\n") ? 1 : 0));
const withTables = pick("two tables", (mdx) => (tableCount(mdx) >= 2 ? tableCount(mdx) : 0));
const withWarning = pick("a titled warning", (mdx) =>
  /<Callout type="warning" title="/.test(mdx) ? 1 : 0,
);
// The first ```bash fence in the file is the first bash block on the page.
const firstBash = /```bash\n([\s\S]*?)\n```/.exec(withCommand.mdx)?.[1] ?? "";

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, "axe-core violations").toEqual([]);
}

async function copyFirstBashBlock(page: Page) {
  const block = page
    .locator("figure.code-block")
    .filter({ has: page.locator('code[data-language="bash"]') })
    .first();
  await expect(block.locator("figcaption")).toContainText("Bash");
  // The name follows the visible word ("Copy", then "Copied"), as WCAG 2.5.3 asks.
  const button = block.getByRole("button", { name: /^Cop(y|ied) Bash code$/ });
  // Keyboard, as someone in a terminal-heavy workflow would: focus the button and press Enter.
  await button.focus();
  await page.keyboard.press("Enter");
  return { block, button };
}

test.describe(`code blocks on ${withCommand.url} (content/${withCommand.step.id}.mdx)`, () => {
  test("Copy puts exactly the command on the clipboard and announces it", async ({
    page,
    context,
    baseURL,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await page.goto(withCommand.url);
    const { block, button } = await copyFirstBashBlock(page);
    await expect(button).toHaveText("Copied");
    await expect(block.getByRole("status")).toHaveText("Copied to clipboard");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(firstBash);
    await expect(block.locator("code")).toHaveText(firstBash);
  });

  test("Copy still works where the Clipboard API is missing", async ({
    page,
    context,
    baseURL,
  }) => {
    await context.grantPermissions(["clipboard-read"], { origin: baseURL });
    await page.goto(withCommand.url);
    // Hide the async Clipboard API for writing, as on a plain-http LAN address, so the
    // selection-based fallback does the copying.
    const read = await page.evaluateHandle(() =>
      navigator.clipboard.readText.bind(navigator.clipboard),
    );
    await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
    const { block, button } = await copyFirstBashBlock(page);
    await expect(block.getByRole("status")).toHaveText("Copied to clipboard");
    expect(await read.evaluate((readText) => readText())).toBe(firstBash);
    await expect(button).toBeFocused();
  });
});

test.describe("tables and callouts", () => {
  test(`several tables get distinct names on ${withTables.url}`, async ({ page }) => {
    await page.goto(withTables.url);
    const regions = page.locator(".prose-content [role=region]");
    await expect(regions).toHaveCount(tableCount(withTables.mdx));
    const names = await regions.evaluateAll((els) =>
      els.map((el) => el.getAttribute("aria-label")),
    );
    expect(new Set(names).size, `table names: ${names.join(" | ")}`).toBe(names.length);
    await expectNoAxeViolations(page);
  });

  test(`a warning is announced with its title on ${withWarning.url}`, async ({ page }) => {
    await page.goto(withWarning.url);
    const title = /<Callout type="warning" title="([^"]+)"/.exec(withWarning.mdx)?.[1];
    await expect(page.locator('[data-callout="warning"]').first()).toHaveAccessibleName(
      `Warning: ${title}`,
    );
    await expectNoAxeViolations(page);
  });
});

test.describe("on a 320 px phone", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`wide tables and code scroll inside their own box (${scheme} scheme)`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 320, height: 700 });
      await page.goto(withTables.url);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // Something is wider than the phone, and its own box scrolls and takes keyboard focus.
      const scrolling = await page
        .locator(".prose-content [role=region], figure.code-block pre")
        .evaluateAll(
          (els) =>
            els.filter(
              (el) => el.scrollWidth > el.clientWidth && el.getAttribute("tabindex") === "0",
            ).length,
        );
      expect(scrolling).toBeGreaterThan(0);
      await page.screenshot({
        path: path.join(screenshotDir, `content-${withTables.step.id}-320-${scheme}.png`),
        fullPage: true,
      });
    });
  }
});
