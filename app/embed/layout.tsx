import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { EmbedShell } from "@/app/_components/embed/embed-shell";
import { embedStylesheet } from "@/lib/embed/theme";

export const metadata: Metadata = {
  // The same steps live under /diagnose; search engines get those, not the framed copies.
  robots: { index: false, follow: false },
};

/**
 * Layout of the embedded wizard. The root layout still draws the site header and footer; the
 * embed stylesheet hides them around this layout's element (see lib/embed/theme.ts for why it
 * is done that way rather than with a second root layout).
 */
export default async function EmbedLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so the shell sees the iframe's query (theme, accent…) on the server
  // and the first paint already has the host's colors.
  await connection();
  return (
    <>
      <style href="gateway-doctor-embed" precedence="default">
        {embedStylesheet()}
      </style>
      <EmbedShell>{children}</EmbedShell>
    </>
  );
}
