/**
 * "keepAliveMismatch" → "Keep alive mismatch" (and "cloudflare-525" → "Cloudflare 525"): the
 * name a step goes by when its content file is missing, so the page, the summary and the tests
 * agree on it.
 */
export function titleFromSlug(slug: string): string {
  const words = slug
    .replace(/-/g, " ")
    .replace(/([a-z])([A-Z0-9])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
