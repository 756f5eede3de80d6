import path from "node:path";
import type { PlaywrightTestConfig } from "@playwright/test";
import { gatewayLabCommand, labAppEnv, labCommand } from "./lab-server";

// Shared by test/playwright.config.ts: how the app under test is started. Specs that need the
// app configured differently (probe allow-lists pointing at the lab, embed origins) add the
// variables here, because Playwright starts the web server before any globalSetup runs.

/** Loopback port of the `next start` server the browser tests use. */
export const appPort = Number(process.env.PORT ?? 3100);

/** Where the tests reach the app; set BASE_URL to test a server you started yourself. */
export const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${appPort}`;

/**
 * Loopback ports of the help-center pages test/e2e/embed.spec.ts serves. Only `allowed` is in
 * EMBED_ALLOWED_ORIGINS, so the tests see the allow-list admit one origin and refuse another.
 * Derived from the app's port so two runs on different ports do not collide.
 */
export const embedHostPorts = { allowed: appPort + 81, refused: appPort + 82 } as const;

/** Environment of the app server, on top of the test runner's own environment. */
export const appServerEnv: Record<string, string> = {
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
  EMBED_ALLOWED_ORIGINS: `http://127.0.0.1:${embedHostPorts.allowed}`,
  // The live check probes the failure lab (test/e2e/lab-server.ts) on loopback.
  ...labAppEnv(appPort),
  // "Watch this URL" re-runs every 2 s instead of 15, so a browser test sees a lab upstream
  // come back without waiting minutes (app/_components/check/watch-panel.tsx).
  CHECK_WATCH_INTERVAL_MS: "2000",
};

/**
 * Further servers Playwright starts beside the app and stops after the run, e.g.
 * `{ command: "npm run lab", url: "http://127.0.0.1:8081/health", reuseExistingServer: !process.env.CI }`.
 */
export const extraWebServers: Exclude<PlaywrightTestConfig["webServer"], undefined | unknown[]>[] =
  [
    {
      // The failure lab on fixed ports; it writes the root CA the app reads at start-up, so it
      // starts before the app.
      command: labCommand(appPort),
      cwd: path.resolve(__dirname, "../.."),
      wait: { stdout: /failure lab is running/ },
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // Real gateway products in front of broken upstreams (test/e2e/gateway-lab.spec.ts), on
      // fixed ports the app allows; their names resolve through the failure lab's DNS.
      command: gatewayLabCommand(appPort),
      cwd: path.resolve(__dirname, "../.."),
      wait: { stdout: /gateway lab is running/ },
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ];
