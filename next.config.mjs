import createMDX from "@next/mdx";
import { parseAllowedOrigins, siteFrameHeaderRules } from "./lib/embed/frame-policy.mjs";
import { FORM_BODY_LIMIT_BYTES } from "./lib/form-limits.mjs";

// Read once when the server (or the build) starts, so a value that is not understood stops it
// with a message naming the bad entry instead of silently allowing or blocking embeds.
parseAllowedOrigins(process.env.EMBED_ALLOWED_ORIGINS);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // MDX files in content/ are imported as modules by the wizard pages.
  pageExtensions: ["ts", "tsx", "md", "mdx"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // The analyzer's no-JavaScript form posts up to 1,000,000 characters to a server action;
    // non-ASCII text makes that more than the default 1 MB of body.
    serverActions: { bodySizeLimit: FORM_BODY_LIMIT_BYTES },
  },
  // Only /embed may be framed; its frame-ancestors depend on EMBED_ALLOWED_ORIGINS and are set
  // per request in proxy.ts, because Next.js fixes these rules at build time.
  async headers() {
    return siteFrameHeaderRules();
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
