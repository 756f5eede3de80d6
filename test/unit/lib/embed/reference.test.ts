import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMBED_EVENTS } from "@/lib/embed/protocol";
import { EVENT_DOCS, OPTION_DOCS } from "@/lib/embed/reference";

const root = path.resolve(__dirname, "../../../..");
const snippet = readFileSync(path.join(root, "public/embed.js"), "utf8");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

/** "shareCheckDetails" → "share-check-details", as dataset names map to attributes. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The data attributes the snippet reads: `data.x` in optionsFromScript, plus `dataset.mount`. */
function attributesTheSnippetReads(): string[] {
  const reader = /function optionsFromScript[\s\S]*?\n {2}\}/.exec(snippet)?.[0] ?? "";
  const names = Array.from(reader.matchAll(/\bdata\.([a-zA-Z]+)/g), (match) => match[1]!);
  if (/dataset\.mount\b/.test(snippet)) names.push("mount");
  return [...new Set(names)].map((name) => `data-${kebab(name)}`).sort();
}

describe("the embed reference", () => {
  it("documents exactly the data attributes the snippet reads", () => {
    const read = attributesTheSnippetReads();
    expect(read.length).toBeGreaterThan(10);
    expect(OPTION_DOCS.map((option) => option.attribute).sort()).toEqual(read);
  });

  it("names each option's mount() counterpart as the snippet does", () => {
    for (const option of OPTION_DOCS) {
      if (option.mountOption === null) continue;
      expect(`data-${kebab(option.mountOption)}`).toBe(option.attribute);
    }
  });

  it("documents every event", () => {
    expect(Object.keys(EVENT_DOCS).sort()).toEqual([...EMBED_EVENTS].sort());
  });
});

describe("the README's embedding section", () => {
  const section = readme.slice(readme.indexOf("## Embedding the wizard"));

  it("exists", () => {
    expect(section.startsWith("## Embedding the wizard")).toBe(true);
  });

  it.each(OPTION_DOCS.map((option) => option.attribute))("lists %s", (attribute) => {
    expect(section).toContain(`| \`${attribute}\``);
  });

  it.each([...EMBED_EVENTS])("lists the %s event", (name) => {
    expect(section).toContain(`| \`${name}\``);
  });
});
