import type { Metadata } from "next";
import { headers } from "next/headers";
import { WizardNotFoundView } from "@/app/_components/wizard/not-found-view";
import { EMBED_BASE } from "@/lib/embed/frame-policy.mjs";
import { WIZARD_PATH_HEADER } from "@/lib/wizard/path-encoding";

export const metadata: Metadata = { title: "Diagnosis link not understood" };

/** The wizard's own 404 for an embed permalink it cannot follow, with links that stay in the frame. */
export default async function EmbedNotFound() {
  const pathname = (await headers()).get(WIZARD_PATH_HEADER);
  return <WizardNotFoundView base={EMBED_BASE} pathname={pathname} />;
}
