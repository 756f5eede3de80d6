import { describe, expect, it } from "vitest";
import { extractCommands, extractFencedBlocks } from "@/lib/wizard/commands";
import { listContentIds, readContentSource } from "@/lib/content/files";

const source = `export const metadata = { title: "T" };

Intro.

## Read it

\`\`\`bash
sudo tail -n 50 /var/log/nginx/error.log
\`\`\`

\`\`\`nginx
proxy_read_timeout 120s;
\`\`\`

## In a list

1. Check it:

   \`\`\`bash
   curl -sSI https://example.com/
     --indented-more
   \`\`\`

~~~~sql
SELECT 1;
~~~~

\`\`\`\`text
\`\`\`
not a closing fence above
\`\`\`\`
`;

describe("extractFencedBlocks", () => {
  it("reads every block with its language and nearest heading", () => {
    expect(extractFencedBlocks(source)).toEqual([
      { language: "bash", code: "sudo tail -n 50 /var/log/nginx/error.log", heading: "Read it" },
      { language: "nginx", code: "proxy_read_timeout 120s;", heading: "Read it" },
      {
        language: "bash",
        code: "curl -sSI https://example.com/\n  --indented-more",
        heading: "In a list",
      },
      { language: "sql", code: "SELECT 1;", heading: "In a list" },
      { language: "text", code: "```\nnot a closing fence above", heading: "In a list" },
    ]);
  });

  it("does not take a heading inside a code block for a heading", () => {
    const blocks = extractFencedBlocks("```bash\n# comment\n```\n\n```sh\nls\n```\n");
    expect(blocks.map((block) => block.heading)).toEqual([null, null]);
  });

  it("runs an unclosed block to the end of the file", () => {
    expect(extractFencedBlocks("```bash\necho hi\n")).toEqual([
      { language: "bash", code: "echo hi\n", heading: null },
    ]);
  });
});

describe("extractCommands", () => {
  it("keeps shell and SQL blocks and drops configuration", () => {
    expect(extractCommands(source).map((block) => block.language)).toEqual(["bash", "bash", "sql"]);
  });

  it("finds the commands of a real content file", () => {
    // Every bash fence of a file with commands comes back, in order.
    const id = listContentIds().find((candidate) =>
      readContentSource(candidate).includes("```bash"),
    );
    expect(id).toBeDefined();
    const text = readContentSource(id ?? "");
    const expected = text.split("\n").filter((line) => /^\s*```bash/.test(line)).length;
    expect(extractCommands(text).filter((block) => block.language === "bash")).toHaveLength(
      expected,
    );
  });
});
