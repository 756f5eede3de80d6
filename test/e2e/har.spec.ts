import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, expect, test, type Page } from "@playwright/test";
import { PLANTED } from "@/test/lab/har/planted";
import { appPort } from "./app-server";
import { chromiumPath, quietChromiumArgs } from "./browser";
import { labDir } from "./lab-server";
import { expectStep } from "./wizard.helpers";

// The HAR drop-in (issue 18): Chromium records a HAR while it loads the failure lab's nginx 502
// with a planted session cookie, an Authorization: Bearer header and a token in the URL; the
// file is then given to /analyze. With JavaScript nothing of it may reach the server; without,
// the server reads it and sends none of its secrets back. Either way the 502 must link to the
// step the live check reaches for the same lab URL (test/support/evidence-scenarios.ts).

test.skip(
  Boolean(process.env.BASE_URL),
  "needs the failure lab started by the test run (test/e2e/lab-server.ts)",
);

/** The lab URL of a scenario, from the file the running lab wrote. */
function labUrl(scenario: string): string {
  const urls = JSON.parse(readFileSync(path.join(labDir(appPort), "urls.json"), "utf8")) as Record<
    string,
    string
  >;
  const url = urls[scenario];
  if (!url) throw new Error(`The failure lab has no scenario "${scenario}"`);
  return url;
}

/** Records a HAR of the lab's nginx 502 with the planted secrets, and returns its path. */
async function recordLabHar(file: string): Promise<string> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    // *.lab.test lives on the lab's own DNS server; this browser is sent straight to loopback.
    args: [...quietChromiumArgs, "--host-resolver-rules=MAP *.lab.test 127.0.0.1"],
  });
  try {
    const context = await browser.newContext({
      recordHar: { path: file, content: "embed" },
      extraHTTPHeaders: { authorization: `Bearer ${PLANTED.bearer}` },
    });
    const url = new URL(labUrl("nginx-dead-upstream"));
    await context.addCookies([{ name: "session", value: PLANTED.cookie, url: url.origin }]);
    url.searchParams.set("access_token", PLANTED.queryToken);
    const page = await context.newPage();
    const response = await page.goto(url.href);
    expect(response?.status(), "the lab answers 502").toBe(502);
    await context.close();
  } finally {
    await browser.close();
  }
  const recorded = readFileSync(file, "utf8");
  // The recording must carry the secrets, or the test below could not fail.
  for (const secret of Object.values(PLANTED)) expect(recorded).toContain(secret);
  return file;
}

/** Everything the page sends: URLs, headers and bodies of every request. */
function recordSent(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (request) => {
    sent.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? "");
  });
  return sent;
}

const NGINX_502_LINK =
  "/diagnose/owner/502/server-page?pasted=1-502%2F2-server-page&finding=nginx-page-502";

test.describe("HAR drop-in with JavaScript", () => {
  test("a Chromium HAR of the lab's 502 is read in the browser, sends no secret, and links to the step", async ({
    page,
  }, info) => {
    const har = await recordLabHar(info.outputPath("lab.har"));
    const sent = recordSent(page);
    const scripts: Promise<string>[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.endsWith(".js"))
        scripts.push(response.text().catch(() => ""));
    });
    /** Whether any script loaded so far carries the HAR sanitiser or the HAR result's markup. */
    const harCodeLoaded = async () =>
      (await Promise.all(scripts)).some(
        (script) => script.includes("no log.entries") || script.includes("Removed before reading"),
      );
    await page.goto("/analyze");
    await expect(page.getByText("Results update as you type or paste.")).toBeVisible();
    // The HAR code is not part of the page's first load (the first-load JavaScript budget)…
    expect(await harCodeLoaded()).toBe(false);
    await page.getByLabel("Or choose a HAR file").setInputFiles(har);

    const result = page.getByTestId("har-result");
    await expect(result.getByRole("heading", { level: 2 })).toContainText(
      "1 failed with a 5xx status",
    );
    await expect(result).toContainText("Removed before reading:");
    const failure = result.getByTestId("har-failure");
    await expect(failure).toHaveCount(1);
    await expect(failure).toContainText("access_token=%5Bremoved%5D");
    await expect(failure).toContainText("nginx/1.22.1");
    // …it loads when a file is chosen.
    expect(await harCodeLoaded()).toBe(true);
    const link = failure.getByRole("link", { name: /Go to the step that fixes this/ }).first();
    await expect(link).toHaveAttribute("href", NGINX_502_LINK);
    // Nothing on the page shows a secret either.
    const shown = await page.locator("main").innerText();
    for (const secret of Object.values(PLANTED)) expect(shown).not.toContain(secret);

    await link.click();
    await expectStep(page, "proxyUpstream");
    for (const secret of Object.values(PLANTED)) {
      expect(
        sent.filter((item) => item.includes(secret)),
        `requests carrying ${secret}`,
      ).toEqual([]);
    }
    // The page did send requests (the chunks it loaded on demand, the step): the check looked.
    expect(sent.length).toBeGreaterThan(3);
  });

  test("a HAR dropped onto the box is read the same way", async ({ page }, info) => {
    const har = readFileSync(await recordLabHar(info.outputPath("dropped.har")), "utf8");
    const sent = recordSent(page);
    await page.goto("/analyze");
    await expect(page.getByText("Results update as you type or paste.")).toBeVisible();
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "dropped.har", { type: "application/json" }));
      return transfer;
    }, har);
    await page.getByTestId("analyzer").dispatchEvent("drop", { dataTransfer });
    const failure = page.getByTestId("har-failure");
    await expect(failure).toHaveCount(1);
    await expect(failure.getByRole("link", { name: /Go to the step/ }).first()).toHaveAttribute(
      "href",
      NGINX_502_LINK,
    );
    for (const secret of Object.values(PLANTED))
      expect(sent.filter((item) => item.includes(secret))).toEqual([]);
  });

  test("a file that is not a HAR gets a reason, not a crash", async ({ page }) => {
    await page.goto("/analyze");
    await expect(page.getByText("Results update as you type or paste.")).toBeVisible();
    await page.getByLabel("Or choose a HAR file").setInputFiles({
      name: "notes.har",
      mimeType: "application/json",
      buffer: Buffer.from("these are notes, not JSON"),
    });
    await expect(page.getByRole("alert").filter({ hasText: "not a HAR file" })).toBeVisible();
  });
});

test.describe("HAR upload without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server sanitises the upload, shows the 502's step, and sends back no secret", async ({
    page,
  }, info) => {
    const har = await recordLabHar(info.outputPath("nojs.har"));
    await page.goto("/analyze");
    await page.getByLabel("Or choose a HAR file").setInputFiles(har);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === "POST"),
      page.getByRole("button", { name: "Analyse" }).click(),
    ]);
    expect(response.status()).toBe(200);
    const failure = page.getByTestId("har-failure");
    await expect(failure).toHaveCount(1);
    await expect(failure.getByRole("link", { name: /Go to the step/ }).first()).toHaveAttribute(
      "href",
      NGINX_502_LINK,
    );
    const html = await response.text();
    for (const secret of Object.values(PLANTED)) expect(html).not.toContain(secret);
  });

  test("a HAR over the form's limit is refused with a reason, never a 500", async ({ page }) => {
    await page.goto("/analyze");
    await page.getByLabel("Or choose a HAR file").setInputFiles({
      name: "huge.har",
      mimeType: "application/json",
      buffer: Buffer.alloc(3 * 1024 * 1024, " "),
    });
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === "POST"),
      page.getByRole("button", { name: "Analyse" }).click(),
    ]);
    expect(response.status()).toBe(413);
    await expect(page.locator("body")).toContainText("the most it may send is 2 MB");
  });
});
