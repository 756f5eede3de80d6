import { expect, test, type Locator } from "@playwright/test";
import { permalinkForState } from "@/machines/paths";
import { listSteps } from "@/machines/steps";
import { answerLink } from "./wizard.helpers";

// Someone in the middle of an outage opens a step to answer its question: the question and its
// first answer must be on the first screen, on a phone and on a laptop, before any explanation
// (GOV.UK Smart Answers puts the question and its options first the same way). Fix steps show the
// fix first and keep "Did it work?" in a bar stuck to the bottom of the screen, so their first
// answer is on the first screen too.

/** Every state that asks something, each with its shortest permalink. */
const questionStates = listSteps()
  .filter((step) => !step.final)
  .map((step) => ({ step, url: permalinkForState(step.id) }));

const viewports = [
  { name: "phone", width: 375, height: 667 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

/** Where a box lies outside the first screen, in words; null when it lies wholly inside. */
async function outsideFirstScreen(
  locator: Locator,
  width: number,
  height: number,
): Promise<string | null> {
  const box = await locator.boundingBox();
  if (!box) return "not rendered";
  const inside =
    box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
  return inside ? null : `at x=${Math.round(box.x)} y=${Math.round(box.y)}`;
}

test("every question state has a permalink", () => {
  expect(questionStates.filter(({ url }) => url === null).map(({ step }) => step.id)).toEqual([]);
  // The machine has about eighty of them; an empty list would make the tests below vacuous.
  expect(questionStates.length).toBeGreaterThan(50);
});

for (const viewport of viewports) {
  test(`at ${viewport.width}×${viewport.height} (${viewport.name}) the question and its first answer are on the first screen of every question state`, async ({
    page,
  }) => {
    // One page visits every state in turn; each visit is a cold page load of a few hundred ms.
    test.setTimeout(questionStates.length * 2_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const misplaced: string[] = [];
    for (const { step, url } of questionStates) {
      if (url === null) continue;
      await page.goto(url);
      const first = step.answers[0];
      if (!first) {
        misplaced.push(`${step.id}: offers no answer`);
        continue;
      }
      const scrolled = await page.evaluate(() => window.scrollY);
      if (scrolled !== 0) misplaced.push(`${step.id}: opened scrolled by ${scrolled} px`);
      const heading = await outsideFirstScreen(
        page.getByRole("heading", { level: 1 }),
        viewport.width,
        viewport.height,
      );
      if (heading) misplaced.push(`${step.id} (${url}): the question is ${heading}`);
      const answer = await outsideFirstScreen(
        answerLink(page, first.answer),
        viewport.width,
        viewport.height,
      );
      if (answer) misplaced.push(`${step.id} (${url}): the first answer is ${answer}`);
    }
    expect(misplaced).toEqual([]);
  });
}

test("on a phone, a fix step's answer bar never hides what the keyboard is on", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 667 });
  // The 521 fix has links and a copy button per command: many stops for the keyboard.
  const url = permalinkForState("cf521");
  expect(url).not.toBeNull();
  await page.goto(url ?? "");
  // Copy buttons show once the page's scripts run; they are focus stops too.
  await expect(page.getByRole("button", { name: /^Copy / }).first()).toBeVisible();
  await page.getByRole("heading", { level: 1 }).focus();
  const hidden: string[] = [];
  let stops = 0;
  for (let press = 0; press < 200; press += 1) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const element = document.activeElement;
      const bar = document.getElementById("answers");
      if (!element || !bar || bar.contains(element)) return null;
      const box = element.getBoundingClientRect();
      const barTop = bar.getBoundingClientRect().top;
      const name = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim();
      return {
        name: `${element.tagName.toLowerCase()} "${name.slice(0, 40)}" at ${Math.round(box.top)}–${Math.round(box.bottom)}, bar at ${Math.round(barTop)}`,
        // A box taller than the space above the bar cannot fit; it must at least start there.
        covered: box.height < barTop ? box.bottom > barTop + 1 : box.top > barTop - 24,
      };
    });
    // Focus reached the bar itself: everything before it has been visited.
    if (focus === null) break;
    stops += 1;
    if (focus.covered) hidden.push(focus.name);
  }
  expect(stops, "the fix has focus stops before the bar").toBeGreaterThan(5);
  expect(hidden).toEqual([]);
});
