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

// ---------------------------------------------------------------------------------------------
// The security headers of every response.
//
// Why a static policy with 'unsafe-inline' for scripts, not nonces: Next.js delivers each page's
// React Server Components payload as inline <script> elements whose text differs per page and
// per build. A nonce would have to be made per request in proxy.ts, and Next.js then renders
// every page dynamically (https://nextjs.org/docs/app/guides/content-security-policy, "you must
// use dynamic rendering to add nonces"), which undoes the prerendered and cached pages the
// wizard's permalinks are served from. Hashes cannot be listed in a header fixed at build time
// either, because the inline payloads change with every build and every page. So the policy
// allows inline scripts and limits everything else to this origin: no script, style, font,
// connection or frame from another site, no eval (no 'unsafe-eval'), no plugins, no <base>
// rewrite, forms only to this site. Markup injection is kept out where it starts: every value
// a page shows is rendered by React (escaped), and test/e2e/fuzz.spec.ts fails on any
// unescaped reflection of the input.

/** Directives shared by every page; frame-ancestors is added per path. */
export const CONTENT_POLICY_DIRECTIVES = Object.freeze([
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  // React sets style attributes (e.g. progress widths), and Next.js inlines critical CSS.
  "style-src 'self' 'unsafe-inline'",
  // OG previews and icons are this site's; data: covers inline SVG icons in CSS.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // The live check streams from /api/probe/stream on this site; nothing else is fetched.
  "connect-src 'self'",
  // /docs/embed shows the embed in a frame from this site.
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
]);

/**
 * The whole Content-Security-Policy value for a path: the shared directives plus the framing
 * rule (the embed's allow-list under /embed, 'none' elsewhere).
 * @param {string} pathname
 * @param {EmbedFramePolicy} policy
 * @returns {string}
 */
export function contentSecurityPolicyFor(pathname, policy) {
  const framing = isEmbedPath(pathname) ? embedFrameAncestors(policy) : "frame-ancestors 'none'";
  return [...CONTENT_POLICY_DIRECTIVES, framing].join("; ");
}

/** Headers that do not depend on the path or the configuration. */
export const FIXED_SECURITY_HEADERS = Object.freeze([
  // Browsers must not guess a type other than the one sent (a pasted log shown as text/plain
  // must never run as HTML or script).
  Object.freeze({ key: "X-Content-Type-Options", value: "nosniff" }),
  // Other sites see only this origin, never a permalink's answers or a checked URL in a query.
  Object.freeze({ key: "Referrer-Policy", value: "strict-origin-when-cross-origin" }),
  // The wizard needs none of these powerful features; neither does anything it frames.
  Object.freeze({
    key: "Permissions-Policy",
    value:
      "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()",
  }),
  // A page this site opens cannot script it back through window.opener, and vice versa.
  Object.freeze({ key: "Cross-Origin-Opener-Policy", value: "same-origin" }),
]);

/** Strict-Transport-Security sent when SITE_URL is https: one year, this host only. */
export const HSTS_HEADER = Object.freeze({
  key: "Strict-Transport-Security",
  value: "max-age=31536000",
});

/**
 * True when SITE_URL names an https origin: only then is the site known to be served over TLS,
 * and only then may browsers be told to insist on it.
 * @param {string | undefined} siteUrl
 * @returns {boolean}
 */
export function siteIsHttps(siteUrl) {
  if (!siteUrl) return false;
  try {
    return new URL(siteUrl).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Every security header of one response, decided per request in proxy.ts.
 * @param {string} pathname
 * @param {EmbedFramePolicy} policy
 * @param {string | undefined} siteUrl
 * @returns {Array<{ key: string; value: string }>}
 */
export function securityHeadersFor(pathname, policy, siteUrl) {
  const headers = [
    ...FIXED_SECURITY_HEADERS.map((header) => ({ ...header })),
    { key: "Content-Security-Policy", value: contentSecurityPolicyFor(pathname, policy) },
  ];
  if (!isEmbedPath(pathname)) headers.push({ key: "X-Frame-Options", value: "DENY" });
  if (siteIsHttps(siteUrl)) headers.push({ ...HSTS_HEADER });
  return headers;
}

/**
 * Entries for next.config's `headers()`: the same headers as securityHeadersFor for every path
 * outside /embed (they do not depend on configuration), so responses proxy.ts does not see still
 * carry them. The embed's CSP and HSTS depend on the environment and are set by proxy.ts.
 * @returns {Array<{ source: string; headers: Array<{ key: string; value: string }> }>}
 */
export function siteSecurityHeaderRules() {
  const [frameRule] = siteFrameHeaderRules();
  return [
    // "/(.*)", not "/:path*": Next.js's matcher does not let the latter match "/" itself.
    { source: "/(.*)", headers: FIXED_SECURITY_HEADERS.map((header) => ({ ...header })) },
    {
      source: frameRule.source,
      headers: [
        { key: "X-Frame-Options", value: "DENY" },
        {
          key: "Content-Security-Policy",
          value: contentSecurityPolicyFor("/", { kind: "none" }),
        },
      ],
    },
  ];
}
