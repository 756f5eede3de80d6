import { describe, expect, it } from "vitest";
import { buildSummary, formatUtc } from "@/lib/wizard/summary";

const base = {
  url: "https://gateway.example/diagnose/owner/502",
  generatedAt: new Date("2026-03-01T14:05:09Z"),
  answers: [
    { question: "Are you visiting the site or running it?", answer: "I run the site" },
    { question: "Which error do you see?", answer: "502 Bad Gateway" },
  ],
  current: {
    title: "Who rendered the error page?",
    summary: "Tells a CDN page from a web-server page.",
    outcome: false,
    commands: [
      { language: "bash", code: "curl -sSI https://example.com/", heading: "Look at the headers" },
      {
        language: "bash",
        code: "curl -sS -D - -o /dev/null https://example.com/",
        heading: "Look at the headers",
      },
      { language: "sql", code: "SELECT 1;", heading: null },
    ],
  },
};

describe("formatUtc", () => {
  it("prints the date, minutes and the zone", () => {
    expect(formatUtc(new Date("2026-03-01T14:05:59.999Z"))).toBe("2026-03-01 14:05 UTC");
  });
});

describe("buildSummary", () => {
  it("leaves the time out when it has none: a cached page cannot know when it is copied", () => {
    const text = buildSummary({ ...base, generatedAt: null });
    expect(text).not.toContain("Generated");
    expect(text).toContain(
      "- Link: https://gateway.example/diagnose/owner/502\n\n## Answers so far",
    );
  });

  it("writes title, link, time, each answer, the current advice and its commands", () => {
    expect(buildSummary(base)).toBe(`# Gateway Doctor diagnosis: Who rendered the error page?

- Link: https://gateway.example/diagnose/owner/502
- Generated: 2026-03-01 14:05 UTC

## Answers so far

1. Are you visiting the site or running it? → I run the site
2. Which error do you see? → 502 Bad Gateway

## Current step: Who rendered the error page?

Tells a CDN page from a web-server page.

### Commands

Look at the headers:

\`\`\`bash
curl -sSI https://example.com/
\`\`\`

\`\`\`bash
curl -sS -D - -o /dev/null https://example.com/
\`\`\`

\`\`\`sql
SELECT 1;
\`\`\`
`);
  });

  it("calls an ending an outcome and says when nothing was answered", () => {
    const text = buildSummary({
      ...base,
      answers: [],
      current: { title: "Fixed", summary: null, outcome: true, commands: [] },
    });
    expect(text).toContain("None yet: this is the first question.");
    expect(text).toContain("## Outcome: Fixed");
    expect(text).not.toContain("### Commands");
  });

  it("fences code that itself holds backticks with a longer fence", () => {
    const text = buildSummary({
      ...base,
      current: {
        ...base.current,
        commands: [{ language: "bash", code: "echo ```", heading: null }],
      },
    });
    expect(text).toContain("````bash\necho ```\n````");
  });

  it("keeps multi-line labels on their list line", () => {
    const text = buildSummary({ ...base, answers: [{ question: "A\nB", answer: "C\n\nD" }] });
    expect(text).toContain("1. A B → C D");
  });
});
