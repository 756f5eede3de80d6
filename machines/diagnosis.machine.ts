/**
 * The diagnosis: every question, check, fix and outcome of Gateway Doctor as
 * one flat XState machine, assembled from the branch files in ./flow/branches.
 *
 * Why flat: a permalink is the list of answers a person gave, and the server
 * replays it to render the state. A flat machine keeps a state's identity a
 * single string (its key): the state value, the id the analyzer links to and
 * the name of its content file (content/<id>.mdx) are one and the same, and
 * graph traversal stays finite.
 *
 * Why no `invoke`/`after`: the machine must stay model-testable
 * (`createTestModel` refuses both). Live probes run elsewhere and deliver
 * their findings as an `EVIDENCE` event.
 *
 * Facts cited in comments come from ../shared/research/signals.md ("signals")
 * and the seed articles ("seeds"); "SRE practice" marks what experienced
 * operators know but the sources do not say.
 */
import { assign, setup } from "xstate";
import type { VerdictFacts } from "@/lib/probe/verdict";
import {
  type CheckOffer,
  type EvidenceRule,
  type Hop,
  type StateSpec,
  type StepKind,
  type VerdictPattern,
} from "./flow/builder";
import { startBranch } from "./flow/branches/start";
import { visitorBranch } from "./flow/branches/visitor";
import { ownerBranch, ownerEvidence } from "./flow/branches/owner";
import { edgeBranch } from "./flow/branches/edge";
import { cloudflareBranch } from "./flow/branches/cloudflare";
import { unavailableBranch } from "./flow/branches/unavailable";
import { timeoutsBranch } from "./flow/branches/timeouts";
import { firewallBranch } from "./flow/branches/firewall";
import { dnsBranch } from "./flow/branches/dns";
import { changesBranch } from "./flow/branches/changes";
import { resourcesBranch } from "./flow/branches/resources";
import { tlsBranch } from "./flow/branches/tls";
import { malformedBranch } from "./flow/branches/malformed";
import { intermittentBranch } from "./flow/branches/intermittent";
import { outcomesBranch } from "./flow/branches/outcomes";
import { regionalBranch } from "./flow/branches/regional";

export {
  CDN_VENDORS,
  HOPS,
  LOAD_BALANCER_VENDORS,
  type CheckOffer,
  type Hop,
  type StepKind,
  type VerdictPattern,
} from "./flow/builder";

const branches = [
  startBranch,
  visitorBranch,
  ownerBranch,
  edgeBranch,
  cloudflareBranch,
  unavailableBranch,
  timeoutsBranch,
  firewallBranch,
  dnsBranch,
  changesBranch,
  resourcesBranch,
  tlsBranch,
  malformedBranch,
  intermittentBranch,
  outcomesBranch,
  regionalBranch,
];

/**
 * Every state, in the order the pages, the map and the tests list them. A branch file's states
 * may lead into any other branch; `checkedFlow` below holds every target to this set of ids.
 */
const flow = {
  ...startBranch,
  ...visitorBranch,
  ...ownerBranch,
  ...edgeBranch,
  ...cloudflareBranch,
  ...unavailableBranch,
  ...timeoutsBranch,
  ...firewallBranch,
  ...dnsBranch,
  ...changesBranch,
  ...resourcesBranch,
  ...tlsBranch,
  ...malformedBranch,
  ...intermittentBranch,
  ...outcomesBranch,
  ...regionalBranch,
};

/** The id of a state: its key in the machine, the name of its content file, e.g. "cf520". */
export type StateId = keyof typeof flow;

// Each branch types its targets as the literal ids it names; these two assignments hold them to
// the ids the flow declares, so a target that names no state fails to compile here, with
// TypeScript's "did you mean" pointing at the state it was meant to be.
const checkedFlow: Readonly<Record<StateId, StateSpec<StateId>>> = flow;
const checkedOwnerEvidence: readonly EvidenceRule<StateId>[] = ownerEvidence;

// Spreading the branches keeps the last of two states with the same id and drops the other
// without a word; two branch files must never declare the same id.
const declaredIds = branches.flatMap((branch) => Object.keys(branch));
const declaredTwice = declaredIds.filter((id, index) => declaredIds.indexOf(id) !== index);
if (declaredTwice.length > 0) {
  throw new Error(`State ids declared in two branch files: ${declaredTwice.join(", ")}`);
}

/** Metadata every state carries; read by the pages, the map and the tests. */
export interface StepMeta {
  /** What the state asks of the person. */
  kind: StepKind;
  /** The hop of the request path this state suspects, or null when it suspects none yet. */
  hop: Hop | null;
  /** The live check this state offers, or null. */
  check: CheckOffer | null;
}

/** Metadata on every ANSWER transition: the slug that appears in permalinks and its label. */
export interface AnswerMeta {
  /** Stable, URL-safe slug; one segment of a permalink. */
  answer: string;
  /** What the person clicks, in plain words. */
  label: string;
}

export interface DiagnosisContext {
  /** Answer slugs given so far, in order: the permalink of the current state. */
  answers: string[];
  /** The last probe verdict that moved the diagnosis, if any. */
  evidence: VerdictFacts | null;
}

export type DiagnosisEvent =
  { type: "ANSWER"; answer: string } | { type: "EVIDENCE"; verdict: VerdictFacts };

/** True when the verdict satisfies every field the pattern names. */
export function verdictMatches(verdict: VerdictFacts, pattern: VerdictPattern): boolean {
  if (pattern.codes && !pattern.codes.includes(verdict.code)) return false;
  if (pattern.statuses && (verdict.status === null || !pattern.statuses.includes(verdict.status)))
    return false;
  if (pattern.causes && (verdict.cause === null || !pattern.causes.includes(verdict.cause)))
    return false;
  if (pattern.vendors === "any" && verdict.vendor === null) return false;
  if (Array.isArray(pattern.vendors) && !pattern.vendors.includes(verdict.vendor ?? ""))
    return false;
  if (
    pattern.intermittent !== undefined &&
    (verdict.intermittent ?? false) !== pattern.intermittent
  )
    return false;
  return true;
}

/**
 * An evidence rule as an XState transition. `prefix` is "." for the root's rules, whose
 * targets are relative to the root, and "" for a state's own, whose targets are siblings.
 */
function evidenceTransition(rule: EvidenceRule<StateId>, prefix: "." | "") {
  return {
    guard: { type: "matchesVerdict" as const, params: rule.pattern },
    target: `${prefix}${rule.target}`,
    actions: "recordEvidence" as const,
  };
}

/** One state of the flow as an XState state node: outcomes are final, the rest answer. */
function stateNode(spec: StateSpec<StateId>) {
  const meta: StepMeta = { kind: spec.kind, hop: spec.hop, check: spec.check };
  if (spec.kind === "outcome") return { meta, type: "final" as const };
  const answerTransitions = Object.entries(spec.answers).map(([answer, { label, target }]) => ({
    guard: { type: "isAnswer" as const, params: { answer } },
    target,
    actions: "recordAnswer" as const,
    meta: { answer, label } satisfies AnswerMeta,
  }));
  return {
    meta,
    on: {
      ANSWER: answerTransitions,
      ...(spec.evidence.length
        ? { EVIDENCE: spec.evidence.map((rule) => evidenceTransition(rule, "")) }
        : {}),
    },
  };
}

const states = Object.fromEntries(
  Object.entries(checkedFlow).map(([id, spec]) => [id, stateNode(spec)]),
) as Record<StateId, ReturnType<typeof stateNode>>;

export const diagnosisMachine = setup({
  types: {
    context: {} as DiagnosisContext,
    events: {} as DiagnosisEvent,
    // Not `meta: {} as StepMeta`: XState applies that type to transition meta
    // too, and ANSWER transitions carry AnswerMeta. machines/steps.ts reads
    // both back with their own types.
  },
  guards: {
    isAnswer: ({ event }, params: { answer: string }) =>
      event.type === "ANSWER" && event.answer === params.answer,
    matchesVerdict: ({ event }, params: VerdictPattern) =>
      event.type === "EVIDENCE" && verdictMatches(event.verdict, params),
  },
  actions: {
    recordAnswer: assign({
      answers: ({ context, event }) =>
        event.type === "ANSWER" ? [...context.answers, event.answer] : context.answers,
    }),
    recordEvidence: assign({
      evidence: ({ context, event }) =>
        event.type === "EVIDENCE" ? event.verdict : context.evidence,
    }),
  },
}).createMachine({
  id: "diagnosis",
  initial: "start",
  context: { answers: [], evidence: null },
  on: { EVIDENCE: checkedOwnerEvidence.map((rule) => evidenceTransition(rule, ".")) },
  states,
});

export type DiagnosisMachine = typeof diagnosisMachine;
