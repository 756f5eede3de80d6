/**
 * A checker for the part of Hurl's file grammar that lib/reproduce/hurl.ts writes. Hurl is not
 * packaged for Debian bookworm, so instead of running it the tests hold the file to the
 * grammar as documented at https://hurl.dev/docs/grammar.html (docs/spec/grammar/hurl.grammar
 * in Orange-OpenSource/hurl): the entry (request line, headers, [Options], response line,
 * [Asserts]), value-string, key-string and quoted-string with their escapes, the options
 * resolve / connect-to / http1.1 / cacert, the queries status / header / body and the
 * predicates ==, !=, <, <=, >, >=, startsWith, contains and exists, each optionally after not.
 * Anything outside that subset is reported as an error, so a new construct needs the checker
 * to learn it first. Values are decoded, so a test can compare them with what went in.
 */

/** What the checker read, decoded. */
export interface HurlEntry {
  method: string;
  url: string;
  headers: [string, string][];
  options: [string, string][];
  version: string;
  status: number;
  asserts: { query: string; not: boolean; predicate: string; value: string | number | null }[];
}

class HurlSyntaxError extends Error {}

function fail(line: number, message: string): never {
  throw new HurlSyntaxError(`line ${line}: ${message}`);
}

/** Reads an escape after a backslash; returns the decoded text and the characters consumed. */
function escape(text: string, at: number, allowed: string, line: number): [string, number] {
  const next = text[at + 1];
  if (next === undefined) fail(line, "a backslash ends the value");
  const simple: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
  if (next === "u") {
    const match = /^\{([0-9A-Fa-f]+)\}/.exec(text.slice(at + 2));
    if (!match) fail(line, "\\u must be followed by {hex digits}");
    return [String.fromCodePoint(parseInt(match[1]!, 16)), 2 + match[0].length];
  }
  if (next in simple) return [simple[next]!, 2];
  if (allowed.includes(next)) return [next, 2];
  return fail(line, `"\\${next}" is no escape here`);
}

/** value-string: ~[#\n\\]+ with escapes # \ b f n r t u{…}; "{{" would open a template. */
function valueString(text: string, line: number): string {
  let out = "";
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === "#") fail(line, 'an unescaped "#" starts a comment and cuts the value');
    if (c === "{" && text[i + 1] === "{") fail(line, '"{{" opens a template');
    if (c === "\\") {
      const [decoded, used] = escape(text, i, "#\\", line);
      out += decoded;
      i += used;
      continue;
    }
    out += c;
    i++;
  }
  return out.trim();
}

/** key-string: alphanum _ - . [ ] @ $, or escapes # : \ b f n r t u{…}. */
function keyString(text: string, line: number): string {
  if (!/^([A-Za-z0-9_.[\]@$-]|\\.)+$/.test(text)) fail(line, `"${text}" is not a key-string`);
  let out = "";
  for (let i = 0; i < text.length;) {
    if (text[i] === "\\") {
      const [decoded, used] = escape(text, i, "#:\\", line);
      out += decoded;
      i += used;
    } else out += text[i++];
  }
  return out;
}

/** A quoted-string at the start of `text`: returns the decoded value and the rest after it. */
function quotedString(text: string, line: number): [string, string] {
  if (text[0] !== '"') fail(line, "a quoted string must start with a double quote");
  let out = "";
  for (let i = 1; i < text.length;) {
    const c = text[i]!;
    if (c === '"') return [out, text.slice(i + 1)];
    if (c === "{" && text[i + 1] === "{") fail(line, '"{{" opens a template');
    if (c === "\n") fail(line, "a quoted string cannot span lines");
    if (c === "\\") {
      const [decoded, used] = escape(text, i, '"\\', line);
      out += decoded;
      i += used;
      continue;
    }
    out += c;
    i++;
  }
  return fail(line, "the quoted string is not closed");
}

const OPTIONS: Record<string, "value" | "boolean" | "filename"> = {
  resolve: "value",
  "connect-to": "value",
  "http1.1": "boolean",
  cacert: "filename",
};

function assertLine(text: string, line: number): HurlEntry["asserts"][number] {
  let rest = text;
  let query: string;
  if (rest.startsWith("status ")) {
    query = "status";
    rest = rest.slice(7);
  } else if (rest.startsWith("body ")) {
    query = "body";
    rest = rest.slice(5);
  } else if (rest.startsWith("header ")) {
    const [name, after] = quotedString(rest.slice(7), line);
    query = `header ${name}`;
    if (!after.startsWith(" ")) fail(line, "a space must follow the header name");
    rest = after.slice(1);
  } else return fail(line, `unknown query in "${text}"`);
  let not = false;
  if (rest.startsWith("not ")) {
    not = true;
    rest = rest.slice(4);
  }
  if (rest === "exists") return { query, not, predicate: "exists", value: null };
  const match = /^(==|!=|<=|>=|<|>|startsWith|contains) (.*)$/.exec(rest);
  if (!match) return fail(line, `unknown predicate in "${text}"`);
  const [, predicate, operand] = match as unknown as [string, string, string];
  if (/^\d+$/.test(operand) && !["startsWith", "contains"].includes(predicate))
    return { query, not, predicate, value: Number(operand) };
  const [value, after] = quotedString(operand, line);
  if (after.trim() !== "" && !after.trim().startsWith("#"))
    fail(line, `unexpected "${after}" after the value`);
  return { query, not, predicate, value };
}

/** Checks one request-and-response entry; throws with the line and the reason on any error. */
export function parseHurl(file: string): HurlEntry {
  if (!file.endsWith("\n")) fail(0, "the file must end with a newline");
  const lines = file.slice(0, -1).split("\n");
  let stage: "request" | "headers" | "options" | "response" | "asserts" = "request";
  const entry: HurlEntry = {
    method: "",
    url: "",
    headers: [],
    options: [],
    version: "",
    status: 0,
    asserts: [],
  };
  lines.forEach((raw, index) => {
    const n = index + 1;
    // lt: spaces, an optional comment, the newline.
    if (/^[ \t]*(#.*)?$/.test(raw)) return;
    const text = raw.trim();
    if (stage === "request") {
      const match = /^([A-Z]+) (.+)$/.exec(text);
      if (!match) fail(n, "expected a request line: METHOD URL");
      entry.method = match[1]!;
      entry.url = valueString(match[2]!, n);
      stage = "headers";
      return;
    }
    const response = /^(HTTP\/1\.0|HTTP\/1\.1|HTTP\/2|HTTP) ([0-9]+)$/.exec(text);
    if ((stage === "headers" || stage === "options") && response) {
      entry.version = response[1]!;
      entry.status = Number(response[2]);
      stage = "response";
      return;
    }
    if (text === "[Options]") {
      if (stage !== "headers") fail(n, "[Options] belongs to the request");
      stage = "options";
      return;
    }
    if (text === "[Asserts]") {
      if (stage !== "response") fail(n, "[Asserts] must follow the response line");
      stage = "asserts";
      return;
    }
    if (stage === "headers" || stage === "options") {
      const colon = text.search(/(?<!\\):/);
      if (colon < 0) fail(n, `expected "key: value", got "${text}"`);
      const key = keyString(text.slice(0, colon).trim(), n);
      const value = valueString(text.slice(colon + 1), n);
      if (stage === "headers") {
        entry.headers.push([key, value]);
        return;
      }
      const kind = OPTIONS[key];
      if (!kind) fail(n, `"${key}" is not an option this checker knows`);
      if (kind === "boolean" && !/^(true|false)$/.test(value))
        fail(n, `${key} takes true or false`);
      if (kind === "filename" && /[;{} ]/.test(value)) fail(n, `${key}: unescaped filename`);
      entry.options.push([key, value]);
      return;
    }
    if (stage === "asserts") {
      entry.asserts.push(assertLine(text, n));
      return;
    }
    fail(n, `unexpected "${text}"`);
  });
  if (stage === "request" || stage === "headers" || stage === "options")
    fail(lines.length, "the entry has no response line");
  return entry;
}
