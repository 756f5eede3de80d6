import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ImageResponse } from "next/og";
import { readCoverage, toCoveredText, type Coverage } from "@/lib/og/glyphs";
import { OG_IMAGE_SIZE, type StateCard } from "@/app/_lib/og/state-card";
import { GenericCardImage, OG_FONT_FAMILY, StateCardImage } from "./state-card-image";

// Server-only: reads font files and renders PNGs with next/og.

/** The Geist weights the card uses, read from the installed `geist` package; nothing is fetched. */
const FONT_FILES = [
  { weight: 400, file: "Geist-Regular.ttf" },
  { weight: 600, file: "Geist-SemiBold.ttf" },
  { weight: 700, file: "Geist-Bold.ttf" },
] as const;

const FONT_DIR = join(process.cwd(), "node_modules", "geist", "dist", "fonts", "geist-sans");

interface LoadedFonts {
  fonts: { name: string; data: Buffer; weight: 400 | 600 | 700; style: "normal" }[];
  /** Characters every weight can draw. */
  coverage: Coverage;
}

let loading: Promise<LoadedFonts> | undefined;

/** Reads the fonts once per server process; a failed read is retried on the next request. */
function loadFonts(): Promise<LoadedFonts> {
  loading ??= Promise.all(
    FONT_FILES.map(async ({ weight, file }) => ({
      name: OG_FONT_FAMILY,
      data: await readFile(join(FONT_DIR, file)),
      weight,
      style: "normal" as const,
    })),
  ).then(
    (fonts) => {
      const [first, ...rest] = fonts.map((font) => readCoverage(font.data));
      const coverage = new Set(
        [...(first ?? [])].filter((code) => rest.every((set) => set.has(code))),
      );
      return { fonts, coverage };
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The card with every string reduced to characters the fonts can draw. */
function drawable(card: StateCard, coverage: Coverage): StateCard {
  const text = (value: string) => toCoveredText(value, coverage);
  return {
    title: text(card.title),
    summary: text(card.summary),
    kindLabel: text(card.kindLabel),
    trail: text(card.trail),
    hops: card.hops.map((cell) => ({ ...cell, label: text(cell.label) })),
  };
}

/**
 * Renders the share image of a state, or the generic card when `card` is null, as PNG bytes.
 * The PNG is rendered completely before anything is sent: `ImageResponse` streams, so a render
 * error would otherwise surface as a cut-off 200 response instead of an error the caller can
 * handle.
 */
export async function renderOgImage(card: StateCard | null): Promise<ArrayBuffer> {
  const { fonts, coverage } = await loadFonts();
  const element = card ? <StateCardImage card={drawable(card, coverage)} /> : <GenericCardImage />;
  const response = new ImageResponse(element, { ...OG_IMAGE_SIZE, fonts });
  return response.arrayBuffer();
}
