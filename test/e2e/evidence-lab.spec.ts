import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SCENARIO_STATES } from "@/test/support/evidence-scenarios";
import { appPort } from "./app-server";
import { labDir } from "./lab-server";
import {
  CHECK_URL_LABEL,
  clickCounter,
  saveRecordedRuns,
  expectNoAxeViolations,
  expectStep,
} from "./wizard.helpers";

// The failure lab end to end: a browser pastes each failing URL into "Paste the URL that
// fails", the app's live check probes real servers on loopback (nginx in front of broken
// upstreams, TLS servers with bad certificates, dnsmasq for *.lab.test, vendor-style edge
// pages) and the person must land on the right diagnosis in at most two clicks after entering
// the URL. The clicks are counted and written to test/.artifacts/evidence-clicks.json for the
// README's table.

test.skip(
  Boolean(process.env.BASE_URL),
  "needs the app started by the test run, aimed at the failure lab (test/e2e/lab-server.ts)",
);

let urls: Record<string, string> | undefined;

/** The lab's scenario URLs, written by the lab at start-up (read lazily: tests are listed before it starts). */
function labUrl(scenario: string): string {
  urls ??= JSON.parse(readFileSync(path.join(labDir(appPort), "urls.json"), "utf8")) as Record<
    string,
    string
  >;
  const url = urls[scenario];
  if (!url) throw new Error(`The failure lab has no scenario "${scenario}"`);
  return url;
}

// Every test is its own client for the probe's limits (the app trusts X-Forwarded-For here).
test.beforeEach(async ({ page }, info) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `e2e-${info.testId}-${info.retry}` });
});

const URL_LABEL = CHECK_URL_LABEL;

const recorded: Record<string, { before: number; after: number; state: string }> = {};

test.describe("every failure reaches its diagnosis", () => {
  test.afterAll(() => saveRecordedRuns("evidence-clicks.json", recorded));

  for (const [scenario, state] of Object.entries(SCENARIO_STATES)) {
    test(`${scenario} → ${state}`, async ({ page }) => {
      const clicks = clickCounter();
      await page.goto("/");
      await clicks.click(page.getByRole("link", { name: /run the site/ }));
      await expectStep(page, "ownerWhichError");
      const before = clicks.count;

      await page.getByLabel(URL_LABEL).fill(labUrl(scenario));
      await clicks.click(page.getByRole("button", { name: "Check it for me" }));
      const next = page.getByTestId("check-next");
      await expect(next).toBeVisible({ timeout: 20_000 });
      await expect(next).toHaveAttribute("data-step", state);
      await clicks.click(next);

      await expectStep(page, state);
      const after = clicks.count - before;
      expect(after, "clicks after entering the URL").toBeLessThanOrEqual(2);
      recorded[scenario] = { before, after, state };

      // The permalink carries the checked URL, and the trail says which answers were inferred.
      const current = new URL(page.url());
      expect(current.searchParams.get("url")).toBe(new URL(labUrl(scenario)).href);
      await expect(page.getByTestId("evidence-note")).toBeVisible();
      const inferred = page.getByTestId("trail-inferred");
      expect(await inferred.count()).toBeGreaterThan(0);
      // Each answer the check gave shows what it saw, or says it was assumed on the way.
      for (const item of await inferred.all()) {
        await expect(item).toHaveText(/^(seen: \S|assumed: not checked)/);
      }
    });
  }
});

test("shows each phase as it happens and can be cancelled", async ({ page }) => {
  await page.goto("/diagnose/owner");
  await page.getByLabel(URL_LABEL).fill(labUrl("hang"));
  await page.getByLabel("Requests to send").selectOption("1");
  await page.getByRole("button", { name: "Check it for me" }).click();
  const progress = page.getByTestId("check-progress");
  // Connected, and now waiting for an answer that never comes: streamed, not one long spinner.
  await expect(progress.locator('[data-phase="connect"][data-status="done"]')).toBeVisible();
  await expect(progress.locator('[data-phase="firstByte"][data-status="running"]')).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("check-failure")).toHaveAttribute("data-kind", "cancelled");
  await expect(progress).toHaveCount(0);
  // The form works again right away.
  await page.getByLabel(URL_LABEL).fill(labUrl("edge-cloudflare-522"));
  await page.getByRole("button", { name: "Check it for me" }).click();
  await expect(page.getByTestId("check-next")).toHaveAttribute("data-step", "cf522");
});

test("refuses a port outside the allow list and a private address, and points to the answers", async ({
  page,
}) => {
  await page.goto("/diagnose/owner");
  for (const url of ["http://app.lab.test:22/", "http://10.1.2.3/"]) {
    await page.getByLabel(URL_LABEL).fill(url);
    await page.getByRole("button", { name: "Check it for me" }).click();
    const failure = page.getByTestId("check-failure");
    await expect(failure).toHaveAttribute("data-kind", "refused");
    await expect(failure).toContainText("We can't check this address");
    await expect(failure.getByRole("link", { name: "Go to the answers" })).toBeVisible();
  }
  await page.getByLabel(URL_LABEL).fill("ftp://example.com/");
  await page.getByRole("button", { name: "Check it for me" }).click();
  await expect(page.getByTestId("check-failure")).toHaveAttribute("data-kind", "invalid");
});

test("says when the rate limit is reached, with Retry-After", async ({ page }, info) => {
  const client = `e2e-${info.testId}-${info.retry}`;
  // The limit counts every admitted request; refused targets are the cheapest way to use it up.
  for (let i = 0; i < 20; i++) {
    const response = await page.request.post("/api/probe", {
      headers: { "x-forwarded-for": client },
      data: { url: "http://app.lab.test:22/" },
    });
    expect(response.status()).toBe(422);
  }
  await page.goto("/diagnose/owner");
  await page.getByLabel(URL_LABEL).fill(labUrl("ok"));
  await page.getByRole("button", { name: "Check it for me" }).click();
  const failure = page.getByTestId("check-failure");
  await expect(failure).toHaveAttribute("data-kind", "rate-limited");
  await expect(failure.getByTestId("retry-after")).toContainText(/Try again in \d+ seconds?/);
});

test("a healthy site: nothing wrong from here, and a next step all the same", async ({ page }) => {
  await page.goto("/diagnose/owner");
  await page.getByLabel(URL_LABEL).fill(labUrl("nginx-ok"));
  await page.getByRole("button", { name: "Check it for me" }).click();
  await expect(page.getByRole("heading", { name: "Nothing wrong from here" })).toBeVisible();
  await expect(page.getByTestId("check-next")).toHaveAttribute("data-step", "intermittentPattern");
});

test("a visitor learns it is down for everyone, or just them", async ({ page }) => {
  await page.goto("/diagnose/visitor");
  await page.getByLabel(URL_LABEL).fill(labUrl("nginx-dead-upstream"));
  await page.getByRole("button", { name: "Check from our server" }).click();
  await expect(page.getByTestId("check-next")).toHaveAttribute("data-step", "visitorSiteDown");
  await page.getByLabel(URL_LABEL).fill(labUrl("ok"));
  await page.getByRole("button", { name: "Check from our server" }).click();
  await expect(page.getByTestId("check-next")).toHaveAttribute("data-step", "visitorHardRefresh");
});

test("origin-direct with the origin IP: a healthy origin means the edge cannot reach it", async ({
  page,
}) => {
  await page.goto("/diagnose/owner/502/cdn-page/no-incident");
  await expectStep(page, "originDirect");
  await page.getByLabel(URL_LABEL).fill(labUrl("ok"));
  await page.getByLabel(/Origin server's IP address/).fill("127.0.0.1");
  await page.getByRole("button", { name: "Test the origin" }).click();
  await expect(page.getByTestId("check-report")).toContainText("sent to 127.0.0.1");
  await page.getByTestId("check-next").click();
  await expectStep(page, "edgeCannotReachOrigin");
});

test("a shared link pre-fills the check and runs it only on a click", async ({ page }) => {
  await page.goto("/diagnose/owner");
  await page.getByLabel(URL_LABEL).fill(labUrl("edge-cloudflare-526"));
  await page.getByRole("button", { name: "Check it for me" }).click();
  const link = await page.getByTestId("check-next").getAttribute("href");
  expect(link).toMatch(/^\/diagnose\/owner\/cloudflare-52x\/526\?url=/);

  // The recipient: a fresh page, same link.
  const recipient = await page.context().newPage();
  await recipient.goto(link!);
  await expectStep(recipient, "cf526");
  await expect(recipient.getByLabel(URL_LABEL)).toHaveValue(labUrl("edge-cloudflare-526"));
  const rerun = recipient.getByRole("button", { name: "Re-run this check" });
  await expect(rerun).toBeVisible();
  await expect(recipient.getByTestId("check-report")).toHaveCount(0);
  // The copied summary carries the evidence, with the time zone named.
  const summary = await recipient.getByTestId("wizard-summary").textContent();
  expect(summary).toContain("## Evidence from a live check");
  expect(summary).toMatch(/at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  expect(summary).toContain("Reference id: 8f3a2c1d4b5e6f70");
  expect(summary).toContain("(seen by the check: the response's status was 526)");
  await rerun.click();
  await expect(recipient.getByTestId("check-report")).toHaveAttribute(
    "data-verdict",
    "bad-gateway",
  );
  await recipient.close();
});

test("the results view passes axe", async ({ page }) => {
  await page.goto("/diagnose/owner");
  await page.getByLabel(URL_LABEL).fill(labUrl("tls-expired"));
  await page.getByRole("button", { name: "Check it for me" }).click();
  await expect(page.getByTestId("tls-card")).toContainText("expired");
  await expect(page.getByTestId("check-sample")).toHaveCount(3);
  await expectNoAxeViolations(page, "the live check's results");
});

test("the embed offers the check unless the host turns it off, and keeps links in the frame", async ({
  page,
}) => {
  await page.goto("/embed/owner?check=0");
  await expectStep(page, "ownerWhichError");
  await expect(page.getByTestId("live-check")).toHaveCount(0);
  await page.goto("/embed/owner");
  await page.getByLabel(URL_LABEL).fill(labUrl("edge-cloudflare-524"));
  await page.getByRole("button", { name: "Check it for me" }).click();
  await expect(page.getByTestId("check-next")).toHaveAttribute(
    "href",
    /^\/embed\/owner\/cloudflare-52x\/524\?/,
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the check is a form the server answers, with the next step", async ({ page }) => {
    const clicks = clickCounter();
    await page.goto("/");
    await clicks.click(page.getByRole("link", { name: /run the site/ }));
    const before = clicks.count;
    await page.getByLabel(URL_LABEL).fill(labUrl("edge-cloudflare-521"));
    await clicks.click(page.getByRole("button", { name: "Check it for me" }));
    await expect(page.getByTestId("check-report")).toHaveAttribute("data-verdict", "bad-gateway");
    await expect(page.getByTestId("check-sample")).toHaveCount(3);
    await clicks.click(page.getByTestId("check-next"));
    await expectStep(page, "cf521");
    expect(clicks.count - before).toBeLessThanOrEqual(2);
    await expect(page.getByTestId("trail-inferred").first()).toContainText(
      "seen: the response's status was 521",
    );
  });

  test("a refused target gets the same explanation as with JavaScript", async ({ page }) => {
    await page.goto("/diagnose/owner");
    await page.getByLabel(URL_LABEL).fill("http://app.lab.test:22/");
    await page.getByRole("button", { name: "Check it for me" }).click();
    await expect(page.getByTestId("check-failure")).toHaveAttribute("data-kind", "refused");
  });
});
