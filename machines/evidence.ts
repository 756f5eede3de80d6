/**
 * Evidence → diagnosis. A probe verdict is sent to the machine as an EVIDENCE
 * event; the machine's guards pick the state it points to. These helpers
 * answer "where would this verdict lead?" without running an actor, and which
 * answers to infer on the way there.
 */
import { transition } from "xstate";
import type { VerdictFacts } from "@/lib/probe/verdict";
import { CDN_VENDORS, diagnosisMachine, LOAD_BALANCER_VENDORS } from "./diagnosis.machine";
import { DIAGNOSE_BASE, permalinkFor } from "./paths";
import { observationFor } from "./observations";
import { initialSnapshot, replayAnswers } from "./replay";
import { getStep, START_STATE_ID, type StateId, type Step } from "./steps";

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
  const fromHere = answersSoFar.length
    ? inferAnswers(String(before.value), step.id, verdict)
    : null;
  const path = fromHere
    ? [...answersSoFar, ...fromHere]
    : (inferAnswers(START_STATE_ID, step.id, verdict) ?? []);
  return { step, answers: path, permalink: permalinkFor(path, base) };
}

/** Added to an inferred answer's cost when it claims what the evidence contradicts. */
const CONTRADICTION = 100;
/**
 * Added when no observation of the check supports the answer (machines/observations.ts): such
 * an answer is shown as assumed, not as checked, so a path the check can vouch for wins unless
 * it is much longer.
 */
const UNOBSERVED = 5;

const isCdn = (vendor: string | null) => (CDN_VENDORS as readonly string[]).includes(vendor ?? "");
const isLoadBalancer = (vendor: string | null) =>
  (LOAD_BALANCER_VENDORS as readonly string[]).includes(vendor ?? "");
const isOwnServer = (vendor: string | null) =>
  vendor !== null && !isCdn(vendor) && !isLoadBalancer(vendor);

type FactChecks = Readonly<Record<string, (v: VerdictFacts) => boolean>>;

const whichError: FactChecks = {
  "502": (v) => v.status === 502,
  "504": (v) => v.status === 504,
  "503": (v) => v.status === 503,
  "500": (v) => v.status === 500,
  "cloudflare-52x": (v) => v.status !== null && v.status >= 520 && v.status <= 530,
  "no-status": (v) => v.status === null && !v.code.startsWith("tls-"),
  "certificate-error": (v) => v.code.startsWith("tls-"),
  "comes-and-goes": (v) => v.intermittent === true || v.code === "ok",
};

const whichRenderer: FactChecks = {
  "cdn-page": (v) => isCdn(v.vendor),
  "server-page": (v) => isOwnServer(v.vendor) || isLoadBalancer(v.vendor),
};

const whichTimeoutLayer: FactChecks = {
  cdn: (v) => isCdn(v.vendor),
  "load-balancer": (v) => isLoadBalancer(v.vendor),
  proxy: (v) => isOwnServer(v.vendor),
};

/**
 * Answers that state a fact a verdict can confirm or contradict, per state. Keyed by state id,
 * so a renamed state is a compile error here rather than a silently lost inference.
 */
const FACT_ANSWERS: Readonly<Partial<Record<StateId, FactChecks>>> = {
  ownerWhichError: whichError,
  findStatusCode: whichError,
  cloudflareWhichCode: {
    "502-or-504": (v) => v.status === 502 || v.status === 504,
  },
  whoRendered: whichRenderer,
  howToTellWhoRendered: whichRenderer,
  timeoutWhichLayer: whichTimeoutLayer,
  timeoutMeasure: whichTimeoutLayer,
};

/**
 * What inferring one answer costs. Every answer costs 1, so shorter paths win;
 * an answer the evidence contradicts ("502" for a verdict with status 521) or
 * one that claims an attempt nobody made ("I tried the fix, still broken")
 * costs far more, so the trail shown as "inferred" never asserts such things
 * while a truthful path exists.
 */
export function inferenceCost(step: Step, answer: string, verdict: VerdictFacts): number {
  if (step.kind === "fix") return 1 + CONTRADICTION;
  if (step.id === "cloudflareWhichCode" && /^\d+$/.test(answer)) {
    return verdict.status === Number(answer) ? 1 : 1 + CONTRADICTION;
  }
  const fact = FACT_ANSWERS[step.id]?.[answer];
  if (fact && !fact(verdict)) return 1 + CONTRADICTION;
  return observationFor(step.id, answer, verdict) === null ? 1 + UNOBSERVED : 1;
}

/**
 * The cheapest answers from one state to another under inferenceCost
 * (Dijkstra; under a hundred states, so a linear scan for the minimum is
 * plenty), or null when the target cannot be reached.
 */
export function inferAnswers(
  fromId: string,
  targetId: string,
  verdict: VerdictFacts,
): string[] | null {
  const best = new Map<string, { cost: number; answers: string[] }>([
    [fromId, { cost: 0, answers: [] }],
  ]);
  const done = new Set<string>();
  for (;;) {
    let current: string | undefined;
    for (const [id, entry] of best) {
      if (!done.has(id) && (current === undefined || entry.cost < best.get(current)!.cost)) {
        current = id;
      }
    }
    if (current === undefined) return null;
    const here = best.get(current)!;
    if (current === targetId) return here.answers;
    done.add(current);
    const step = getStep(current);
    for (const option of step?.answers ?? []) {
      const cost = here.cost + inferenceCost(step!, option.answer, verdict);
      const known = best.get(option.target);
      if (!known || cost < known.cost) {
        best.set(option.target, { cost, answers: [...here.answers, option.answer] });
      }
    }
  }
}

/** The permalink a verdict points to from the owner path's start. */
export function permalinkForVerdict(verdict: VerdictFacts, base: string = DIAGNOSE_BASE): string {
  return applyEvidence(verdict, ["owner"], base)?.permalink ?? permalinkFor(["owner"], base);
}
