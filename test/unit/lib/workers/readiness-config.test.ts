import { describe, expect, it } from "vitest";
import { readyz } from "@/lib/workers/health";

// Its own file: the probe settings are read once per process (getProbeConfig caches them).
describe("readiness with invalid probe settings", () => {
  it("answers 503 naming the setting, since every check would be refused", async () => {
    process.env.PROBE_TIMEOUT_MS = "soon";
    try {
      const response = await readyz();
      expect(response.status).toBe(503);
      const body = (await response.json()) as { checks: { name: string; detail: string }[] };
      expect(body.checks[0]).toMatchObject({ name: "config" });
      expect(body.checks[0]?.detail).toContain("PROBE_TIMEOUT_MS");
    } finally {
      delete process.env.PROBE_TIMEOUT_MS;
    }
  });
});
