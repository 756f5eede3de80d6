/**
 * The wizard's handling of raw request paths, kept apart from the machine so proxy.ts can use
 * it without loading the diagnosis.
 */

/**
 * Request header in which proxy.ts passes the raw request path to the wizard's not-found page,
 * which (being a Next.js not-found file) receives no props.
 */
export const WIZARD_PATH_HEADER = "x-wizard-path";

/** `decodeURIComponent` that reports malformed input as null instead of throwing. */
export function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The raw segments of a request path under `base` ("/diagnose/a/b" → ["a", "b"]), or null when
 * the path is not under that base.
 */
export function segmentsUnder(pathname: string, base: string): string[] | null {
  if (pathname === base || pathname === `${base}/`) return [];
  if (!pathname.startsWith(`${base}/`)) return null;
  const rest = pathname.slice(base.length + 1).replace(/\/$/, "");
  return rest.split("/");
}

/**
 * The first segment of a path that is not valid percent-encoding (`/embed/%zz/owner` → `%zz`),
 * or null. Next.js answers such a path with a bare 400 before any page runs, and a rewrite to a
 * repaired path fails inside Next with a 500 (it decodes the route's parameters from the
 * original URL), so proxy.ts answers these itself, naming the segment.
 */
export function malformedSegment(pathname: string): string | null {
  return pathname.split("/").find((segment) => safeDecode(segment) === null) ?? null;
}

/**
 * Query parameter in which proxy.ts hands a /diagnose path that is not a permalink to Next's
 * /_not-found route, whose page (app/not-found.tsx) then explains it. The path travels as
 * base64url: a raw path's %-escapes would be decoded once more on the way and change meaning.
 */
export const NOT_UNDERSTOOD_PARAM = "wizard-path";

/** The value of NOT_UNDERSTOOD_PARAM for a raw request path. */
export function encodeNotUnderstood(pathname: string): string {
  return Buffer.from(pathname, "utf8").toString("base64url");
}

/** The raw request path carried by NOT_UNDERSTOOD_PARAM, or null for a value that is not one. */
export function decodeNotUnderstood(value: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,12000}$/.test(value)) return null;
  const pathname = Buffer.from(value, "base64url").toString("utf8");
  return pathname.startsWith("/") ? pathname : null;
}
