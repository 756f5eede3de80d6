import { expect, test, type Page } from "@playwright/test";
import { crossingsThroughUnrelatedBoxes, pointsOfPath } from "@/app/_lib/map/geometry";
import { listSteps } from "@/machines/steps";
import { expectNoAxeViolations } from "./wizard.helpers";

const MAP = "/diagnose/map";

/** The rendered SVG's geometry in its own units: every box and every routed edge. */
async function renderedGeometry(page: Page) {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll("svg a[data-step]")].map((link) => {
      const rect = link.querySelector("rect")!;
      return {
        id: link.getAttribute("data-step")!,
        x: Number(rect.getAttribute("x")),
        y: Number(rect.getAttribute("y")),
        width: Number(rect.getAttribute("width")),
        height: Number(rect.getAttribute("height")),
      };
    });
    const edges = [...document.querySelectorAll("[data-testid=map-edges] path")].map((path) => ({
      fromId: path.getAttribute("data-from")!,
      toId: path.getAttribute("data-to")!,
      d: path.getAttribute("d")!,
    }));
    return { boxes, edges };
  });
}

test("every step is a box and no edge runs through a box it does not connect", async ({ page }) => {
  await page.goto(MAP);
  const { boxes, edges } = await renderedGeometry(page);
  const steps = listSteps();
  expect(boxes.map((box) => box.id).sort()).toEqual(steps.map((step) => step.id).sort());
  expect(edges).toHaveLength(steps.reduce((sum, step) => sum + step.answers.length, 0));
  const routed = edges.map((edge) => ({ ...edge, points: pointsOfPath(edge.d) }));
  // Orthogonal routes only: every path is straight segments, at least a start and an end.
  for (const edge of routed) expect(edge.points.length).toBeGreaterThanOrEqual(2);
  expect(crossingsThroughUnrelatedBoxes(routed, boxes)).toEqual([]);
});

test("the zoom buttons and keys change the drawing's scale", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(MAP);
  const viewport = page.getByRole("region", { name: /Decision diagram/ });
  const svg = viewport.locator("svg").first();
  const scale = page.getByTestId("map-scale");
  await expect(scale).toHaveText("100 %");
  const startWidth = Number(await svg.getAttribute("width"));

  await page.getByRole("button", { name: "Zoom out" }).click();
  await expect(scale).toHaveText("80 %");
  expect(Number(await svg.getAttribute("width"))).toBeCloseTo(startWidth * 0.8, -1);

  await page.getByRole("button", { name: "Zoom in" }).click();
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(scale).toHaveText("125 %");

  // Fit shows the whole drawing inside the viewport.
  await page.getByRole("button", { name: "Fit" }).click();
  const fitted = await viewport.evaluate((box) => ({
    scrollWidth: box.scrollWidth,
    clientWidth: box.clientWidth,
    scrollHeight: box.scrollHeight,
    clientHeight: box.clientHeight,
  }));
  expect(fitted.scrollWidth).toBeLessThanOrEqual(fitted.clientWidth + 1);
  expect(fitted.scrollHeight).toBeLessThanOrEqual(fitted.clientHeight + 1);

  // Keyboard: + on the focused map zooms in, 0 fits again.
  await viewport.focus();
  const fittedText = await scale.textContent();
  await page.keyboard.press("+");
  await expect(scale).not.toHaveText(fittedText ?? "");
  await page.keyboard.press("0");
  await expect(scale).toHaveText(fittedText ?? "");
});

test("two fingers moving apart zoom in, moving together zoom out", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto(MAP);
  const viewport = page.getByRole("region", { name: /Decision diagram/ });
  const scale = page.getByTestId("map-scale");
  await expect(scale).toHaveText("100 %");
  await viewport.scrollIntoViewIfNeeded();
  // Playwright's touchscreen taps with one finger only; a pinch is two touch pointers, sent as
  // the pointer events a phone's browser fires.
  const pinch = (from: number, to: number) =>
    viewport.evaluate(
      (box, [start, end]) => {
        const rect = box.getBoundingClientRect();
        const cx = rect.left + rect.width / 2;
        const cy = rect.top + rect.height / 2;
        const fire = (type: string, id: number, dx: number) =>
          box.dispatchEvent(
            new PointerEvent(type, {
              pointerId: id,
              pointerType: "touch",
              isPrimary: id === 1,
              clientX: cx + dx,
              clientY: cy,
              bubbles: true,
            }),
          );
        fire("pointerdown", 1, -start / 2);
        fire("pointerdown", 2, start / 2);
        for (let step = 1; step <= 4; step++) {
          const gap = start + ((end - start) * step) / 4;
          fire("pointermove", 1, -gap / 2);
          fire("pointermove", 2, gap / 2);
        }
        fire("pointerup", 1, -end / 2);
        fire("pointerup", 2, end / 2);
      },
      [from, to] as const,
    );
  await pinch(100, 150);
  await expect(scale).toHaveText("150 %");
  await pinch(200, 100);
  await expect(scale).toHaveText("75 %");
});

test("opens on the start of the diagnosis, and a box leads to its step", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto(MAP);
  const viewport = page.getByRole("region", { name: /Decision diagram/ });
  const start = page.locator('svg a[data-step="start"]');
  // The map's own scrolling shows the start box, not the drawing's empty top-left corner.
  await expect
    .poll(async () => {
      const [frame, box] = await Promise.all([viewport.boundingBox(), start.boundingBox()]);
      if (!frame || !box) return false;
      return (
        box.x >= frame.x &&
        box.x + box.width <= frame.x + frame.width &&
        box.y >= frame.y &&
        box.y + box.height <= frame.y + frame.height
      );
    })
    .toBe(true);
  await start.click();
  await expect(page).toHaveURL("/diagnose");
});

test.describe("symptom search", () => {
  test("finds the steps for a refused connection and links to them", async ({ page }) => {
    await page.goto(MAP);
    await page
      .getByRole("searchbox", { name: "Symptom or error message" })
      .fill("Connection REFUSED");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(`${MAP}?q=Connection+REFUSED`);
    const hits = page.getByRole("list", { name: "Matching steps" }).getByRole("link");
    // content/cf521.mdx: "Your origin refused Cloudflare's connection…".
    await expect(hits.filter({ hasText: "Fix Cloudflare error 521" })).toHaveCount(1);
    await hits.filter({ hasText: "Fix Cloudflare error 521" }).click();
    await expect(page).toHaveURL(/\/diagnose\/owner\/cloudflare-52x\/521$/);
  });

  test("says clearly when nothing matches and never runs the query as HTML", async ({ page }) => {
    await page.goto(`${MAP}?q=${encodeURIComponent("<i>qqzx</i>")}`);
    await expect(page.getByRole("status").filter({ hasText: "Nothing matches" })).toContainText(
      "<i>qqzx</i>",
    );
    await expect(page.locator("main i")).toHaveCount(0);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the form works and the map is a plain scrollable drawing", async ({ page }) => {
      await page.goto(MAP);
      await page.getByRole("searchbox", { name: "Symptom or error message" }).fill("timeout");
      await page.getByRole("button", { name: "Search" }).click();
      await expect(
        page.getByRole("list", { name: "Matching steps" }).getByRole("link"),
      ).not.toHaveCount(0);
      // The zoom buttons need JavaScript, so they are not offered without it.
      await expect(page.getByRole("button", { name: "Zoom in" })).toHaveCount(0);
      await expect(page.locator('svg a[data-step="start"]')).toHaveCount(1);
    });
  });
});

for (const width of [375, 1280]) {
  test(`axe-core finds nothing at ${width} px, with search results shown`, async ({ page }) => {
    // axe walks ~90 links, ~230 paths and the full text list: over 30 s on the busy test machine.
    test.slow();
    await page.setViewportSize({ width, height: width === 375 ? 667 : 800 });
    await page.goto(`${MAP}?q=502`);
    await expect(page.getByRole("list", { name: "Matching steps" })).toBeVisible();
    await expectNoAxeViolations(page, `${MAP} at ${width} px`);
  });
}

test.describe("dark scheme", () => {
  test.use({ colorScheme: "dark" });

  test("axe-core finds nothing on the map at 1280 px", async ({ page }) => {
    test.slow();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(MAP);
    await expectNoAxeViolations(page, `${MAP} in the dark scheme`);
  });
});
