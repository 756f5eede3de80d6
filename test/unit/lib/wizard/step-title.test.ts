import { describe, expect, it } from "vitest";
import { titleFromSlug } from "@/lib/wizard/step-title";

describe("titleFromSlug", () => {
  it("turns a kebab-case slug into words with a capital first letter", () => {
    expect(titleFromSlug("cloudflare-525")).toBe("Cloudflare 525");
    expect(titleFromSlug("keep-alive-mismatch")).toBe("Keep alive mismatch");
  });
});
