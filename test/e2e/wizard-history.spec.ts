import { expect, test, type Page } from "@playwright/test";
import { readContentMetadata } from "@/lib/content/files";
import { ogImagePathFor } from "@/app/_lib/og/state-card";
import { permalinkFor, permalinkForState } from "@/machines/paths";
import { answerLink, expectStep, titleOf, stepOf } from "./wizard.helpers";

const trail = (page: Page) =>
  page.getByRole("navigation", { name: "Your answers so far" }).getByRole("listitem");

test("back, forward and reload keep the state, and focus follows the step", async ({ page }) => {
  await page.goto(permalinkFor([]));
  await answerLink(page, "owner").click();
  await expectStep(page, "ownerWhichError");
  await answerLink(page, "502").click();
  await expectStep(page, "whoRendered");
  await answerLink(page, "server-page").click();
  await expectStep(page, "proxyUpstream");

  await page.goBack();
  await expect(page).toHaveURL(permalinkFor(["owner", "502"]));
  await expectStep(page, "whoRendered");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(trail(page)).toHaveCount(2);

  await page.goBack();
  await expect(page).toHaveURL(permalinkFor(["owner"]));
  await expectStep(page, "ownerWhichError");

  await page.goForward();
  await expect(page).toHaveURL(permalinkFor(["owner", "502"]));
  await expectStep(page, "whoRendered");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  await page.reload();
  await expect(page).toHaveURL(permalinkFor(["owner", "502"]));
  await expectStep(page, "whoRendered");
  await expect(trail(page)).toHaveCount(2);
  await expect(trail(page).nth(1)).toContainText("502 Bad Gateway");
});

test("back from a step reached after an in-page link shows the step the URL names", async ({
  page,
}) => {
  await page.goto(permalinkFor(["owner"]));
  await expectStep(page, "ownerWhichError");
  // An in-page link adds a history entry of its own that the browser makes, not the router;
  // the skip link is on every page.
  await page.getByRole("link", { name: "Skip to main content" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${permalinkFor(["owner"])}#main`);
  await answerLink(page, "502").click();
  await expectStep(page, "whoRendered");

  await page.goBack();
  await expect(page).toHaveURL(`${permalinkFor(["owner"])}#main`);
  await expectStep(page, "ownerWhichError");
  await expect(trail(page)).toHaveCount(1);

  await page.goForward();
  await expect(page).toHaveURL(permalinkFor(["owner", "502"]));
  await expectStep(page, "whoRendered");
});

test("arriving from the home page without a page load puts focus on the step", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  await page.getByRole("link", { name: "I run the site", exact: true }).click();
  await expectStep(page, "ownerWhichError");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  expect(
    await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
  ).toBe(true);
});

test("a prefetched answer opens its step with no request at click time", async ({ page }) => {
  await page.goto(permalinkFor(["owner", "502"]));
  // Links are prefetched once they are on screen.
  await answerLink(page, "server-page").scrollIntoViewIfNeeded();
  await page.waitForLoadState("networkidle");
  const target = permalinkFor(["owner", "502", "server-page"]);
  const requested: string[] = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  // Every request fails from here on; the new step's own links may still try to prefetch.
  await page.route("**/*", (route) => route.abort());
  await answerLink(page, "server-page").click();
  await expectStep(page, "proxyUpstream");
  await expect(page).toHaveURL(target);
  expect(requested).not.toContain(target);
});

test("a step change is announced politely with the progress", async ({ page }) => {
  await page.goto(permalinkFor(["owner"]));
  await answerLink(page, "504").click();
  await expectStep(page, "timeoutWhichLayer");
  const region = page.locator("#wizard-announcer");
  await expect(region).toHaveAttribute("aria-live", "polite");
  await expect(region).toHaveText(await page.getByTestId("wizard-progress").innerText());
  // The 504 layer question can lead to an ending in 2 answers or, at most, in 17.
  await expect(region).toHaveText(/^Step 3 · \d+–\d+ more$/);
});

test("a deep permalink with a detour opens cold at the right state with the whole trail", async ({
  page,
}) => {
  const answers = ["not-sure", "owner", "502", "server-page"];
  const response = await page.goto(permalinkFor(answers));
  expect(response?.status()).toBe(200);
  await expectStep(page, "proxyUpstream");
  await expect(trail(page)).toHaveCount(4);
  await expect(trail(page).first()).toContainText("I'm not sure");
  // Opening a page is not a step change: focus stays where the browser puts it.
  await expect(page.getByRole("heading", { level: 1 })).not.toBeFocused();
});

test("a trail link goes back to change that answer and drops the later ones", async ({ page }) => {
  await page.goto(permalinkFor(["owner", "502", "server-page"]));
  await page
    .getByRole("link", { name: "Change your answer to “Are you visiting the site or running it?”" })
    .click();
  await expect(page).toHaveURL(permalinkFor([]));
  await expectStep(page, "start");
  await expect(page.getByRole("navigation", { name: "Your answers so far" })).toHaveCount(0);
  await answerLink(page, "visitor").click();
  await expectStep(page, "visitorScope");
  await expect(trail(page)).toHaveCount(1);
});

test.describe("copying", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("copy summary holds the path, every answer, the current advice and its commands", async ({
    page,
    baseURL,
  }) => {
    const answers = ["owner", "502", "server-page"];
    await page.goto(permalinkFor(answers));
    await page.getByRole("button", { name: "Copy summary" }).click();
    await expect(page.getByText("Copied to clipboard")).toBeAttached();
    const text = await page.evaluate(() => navigator.clipboard.readText());

    const step = stepOf("proxyUpstream");
    const metadata = await readContentMetadata(step.id);
    expect(text).toContain(`# Gateway Doctor diagnosis: ${metadata.title}`);
    expect(text).toContain(`- Link: ${baseURL}${permalinkFor(answers)}`);
    // A permalink's page is rendered once and served from cache, so it states no time it
    // cannot know (lib/wizard/summary.ts); a check's evidence carries its own time.
    expect(text).not.toContain("- Generated:");
    expect(text).toContain(
      `1. ${await titleOf(stepOf("start"))} → I run the site (owner, developer or ops)`,
    );
    expect(text).toContain(`2. ${await titleOf(stepOf("ownerWhichError"))} → 502 Bad Gateway`);
    expect(text).toContain(
      `3. ${await titleOf(stepOf("whoRendered"))} → A plain web-server page (nginx, Apache…)`,
    );
    expect(text).toContain(`## Current step: ${metadata.title}`);
    expect(text).toContain(metadata.summary);
    expect(text).toContain("### Commands");
    expect(text).toContain("sudo tail -n 50 /var/log/nginx/error.log");
    // The same text is readable on the page for those who cannot use the button.
    await page.getByText("Show the summary").click();
    await expect(page.getByTestId("wizard-summary")).toContainText(metadata.summary);
  });

  test("copy link copies the absolute permalink", async ({ page, baseURL }) => {
    await page.goto(permalinkFor(["visitor", "everyone"]));
    await page.getByRole("button", { name: "Copy link" }).click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toBe(`${baseURL}${permalinkFor(["visitor", "everyone"])}`);
  });
});

test("each state has its own title, description, canonical URL and Open Graph tags", async ({
  page,
  baseURL,
}) => {
  const answers = ["not-sure", "owner", "504"];
  await page.goto(permalinkFor(answers));
  const step = stepOf("timeoutWhichLayer");
  const metadata = await readContentMetadata(step.id);
  await expect(page).toHaveTitle(`${metadata.title} · Gateway Doctor`);
  const meta = (selector: string) => page.locator(selector).first();
  await expect(meta('meta[name="description"]')).toHaveAttribute("content", metadata.summary);
  // Canonical: the shortest permalink of the state; og:url: the path actually shared.
  await expect(meta('link[rel="canonical"]')).toHaveAttribute(
    "href",
    `${baseURL}${permalinkForState(step.id)}`,
  );
  await expect(meta('meta[property="og:url"]')).toHaveAttribute(
    "content",
    `${baseURL}${permalinkFor(answers)}`,
  );
  await expect(meta('meta[property="og:title"]')).toHaveAttribute("content", metadata.title);
  await expect(meta('meta[property="og:description"]')).toHaveAttribute(
    "content",
    metadata.summary,
  );
  await expect(meta('meta[property="og:site_name"]')).toHaveAttribute("content", "Gateway Doctor");
  await expect(meta('meta[name="twitter:title"]')).toHaveAttribute("content", metadata.title);
  await expect(meta('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  // The share image of this very path, and it really is an image.
  const image = meta('meta[property="og:image"]');
  await expect(image).toHaveAttribute("content", `${baseURL}${ogImagePathFor(answers)}`);
  await expect(meta('meta[property="og:image:alt"]')).toHaveAttribute("content", metadata.title);
  const response = await page.request.get((await image.getAttribute("content")) ?? "");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
});
