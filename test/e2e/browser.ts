import path from "node:path";

/** Debian's chromium; the tests never download a browser. Override with CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Folder for screenshots tests keep as artifacts (git-ignored). */
export const screenshotDir = path.resolve(__dirname, "../.artifacts/screenshots");

/** Chromium flags that keep a test browser from calling home while the tests run. */
export const quietChromiumArgs = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--metrics-recording-only",
];
