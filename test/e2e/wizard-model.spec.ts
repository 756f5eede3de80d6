import { expect, test } from "@playwright/test";
import { permalinkFor } from "@/machines/paths";
import { shortestPathsToEveryState } from "@/test/support/diagnosis-model";
import { answerLink, expectNoAxeViolations, expectStep, stepOf } from "./wizard.helpers";

// The same model the unit tests walk: the shortest path from the start to every state.
const paths = shortestPathsToEveryState();

// Each cold visit also runs axe-core: content differs per state (tables, callouts, code), so
// every state is checked, not a sample.
test.describe("every state, opened cold from its permalink, passes axe-core", () => {
  for (const path of paths) {
    test(`${path.target} at ${permalinkFor(path.answers)}`, async ({ page }) => {
      const response = await page.goto(permalinkFor(path.answers));
      expect(response?.status()).toBe(200);
      await expectStep(page, path.target);
      // The trail lists one entry per answer given, each linking back to where it was given.
      const changes = page
        .getByRole("navigation", { name: "Your answers so far" })
        .getByRole("link");
      await expect(changes).toHaveCount(path.answers.length);
      for (const [index] of path.answers.entries()) {
        await expect(changes.nth(index)).toHaveAttribute(
          "href",
          permalinkFor(path.answers.slice(0, index)),
        );
      }
      // Every answer the state offers is a link to the next permalink.
      const step = stepOf(path.target);
      for (const option of step.answers) {
        await expect(answerLink(page, option.answer)).toHaveAttribute(
          "href",
          permalinkFor([...path.answers, option.answer]),
        );
        await expect(answerLink(page, option.answer)).toHaveAccessibleName(option.label);
      }
      await expect(page.getByTestId("answers")).toHaveCount(step.final ? 0 : 1);
      await expectNoAxeViolations(page, permalinkFor(path.answers));
    });
  }
});

// Walking by clicking takes a page per answer, so it covers the shortest path to every outcome:
// those paths cross each branch of the diagnosis (visitor, each error code, edge and origin).
const walks = paths.filter((path) => stepOf(path.target).final);

test.describe("walking to every outcome by clicking, without page loads", () => {
  for (const path of walks) {
    test(`${path.target}: ${path.answers.join(" → ")}`, async ({ page }) => {
      await page.goto(permalinkFor([]));
      await expectStep(page, "start");
      // A full page load would drop this marker; client-side transitions keep it.
      await page.evaluate(() => {
        (window as unknown as { wizardWalk: boolean }).wizardWalk = true;
      });
      for (const [index, answer] of path.answers.entries()) {
        await answerLink(page, answer).click();
        const visited = path.visited[index] ?? "";
        await expect(page).toHaveURL(permalinkFor(path.answers.slice(0, index + 1)));
        await expectStep(page, visited);
        await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
      }
      expect(
        await page.evaluate(() => (window as unknown as { wizardWalk?: boolean }).wizardWalk),
      ).toBe(true);
    });
  }
});
