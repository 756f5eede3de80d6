import type { NextRequest } from "next/server";
import { renderOgImage } from "@/app/_components/og/render-og-image";
import { loadContent } from "@/lib/content/load";
import {
  answersFromQuery,
  OG_ANSWERS_PARAM,
  stateCardFor,
  type StateCard,
} from "@/lib/og/state-card";

// The Open Graph image of a wizard state: /og/diagnose?answers=owner/502 draws the state that
// /diagnose/owner/502 shows. lib/og/state-card.ts explains why it is not an opengraph-image file.

// Fonts are read from disk, and the image depends on the query string.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const loadMetadata = async (contentId: string) => (await loadContent(contentId))?.metadata ?? null;

/** Content changes only with a deploy; a day keeps crawlers from re-rendering on every share. */
const CACHE_FOUND = "public, max-age=86400, stale-while-revalidate=604800";
const CACHE_NOT_FOUND = "public, max-age=300";

export async function GET(request: NextRequest): Promise<Response> {
  const answers = answersFromQuery(request.nextUrl.searchParams.get(OG_ANSWERS_PARAM));
  let card: StateCard | null = null;
  let png: ArrayBuffer | null = null;
  try {
    card = answers ? await stateCardFor(answers, loadMetadata) : null;
    if (card) png = await renderOgImage(card);
  } catch (error) {
    // A broken content file or a render bug: log it, and still give the crawler a picture.
    console.error("og image: falling back to the generic card", error);
  }
  // Not a state (unknown answer, too many answers): say so with 404, but send the generic card
  // so a preview never shows a broken image.
  const found = card !== null && png !== null;
  png ??= await renderOgImage(null);
  return new Response(png, {
    status: card === null ? 404 : 200,
    headers: {
      "content-type": "image/png",
      "cache-control": found ? CACHE_FOUND : CACHE_NOT_FOUND,
    },
  });
}
