import type { Metadata } from "next";
import { headers } from "next/headers";
import { WizardNotFoundView } from "@/app/_components/wizard/not-found-view";
import { WIZARD_PATH_HEADER } from "@/lib/wizard/path-encoding";
import { DIAGNOSE_BASE } from "@/machines/paths";

export const metadata: Metadata = { title: "Diagnosis link not understood" };

/**
 * The page's own 404, for a permalink that reached the page although proxy.ts normally sends
 * broken ones to the server-rendered root not-found first (see proxy.ts for why). Next.js 16
 * renders this file only once JavaScript runs. Not-found files receive no props, so the proxy
 * hands over the request path in a header; without it the view gives a general explanation.
 */
export default async function DiagnoseNotFound() {
  const pathname = (await headers()).get(WIZARD_PATH_HEADER);
  return <WizardNotFoundView base={DIAGNOSE_BASE} pathname={pathname} />;
}
