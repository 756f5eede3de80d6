"use server";

import { analyzeUpload, type AnalyzeState } from "@/lib/analyzer/form";

/**
 * The analyzer form's server action. With JavaScript the browser analyses locally and
 * never calls it; without JavaScript the form posts here (a paste, or a HAR file sanitised
 * and read on the server) and the page renders the result.
 */
export async function analyzeAction(
  _previous: AnalyzeState,
  formData: FormData,
): Promise<AnalyzeState> {
  // Anyone can call a server action with arguments of their choosing (a POST with its id);
  // only a form's FormData is read, anything else is answered, not thrown on.
  if (!(formData instanceof FormData))
    return {
      status: "error",
      message: "This form could not be read; reload the page and try again.",
    };
  return analyzeUpload(formData);
}
