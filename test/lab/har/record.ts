/**
 * Records the HAR files under test/lab/har/ with Debian's Chromium, through Playwright's
 * `recordHar`, while it loads the failure lab's failing pages (test/lab/lab.ts) with a
 * planted session cookie, an `Authorization: Bearer …` header and a token in a query string.
 * The HAR unit tests (test/unit/lib/analyzer/har.test.ts) read these files: real Chromium
 * output, with the planted secrets the sanitiser must remove.
 *
 *   npx tsx test/lab/har/record.ts        rewrites test/lab/har/*.har
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startLab } from "@/test/lab/lab";
import { chromiumPath, quietChromiumArgs } from "@/test/e2e/browser";
import { PLANTED } from "./planted";

/** Scenarios loaded into one HAR: failing pages of three kinds and one that works. */
const SCENARIOS = [
  "nginx-ok",
  "nginx-dead-upstream",
  "edge-cloudflare-502",
  "edge-cloudfront-504",
] as const;

async function main(): Promise<void> {
  const lab = await startLab();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    // The lab's names live on its own DNS server; Chromium is sent straight to loopback.
    args: [...quietChromiumArgs, "--host-resolver-rules=MAP *.lab.test 127.0.0.1"],
  });
  const harPath = path.join(__dirname, "chromium-lab.har");
  try {
    const context = await browser.newContext({
      recordHar: { path: harPath, content: "embed" },
      extraHTTPHeaders: { authorization: `Bearer ${PLANTED.bearer}` },
    });
    const cookieUrls = new Set(SCENARIOS.map((name) => new URL(lab.urls[name]!).origin));
    await context.addCookies(
      [...cookieUrls].map((url) => ({ name: "session", value: PLANTED.cookie, url })),
    );
    const page = await context.newPage();
    for (const scenario of SCENARIOS) {
      const url = new URL(lab.urls[scenario]!);
      url.searchParams.set("access_token", PLANTED.queryToken);
      url.searchParams.set("page", "2");
      await page.goto(url.href);
    }
    await context.close();
  } finally {
    await browser.close();
    await lab.stop();
  }
  // Ports change from run to run; the file is kept as Chromium wrote it otherwise.
  const har = await readFile(harPath, "utf8");
  await writeFile(harPath, `${JSON.stringify(JSON.parse(har), null, 2)}\n`);
  console.log(`wrote ${harPath}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
