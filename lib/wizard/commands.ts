/**
 * The commands of a content file, read from its MDX source for the "copy
 * summary" text: a support ticket should say exactly what was run, not just
 * which page was open.
 */

/** One fenced code block of a content file. */
export interface FencedBlock {
  /** The fence's language ("bash", "nginx"…), or null when it names none. */
  language: string | null;
  /** The block's text without the fences and without the list indentation around it. */
  code: string;
  /** Text of the nearest heading above the block, or null when none precedes it. */
  heading: string | null;
}

/**
 * Languages whose blocks are something to run (a shell or a database prompt),
 * as opposed to configuration or program text to edit.
 */
export const COMMAND_LANGUAGES: ReadonlySet<string> = new Set([
  "bash",
  "sh",
  "shell",
  "console",
  "zsh",
  "powershell",
  "pwsh",
  "ps1",
  "cmd",
  "bat",
  "sql",
]);

const fenceOpen = /^( {0,12})(`{3,}|~{3,})\s*([^\s`{]*)/;
const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/;

function stripIndent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && line[cut] === " ") cut++;
  return line.slice(cut);
}

/**
 * Every fenced code block of a Markdown/MDX source, in order. Follows the
 * CommonMark fence rules the content uses: backtick or tilde fences, closed by
 * a fence of the same character at least as long, possibly indented inside a
 * list item; an unclosed fence runs to the end of the file.
 */
export function extractFencedBlocks(source: string): FencedBlock[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: FencedBlock[] = [];
  let currentHeading: string | null = null;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    const open = fenceOpen.exec(line);
    if (!open) {
      const title = heading.exec(line);
      if (title?.[1]) currentHeading = title[1];
      index++;
      continue;
    }
    const indent = open[1]?.length ?? 0;
    const fence = open[2] ?? "```";
    const closing = new RegExp(
      `^ {0,${indent + 3}}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`,
    );
    const body: string[] = [];
    index++;
    while (index < lines.length && !closing.test(lines[index] ?? "")) {
      body.push(stripIndent(lines[index] ?? "", indent));
      index++;
    }
    index++; // past the closing fence
    blocks.push({
      language: open[3] ? open[3].toLowerCase() : null,
      code: body.join("\n"),
      heading: currentHeading,
    });
  }
  return blocks;
}

/** The blocks of a source that are commands to run (see COMMAND_LANGUAGES). */
export function extractCommands(source: string): FencedBlock[] {
  return extractFencedBlocks(source).filter(
    (block) => block.language !== null && COMMAND_LANGUAGES.has(block.language),
  );
}
