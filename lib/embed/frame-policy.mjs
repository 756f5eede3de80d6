/**
 * Who may put Gateway Doctor in a frame.
 *
 * Only the embed routes (/embed and everything under it) may be framed, and only by the origins
 * listed in EMBED_ALLOWED_ORIGINS (any origin when it is unset); every other page refuses to be
 * framed at all, so the full site cannot be used for clickjacking.
 *
 * Plain ESM JavaScript with no dependencies because next.config.mjs imports it (Node loads
 * that file directly, without a TypeScript step) and proxy.ts imports it too; types live in
 * frame-policy.d.mts. The parser is strict: a value that is not understood stops the server at
 * start-up with a message naming the entry, instead of silently allowing or blocking embeds.
 */

/** The environment variable that lists the origins allowed to embed the wizard. */
export const ALLOWED_ORIGINS_VARIABLE = "EMBED_ALLOWED_ORIGINS";

/** Path prefix of the routes that may be framed. */
export const EMBED_BASE = "/embed";

/** Thrown when EMBED_ALLOWED_ORIGINS cannot be understood. */
export class EmbedOriginsError extends Error {
  /**
   * @param {string} entry
   * @param {string} reason
   */
  constructor(entry, reason) {
    super(
      `${ALLOWED_ORIGINS_VARIABLE}: "${entry}" ${reason}. Expected a comma- or space-separated ` +
        'list of origins such as "https://help.example.com, https://*.example.org:8443", ' +
        'or "*" for any origin, or "none" to allow no other site.',
    );
    this.name = "EmbedOriginsError";
    /** The entry that was not understood, as written. */
    this.entry = entry;
  }
}

// One DNS label: letters, digits and inner hyphens (RFC 1123), at most 63 characters.
const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
// A host as CSP host-source accepts it: a name (optionally starting with the "*." wildcard that
// CSP defines), an IPv4 address, or a bracketed IPv6 address.
const host = `(?:\\*\\.)?${label}(?:\\.${label})*|\\[[0-9a-f:.]+\\]`;
const originPattern = new RegExp(`^(https?)://(${host})(?::(\\d{1,5}|\\*))?/?$`, "i");

/**
 * Reads one origin ("https://help.example.com", "http://127.0.0.1:8080", "https://*.example.org")
 * and returns it in the canonical form a CSP source expression uses: lowercase, no trailing slash.
 * @param {string} entry
 * @returns {string}
 */
export function parseOrigin(entry) {
  const match = originPattern.exec(entry);
  if (!match) {
    if (/^https?:\/\/[^/]+\/./i.test(entry)) {
      throw new EmbedOriginsError(entry, "has a path; give the origin only (scheme, host, port)");
    }
    if (!/^https?:\/\//i.test(entry)) {
      throw new EmbedOriginsError(entry, "does not start with http:// or https://");
    }
    throw new EmbedOriginsError(entry, "is not a valid origin");
  }
  const [, scheme = "", hostPart = "", port] = match;
  if (port !== undefined && port !== "*" && (Number(port) < 1 || Number(port) > 65535)) {
    throw new EmbedOriginsError(entry, "has a port outside 1-65535");
  }
  return `${scheme.toLowerCase()}://${hostPart.toLowerCase()}${port === undefined ? "" : `:${port}`}`;
}

/**
 * @typedef {import("./frame-policy.d.mts").EmbedFramePolicy} EmbedFramePolicy
 */

/**
 * Parses the value of EMBED_ALLOWED_ORIGINS. Unset, empty or "*" allows any origin; "none" allows
 * no other site (the wizard's own documentation page can still show its preview); otherwise a list
 * of origins separated by commas and/or whitespace. Duplicates are dropped, order is kept.
 * @param {string | undefined} value
 * @returns {EmbedFramePolicy}
 * @throws {EmbedOriginsError} when an entry is not an origin
 */
export function parseAllowedOrigins(value) {
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return { kind: "any" };
  if (entries.length === 1 && entries[0] === "*") return { kind: "any" };
  if (entries.length === 1 && entries[0]?.toLowerCase() === "none") return { kind: "none" };
  for (const special of ["*", "none"]) {
    if (entries.some((entry) => entry.toLowerCase() === special)) {
      throw new EmbedOriginsError(special, "cannot be combined with other entries");
    }
  }
  return { kind: "list", origins: [...new Set(entries.map(parseOrigin))] };
}

/**
 * The CSP `frame-ancestors` directive for the embed routes. 'self' is always allowed so the
 * documentation page on this site can show a live preview of the embed.
 * @param {EmbedFramePolicy} policy
 * @returns {string}
 */
export function embedFrameAncestors(policy) {
  switch (policy.kind) {
    case "any":
      return "frame-ancestors *";
    case "none":
      return "frame-ancestors 'self'";
    case "list":
      return `frame-ancestors 'self' ${policy.origins.join(" ")}`;
  }
}

/** Headers that forbid framing; sent on every path outside /embed. */
export const DENY_FRAMING_HEADERS = Object.freeze([
  // X-Frame-Options for browsers without CSP level 2; frame-ancestors for the rest (it wins
  // over X-Frame-Options where both are understood).
  Object.freeze({ key: "X-Frame-Options", value: "DENY" }),
  Object.freeze({ key: "Content-Security-Policy", value: "frame-ancestors 'none'" }),
]);

/**
 * True when a request path belongs to the embed routes ("/embed", "/embed/…"), which may be
 * framed; "/embedded" or "/embed.js" do not.
 * @param {string} pathname
 * @returns {boolean}
 */
export function isEmbedPath(pathname) {
  return pathname === EMBED_BASE || pathname.startsWith(`${EMBED_BASE}/`);
}

/**
 * The framing headers of one response, decided at request time (proxy.ts): the embed routes get
 * the configured frame-ancestors, everything else is denied.
 * @param {string} pathname
 * @param {EmbedFramePolicy} policy
 * @returns {ReadonlyArray<{ key: string; value: string }>}
 */
export function frameHeadersFor(pathname, policy) {
  return isEmbedPath(pathname)
    ? [{ key: "Content-Security-Policy", value: embedFrameAncestors(policy) }]
    : DENY_FRAMING_HEADERS;
}

/**
 * Entries for next.config's `headers()`: every path except the embed routes refuses framing.
 * These do not depend on configuration, so it is safe that Next.js fixes them at build time;
 * the embed routes' own header depends on EMBED_ALLOWED_ORIGINS and is set per request by
 * proxy.ts, so changing the variable needs a restart, not a rebuild.
 * @returns {Array<{ source: string; headers: Array<{ key: string; value: string }> }>}
 */
export function siteFrameHeaderRules() {
  return [
    {
      // Every path whose first segment is not exactly "embed" ("/embed.js" and "/embedded" are
      // refused like the rest of the site).
      source: "/:path((?!embed(?:/|$)).*)",
      headers: DENY_FRAMING_HEADERS.map((header) => ({ ...header })),
    },
  ];
}
