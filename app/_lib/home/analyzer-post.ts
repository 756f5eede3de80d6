/**
 * The hidden fields that make a plain HTML form post to /analyze as the analyzer's own box does
 * without JavaScript, so the home page can offer "Paste the error or log lines" without shipping
 * the analyzer's client component (the home page carries no client code of its own).
 *
 * The analyzer box (app/_components/analyzer/analyzer-box.tsx) uses React's useActionState with
 * the permalink "/analyze". Server-rendered without JavaScript, React writes it as a multipart
 * POST to that permalink carrying the action's id, its bound previous state and the key
 * "p/analyze" (observed in the page's HTML, React 19.3 and Next.js 16.4). Next.js runs the
 * action and /analyze renders the box with its result because the key matches. Posting the same
 * fields from the home page lands there exactly as a post from the box would; test/e2e/home.spec
 * pastes a log line with JavaScript off and on and expects the analysis on /analyze.
 */
import { analyzeAction } from "@/app/analyze/actions";
import { INITIAL_ANALYZE_STATE } from "@/lib/analyzer/form";

/** Where the analyzer's form posts: its useActionState permalink. */
export const ANALYZE_PATH = "/analyze";

/** The name of the analyzer's text box, which the server action reads. */
export const PASTE_FIELD = "paste";

/** One hidden input of the post. */
export interface HiddenField {
  name: string;
  value: string;
}

/**
 * The hidden inputs, or null when the server action carries no id (which would mean the
 * framework changed how it marks server actions; the home page then links to /analyze).
 */
export function analyzerPostFields(action: unknown = analyzeAction): HiddenField[] | null {
  const id = (action as { $$id?: unknown } | null)?.$$id;
  if (typeof id !== "string" || id === "") return null;
  return [
    { name: "$ACTION_REF_1", value: "" },
    { name: "$ACTION_1:0", value: JSON.stringify({ id, bound: "$@1" }) },
    { name: "$ACTION_1:1", value: JSON.stringify([INITIAL_ANALYZE_STATE]) },
    { name: "$ACTION_KEY", value: `p${ANALYZE_PATH}` },
  ];
}
