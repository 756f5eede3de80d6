import type { Metadata } from "next";
import { CheckTools } from "@/app/_components/check/check-tools";
import { StepTools } from "@/app/_components/wizard/step-tools";
import { loadStepText } from "@/app/_components/wizard/step-text";
import { WizardView } from "@/app/_components/wizard/wizard-view";
import { loadWizardModel } from "@/app/_components/wizard/wizard-model";
import { ogImageFor } from "@/app/_lib/og/state-card";
import type { EvidenceQuery } from "@/lib/evidence/digest";
import type { PasteMarks } from "@/lib/analyzer/links";
import { DIAGNOSE_BASE, permalinkFor, permalinkForState } from "@/machines/paths";
import type { ResolvedPermalink } from "@/machines/permalink";

// One wizard step of /diagnose, shared by its two routes: app/diagnose/[[...answers]] renders
// it per request (a check's evidence or a paste in the query, a form post), and
// app/step-cache/[site]/[[...answers]] renders it once per permalink and site and serves it from
// Next's cache (proxy.ts chooses; see there why).

/** What a request adds to the permalink; the cached route passes only the origin. */
export interface StepRequest {
  /** The site's public origin, for absolute links (lib/wizard/site-origin.ts). */
  origin: string;
  /** What the query says about a live check; a cached page has none. */
  evidence?: EvidenceQuery;
  /** An analyzed paste's reference from the query, or null. */
  paste?: PasteMarks | null;
  /** When the copied summary says it was made; null on a cached page (lib/wizard/summary.ts). */
  now: Date | null;
}

/** A request whose query says nothing about a check. */
const NO_EVIDENCE: EvidenceQuery = { request: null, digest: null, inference: null };

export async function diagnoseStepMetadata(
  resolved: ResolvedPermalink,
  origin: string,
): Promise<Metadata> {
  const { step } = resolved.replay;
  const text = await loadStepText(step);
  const description =
    text.summary ?? "A step of Gateway Doctor's troubleshooter for 502, 503, 504 and 52x errors.";
  const path = permalinkFor(resolved.answers);
  // The share image is a route of its own (/og/diagnose?answers=…): Next cannot place an
  // opengraph-image file inside an optional catch-all (see app/_lib/og/state-card.ts).
  const image = ogImageFor(resolved.answers, text.title);
  return {
    title: text.title,
    description,
    metadataBase: new URL(origin),
    // Many paths lead to the same step (with or without "not sure" detours); search engines
    // get the shortest one as canonical, while a shared link keeps its own path in og:url so
    // the person it is sent to sees the same trail.
    alternates: { canonical: permalinkForState(step.id) ?? path },
    openGraph: {
      type: "article",
      siteName: "Gateway Doctor",
      title: text.title,
      description,
      url: path,
      locale: "en",
      images: [image],
    },
    twitter: { card: "summary_large_image", title: text.title, description, images: [image] },
  };
}

/** The step's page body: the wizard view with the live check and the step's tools. */
export async function DiagnoseStep({
  resolved,
  request,
}: {
  resolved: ResolvedPermalink;
  request: StepRequest;
}) {
  const { origin, evidence = NO_EVIDENCE, paste = null, now } = request;
  const model = await loadWizardModel(resolved, {
    base: DIAGNOSE_BASE,
    origin,
    evidence,
    paste,
    now,
  });
  return (
    <WizardView
      model={model}
      answers={resolved.answers}
      base={DIAGNOSE_BASE}
      tools={
        <>
          <CheckTools
            step={model.step}
            answers={resolved.answers}
            base={DIAGNOSE_BASE}
            path={model.path}
            origin={origin}
            evidence={evidence}
          />
          <StepTools step={model.step} />
        </>
      }
    />
  );
}
