import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { readPasteQuery } from "@/lib/analyzer/links";
import { readEvidenceQuery } from "@/lib/evidence/digest";
import { siteOrigin } from "@/lib/wizard/site-origin";
import { resolvePermalink } from "@/machines/permalink";
import { DiagnoseStep, diagnoseStepMetadata } from "@/app/diagnose/_step/diagnose-step";

// The wizard rendered per request. proxy.ts sends here what depends on more than the permalink:
// a query (a live check's evidence, an analyzed paste) and form posts (the check without
// JavaScript). A plain GET of a permalink is served by app/step-cache instead, from Next's cache.

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
  const [resolved, origin] = await Promise.all([resolveOr404(params), requestOrigin()]);
  return diagnoseStepMetadata(resolved, origin);
}

/** The diagnosis wizard: /diagnose is the first question, /diagnose/<answer>/… any later step. */
export default async function DiagnosePage({ params, searchParams }: DiagnosePageProps) {
  const resolved = await resolveOr404(params);
  const origin = await requestOrigin();
  const query = await searchParams;
  return (
    <DiagnoseStep
      resolved={resolved}
      request={{
        origin,
        evidence: readEvidenceQuery(query),
        paste: readPasteQuery(query),
        now: new Date(),
      }}
    />
  );
}
