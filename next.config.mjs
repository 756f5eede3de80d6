import createMDX from "@next/mdx";
import { parseAllowedOrigins, siteSecurityHeaderRules } from "./lib/embed/frame-policy.mjs";
import { FORM_BODY_LIMIT_BYTES, PROXY_BODY_BUFFER_BYTES } from "./lib/form-limits.mjs";

// Read once when the server (or the build) starts, so a value that is not understood stops it
// with a message naming the bad entry instead of silently allowing or blocking embeds.
parseAllowedOrigins(process.env.EMBED_ALLOWED_ORIGINS);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // MDX files in content/ are imported as modules by the wizard pages.
  pageExtensions: ["ts", "tsx", "md", "mdx"],
  poweredByHeader: false,
  // proxy.ts sees the request's URL as the server was reached, which it needs to build rewrites
  // Next serves in-process (see rewriteTo there); this app has no pages-router data URLs for
  // Next to normalize.
  skipProxyUrlNormalize: true,
  // NEXT_DIST_DIR lets a second build live beside .next (engineers sharing one checkout, or a
  // build tested while another serves); unset, Next.js's default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  // Wizard steps are rendered once and served from Next's cache (lib/wizard/step-cache.ts). Their
  // number is unbounded (any path of answers, for any Host when SITE_URL is unset), so that cache
  // lives in memory only, least-recently-used, within this many bytes; never on disk.
  cacheMaxMemorySize: 64 * 1024 * 1024,
  experimental: {
    isrFlushToDisk: false,
    // The analyzer's no-JavaScript form posts up to 1,000,000 characters to a server action;
    // non-ASCII text makes that more than the default 1 MB of body.
    serverActions: { bodySizeLimit: FORM_BODY_LIMIT_BYTES },
    // proxy.ts reads a form post's body to refuse one over the limit that came without a
    // Content-Length (chunked): Next.js buffers at most this much for it, more than the limit,
    // so "more than the limit" is still visible there (lib/form-limits.mjs).
    proxyClientMaxBodySize: PROXY_BODY_BUFFER_BYTES,
  },
  // Security headers (CSP, nosniff, Referrer-Policy, Permissions-Policy, COOP) on every path;
  // only /embed may be framed. The embed's frame-ancestors depend on EMBED_ALLOWED_ORIGINS and
  // HSTS on SITE_URL, so proxy.ts sets those per request: Next.js fixes these rules at build time.
  async headers() {
    return siteSecurityHeaderRules();
  },
};

const withMDX = createMDX({
  options: {
    // Plugins are named by string so Turbopack can pass the options to its loader worker;
    // remark-gfm adds tables, strikethrough and autolinks to content files.
    remarkPlugins: [["remark-gfm"]],
  },
});

export default withMDX(nextConfig);
