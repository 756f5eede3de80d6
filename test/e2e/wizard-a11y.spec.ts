import { expect, test } from "@playwright/test";
import path from "node:path";
import { permalinkFor } from "@/machines/paths";
import { shortestPathsToEveryState } from "@/test/support/diagnosis-model";
import { screenshotDir } from "./browser";
import { answerLink, expectNoAxeViolations, expectStep } from "./wizard.helpers";

// axe-core runs on every state in wizard-model.spec.ts, on the same cold page load that checks
// the state; this file covers the dark scheme, narrow screens, keyboard, motion and print.

const paths = shortestPathsToEveryState();

// The dark scheme changes every colour pair: one state of each kind, plus an open summary.
const darkSample = ["start", "whoRendered", "proxyUpstream", "visitorHardRefresh", "escalate"];

test.describe("axe-core in the dark scheme", () => {
  test.use({ colorScheme: "dark" });
  for (const target of darkSample) {
    test(target, async ({ page }) => {
      const item = paths.find((candidate) => candidate.target === target);
      expect(item, `a path to ${target}`).toBeDefined();
      await page.goto(permalinkFor(item?.answers ?? []));
      await page.getByText("Show the summary").click();
      await expectNoAxeViolations(page, `${target} (dark)`);
    });
  }
});

test.describe("narrow screens and zoom", () => {
  // 320 CSS px is a 1280 px window at 400 % zoom (WCAG 1.4.10); 640 px is 200 % zoom.
  for (const width of [320, 640]) {
    test(`a deep step fits ${width} px without sideways scrolling`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      const answers = ["owner", "502", "server-page"];
      await page.goto(permalinkFor(answers));
      await expectStep(page, "proxyUpstream");
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      for (const locator of [
        page.getByRole("heading", { level: 1 }),
        answerLink(page, "connection-refused"),
        page.getByRole("figure", { name: /request breaks/ }),
        page.getByRole("button", { name: "Copy summary" }),
      ]) {
        const box = await locator.boundingBox();
        expect(box).not.toBeNull();
        expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= width).toBe(true);
      }
    });
  }

  for (const scheme of ["light", "dark"] as const) {
    test(`screenshots at 320 px, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 320, height: 900 });
      await page.goto(permalinkFor(["owner", "502", "server-page"]));
      await page.screenshot({
        path: path.join(screenshotDir, `wizard-320-${scheme}.png`),
        fullPage: true,
      });
      await page.goto(permalinkFor(["owner", "502", "nope"]));
      await page.screenshot({ path: path.join(screenshotDir, `wizard-404-320-${scheme}.png`) });
    });
  }
});

test("answers are links with their labels as names, and focus is visible on them", async ({
  page,
}) => {
  await page.goto(permalinkFor(["owner"]));
  const link = answerLink(page, "502");
  await expect(link).toHaveAccessibleName("502 Bad Gateway");
  await link.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  const outline = await link.evaluate((el) => {
    const style = getComputedStyle(el);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
  await page.keyboard.press("Enter");
  await expectStep(page, "whoRendered");
});

test("the request-path picture names the suspected hop in text, not only in colour", async ({
  page,
}) => {
  await page.goto(permalinkFor(["owner", "502", "server-page"]));
  const figure = page.getByRole("figure", { name: /suspects the Load balancer \/ proxy/ });
  await expect(figure).toBeVisible();
  const hops = figure.getByRole("listitem");
  await expect(hops).toHaveCount(6);
  await expect(hops.nth(3)).toHaveText(/Load balancer \/ proxy\s*Suspected/);
  await expect(figure.getByText("Suspected")).toHaveCount(1);
  // A state that suspects no hop says so instead.
  await page.goto(permalinkFor([]));
  await expect(page.getByRole("figure", { name: /does not point at one hop yet/ })).toBeVisible();
  await expect(page.getByRole("figure").getByText("Suspected")).toHaveCount(0);
});

test.describe("with reduced motion", () => {
  test.use({ contextOptions: { reducedMotion: "reduce" } });

  test("steps change without animation or smooth scrolling", async ({ page }) => {
    await page.goto(permalinkFor(["owner"]));
    await answerLink(page, "504").click();
    await expectStep(page, "timeoutWhichLayer");
    const motion = await page.evaluate(() => {
      const styles = [document.documentElement, ...document.querySelectorAll(".wizard *")].map(
        (el) => getComputedStyle(el),
      );
      return {
        smooth: styles.some((style) => style.scrollBehavior === "smooth"),
        animated: styles.some((style) => parseFloat(style.animationDuration) > 0.01),
        transitions: styles.some((style) => parseFloat(style.transitionDuration) > 0.01),
      };
    });
    expect(motion).toEqual({ smooth: false, animated: false, transitions: false });
  });
});

test("the print stylesheet prints the diagnosis, not the page furniture", async ({ page }) => {
  const answers = ["owner", "502", "server-page"];
  await page.goto(permalinkFor(answers));
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(page.getByRole("region", { name: "Save or share this diagnosis" })).toBeHidden();
  await expect(page.getByRole("button", { name: /^Copy / }).first()).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Your answers so far" })).toBeVisible();
  await expect(page.getByText(/^Permalink: http/)).toBeVisible();
  // Printed in dark mode, text must still be dark on white paper.
  const colors = await page.evaluate(() => ({
    text: getComputedStyle(document.body).color,
    background: getComputedStyle(document.body).backgroundColor,
  }));
  expect(colors.background).toBe("rgb(255, 255, 255)");
  expect(colors.text).not.toBe("rgb(229, 231, 235)");
  await page.pdf({ path: path.join(screenshotDir, "wizard-print.pdf") });
});
