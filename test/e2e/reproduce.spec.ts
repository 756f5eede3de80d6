import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { parseHurl } from "@/test/unit/lib/reproduce/hurl-grammar";
import { labCaFile, labUrl } from "./lab-urls";
import { CHECK_URL_LABEL } from "./wizard.helpers";

// The reproduce kit end to end: the browser runs a check against the failure lab, the test
// reads the curl command from the page, runs it with the real curl (loopback only: the
// command pins the lab's address with --resolve) and must get the status the check saw.

const run = promisify(execFile);

test.skip(Boolean(process.env.BASE_URL), "needs the app aimed at the failure lab");

// Every test is its own client for the probe's limits (the app trusts X-Forwarded-For here).
test.beforeEach(async ({ page }, info) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `e2e-${info.testId}-${info.retry}` });
});

async function check(page: Page, path: string, url: string, button: string) {
  await page.goto(path);
  await page.getByLabel(CHECK_URL_LABEL).fill(url);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByTestId("check-report")).toBeVisible({ timeout: 20_000 });
}

/** Runs a command from the page with sh, as a person pasting it would; returns its output. */
async function runFromPage(command: string): Promise<string> {
  expect(command.startsWith("curl ")).toBe(true);
  const { stdout } = await run("sh", ["-c", command], { timeout: 20_000 });
  return stdout;
}

function curlStatus(output: string): { line: string; block: string } {
  const line = /^HTTP\/1\.1 (\d{3})/.exec(output)?.[1] ?? "none";
  const block = /^status {6}(\d{3})$/m.exec(output)?.[1] ?? "none";
  return { line, block };
}

test("the curl command from a failing check reproduces its 502, and the Hurl file parses", async ({
  page,
}) => {
  await check(page, "/diagnose/owner", labUrl("nginx-dead-upstream"), "Check it for me");
  await expect(page.getByTestId("check-reason")).toContainText("status 502");
  const kit = page.getByTestId("reproduce-kit");
  await kit.locator("summary").click();
  const command = (await kit.getByTestId("reproduce-curl").textContent()) ?? "";
  expect(command).toContain("--resolve 'nginx.lab.test:");
  expect(curlStatus(await runFromPage(command))).toEqual({ line: "502", block: "502" });

  const hurl = parseHurl((await kit.getByTestId("reproduce-hurl").textContent()) ?? "");
  expect(hurl.url).toBe(labUrl("nginx-dead-upstream"));
  expect(hurl.status).toBe(200);
  expect(hurl.asserts).toContainEqual({
    query: "body",
    not: true,
    predicate: "contains",
    value: "502 Bad Gateway",
  });
  await expect(kit.getByRole("button", { name: "Copy curl command" })).toBeVisible();
  await expect(kit.getByRole("button", { name: "Copy Hurl file" })).toBeVisible();
});

test("over https the command works with the lab's CA added, as the page says", async ({ page }) => {
  await check(page, "/diagnose/owner", labUrl("tls-valid"), "Check it for me");
  const kit = page.getByTestId("reproduce-kit");
  await kit.locator("summary").click();
  // The app trusts the lab's private CA; a person's own site needs no --cacert.
  await expect(kit.getByTestId("reproduce-ca-note")).toContainText("--cacert");
  const command = (await kit.getByTestId("reproduce-curl").textContent()) ?? "";
  const withCa = command.replace(/^curl /, `curl --cacert '${labCaFile()}' `);
  expect(curlStatus(await runFromPage(withCa))).toEqual({ line: "200", block: "200" });
});

test("a visitor's check speaks to the visitor, without the owner's commands", async ({ page }) => {
  await check(page, "/diagnose/visitor", labUrl("nginx-dead-upstream"), "Check from our server");
  const explanation = page.getByTestId("verdict-explanation");
  await expect(explanation).toContainText(
    "The site's server answered but the application behind it did not",
  );
  await expect(explanation).toContainText("tell the site's owner");
  await expect(explanation).not.toContainText("port");
  await expect(page.getByTestId("reproduce-kit")).toHaveCount(0);
});
