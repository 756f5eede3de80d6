import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { EmbedStepReport } from "@/app/_components/embed/embed-step-report";
import { CheckTools } from "@/app/_components/check/check-tools";
import { loadStepText } from "@/app/_components/wizard/step-text";
import { WizardView } from "@/app/_components/wizard/wizard-view";
import { loadWizardModel } from "@/app/_components/wizard/wizard-model";
import { EMBED_BASE } from "@/lib/embed/frame-policy.mjs";
import { OPTION_PARAMS } from "@/lib/embed/options";
import { readEvidenceQuery } from "@/lib/evidence/digest";
import { stepDetail } from "@/app/_lib/embed/step-events";
import { resolvePermalink } from "@/machines/permalink";
import { siteOrigin } from "@/lib/wizard/site-origin";
import { DIAGNOSE_BASE, permalinkForState } from "@/machines/paths";
import { isStateId } from "@/machines/steps";

type SearchParams = Record<string, string | string[] | undefined>;

interface EmbedPageProps {
  /** The answers of the permalink, still percent-encoded as Next.js passes them. */
  params: Promise<{ answers?: string[] }>;
  /** The iframe's query: embed options, and `start` on the first load. */
  searchParams: Promise<SearchParams>;
}

async function resolveOr404(params: EmbedPageProps["params"]) {
  const { answers = [] } = await params;
  const resolved = resolvePermalink(answers);
  if (!resolved.ok) notFound();
  return resolved;
}

/** The query without `start`, to carry the other options through the redirect. */
function queryWithout(searchParams: SearchParams, drop: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    if (name === drop || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, item);
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

export async function generateMetadata({ params }: EmbedPageProps): Promise<Metadata> {
  const resolved = await resolveOr404(params);
  const { step } = resolved.replay;
  const [text, origin] = await Promise.all([
    loadStepText(step),
    siteOrigin(process.env.SITE_URL, await headers()),
  ]);
  return {
    title: text.title,
    description: text.summary ?? undefined,
    metadataBase: new URL(origin),
    alternates: { canonical: permalinkForState(step.id) ?? DIAGNOSE_BASE },
  };
}

/**
 * The embedded wizard: the same steps and permalinks as /diagnose, under /embed, inside the
 * embed layout. `?start=<stateId>` on /embed opens at a given step by its shortest permalink.
 */
export default async function EmbedPage({ params, searchParams }: EmbedPageProps) {
  const { answers: rawAnswers = [] } = await params;
  const query = await searchParams;
  const start = query[OPTION_PARAMS.start];
  if (rawAnswers.length === 0 && typeof start === "string" && isStateId(start)) {
    const path = permalinkForState(start, EMBED_BASE);
    if (path) redirect(`${path}${queryWithout(query, OPTION_PARAMS.start)}`);
  }

  const resolved = await resolveOr404(params);
  const origin = siteOrigin(process.env.SITE_URL, await headers());
  // Links stay inside the frame (/embed); what is copied, shared or sent to support points at
  // the full site (/diagnose), where the link works for anyone.
  // A live check's evidence (?url=…) reads the same in the frame as on the full site.
  const evidence = readEvidenceQuery(query);
  const model = await loadWizardModel(resolved, {
    base: EMBED_BASE,
    shareBase: DIAGNOSE_BASE,
    origin,
    evidence,
  });
  const detail = stepDetail(model.step.id, resolved.answers, model.text.title, origin);
  if (!detail) notFound();

  return (
    <>
      <WizardView
        model={model}
        answers={resolved.answers}
        base={EMBED_BASE}
        tools={
          // Hidden by the live check itself when the host turned it off (data-live-check).
          <CheckTools
            step={model.step}
            answers={resolved.answers}
            base={EMBED_BASE}
            path={model.path}
            origin={origin}
            evidence={evidence}
          />
        }
      />
      <EmbedStepReport detail={detail} markdown={model.summary} />
    </>
  );
}
