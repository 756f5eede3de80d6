import type { Metadata } from "next";
import { headers } from "next/headers";
import { WizardNotFoundView } from "@/app/_components/wizard/not-found-view";
import { WIZARD_PATH_HEADER } from "@/lib/wizard/path-encoding";
import { DIAGNOSE_BASE } from "@/machines/paths";

export const metadata: Metadata = { title: "Diagnosis link not understood" };

/**
 * The 404 of a permalink the wizard cannot follow. Not-found files receive no props, so
 * proxy.ts hands over the request path in a header; without it (e.g. a request that bypassed
 * the proxy) the view falls back to a general explanation.
 */
export default async function DiagnoseNotFound() {
  const pathname = (await headers()).get(WIZARD_PATH_HEADER);
  return <WizardNotFoundView base={DIAGNOSE_BASE} pathname={pathname} />;
}
