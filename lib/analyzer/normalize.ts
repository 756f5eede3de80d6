import { canonicalErrno } from "./errno";

/**
 * Turns a messy paste into lines the catalog's rules can read, and remembers which lines
 * of the paste each one came from, so a finding can show what the person pasted.
 *
 * What it undoes, in order:
 * 1. Terminal colours (ANSI escapes), Markdown quoting (`> `) and code fences.
 * 2. Prefixes that tools put in front of a program's own line: `docker compose`
 *    (`web-1  | `), `kubectl logs --prefix` (`[pod/web-7d4/nginx] `), the RFC 3339 time of
 *    `kubectl logs --timestamps` and `docker logs -t`, and the time and host of syslog and
 *    journald (`Dec 02 11:00:01 host `; the program tag `nginx[123]: ` is kept, rules read it).
 * 3. Hard wraps: a line at the paste's wrap width followed by one that cannot start a log
 *    entry is rejoined with it (see `wrapWidthOf` and `continues`).
 * 4. JSON: a structured log line or an error body is parsed and its strings become lines
 *    (`{"log":"… connect() failed …\n","stream":"stderr"}`); text that is only escaped
 *    JSON (`\"`, `\n`, `\u003c`) is unescaped.
 * 5. C-library wording of errno texts (see errno.ts).
 * 6. Pager cuts: a trailing `…`, or `>` as less(1) marks a chopped line, is removed and
 *    the line is flagged as cut, so the matcher can accept a rule whose first anchor
 *    survived the cut.
 *
 * Every step looks at a bounded prefix or suffix of a line, or is a single linear pass,
 * so the whole normaliser stays linear in the size of the paste.
 */

/** A paste as the rules read it. */
export interface NormalizedPaste {
  /** The lines to match, joined with "\n". */
  text: string;
  /** For each line of `text`: the first line of the paste (0-based) it came from. */
  firstOriginal: Int32Array;
  /** For each line of `text`: the last line of the paste it came from (after a rejoined wrap). */
  lastOriginal: Int32Array;
  /** For each line of `text`: 1 when a pager or the terminal cut it short. */
  cut: Uint8Array;
  /** For each line of `text`: 1 when it differs from the pasted line(s) it came from. */
  changed: Uint8Array;
  /**
   * For each line of `text`: 1 for a JSON document (or escaped JSON text) kept as pasted,
   * whose strings follow as lines of their own. Rules written for the JSON itself (keys,
   * numbers) read this line; rules for the messages inside read the ones after it.
   */
  container: Uint8Array;
  /** Offsets where each line of the original paste starts. */
  originalStarts: number[];
}

/** Lines longer than this are never taken as hard-wrapped: nobody wraps at 300 columns. */
const MAX_WRAP_WIDTH = 200;
/** Editors and mail clients word-wrap at 72 to 80 columns; wider ragged lines are the log's own. */
const MAX_WORD_WRAP_WIDTH = 80;
/** Narrower than this is not a terminal or editor width either. */
const MIN_WRAP_WIDTH = 60;
/** How far short of the wrap width a word-wrapped line may end (the next word did not fit). */
const WORD_WRAP_SLACK = 20;
/** JSON longer than this is unescaped as text rather than parsed (the whole bounded paste fits). */
const MAX_JSON_CHARS = 1_000_000;
/** How deep JSON found inside JSON strings is unpacked. */
const MAX_JSON_DEPTH = 2;
/** String values taken from one JSON document (a 1 MB array of log lines fits). */
const MAX_JSON_STRINGS = 100_000;
/** How deeply nested a JSON value is walked for strings; deeper ones are ignored. */
const MAX_JSON_NESTING = 64;

// Every pattern below is anchored at the start (or end) of a line with bounded repeats, so
// each costs a few dozen characters of work per line at most.
const ANSI = /\u001b\[[0-9;?]{0,24}[A-Za-z]/g;
const QUOTE = /^[ \t]{0,3}(?:>[ \t]?){1,8}/;
const FENCE = /^[ \t]{0,3}(?:```|~~~)/;
/** `web-1  | ` (Compose v2), `web_1   | ` (v1). */
const COMPOSE = /^[A-Za-z0-9][\w.-]{0,62}[ \t]{1,40}\|[ \t]?/;
/** `[pod/web-7d4b9c-x2x/nginx] ` from `kubectl logs --prefix`. */
const KUBECTL_PREFIX = /^\[pod\/[^\]\s]{1,300}\][ \t]?/;
/** `2026-12-02T11:00:01.123456789Z ` from `kubectl logs --timestamps` or `docker logs -t`. */
const RFC3339_PREFIX =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})[ \t](?=\S)/;
/** `Dec 02 11:00:01 host ` (syslog, journalctl) or `2026-12-02T11:00:01+0000 host ` (short-iso), before a program tag. */
const SYSLOG_PREFIX =
  /^(?:[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})) [\w.-]{1,64} (?=[\w./@-]{1,64}(?:\[\d{1,10}\])?: )/;

/**
 * How a log entry starts: a date or time, a bracket, JSON or HTML, an address, a level
 * word, a program tag, a status line, or a tool's marker. A line that starts like this is
 * never a continuation of the line before, and a line that does is not prose.
 */
const ENTRY_START =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/][A-Za-z]{3}[-/]\d{2,4}|[A-Z][a-z]{2},? {1,2}\d{1,2}[ ,]|\d{1,2}:\d{2}:\d{2}|\[(?:\d|[A-Z][a-z]{2} |[A-Za-z_:]{2,24}\]|pod\/)|[{<]|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[0-9a-fA-F]{0,4}:[0-9a-fA-F:]{2,38}|(?:EMERG|ALERT|CRIT|CRITICAL|ERROR|ERR|WARN|WARNING|NOTICE|INFO|DEBUG|TRACE|FATAL|PANIC|SEVERE)\b|[IWEF]\d{4} |(?:time|level|lvl|ts|at|msg)=|HTTP\/[\d.]{1,3} \d{3}|[\w.-]{1,64}\[\d{1,10}\]: |[\w.-]{1,64}: [[(]|curl: |[*#>] |-{3,}|Traceback )/;

/** A program's line that begins with a `Name: value` field, as response headers do. */
const FIELD_START = /^[A-Za-z][\w-]{0,40}: \S/;

/**
 * The context fields nginx appends to an error line (src/http/ngx_http_request.c,
 * ngx_http_log_error: client, server, request, upstream, host, referrer). A wrapped row
 * may start with one of them and still belong to the line above.
 */
const NGINX_CONTEXT = /^(?:client|server|request|subrequest|upstream|host|referrer): /;

function startsEntry(line: string): boolean {
  return ENTRY_START.test(line.trimStart());
}

function startsField(line: string): boolean {
  return FIELD_START.test(line.trimStart());
}

/** True when the line starts the way log entries, headers, pages or tool output start. */
export function hasLogStructure(line: string): boolean {
  return startsEntry(line) || startsField(line);
}

/** A line stripped of what tools and Markdown added around it. */
interface Stripped {
  /** The line as the program wrote it. */
  body: string;
  /** Width on screen of the pasted line (colours removed), for wrap detection. */
  width: number;
  /** A Markdown fence line, which carries nothing. */
  fence: boolean;
  /** True when anything was removed. */
  changed: boolean;
}

function stripToolPrefixes(line: string): string {
  let body = line;
  // A few rounds: `docker compose` in front of `kubectl --timestamps` output, and so on.
  for (let round = 0; round < 4; round++) {
    const match =
      COMPOSE.exec(body) ??
      KUBECTL_PREFIX.exec(body) ??
      SYSLOG_PREFIX.exec(body) ??
      RFC3339_PREFIX.exec(body);
    if (!match) break;
    body = body.slice(match[0].length);
  }
  return body;
}

function strip(raw: string): Stripped {
  let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
  if (line.includes("\u001b")) line = line.replace(ANSI, "");
  const width = line.length;
  const quote = QUOTE.exec(line);
  if (quote) line = line.slice(quote[0].length);
  if (FENCE.test(line)) return { body: "", width, fence: true, changed: true };
  const body = stripToolPrefixes(line);
  return { body, width, fence: false, changed: body !== raw };
}

/** How the paste was wrapped, if it was. */
interface Wrap {
  /** The column lines were broken at. */
  width: number;
  /**
   * True for a terminal's hard wrap, which breaks at exactly `width` mid-word and keeps
   * every character; false for an editor's word wrap, which breaks at a space and drops it.
   */
  exact: boolean;
}

/**
 * The wrap width of a paste, or null when it was not wrapped: a terminal's, where distinct
 * rows end at exactly the same column (up to 200), or else an editor's word wrap at 80
 * columns or fewer, where lines end near the same column (two of them, or one at 70–80).
 */
function wrapWidthOf(lines: readonly Stripped[]): Wrap | null {
  // A terminal's wrap (or chop) at any width up to MAX_WRAP_WIDTH…
  const terminal = edgeOf(lines, MAX_WRAP_WIDTH);
  if (terminal && terminal.atEdge >= 2 && terminal.atEdge * 2 >= terminal.near)
    return { width: terminal.width, exact: true };
  // …or an editor's word wrap, which leaves ragged ends at 80 columns or fewer.
  const editor = edgeOf(lines, MAX_WORD_WRAP_WIDTH);
  return editor ? { width: editor.width, exact: false } : null;
}

/**
 * The widest line up to `limit` columns, and how many lines reach that edge: exactly
 * (distinct rows only: a log that repeats one line was not cut) and within the word-wrap
 * slack. Null when too few lines reach it for a wrap, or when more lines run past it than
 * reach it (a log of long lines, not a wrapped one; the odd line pasted whole is fine).
 */
function edgeOf(
  lines: readonly Stripped[],
  limit: number,
): { width: number; atEdge: number; near: number } | null {
  let width = 0;
  for (const line of lines) if (line.width > width && line.width <= limit) width = line.width;
  if (width < MIN_WRAP_WIDTH) return null;
  let atEdge = 0;
  let near = 0;
  let wider = 0;
  let previousEdge: string | null = null;
  for (const line of lines) {
    if (line.width === width && line.body !== previousEdge) {
      atEdge++;
      previousEdge = line.body;
    }
    if (line.width > width) wider++;
    else if (line.width >= width - WORD_WRAP_SLACK) near++;
  }
  if (near < 2 && !(near === 1 && width >= 70 && width <= 80)) return null;
  if (wider > near) return null;
  return { width, atEdge, near };
}

/**
 * True when `next` carries on the log entry that `previous` (a line of the same entry)
 * started. Conservative: the previous line must reach the wrap edge, and the next must
 * not start the way any log entry, header, page or quoted line starts.
 */
function continues(entry: Stripped, previous: Stripped, next: Stripped, wrap: Wrap): boolean {
  if (next.fence || previous.fence) return false;
  const reach = wrap.exact ? wrap.width : wrap.width - WORD_WRAP_SLACK;
  // A row wider than the wrap width was pasted whole, and so was what follows it.
  if (previous.width < reach || previous.width > wrap.width) return false;
  const body = next.body;
  if (body.trim() === "") return false;
  // Word wrap never starts a row with a space; an indented line is a stack frame or a list.
  if (!wrap.exact && /^\s/.test(body)) return false;
  if (startsEntry(body)) return false;
  // Word wrap moves a word down only when it does not fit: if the next row's first word
  // would have fitted on this one, the break was the program's own.
  const firstWord = body.trimStart().split(/\s/, 1)[0] ?? "";
  if (!wrap.exact && previous.width + 1 + firstWord.length <= wrap.width) return false;
  // A terminal fills a row to the last column and carries on mid-word on the next, which
  // can look like anything ("am: …" from "upstream: …"); a row that ends exactly at the
  // edge is continued unless the next one clearly starts an entry.
  if (wrap.exact) return true;
  // Inside an nginx entry a row may start with one of its context fields ("client: …");
  // any other `name: ` starts a line of its own (a program's message, the next header).
  return !startsField(body) || (NGINX_CONTEXT.test(body) && startsEntry(entry.body));
}

/** Undo JSON string escapes in one linear pass; unknown escapes are kept as written. */
function unescapeJsonText(text: string): string {
  return text.replace(
    /\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g,
    (whole, hex: string | undefined, simple: string | undefined) => {
      if (hex) return String.fromCharCode(parseInt(hex, 16));
      switch (simple) {
        case "n":
          return "\n";
        case "r":
          return "\r";
        case "t":
          return "\t";
        case "b":
        case "f":
          return " ";
        default:
          return simple ?? whole;
      }
    },
  );
}

/** String values of a parsed JSON document, in document order. */
function stringsOf(value: unknown, into: string[], nesting = 0): void {
  if (into.length >= MAX_JSON_STRINGS || nesting > MAX_JSON_NESTING) return;
  if (typeof value === "string") {
    if (value.trim() !== "") into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) stringsOf(item, into, nesting + 1);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) stringsOf(item, into, nesting + 1);
  }
}

/** Text escaped as inside a JSON string: a key and a value, or a quoted string with escapes. */
function looksEscaped(line: string): boolean {
  if (!line.includes("\\")) return false;
  const escapes =
    line.includes("\\n") ||
    line.includes('\\"') ||
    line.includes("\\u00") ||
    line.includes("\\t") ||
    line.includes("\\/");
  return escapes && (line.includes('":') || line.trimStart().startsWith('"'));
}

/**
 * The lines a logical line stands for: the strings inside a JSON document, or the lines
 * of escaped text, each unpacked again (JSON loggers nest), or the line itself.
 */
function expand(line: string, depth: number, out: Piece[]): void {
  const trimmed = line.trim();
  const first = trimmed[0];
  const last = trimmed[trimmed.length - 1];
  if (
    depth < MAX_JSON_DEPTH &&
    trimmed.length <= MAX_JSON_CHARS &&
    ((first === "{" && last === "}") || (first === "[" && last === "]"))
  ) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined && typeof parsed === "object" && parsed !== null) {
      out.push({ text: line, container: true });
      const strings: string[] = [];
      stringsOf(parsed, strings);
      for (const value of strings) {
        for (const inner of value.split("\n")) {
          if (inner.trim() !== "") expand(stripToolPrefixes(inner), depth + 1, out);
        }
      }
      return;
    }
  }
  if (depth < MAX_JSON_DEPTH && looksEscaped(line)) {
    out.push({ text: line, container: true });
    for (const inner of unescapeJsonText(line).split("\n")) {
      if (inner.trim() !== "") expand(stripToolPrefixes(inner), depth + 1, out);
    }
    return;
  }
  out.push({ text: line, container: false });
}

/** One line `expand` gives back: a JSON document kept whole, or a line to read. */
interface Piece {
  text: string;
  container: boolean;
}

/** A trailing `…` (kubectl, systemctl, journalctl) or less's `>` mark for a chopped line. */
function pagerCut(line: string): string | null {
  const end = line.trimEnd();
  if (end.endsWith("…")) return end.slice(0, -1);
  // `>` ends every HTML line, so it only counts on a line with no markup that ends mid-word.
  if (end.endsWith(">") && !end.includes("<") && end.length >= 40 && /[^\s>=-]>$/.test(end))
    return end.slice(0, -1);
  return null;
}

/** Offsets where each line starts (a trailing newline opens no line). */
function startsOf(text: string): number[] {
  const starts = [0];
  let at = text.indexOf("\n");
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf("\n", at + 1);
  }
  if (starts.length > 1 && starts[starts.length - 1] === text.length) starts.pop();
  return starts;
}

/** Normalise a paste (already bounded by boundInput). Linear in its length. */
export function normalizePaste(text: string): NormalizedPaste {
  const originalStarts = startsOf(text);
  const rawLines = text.split("\n");
  if (text.endsWith("\n")) rawLines.pop();
  const stripped = rawLines.map(strip);
  const wrap = wrapWidthOf(stripped);

  const lines: string[] = [];
  const first: number[] = [];
  const last: number[] = [];
  const cut: number[] = [];
  const changed: number[] = [];
  const container: number[] = [];

  for (let index = 0; index < stripped.length;) {
    const start = stripped[index]!;
    if (start.fence) {
      index++;
      continue;
    }
    // Gather the rows of one wrapped entry; only a line that starts a log entry may be wrapped.
    let entry = start.body;
    let end = index;
    if (wrap && hasLogStructure(start.body)) {
      while (
        end + 1 < stripped.length &&
        continues(start, stripped[end]!, stripped[end + 1]!, wrap)
      ) {
        end++;
        entry += (wrap.exact ? "" : " ") + stripped[end]!.body;
      }
    }
    // A row at exactly the terminal's width that nothing continues was chopped there.
    const chopped = wrap?.exact === true && stripped[end]!.width === wrap.width;

    const expanded: Piece[] = [];
    expand(entry, 0, expanded);
    const wasChanged = end > index || start.changed;
    for (const { text: piece, container: isContainer } of expanded) {
      const canonical = canonicalErrno(piece);
      const shortened = pagerCut(canonical);
      lines.push(shortened ?? canonical);
      first.push(index);
      last.push(end);
      cut.push(shortened !== null || chopped ? 1 : 0);
      container.push(isContainer ? 1 : 0);
      changed.push(
        wasChanged || canonical !== piece || shortened !== null || piece !== entry ? 1 : 0,
      );
    }
    index = end + 1;
  }

  return {
    text: lines.join("\n"),
    firstOriginal: Int32Array.from(first),
    lastOriginal: Int32Array.from(last),
    cut: Uint8Array.from(cut),
    changed: Uint8Array.from(changed),
    container: Uint8Array.from(container),
    originalStarts,
  };
}

/** Words that make a line read as someone's sentence rather than a program's message. */
const SENTENCE_WORDS = new Set([
  "i",
  "i'm",
  "i've",
  "im",
  "my",
  "me",
  "we",
  "our",
  "you",
  "your",
  "it's",
  "this",
  "that",
  "these",
  "is",
  "are",
  "was",
  "were",
  "the",
  "a",
  "an",
  "how",
  "why",
  "what",
  "when",
  "does",
  "do",
  "can",
  "should",
  "because",
  "but",
  "so",
  "if",
  "means",
  "mean",
  "getting",
  "get",
  "keep",
  "says",
  "happens",
  "usually",
  "help",
  "please",
  "thanks",
]);

/** How many words of a line are looked at to decide whether it is a sentence. */
const PROSE_WORDS = 40;

/**
 * True when a line reads as a person's sentence (a question, an answer quoted from a
 * forum) rather than a program's log line, page or header. A program's line starts with
 * structure (a time, a bracket, a level, a tag); a sentence starts with a word, and uses
 * pronouns and articles that log messages leave out ("connect() failed (111: Connection
 * refused) while connecting to upstream" has none). Looks at the first 40 words only.
 */
export function readsAsProse(line: string): boolean {
  if (hasLogStructure(line)) return false;
  const words = line.trim().slice(0, 400).split(/\s+/, PROSE_WORDS);
  if (words.length < 5) return false;
  let sentenceWords = 0;
  for (const word of words) {
    const bare = word.toLowerCase().replace(/^[^a-z']+|[^a-z']+$/g, "");
    if (SENTENCE_WORDS.has(bare)) sentenceWords++;
  }
  return sentenceWords >= 2 || (sentenceWords >= 1 && line.trimEnd().endsWith("?"));
}
