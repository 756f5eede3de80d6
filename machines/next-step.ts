/**
 * Where a finished check sends the diagnosis: the machine's EVIDENCE rules applied after the
 * answers given so far (machines/evidence.ts), turned into a permalink that carries the
 * evidence, so the page it leads to can show which answers were inferred and from what.
 */
import type { ProbeReport } from "@/lib/probe/probe";
import { applyEvidence } from "@/machines/evidence";
import { permalinkFor } from "@/machines/paths";
import {
  digestOf,
  evidenceQueryString,
  requestOf,
  type CheckRequest,
  type EvidenceDigest,
} from "@/lib/evidence/digest";

/** The step a check points to. */
export interface NextStep {
  /** The state's id in the machine. */
  stepId: string;
  /** The answers that reach it: the person's own, then the inferred ones. */
  answers: readonly string[];
  /** How many of `answers` the person gave themselves. */
  given: number;
  /** Permalink under the base, with the evidence in its query. */
  href: string;
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The step a check's verdict leads to from `answersSoFar`, or null when the verdict leaves the
 * diagnosis where it is (the check confirms the current step) or the answers are not a valid
 * permalink.
 */
export function nextStepFor(
  report: ProbeReport,
  answersSoFar: readonly string[],
  base: string,
  samplesRequested: number,
): NextStep | null {
  return nextStepFromDigest(
    digestOf(report),
    requestOf(report, samplesRequested),
    answersSoFar,
    base,
  );
}

/** nextStepFor, from a digest and request (as read back from a query string). */
export function nextStepFromDigest(
  digest: EvidenceDigest,
  request: CheckRequest,
  answersSoFar: readonly string[],
  base: string,
): NextStep | null {
  const outcome = applyEvidence(digest, answersSoFar, base);
  if (!outcome) return null;
  const given = commonPrefix(answersSoFar, outcome.answers);
  const inferred = outcome.answers.slice(given);
  const query = evidenceQueryString(request, digest, { given, inferred });
  return {
    stepId: outcome.step.id,
    answers: outcome.answers,
    given,
    href: `${permalinkFor(outcome.answers, base)}?${query}`,
  };
}
