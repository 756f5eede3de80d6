import createMDX from "@next/mdx";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // MDX files in content/ are imported as modules by the wizard pages.
  pageExtensions: ["ts", "tsx", "md", "mdx"],
  poweredByHeader: false,
  reactStrictMode: true,
};

const withMDX = createMDX({
  options: {
    // Plugins are named by string so Turbopack can pass the options to its loader worker;
    // remark-gfm adds tables, strikethrough and autolinks to content files.
    remarkPlugins: [["remark-gfm"]],
  },
});

export default withMDX(nextConfig);
