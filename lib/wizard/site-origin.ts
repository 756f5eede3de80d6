/**
 * The site's public origin, for the absolute URLs a shared diagnosis needs
 * (canonical link, Open Graph URL, the link in "copy summary").
 *
 * SITE_URL wins when set, because a Host header is whatever the client sent:
 * behind a CDN that caches by path, trusting it would let one request plant
 * a foreign origin in pages others receive. Without SITE_URL (a laptop, a
 * test server) the request's own host is used, and only if it looks like a
 * host name or address.
 */

/** The few request headers the origin is read from. */
export interface HeaderReader {
  get(name: string): string | null;
}

const hostPattern =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Used when neither SITE_URL nor the request names a usable host. */
export const FALLBACK_ORIGIN = "http://localhost:3000";

/** The origin ("https://example.org") of an http(s) URL, or null for anything else. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The public origin: SITE_URL if it is a valid http(s) URL, else the request's host. */
export function siteOrigin(siteUrl: string | undefined, headers: HeaderReader): string {
  const configured = originOf(siteUrl);
  if (configured) return configured;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? headers.get("host");
  if (!host || !hostPattern.test(host)) return FALLBACK_ORIGIN;
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const protocol = forwarded === "https" || forwarded === "http" ? forwarded : "http";
  return originOf(`${protocol}://${host}`) ?? FALLBACK_ORIGIN;
}
