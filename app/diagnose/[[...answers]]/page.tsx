import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { CheckTools } from "@/app/_components/check/check-tools";
import { StepTools } from "@/app/_components/wizard/step-tools";
import { loadStepText } from "@/app/_components/wizard/step-text";
import { WizardView } from "@/app/_components/wizard/wizard-view";
import { loadWizardModel } from "@/app/_components/wizard/wizard-model";
import { readEvidenceQuery } from "@/lib/evidence/digest";
import { readPasteQuery } from "@/lib/analyzer/links";
import { ogImageFor } from "@/app/_lib/og/state-card";
import { resolvePermalink } from "@/machines/permalink";
import { siteOrigin } from "@/lib/wizard/site-origin";
import { DIAGNOSE_BASE, permalinkFor, permalinkForState } from "@/machines/paths";

interface DiagnosePageProps {
  /** The answers of the permalink, still percent-encoded as Next.js passes them. */
  params: Promise<{ answers?: string[] }>;
  /** The query: a live check's URL and evidence (lib/evidence/digest.ts), when a check led here. */
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Resolves the permalink or answers 404; notFound() runs before streaming, so the status is real. */
async function resolveOr404(params: DiagnosePageProps["params"]) {
  const { answers = [] } = await params;
  const resolved = resolvePermalink(answers);
  if (!resolved.ok) notFound();
  return resolved;
}

async function requestOrigin(): Promise<string> {
  return siteOrigin(process.env.SITE_URL, await headers());
}

export async function generateMetadata({ params }: DiagnosePageProps): Promise<Metadata> {
  const resolved = await resolveOr404(params);
  const { step } = resolved.replay;
  const [text, origin] = await Promise.all([loadStepText(step), requestOrigin()]);
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

/** The diagnosis wizard: /diagnose is the first question, /diagnose/<answer>/… any later step. */
export default async function DiagnosePage({ params, searchParams }: DiagnosePageProps) {
  const resolved = await resolveOr404(params);
  const origin = await requestOrigin();
  const query = await searchParams;
  const evidence = readEvidenceQuery(query);
  const model = await loadWizardModel(resolved, {
    base: DIAGNOSE_BASE,
    origin,
    evidence,
    paste: readPasteQuery(query),
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
