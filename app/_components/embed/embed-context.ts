"use client";

import { createContext, useContext } from "react";
import type { EmbedOptions } from "@/lib/embed/options";
import type { ReportedStep } from "./bridge";

/** What an embedded page can reach of its frame. */
export interface EmbedContextValue {
  /** The host's options for this frame. */
  options: EmbedOptions;
  /** Tells the frame which step is shown (EmbedStepReport calls it). */
  report(step: ReportedStep): void;
}

export const EmbedContext = createContext<EmbedContextValue | null>(null);

/**
 * The embed's options when rendered inside /embed, null on the full site. The live check reads
 * `liveCheck` (offer the check or not) and `prefillUrl` (the URL to put in its field) here.
 */
export function useEmbedOptions(): EmbedOptions | null {
  return useContext(EmbedContext)?.options ?? null;
}
