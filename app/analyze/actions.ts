"use server";

import { analyzeForm, type AnalyzeState } from "@/lib/analyzer/form";

/**
 * The analyzer form's server action. With JavaScript the browser analyses locally and
 * never calls it; without JavaScript the form posts here and the page renders the result.
 */
export async function analyzeAction(
  _previous: AnalyzeState,
  formData: FormData,
): Promise<AnalyzeState> {
  return analyzeForm(formData);
}
