import type { NextRequest } from "next/server";
import { renderOgImage } from "@/app/_components/og/render-og-image";
import { loadContent } from "@/lib/content/load";
import { answersFromQuery, OG_ANSWERS_PARAM, stateCardFor } from "@/app/_lib/og/state-card";

// The Open Graph image of a wizard state: /og/diagnose?answers=owner/502 draws the state that
// /diagnose/owner/502 shows. app/_lib/og/state-card.ts explains why it is not an opengraph-image file.

// Fonts are read from disk, and the image depends on the query string.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const loadMetadata = async (stateId: string) => (await loadContent(stateId))?.metadata ?? null;

/** Content changes only with a deploy; a day keeps crawlers from re-rendering on every share. */
const CACHE_FOUND = "public, max-age=86400, stale-while-revalidate=604800";
const CACHE_NOT_FOUND = "public, max-age=300";

function png(body: ArrayBuffer, status: number, cacheControl: string): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "image/png", "cache-control": cacheControl },
  });
}

/**
 * Drawn cards by answer path. A card is a pure function of its answers and the content, which
 * changes only with a deploy (a new process), so each is drawn once per process: drawing costs
 * 40–80 ms of CPU, sending a kept one well under 1 ms (issue 15). Bounded, oldest out first,
 * because anyone can ask for many paths; 256 cards of ~50 kB stay near 13 MB.
 */
const DRAWN_LIMIT = 256;
const drawn = new Map<string, Promise<ArrayBuffer>>();

function drawOnce(key: string, draw: () => Promise<ArrayBuffer>): Promise<ArrayBuffer> {
  const kept = drawn.get(key);
  if (kept) {
    // Refresh its place, so cards that are shared often stay.
    drawn.delete(key);
    drawn.set(key, kept);
    return kept;
  }
  const drawing = draw();
  drawn.set(key, drawing);
  // A failed drawing is not kept: the next request tries again.
  drawing.catch(() => drawn.delete(key));
  if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
  return drawing;
}

export async function GET(request: NextRequest): Promise<Response> {
  const answers = answersFromQuery(request.nextUrl.searchParams.get(OG_ANSWERS_PARAM));
  try {
    const card = answers ? await stateCardFor(answers, loadMetadata) : null;
    if (card && answers) {
      const body = await drawOnce(answers.join("/"), () => renderOgImage(card));
      // A copy per response: the kept buffer must never be handed to a stream that may detach it.
      return png(body.slice(0), 200, CACHE_FOUND);
    }
    // Not a state (unknown answer, too many answers): say so, but still send the generic card
    // so a link preview never shows a broken image.
    return png(await renderOgImage(null), 404, CACHE_NOT_FOUND);
  } catch (error) {
    // A broken content file or a render bug is the server's fault: log it and say so, with the
    // generic card as the body.
    console.error("og image: could not draw the card", error);
    return png(await renderOgImage(null), 500, "no-store");
  }
}
