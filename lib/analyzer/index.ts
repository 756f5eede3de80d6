import { analyze } from "./analyze";
import { wizardLinkFor } from "./links";
import type { Analysis } from "./types";

export type { Analysis, Finding, Confidence, EvidenceKind, SeenAt } from "./types";
export { MAX_INPUT_CHARS } from "./input";

/** Analyse a paste with the site's catalog, linking each finding into the wizard. */
export function analyzePaste(text: string): Analysis {
  return analyze(text, { linkFor: wizardLinkFor });
}
