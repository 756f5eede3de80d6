"use client";

import { useContext, useEffect } from "react";
import type { StepDetail } from "@/lib/embed/protocol";
import { EmbedContext } from "./embed-context";

/**
 * Tells the embed frame which step the page shows. Rendered by the embed page next to the
 * wizard view: each answer loads a new page, so each step reports itself once.
 */
export function EmbedStepReport({ detail, markdown }: { detail: StepDetail; markdown: string }) {
  const embed = useContext(EmbedContext);
  const report = embed?.report;
  useEffect(() => {
    report?.({ detail, markdown });
  }, [report, detail, markdown]);
  return null;
}
