import { analyze } from "./analyze";
import { withTimingFinding } from "./curl-timings";
import { wizardLinkFor } from "./links";
import type { Analysis } from "./types";

export type { Analysis, Finding, Confidence, EvidenceKind, SeenAt } from "./types";
export { MAX_INPUT_CHARS } from "./input";

/** Analyse a paste with the site's catalog, linking each finding into the wizard. */
export function analyzePaste(text: string): Analysis {
  // curl's timings block (the reproduce command's -w output) says what no single rule can:
  // how long the server waited before it answered, read beside the headers the rules found.
  return withTimingFinding(text, analyze(text, { linkFor: wizardLinkFor }), wizardLinkFor);
}
