import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { readContentMetadata } from "@/lib/content/files";
import { screenshotDir } from "./browser";

const doors = [
  { name: "I'm visiting a site that shows 502", href: "/diagnose/visitor" },
  { name: "I run the site", href: "/diagnose/owner" },
] as const;

// Page background per theme, from the CSS variables in app/globals.css.
const backgrounds = { light: "rgb(255, 255, 255)", dark: "rgb(11, 15, 23)" } as const;

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, "axe-core violations").toEqual([]);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`home page, ${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test("says what the tool does and offers both doors", async ({ page }) => {
      const response = await page.goto("/");
      expect(response?.status()).toBe(200);
      await expect(page).toHaveTitle(/Gateway Doctor/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("502 Bad Gateway");
      await expect(page.getByRole("link", { name: "Gateway Doctor" })).toHaveAttribute("href", "/");
      await expect(page.getByRole("link", { name: "Start over" })).toHaveAttribute(
        "href",
        "/diagnose",
      );
      // The question above the doors comes from content/start.mdx through the content pipeline.
      const start = await readContentMetadata("start");
      await expect(page.getByRole("heading", { level: 2, name: start.title })).toBeVisible();
      for (const door of doors) {
        const link = page.getByRole("link", { name: door.name, exact: true });
        await expect(link).toBeVisible();
        await expect(link).toHaveAttribute("href", door.href);
      }
      await expect(page.getByRole("contentinfo")).toBeVisible();

      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(backgrounds[scheme]);

      await page.screenshot({
        path: path.join(screenshotDir, `home-${scheme}.png`),
        fullPage: true,
      });
      // `npm run screenshots` refreshes the README's picture from the same run.
      if (process.env.UPDATE_README_SCREENSHOTS) {
        await page.setViewportSize({ width: 1100, height: 760 });
        await page.screenshot({
          path: path.resolve(
            __dirname,
            `../../public/screenshots/home${scheme === "dark" ? "-dark" : ""}.png`,
          ),
        });
      }
    });

    test("has no axe-core accessibility violations", async ({ page }) => {
      await page.goto("/");
      await expectNoAxeViolations(page);
    });
  });
}

test.describe("keyboard", () => {
  test("the skip link is the first stop and moves focus to the main content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });

  for (const door of doors) {
    test(`reaches "${door.name}" with Tab and follows it with Enter`, async ({ page }) => {
      await page.goto("/");
      const link = page.getByRole("link", { name: door.name, exact: true });
      let reached = false;
      for (let presses = 0; presses < 15 && !reached; presses++) {
        await page.keyboard.press("Tab");
        reached = await link.evaluate((el) => el === document.activeElement);
      }
      expect(reached, `Tab never reached "${door.name}"`).toBe(true);

      // Focus must be visible, not just present.
      const outline = await link.evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(outline.style).not.toBe("none");
      expect(outline.width).toBeGreaterThanOrEqual(2);

      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(door.href);
    });
  }
});

test("a laptop screen shows the purpose and both doors without scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeInViewport();
  for (const door of doors) {
    await expect(page.getByRole("link", { name: door.name, exact: true })).toBeInViewport();
  }
});

test("fits a 320 px wide screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  for (const door of doors) {
    const box = await page.getByRole("link", { name: door.name, exact: true }).boundingBox();
    expect(box, `"${door.name}" is rendered`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("both doors are plain links that work", async ({ page }) => {
    await page.goto("/");
    const link = page.getByRole("link", { name: doors[1].name, exact: true });
    await link.click();
    await expect(page).toHaveURL(doors[1].href);
  });
});

test("an unknown address answers 404 with a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toHaveAttribute(
    "href",
    "/",
  );
  await expectNoAxeViolations(page);
});
