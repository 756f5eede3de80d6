import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { originFromSiteKey } from "@/lib/wizard/step-cache";
import { resolvePermalink } from "@/machines/permalink";
import { DiagnoseStep, diagnoseStepMetadata } from "@/app/diagnose/_step/diagnose-step";

// A wizard step rendered once per permalink and site, then served from Next's cache. Only
// proxy.ts reaches this route (it refuses /step-cache from outside): it rewrites a plain GET of
// /diagnose/<answers> here; lib/wizard/step-cache.ts explains the key. Nothing here may read the
// request (headers, cookies, query): the page must be the same for everyone who asks for it.

interface CachedStepProps {
  params: Promise<{ site: string; answers?: string[] }>;
}

// No page is rendered at build time (the origin is known only when the server runs); each is
// rendered on its first request and cached. An empty list is what makes Next cache them.
export const dynamicParams = true;
export function generateStaticParams(): { site: string; answers?: string[] }[] {
  return [];
}

// Re-rendered in the background at most hourly, which also tells a CDN in front (Cache-Control
// s-maxage) to keep a step for an hour rather than Next's default of a year past a deploy.
export const revalidate = 3600;

async function resolveOr404(params: CachedStepProps["params"]) {
  const { site, answers = [] } = await params;
  const origin = originFromSiteKey(site);
  const resolved = resolvePermalink(answers);
  if (!origin || !resolved.ok) notFound();
  return { origin, resolved };
}

export async function generateMetadata({ params }: CachedStepProps): Promise<Metadata> {
  const { origin, resolved } = await resolveOr404(params);
  return diagnoseStepMetadata(resolved, origin);
}

export default async function CachedStepPage({ params }: CachedStepProps) {
  const { origin, resolved } = await resolveOr404(params);
  // now: null — a cached page cannot know when its summary is copied (lib/wizard/summary.ts).
  return <DiagnoseStep resolved={resolved} request={{ origin, now: null }} />;
}
