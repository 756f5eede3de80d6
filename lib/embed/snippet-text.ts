/**
 * The snippet as a help center pastes it, built from chosen options; the documentation page's
 * configurator shows it with a copy button.
 */

/** Options the configurator can set, as data attributes without "data-". */
export type SnippetAttributes = Partial<
  Record<
    | "answers"
    | "start"
    | "theme"
    | "accent"
    | "live-check"
    | "url"
    | "share-check-details"
    | "escalate"
    | "escalate-label"
    | "target",
    string
  >
>;

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * `<script src="…/embed.js" data-…></script>` for a Gateway Doctor at `origin`. `defer` keeps it
 * from holding up the help center's page; the wizard still appears where the tag stands.
 */
export function snippetFor(origin: string, attributes: SnippetAttributes = {}): string {
  const data = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
    .map(([name, value]) => ` data-${name}="${escapeAttribute(value)}"`)
    .join("");
  return `<script src="${escapeAttribute(origin)}/embed.js"${data} defer></script>`;
}
