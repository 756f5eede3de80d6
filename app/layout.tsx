import type { Metadata, Viewport } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { ReactNode } from "react";
import { SiteFooter } from "./_components/site-footer";
import { SiteHeader } from "./_components/site-header";
import { SkipLink } from "./_components/skip-link";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Gateway Doctor: find out why you see 502 Bad Gateway",
    template: "%s · Gateway Doctor",
  },
  description:
    "A step-by-step troubleshooter for 502 Bad Gateway, 503, 504 and Cloudflare 52x errors, for people visiting a site and for the people who run it.",
  applicationName: "Gateway Doctor",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0f17" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="flex min-h-screen flex-col antialiased">
        <SkipLink />
        <SiteHeader />
        {/* tabIndex lets the skip link move focus here, not just scroll. */}
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 outline-none"
        >
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
