import { z } from "zod";
import { FORM_BODY_LIMIT_BYTES } from "@/lib/form-limits.mjs";
import { analyzePaste, type Analysis } from "./index";
import { boundInput, MAX_INPUT_CHARS } from "./input";
import type { HarReport } from "./har";

/**
 * The largest paste sent back to refill the box after a form post without JavaScript: all
 * the analyzer read (issue 13: a 200 KB paste came back as an empty box). A longer paste
 * comes back as the part that was read, and the page says how much was cut.
 */
export const ECHO_LIMIT = MAX_INPUT_CHARS;

/**
 * Largest HAR file the no-JavaScript form takes: the whole form post is limited to this by
 * proxy.ts (lib/form-limits.mjs), which refuses a larger one with 413 and a reason. With
 * JavaScript a HAR is read in the browser and never sent, so there it can be far larger.
 */
export const MAX_HAR_UPLOAD_BYTES = FORM_BODY_LIMIT_BYTES;

/** What the analyzer form shows after a submission. */
export type AnalyzeState =
  /** Nothing submitted yet. */
  | { status: "idle" }
  /**
   * The paste was read; `echo` refills the box with what was read, and `echoCut` says how many
   * characters before it were cut (0 when the whole paste came back).
   */
  | { status: "done"; analysis: Analysis; echo: string; echoCut: number }
  /** A HAR file was uploaded (no JavaScript), sanitised and read on the server; never stored. */
  | { status: "har"; report: HarReport; fileName: string; echo: string }
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
  const { text: echo, droppedChars } = boundInput(paste);
  return { status: "done", analysis, echo, echoCut: droppedChars };
}

/** What to say when an upload is not a HAR file or cannot be read. */
const HAR_TOO_LARGE = `This HAR file is larger than ${MAX_HAR_UPLOAD_BYTES / 1024 / 1024} MB, the most the form takes without JavaScript. Turn JavaScript on (the file is then read in your browser and never sent), or save a HAR of only the failing page.`;

/** A file name fit to show: the last path part, printable, short. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 120);
  return clean === "" ? "Your HAR file" : clean;
}

/**
 * Read a posted analyzer form that may carry a HAR file (the no-JavaScript upload): the file
 * is read into memory, sanitised by the same module the browser uses, analysed, and dropped.
 * Nothing of it is written anywhere or logged. Without a file, the paste is read as before.
 */
export async function analyzeUpload(formData: FormData): Promise<AnalyzeState> {
  const file = formData.get("har");
  if (!(file instanceof Blob) || file.size === 0) return analyzeForm(formData);
  if (file.size > MAX_HAR_UPLOAD_BYTES) return { status: "error", message: HAR_TOO_LARGE };
  const { readHar, HarError } = await import("./har");
  const paste = formData.get("paste");
  const echo = typeof paste === "string" ? boundInput(paste).text : "";
  try {
    const report = readHar(await file.text());
    const fileName = displayName(file instanceof File ? file.name : "");
    return { status: "har", report, fileName, echo };
  } catch (error) {
    if (error instanceof HarError) return { status: "error", message: error.message };
    throw error;
  }
}
