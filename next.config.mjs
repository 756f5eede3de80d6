import createMDX from "@next/mdx";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // MDX files in content/ are imported as modules by the wizard pages.
  pageExtensions: ["ts", "tsx", "md", "mdx"],
  poweredByHeader: false,
  reactStrictMode: true,
};

const withMDX = createMDX({});

export default withMDX(nextConfig);
