import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { appPort, appServerEnv, baseURL, extraWebServers } from "./e2e/app-server";
import { chromiumPath, quietChromiumArgs } from "./e2e/browser";

const ci = Boolean(process.env.CI);

// The runner script builds first; a bare `npm run test:e2e` on a fresh clone builds here so it
// never serves a stale or missing build by accident.
const startApp = `{ [ -f .next/BUILD_ID ] || npx next build; } && exec npx next start --hostname 127.0.0.1 --port ${appPort}`;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "./.artifacts/results",
  globalSetup: "./e2e/global-setup.ts",
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
  webServer: process.env.BASE_URL
    ? extraWebServers
    : [
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
        ...extraWebServers,
      ],
});
