import type { VerdictFacts } from "@/lib/probe/verdict";
import type { CheckResult } from "./bridge";

/**
 * Name of the in-page DOM event by which a finished live check tells the embed frame about its
 * verdict. Internal to the frame: the host page only ever sees the `gateway-doctor:check`
 * message, with the verdict code alone unless it opted in to details.
 */
export const CHECK_RESULT_EVENT = "gateway-doctor-embed:check-result";

/**
 * Call when a live check finishes. Inside /embed the frame forwards the verdict to the host
 * page; on the full site nobody listens and this does nothing.
 */
export function reportCheckResult(verdict: VerdictFacts, url: string): void {
  if (typeof window === "undefined") return;
  const detail: CheckResult = { verdict, url };
  window.dispatchEvent(new CustomEvent<CheckResult>(CHECK_RESULT_EVENT, { detail }));
}
