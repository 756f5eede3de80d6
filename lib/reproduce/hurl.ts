/**
 * A Hurl file (https://hurl.dev) that repeats a check and asserts what a healthy answer looks
 * like, for the owner to keep in CI: the status, the header that names the server in front,
 * and a marker in the body. Written to the subset of Hurl's grammar
 * (https://hurl.dev/docs/grammar.html) that test/unit/lib/reproduce/hurl-grammar.ts checks.
 */
import { probeRequestHeaders, PROBE_METHOD } from "@/lib/probe/request-headers";
import { pinning, type ReproduceTarget } from "./curl";
import { withoutControls } from "./shell";

/** What the check saw, as far as the file's assertions need it. */
export interface ObservedAnswer {
  /** The status of the sample the verdict speaks for, or null when none arrived. */
  status: number | null;
  /** Whether the verdict was a healthy answer. */
  ok: boolean;
  /** The verdict's headline, for the file's opening comment. */
  title: string;
  /** When the check ran (ISO 8601, UTC). */
  checkedAt: string;
  /** Its Server header, if any. */
  server: string | null;
  /** Its Via header, if any. */
  via: string | null;
  /** The start of its body. */
  bodyExcerpt: string;
}

/**
 * A value-string (request line, header values, options): `#` starts a comment and `\` an
 * escape, so both are escaped; `{` becomes \u{7b} so "{{" in a query can never open a template.
 */
export function hurlValue(text: string): string {
  return withoutControls(text)
    .replace(/\\/g, "\\\\")
    .replace(/#/g, "\\#")
    .replace(/\{/g, "\\u{7b}");
}

/** A quoted-string: `"` and `\` escaped, `{` as \u{7b} for the same reason as above. */
export function hurlQuoted(text: string): string {
  const inner = withoutControls(text)
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\{/g, "\\u{7b}");
  return `"${inner}"`;
}

/** A comment line's text: anything but a newline is allowed after "#". */
function comment(text: string): string {
  return `# ${withoutControls(text)}`;
}

/**
 * A short piece of the body that identifies the page: its <title>, else its first line of
 * text, at most 60 characters and cut at a word. Null when the body says nothing readable.
 */
export function bodyMarker(excerpt: string): string | null {
  const title = /<title[^>]*>([^<]{3,})<\/title>/i.exec(excerpt)?.[1];
  const line =
    title ??
    excerpt
      .replace(/<[^>]*>/g, "\n")
      .split("\n")
      .map((part) => part.trim())
      .find((part) => part.length >= 3);
  if (!line) return null;
  const clean = withoutControls(line).replace(/\s+/g, " ").trim();
  if (clean.length <= 60) return clean;
  const cut = clean.slice(0, 60);
  const space = cut.lastIndexOf(" ");
  return space >= 20 ? cut.slice(0, space) : cut;
}

/** The product token of a Server header ("nginx" of "nginx/1.22.1"), for an assertion that survives upgrades. */
function productToken(server: string): string {
  return server.trim().split(/[/\s]/)[0] ?? server.trim();
}

/** The Hurl file, ending in a newline. */
export function hurlFile(target: ReproduceTarget, observed: ObservedAnswer): string {
  const url = new URL(target.url);
  url.hash = "";
  const out: string[] = [
    comment(`Gateway Doctor checked ${url.href} at ${observed.checkedAt}: ${observed.title}.`),
    comment("Run: hurl --test this-file.hurl (it passes when the page answers as healthy)."),
    `${PROBE_METHOD} ${hurlValue(url.href)}`,
  ];
  for (const [name, value] of probeRequestHeaders()) out.push(`${name}: ${hurlValue(value)}`);
  out.push("[Options]");
  const pin = pinning(target);
  if (pin) {
    out.push(
      comment(
        pin.option === "--connect-to"
          ? "Straight to the origin address, as the check did; remove to go through DNS."
          : "The address the check connected to; remove to follow DNS instead.",
      ),
    );
    out.push(`${pin.option.slice(2)}: ${hurlValue(pin.value)}`);
  }
  out.push("http1.1: true");

  const marker = bodyMarker(observed.bodyExcerpt);
  const front = observed.server ? productToken(observed.server) : null;
  if (observed.ok && observed.status !== null) {
    out.push(`HTTP ${observed.status}`);
    const asserts: string[] = [];
    if (front) asserts.push(`header "Server" startsWith ${hurlQuoted(front)}`);
    else if (observed.via) asserts.push(`header "Via" exists`);
    if (marker) asserts.push(`body contains ${hurlQuoted(marker)}`);
    if (asserts.length > 0) out.push("[Asserts]", ...asserts);
  } else {
    out.push(
      comment(
        observed.status === null
          ? "The check got no HTTP answer; a healthy page answers 200 (change it if yours does not)."
          : `The check saw ${observed.status}; a healthy page answers 200 (change it if yours does not).`,
      ),
    );
    out.push("HTTP 200");
    const asserts: string[] = [];
    // The server in front stays when the fault behind it is fixed; its error page must go.
    if (front && observed.status !== null)
      asserts.push(`header "Server" startsWith ${hurlQuoted(front)}`);
    if (marker && observed.status !== null && observed.status >= 500)
      asserts.push(`body not contains ${hurlQuoted(marker)}`);
    if (asserts.length > 0) out.push("[Asserts]", ...asserts);
  }
  return `${out.join("\n")}\n`;
}
