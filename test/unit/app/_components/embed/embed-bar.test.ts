import { describe, expect, it } from "vitest";
import { fullSitePath } from "@/app/_components/embed/embed-bar";

describe("the full-site address of an embed path", () => {
  it.each([
    ["/embed", "/diagnose"],
    ["/embed/", "/diagnose"],
    ["/embed/owner/502", "/diagnose/owner/502"],
    ["/embed/owner/502/", "/diagnose/owner/502"],
    // Segments keep their percent-encoding, so an odd permalink reaches the full site's 404 intact.
    ["/embed/owner/%E2%80%AE", "/diagnose/owner/%E2%80%AE"],
  ])("%s → %s", (embedPath, fullPath) => {
    expect(fullSitePath(embedPath)).toBe(fullPath);
  });

  it("falls back to the wizard's start outside /embed", () => {
    expect(fullSitePath("/docs/embed")).toBe("/diagnose");
  });
});
