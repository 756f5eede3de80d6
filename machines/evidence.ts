/**
 * Evidence → diagnosis. A probe verdict is sent to the machine as an EVIDENCE
 * event; the machine's guards pick the state it points to. These helpers
 * answer "where would this verdict lead?" without running an actor.
 */
import { transition } from "xstate";
import type { VerdictFacts } from "@/lib/probe/verdict";
import { diagnosisMachine } from "./diagnosis.machine";
import { answerPathsFrom, DIAGNOSE_BASE, permalinkFor, shortestAnswersTo } from "./paths";
import { initialSnapshot, replayAnswers } from "./replay";
import { getStep, type Step } from "./steps";

/** Where a verdict leads from a given point of the diagnosis. */
export interface EvidenceOutcome {
  /** The state the verdict moves the diagnosis to. */
  step: Step;
  /** Answers that reach that state from the start (the ones before it were given; the rest inferred). */
  answers: readonly string[];
  /** The permalink of that state. */
  permalink: string;
}

/**
 * Applies a verdict after the given answers (default: none, i.e. the owner
 * path's global evidence rules). Returns null when the answers are invalid or
 * the verdict changes nothing.
 */
export function applyEvidence(
  verdict: VerdictFacts,
  answersSoFar: readonly string[] = [],
  base: string = DIAGNOSE_BASE,
): EvidenceOutcome | null {
  const replayed = answersSoFar.length ? replayAnswers(answersSoFar) : null;
  if (replayed && !replayed.ok) return null;
  const before = replayed?.snapshot ?? initialSnapshot();
  const after = transition(diagnosisMachine, before, { type: "EVIDENCE", verdict })[0];
  const step = getStep(String(after.value));
  if (!step || after.value === before.value) return null;
  const path = pathThrough(answersSoFar, String(before.value), step.id);
  return { step, answers: path, permalink: permalinkFor(path, base) };
}

/**
 * The answers that reach `targetId`: the person's own answers followed by the
 * fewest onward answers when the target lies ahead of them, otherwise the
 * shortest path from the start.
 */
function pathThrough(
  given: readonly string[],
  fromId: string,
  targetId: string,
): readonly string[] {
  const onward = given.length ? answerPathsFrom(fromId).get(targetId) : undefined;
  if (onward) return [...given, ...onward];
  return shortestAnswersTo(targetId) ?? [];
}

/** The permalink a verdict points to from the owner path's start. */
export function permalinkForVerdict(verdict: VerdictFacts, base: string = DIAGNOSE_BASE): string {
  return applyEvidence(verdict, ["owner"], base)?.permalink ?? permalinkFor(["owner"], base);
}
