import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Tests of the production build's output in .next, run after `next build` (test/run-all.sh).
export default defineConfig({
  root,
  resolve: {
    alias: { "@/": root },
  },
  test: {
    include: ["test/build/**/*.test.ts"],
    environment: "node",
    // Naming the modules behind an over-budget chunk bundles them again with esbuild.
    testTimeout: 60_000,
    reporters: ["default"],
  },
});
