/**
 * "Find the step for my symptom": ranks the diagnosis steps by the words of a query found in
 * their titles, then in their summaries (the front matter of content/*.mdx). Plain string work,
 * so the map and the home page run it on the server for a GET form that needs no JavaScript.
 */

/** What the search reads of one step. */
export interface SearchableStep {
  id: string;
  title: string;
  summary: string;
}

/** A step that matched, with what it matched on. */
export interface SearchHit<T extends SearchableStep = SearchableStep> {
  step: T;
  /** Query words found in the title. */
  titleWords: number;
  /** Query words found in the summary. */
  summaryWords: number;
}

/** The longest query read; anything after it is ignored rather than searched. */
export const MAX_QUERY_CHARS = 200;

// Words too common in the titles and summaries to tell steps apart.
const STOP_WORDS = new Set(
  "a an and are as at be by can do does for from has have i in is it its my of on or our so that the their there this to was we what when where which who why with you your".split(
    " ",
  ),
);

/** Lower case, accents removed ("Café" → "cafe"), and split into words of letters and digits. */
export function searchWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The distinct words of a query worth searching for. */
export function queryWords(query: string): string[] {
  const words = searchWords(query.slice(0, MAX_QUERY_CHARS)).filter(
    (word) => !STOP_WORDS.has(word),
  );
  return [...new Set(words)];
}

/**
 * How many of the query's words the text contains. A query word matches a text word that
 * starts with it, so "refuse" finds "refused" and "time" finds "timeout"; a word of one or two
 * characters must match whole ("ip" does not find "iptables"), or it would match almost anything.
 */
function countMatches(words: readonly string[], text: string): number {
  const textWords = searchWords(text);
  return words.filter((word) =>
    textWords.some((candidate) =>
      word.length <= 2 ? candidate === word : candidate.startsWith(word),
    ),
  ).length;
}

/**
 * Steps that contain at least one word of the query, best first: more words in the title
 * beats more in the summary; ties keep the order the steps came in.
 */
export function searchSteps<T extends SearchableStep>(
  query: string,
  steps: readonly T[],
): SearchHit<T>[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  return steps
    .map((step) => ({
      step,
      titleWords: countMatches(words, step.title),
      summaryWords: countMatches(words, step.summary),
    }))
    .filter((hit) => hit.titleWords + hit.summaryWords > 0)
    .map((hit, order) => ({ hit, order }))
    .sort(
      (a, b) =>
        b.hit.titleWords - a.hit.titleWords ||
        b.hit.summaryWords - a.hit.summaryWords ||
        a.order - b.order,
    )
    .map(({ hit }) => hit);
}

/** Reads `q` from a page's query: the first value, or "" when absent. */
export function readSearchQuery(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  return text.slice(0, MAX_QUERY_CHARS).trim();
}
