import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { appPort } from "./app-server";
import { labDir } from "./lab-server";
import { CHECK_URL_LABEL } from "./wizard.helpers";

// The no-JavaScript check runs the probe inside the form's own request. When the browser leaves
// (a new address, Stop, a closed tab), the server must stop probing: otherwise each abandoned
// form keeps one of the visitor's concurrent probes until the deadline. The lab's "hang" server
// accepts the connection and never answers, so only cancellation can end those probes early
// (the lab's phase limit is 5 s, test/e2e/lab-server.ts).

test.skip(
  Boolean(process.env.BASE_URL),
  "needs the app started by the test run, aimed at the failure lab (test/e2e/lab-server.ts)",
);
test.use({ javaScriptEnabled: false });

function labUrl(scenario: string): string {
  const urls = JSON.parse(readFileSync(path.join(labDir(appPort), "urls.json"), "utf8")) as Record<
    string,
    string
  >;
  return urls[scenario]!;
}

/** The app trusts one proxy here, so X-Forwarded-For names the client (lab-server.ts). */
const CLIENT = "198.51.100.231";

/** Asks the JSON route, as the same client, whether it may start a probe now. */
async function busy(request: APIRequestContext): Promise<boolean> {
  const response = await request.post("/api/probe", {
    headers: { "x-forwarded-for": CLIENT },
    // A refused port is answered before any connection, but only after admission.
    data: { url: "http://app.lab.test:22/" },
  });
  if (response.status() === 429) return (await response.json()).error.code === "busy";
  return false;
}

test("leaving a running no-JavaScript check frees its probe at once", async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    extraHTTPHeaders: { "x-forwarded-for": CLIENT },
  });
  // Two checks: the most one client may run at once (PROBE_MAX_CONCURRENT_PER_CLIENT).
  const pages = [await context.newPage(), await context.newPage()];
  for (const page of pages) {
    await page.goto("/diagnose/owner");
    await page.getByLabel(CHECK_URL_LABEL).fill(labUrl("hang"));
    await page.getByLabel("Requests to send").selectOption("1");
    // The post stays pending while the probe waits on the hanging server.
    void page.getByRole("button", { name: "Check it for me" }).click({ noWaitAfter: true });
  }
  await expect.poll(() => busy(request), { message: "both checks are running" }).toBe(true);

  // The browser leaves both pages; Chromium drops the pending posts' connections.
  await Promise.all(pages.map((page) => page.goto("about:blank")));
  // Well inside the 5 s the probes would otherwise run on.
  await expect
    .poll(() => busy(request), { timeout: 2_500, message: "the probes were cancelled" })
    .toBe(false);
  await context.close();
});
