/**
 * What the share image of a wizard state shows, worked out from the permalink's answers.
 * Kept apart from the Satori markup (app/_components/og/) and the route
 * (app/og/diagnose/route.tsx) so the choices here — which hop to light up,
 * how to shorten a long trail — are unit-tested without rendering a PNG.
 */
import { HOPS, type Hop, type StepKind } from "@/machines/diagnosis.machine";
import { replayAnswers } from "@/machines/replay";
import type { ContentMetadata } from "@/lib/content/schema";

/** Open Graph's recommended size; Facebook, LinkedIn, Slack and X all crop to 1.91:1. */
export const OG_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/** Path of the share-image route; the permalink's answers go in its query string. */
export const OG_IMAGE_PATH = "/og/diagnose";

/** Query parameter holding the answers, joined with "/" as in the permalink. */
export const OG_ANSWERS_PARAM = "answers";

/**
 * More answers than any real permalink holds (the longest shortest path is about a dozen, and
 * fixes loop back at most a few times); a longer list is rejected before it is replayed.
 */
export const MAX_OG_ANSWERS = 100;

/** Alt text of the image when the state cannot be named (bad permalink, broken content). */
export const GENERIC_ALT = "Gateway Doctor: find out why you see 502 Bad Gateway";

/**
 * URL path of the share image for the state a list of answers leads to, e.g.
 * `/og/diagnose?answers=owner/502`. Two Next.js limits shape it: an `opengraph-image` file
 * cannot sit inside the optional catch-all `[[...answers]]` ("Optional catch-all must be the
 * last part of the URL", vercel/next.js#48162), so the page names this route in its
 * `generateMetadata`; and a dynamic route segment answers malformed percent-encoding (`%E0%A4%A`)
 * with a 500 before any code runs, whereas a query string is parsed leniently, so no image URL
 * can make the server fail.
 */
export function ogImagePathFor(answers: readonly string[]): string {
  if (answers.length === 0) return OG_IMAGE_PATH;
  return `${OG_IMAGE_PATH}?${OG_ANSWERS_PARAM}=${answers.map(encodeURIComponent).join("/")}`;
}

/**
 * The answers in an image URL's query value, or null when it cannot be a permalink (too many
 * answers, or an empty one as in `owner//502`). Missing or empty means the start.
 */
export function answersFromQuery(value: string | null): string[] | null {
  if (value === null || value === "") return [];
  const answers = value.split("/");
  if (answers.length > MAX_OG_ANSWERS || answers.some((answer) => answer === "")) return null;
  return answers;
}

/** An entry for `openGraph.images` / `twitter.images` in a page's `generateMetadata`. */
export interface OgImageDescriptor {
  /** Path of the image; Next.js makes it absolute with `metadataBase`. */
  url: string;
  width: number;
  height: number;
  type: "image/png";
  alt: string;
}

/** The `openGraph.images` entry for a permalink; `alt` is usually the state's title. */
export function ogImageFor(answers: readonly string[], alt: string): OgImageDescriptor {
  return { url: ogImagePathFor(answers), ...OG_IMAGE_SIZE, type: "image/png", alt };
}

/** The words on the hop strip, in request order; "edge" is what people call their CDN. */
export const HOP_LABELS: Record<Hop, string> = {
  browser: "Browser",
  dns: "DNS",
  edge: "CDN",
  proxy: "Proxy",
  app: "App",
  database: "Database",
};

const KIND_LABELS: Record<StepKind, string> = {
  question: "Question",
  check: "Check",
  fix: "Fix",
  outcome: "Outcome",
  info: "Background",
};

/** One box of the browser → database strip. */
export interface HopCell {
  hop: Hop;
  label: string;
  /** True for the hop the state suspects; at most one cell is. */
  suspected: boolean;
}

/** Everything drawn on a state's share image. */
export interface StateCard {
  /** The state's title, from its MDX metadata. */
  title: string;
  /** The state's one-sentence summary, from its MDX metadata. */
  summary: string;
  /** "Question", "Check", "Fix", "Outcome" or "Background". */
  kindLabel: string;
  /** The answers given, already shortened to fit one line; empty at the start. */
  trail: string;
  /** The request path with the suspected hop marked (none marked before anything is suspected). */
  hops: HopCell[];
}

/** The strip's cells with `suspected` (if any) marked. */
export function hopCells(suspected: Hop | null): HopCell[] {
  return HOPS.map((hop) => ({ hop, label: HOP_LABELS[hop], suspected: hop === suspected }));
}

const TRAIL_SEPARATOR = " › ";
const ELLIPSIS = "…";

/** Cuts text to at most `max` characters, ending in an ellipsis on a word boundary when it can. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const lastSpace = cut.lastIndexOf(" ");
  // Only back off to a space that keeps most of the text; one long word is cut mid-word.
  const base = lastSpace >= max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return base.replace(/[\s,.;:(–-]+$/u, "") + ELLIPSIS;
}

/**
 * The answer labels joined into one line of at most `maxChars` characters. The latest answers
 * matter most (they explain why this state was reached), so earlier ones give way first and
 * are replaced by "…"; a single label longer than `maxLabel` is shortened on its own.
 */
export function trailLine(labels: readonly string[], maxChars = 80, maxLabel = 34): string {
  const parts = labels.map((label) => shorten(label, maxLabel));
  let line = parts.join(TRAIL_SEPARATOR);
  if (line.length <= maxChars) return line;
  const kept: string[] = [];
  let length = ELLIPSIS.length;
  for (const part of [...parts].reverse()) {
    const added = TRAIL_SEPARATOR.length + part.length;
    if (length + added > maxChars && kept.length > 0) break;
    kept.unshift(part);
    length += added;
  }
  line = [ELLIPSIS, ...kept].join(TRAIL_SEPARATOR);
  return line.length <= maxChars ? line : shorten(line, maxChars);
}

/** Reads a content file's metadata; null when the file does not exist. */
export type MetadataLoader = (stateId: string) => Promise<ContentMetadata | null>;

/**
 * The card for the state a permalink's answers lead to, or null when the answers lead nowhere
 * (an unknown slug) or the state has no content file. Metadata errors propagate: a broken
 * content file is a bug for the build to catch, not a state to hide.
 */
export async function stateCardFor(
  answers: readonly string[],
  loadMetadata: MetadataLoader,
): Promise<StateCard | null> {
  const replay = replayAnswers(answers);
  if (!replay.ok) return null;
  const metadata = await loadMetadata(replay.step.id);
  if (!metadata) return null;
  return {
    title: metadata.title,
    summary: metadata.summary,
    kindLabel: KIND_LABELS[replay.step.kind],
    trail: trailLine(replay.trail.map((entry) => entry.label)),
    hops: hopCells(replay.step.hop),
  };
}
