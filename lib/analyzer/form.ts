import { z } from "zod";
import { analyzePaste, type Analysis } from "./index";

/** The largest paste sent back to refill the box after a form post without JavaScript. */
export const ECHO_LIMIT = 100_000;

/** What the analyzer form shows after a submission. */
export type AnalyzeState =
  /** Nothing submitted yet. */
  | { status: "idle" }
  /** The paste was read; `echo` refills the box (empty when the paste was too large to send back). */
  | { status: "done"; analysis: Analysis; echo: string }
  /** The submission could not be read; `message` says what to do. */
  | { status: "error"; message: string };

/** What to say when the box was submitted empty. */
export const EMPTY_PASTE_MESSAGE =
  "The box is empty. Paste an error page, response headers or lines from a log, then press Analyse.";

export const INITIAL_ANALYZE_STATE: AnalyzeState = { status: "idle" };

const formSchema = z.object({
  paste: z.string({
    error: "Paste text into the box: an error page, response headers or log lines.",
  }),
});

/**
 * Read a posted analyzer form. Kept free of Next.js so the whole no-JavaScript path,
 * validation included, is tested as a plain function.
 */
export function analyzeForm(formData: FormData): AnalyzeState {
  const parsed = formSchema.safeParse({ paste: formData.get("paste") ?? undefined });
  if (!parsed.success) {
    return {
      status: "error",
      message: parsed.error.issues[0]?.message ?? "The form could not be read.",
    };
  }
  const { paste } = parsed.data;
  const analysis = analyzePaste(paste);
  if (analysis.empty) {
    return {
      status: "error",
      message: EMPTY_PASTE_MESSAGE,
    };
  }
  return { status: "done", analysis, echo: paste.length <= ECHO_LIMIT ? paste : "" };
}
