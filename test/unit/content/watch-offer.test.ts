import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every fix step's "Check that it worked" offers to watch the site until it works (issue 18),
// so a fix step added later does not quietly leave it out.

const CONTENT = path.resolve(__dirname, "../../../content");

/** The text of a file's "Check that it worked" section, or null when it has none. */
function checkSection(source: string): string | null {
  const start = source.indexOf("## Check that it worked");
  if (start === -1) return null;
  const next = source.indexOf("\n## ", start + 3);
  return source.slice(start, next === -1 ? undefined : next);
}

const files = readdirSync(CONTENT).filter((name) => name.endsWith(".mdx"));
const withSection = files.filter((name) =>
  checkSection(readFileSync(path.join(CONTENT, name), "utf8")),
);

describe("'Check that it worked' offers a watch", () => {
  it("is found in the fix steps", () => {
    expect(withSection.length).toBeGreaterThanOrEqual(40);
  });

  it.each(withSection)("%s has <WatchUntilFixed /> in that section", (name) => {
    const section = checkSection(readFileSync(path.join(CONTENT, name), "utf8"))!;
    expect(section).toContain("<WatchUntilFixed />");
  });
});
