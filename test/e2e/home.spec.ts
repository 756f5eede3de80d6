import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { readContentMetadata } from "@/lib/content/files";
import { screenshotDir } from "./browser";
import { CHECK_URL_LABEL } from "./wizard.helpers";

const doors = [
  { name: "I'm visiting a site that shows 502", href: "/diagnose/visitor" },
  { name: "I run the site", href: "/diagnose/owner" },
] as const;

// The header's links: the site's sections, then a way back to the first question.
const headerLinks = [
  ["Analyze", "/analyze"],
  ["Map", "/diagnose/map"],
  ["Embed", "/docs/embed"],
  ["Start over", "/diagnose"],
] as const;

// A log line nginx writes when nothing listens on the upstream's port (signals.md; observed in
// the lab, nginx 1.22): the analyzer names the refused connection.
const refusedLogLine =
  '2026/11/21 01:02:03 [error] 1187#1187: *42 connect() failed (111: Connection refused) while connecting to upstream, client: 203.0.113.7, server: example.com, request: "GET / HTTP/1.1", upstream: "http://127.0.0.1:8000/", host: "example.com"';

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
      const nav = page.getByRole("navigation", { name: "Site" });
      for (const [name, href] of headerLinks) {
        await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
      }
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

for (const javaScriptEnabled of [false, true]) {
  test.describe(`ways in, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("“Paste the URL that fails” opens the owner's check with the URL filled in", async ({
      page,
    }) => {
      await page.goto("/");
      await page.getByLabel("Paste the URL that fails").fill("https://shop.example.com/checkout");
      await page.getByRole("button", { name: "Go to the check" }).click();
      await expect(page).toHaveURL("/diagnose/owner?url=https%3A%2F%2Fshop.example.com%2Fcheckout");
      await expect(page.getByLabel(CHECK_URL_LABEL)).toHaveValue(
        "https://shop.example.com/checkout",
      );
      // Nothing was checked yet: a first check, not a re-run of one the link does not hold.
      await expect(page.getByRole("button", { name: "Re-run this check" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Check it for me" })).toBeVisible();
    });

    test("“Paste the error or log lines” shows the analysis on /analyze", async ({ page }) => {
      await page.goto("/");
      await page.getByLabel("Paste the error or log lines").fill(refusedLogLine);
      await page.getByRole("button", { name: "Analyse" }).click();
      await expect(page).toHaveURL("/analyze");
      // The analyzer box comes back holding the paste, with its findings below it.
      await expect(page.getByRole("textbox", { name: "Paste what you see" })).toHaveValue(
        refusedLogLine,
      );
      await expect(page.getByTestId("analyzer")).toContainText(/refused/i);
    });

    test("the symptom search goes to the map's results", async ({ page }) => {
      await page.goto("/");
      await page
        .getByRole("searchbox", { name: "Symptom or error message" })
        .fill("gateway timeout");
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL("/diagnose/map?q=gateway+timeout");
      await expect(
        page.getByRole("list", { name: "Matching steps" }).getByRole("link"),
      ).not.toHaveCount(0);
    });
  });
}

test("“Let the wizard help you decide” goes to the not-sure step, not the same question", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Let the wizard help you decide" }).click();
  await expect(page).toHaveURL("/diagnose/not-sure");
  const notSure = await readContentMetadata("startNotSure");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(notSure.title);
});

test("the header's links fit a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto("/");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  for (const [name] of headerLinks) {
    const link = page.getByRole("navigation", { name: "Site" }).getByRole("link", { name });
    await expect(link).toBeInViewport({ ratio: 1 });
    // WCAG 2.5.8: a target at least 24 px high.
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(24);
  }
});

test("the favicon and app icons are served", async ({ request, page }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  await page.goto("/");
  for (const selector of [
    'link[rel="icon"][type="image/svg+xml"]',
    'link[rel="apple-touch-icon"]',
  ]) {
    const href = await page.locator(selector).first().getAttribute("href");
    expect(href, selector).toBeTruthy();
    const icon = await request.get(href!);
    expect(icon.status(), href!).toBe(200);
  }
  const apple = await request.get(
    (await page.locator('link[rel="apple-touch-icon"]').getAttribute("href"))!,
  );
  // A PNG's width and height are big-endian at bytes 16–23 of its header.
  const png = await apple.body();
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);
});

// `npm run screenshots` writes the README's pictures: each page on a phone and on a laptop.
test.describe("README screenshots", () => {
  test.skip(
    !process.env.UPDATE_README_SCREENSHOTS,
    "only when refreshing the README (npm run screenshots)",
  );
  const pages = [
    { name: "home", path: "/" },
    // The owner's first question: its answers and the live check.
    { name: "question", path: "/diagnose/owner" },
    // A fix deep in the owner path: nothing listens where nginx forwards requests.
    { name: "fix", path: "/diagnose/owner/502/server-page/connection-refused" },
    { name: "map", path: "/diagnose/map" },
  ];
  const screens = [
    { name: "phone", width: 375, height: 667 },
    { name: "laptop", width: 1280, height: 800 },
  ];
  for (const shot of pages) {
    for (const screen of screens) {
      test(`${shot.name} on a ${screen.name}`, async ({ page }) => {
        await page.setViewportSize({ width: screen.width, height: screen.height });
        await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
        const response = await page.goto(shot.path);
        expect(response?.status()).toBe(200);
        await page.waitForLoadState("networkidle");
        await page.screenshot({
          path: path.resolve(__dirname, `../../public/screenshots/${shot.name}-${screen.name}.png`),
        });
      });
    }
  }
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
