/**
 * The response headers shown beside a failed request from a HAR file. Kept apart from the
 * analyzer so the result's markup can use it without loading the rule catalog.
 */
import type { SafeEntry } from "./sanitize";

/** Response headers shown beside a failure: who answered, and the ids their support asks for. */
export const SHOWN_HEADERS = [
  "server",
  "via",
  "cf-ray",
  "cf-cache-status",
  "x-amz-cf-id",
  "x-amz-cf-pop",
  "x-cache",
  "x-served-by",
  "x-amzn-requestid",
  "x-amzn-trace-id",
  "x-azure-ref",
  "x-vercel-id",
  "fly-request-id",
  "x-request-id",
  "retry-after",
] as const;

/** The headers of `entry` worth showing beside it, in SHOWN_HEADERS order. */
export function shownHeaders(entry: SafeEntry): { name: string; value: string }[] {
  const shown: { name: string; value: string }[] = [];
  for (const name of SHOWN_HEADERS) {
    const header = entry.responseHeaders.find((candidate) => candidate.name.toLowerCase() === name);
    if (header) shown.push({ name, value: header.value });
  }
  return shown;
}
