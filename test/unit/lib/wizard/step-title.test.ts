import { describe, expect, it } from "vitest";
import { titleFromSlug } from "@/lib/wizard/step-title";

describe("titleFromSlug", () => {
  it("turns a kebab-case slug into words with a capital first letter", () => {
    expect(titleFromSlug("cloudflare-525")).toBe("Cloudflare 525");
    expect(titleFromSlug("keep-alive-mismatch")).toBe("Keep alive mismatch");
  });

  it("turns a lowerCamel state id into words the same way", () => {
    expect(titleFromSlug("keepAliveMismatch")).toBe("Keep alive mismatch");
    expect(titleFromSlug("cf525")).toBe("Cf 525");
  });
});
