import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { appPort, appServerEnv, baseURL, extraWebServers } from "./e2e/app-server";
import { chromiumPath, quietChromiumArgs } from "./e2e/browser";

const ci = Boolean(process.env.CI);

// Specs that need servers for the whole run (the test lab, a DNS server) add a file
// test/e2e/setup/<name>.setup.ts whose default export starts them and returns a function that
// stops them. They run after the app server is up, in file-name order.
const setupDir = path.join(__dirname, "e2e", "setup");
const extraGlobalSetups = existsSync(setupDir)
  ? readdirSync(setupDir)
      .filter((name) => name.endsWith(".setup.ts"))
      .sort()
      .map((name) => `./e2e/setup/${name}`)
  : [];

// The runner script builds first; a bare `npm run test:e2e` on a fresh clone builds here so it
// never serves a stale or missing build by accident.
const startApp = `{ [ -f .next/BUILD_ID ] || npx next build; } && exec npx next start --hostname 127.0.0.1 --port ${appPort}`;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "./.artifacts/results",
  globalSetup: ["./e2e/global-setup.ts", ...extraGlobalSetups],
  fullyParallel: true,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  // Two cores: more workers only make the app server and the browsers fight over them.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { outputFolder: "./.artifacts/report", open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        channel: undefined,
        launchOptions: { executablePath: chromiumPath, args: quietChromiumArgs },
      },
    },
  ],
  // Extra servers start first: the app reads the failure lab's root CA when it starts.
  webServer: process.env.BASE_URL
    ? extraWebServers
    : [
        ...extraWebServers,
        {
          command: startApp,
          cwd: path.resolve(__dirname, ".."),
          url: baseURL,
          env: appServerEnv,
          reuseExistingServer: !ci,
          timeout: 240_000,
          stdout: "ignore",
          stderr: "pipe",
        },
      ],
});
