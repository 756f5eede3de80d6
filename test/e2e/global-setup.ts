import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import { chromiumPath } from "./browser";

// Runs once before all browser tests (after the web servers are up). Fails fast with a clear
// message instead of a timeout buried in the first test.
export default function globalSetup(): void {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install Debian's chromium (apt-get install chromium) ` +
        "or set CHROMIUM_PATH; Playwright is configured never to download a browser.",
    );
  }
  mkdirSync(path.resolve(__dirname, "../.artifacts/screenshots"), { recursive: true });
}
