import { describe, expect, it } from "vitest";
import { escapeAttribute, snippetFor } from "@/lib/embed/snippet-text";

describe("the snippet text", () => {
  it("is one line with the embed script of the site", () => {
    expect(snippetFor("https://doctor.example")).toBe(
      '<script src="https://doctor.example/embed.js" defer></script>',
    );
  });

  it("carries the chosen options as data attributes, leaving out empty ones", () => {
    expect(
      snippetFor("https://doctor.example", {
        answers: "owner/502",
        theme: "dark",
        accent: "#0f766e",
        "live-check": "false",
        escalate: "",
      }),
    ).toBe(
      '<script src="https://doctor.example/embed.js" data-answers="owner/502" data-theme="dark" data-accent="#0f766e" data-live-check="false" defer></script>',
    );
  });

  it("escapes what would end an attribute or start a tag", () => {
    expect(escapeAttribute(`"><script>&`)).toBe("&quot;&gt;&lt;script&gt;&amp;");
    expect(snippetFor("https://d.example", { "escalate-label": 'Say "hi"' })).toContain(
      'data-escalate-label="Say &quot;hi&quot;"',
    );
  });
});
