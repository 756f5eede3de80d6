/**
 * Limits on what the analyzer reads. They keep a paste of any size to a bounded amount
 * of work, on the server and in the browser alike.
 */

/** Characters read from one paste (about 1 MB of log text). */
export const MAX_INPUT_CHARS = 1_000_000;

/** Characters of one line that log rules look at; the rest of a longer line is ignored. */
export const MAX_LINE_CHARS = 8_192;

/** How much of the start of a paste is sampled to decide whether it is binary. */
const BINARY_SAMPLE_CHARS = 65_536;

/** A paste reduced to what the analyzer will read. */
export interface BoundedInput {
  /** The text to analyse, at most MAX_INPUT_CHARS long. */
  text: string;
  /** Characters dropped from the start of the paste (0 when it fitted). */
  droppedChars: number;
  /** True when the paste looks like binary data rather than text. */
  binary: boolean;
}

/**
 * Cut a paste down to MAX_INPUT_CHARS. An oversized paste is almost always a log file,
 * where the newest lines (the outage in progress) are at the end, so the end is kept and
 * the cut moves forward to the next line break to avoid half a line.
 */
export function boundInput(raw: string): BoundedInput {
  let text = raw;
  let droppedChars = 0;
  if (raw.length > MAX_INPUT_CHARS) {
    let start = raw.length - MAX_INPUT_CHARS;
    const nextBreak = raw.indexOf("\n", start);
    if (nextBreak !== -1 && nextBreak - start < MAX_LINE_CHARS) start = nextBreak + 1;
    text = raw.slice(start);
    droppedChars = start;
  }
  return { text, droppedChars, binary: looksBinary(text) };
}

/**
 * Text pastes contain almost no control characters besides tabs and line breaks; a
 * compiled program, image or compressed log is full of them. Counting them in a sample
 * is enough to tell, and it is linear.
 */
function looksBinary(text: string): boolean {
  const end = Math.min(text.length, BINARY_SAMPLE_CHARS);
  if (end === 0) return false;
  let control = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd)
      control++;
  }
  return control / end > 0.01;
}

/** Characters shown of a matching line in the result. */
export const SAMPLE_CHARS = 400;

/**
 * Make one line safe and short enough to show as plain text: control characters become
 * a visible replacement mark, and long lines are shortened with an ellipsis.
 */
export function sampleOf(line: string): string {
  const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
  const short = trimmed.length > SAMPLE_CHARS ? `${trimmed.slice(0, SAMPLE_CHARS)}…` : trimmed;
  return short.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\ufffd");
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/**
 * Decode character references in a pasted page's source. Vendors escape parts of their
 * error pages (Akamai writes its reference number as `Reference&#32;&#35;18&#46;…`), and
 * page rules should match what the browser showed. Only runs when a reference is present.
 */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,5});/gi, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      // Line breaks are kept encoded so a page's lines stay where they were.
      if (!Number.isInteger(code) || code > 0x10ffff || code === 10 || code === 13) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}
