import { describe, expect, it } from "vitest";
import { buildSummary } from "@/lib/wizard/summary";

describe("the copied summary of a step reached by a live check", () => {
  const base = {
    url: "https://gd.example/diagnose/owner/cloudflare-52x/521?url=https%3A%2F%2Fshop.example%2F",
    generatedAt: new Date("2026-03-01T14:10:00Z"),
    current: { title: "Cloudflare 521", summary: null, outcome: false, commands: [] },
  };

  it("lists the evidence and marks the answers the check inferred", () => {
    const text = buildSummary({
      ...base,
      answers: [
        { question: "Who are you?", answer: "I run the site" },
        {
          question: "Which error do you see?",
          answer: "A Cloudflare 520–530 error",
          inferredFrom: "server: cloudflare, status 521 → the origin refused",
        },
      ],
      evidence: ["- Checked: https://shop.example/ at 2026-03-01 14:05:09 UTC", "- Status: 521"],
    });
    expect(text).toContain(
      "## Evidence from a live check\n\n- Checked: https://shop.example/ at 2026-03-01 14:05:09 UTC\n- Status: 521\n",
    );
    expect(text).toContain("1. Who are you? → I run the site\n");
    expect(text).toContain(
      "2. Which error do you see? → A Cloudflare 520–530 error (seen by the check: server: cloudflare, status 521 → the origin refused)",
    );
  });

  it("says an answer nothing observed was assumed, not checked", () => {
    const text = buildSummary({
      ...base,
      answers: [
        {
          question: "Check the DNS records",
          answer: "The records point at the right server",
          inferredFrom: "not checked: it lies on the way to the step the check points to",
          inferredBy: "assumed",
        },
      ],
    });
    expect(text).toContain(
      "1. Check the DNS records → The records point at the right server (assumed, not checked)\n",
    );
    expect(text).not.toContain("seen by the check");
  });

  it("has no evidence section without a check", () => {
    const text = buildSummary({ ...base, answers: [] });
    expect(text).not.toContain("Evidence");
  });
});
