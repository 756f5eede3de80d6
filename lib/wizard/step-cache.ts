/**
 * The wizard's page cache, and why it is keyed the way it is.
 *
 * A step's page is a pure function of its permalink's answers and of the site's public origin
 * (the absolute links in its metadata and copied summary; lib/wizard/site-origin.ts). So proxy.ts
 * rewrites a plain GET of `/diagnose/<answers>` to `/step-cache/<site key>/<answers>`, a route
 * Next.js renders once and then serves from its cache (ISR without revalidation); anything that
 * depends on the request itself — a query (a check's evidence, a paste), a form post — stays
 * on the per-request route.
 *
 * The origin is part of the path because without SITE_URL it comes from the Host header:
 * keying by it means a request with a forged Host can only ever fill its own entry, never plant
 * its origin in a page someone else receives. Next's cache for this route lives in memory only
 * (next.config.mjs: isrFlushToDisk off, cacheMaxMemorySize), bounded and least-recently-used,
 * so walking many permalinks or many Host names costs memory churn, never disk.
 */

/** Internal route of cached steps; proxy.ts refuses it from outside. */
export const STEP_CACHE_BASE = "/step-cache";

/** Query parameters that do not change a step's page: Next's own cache-buster for RSC fetches. */
const IGNORED_QUERY_PARAMS = new Set(["_rsc"]);

/** True when a query carries nothing but parameters that do not change the page. */
export function isCacheableQuery(searchParams: URLSearchParams): boolean {
  for (const name of searchParams.keys()) {
    if (!IGNORED_QUERY_PARAMS.has(name)) return false;
  }
  return true;
}

/** The path segment naming a site: its origin in base64url (no `/` or `%` to confuse routing). */
export function siteKey(origin: string): string {
  return Buffer.from(origin, "utf8").toString("base64url");
}

const keyPattern = /^[A-Za-z0-9_-]{1,400}$/;

/**
 * The origin a site key names, or null when the key is not one siteKey() could have made from
 * an http(s) origin. The cached page renders only what this returns.
 */
export function originFromSiteKey(key: string): string | null {
  if (!keyPattern.test(key)) return null;
  const text = Buffer.from(key, "base64url").toString("utf8");
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    // Exactly an origin: no path, query, credentials or fragment smuggled in.
    return url.origin === text ? text : null;
  } catch {
    return null;
  }
}
