/**
 * Read-only views of the diagnosis machine: its states, their metadata and
 * the answers each offers. Derived from the machine's own definition, so the
 * pages, the map, the analyzer and the tests can never drift from it.
 */
import type { AnyStateNode } from "xstate";
import {
  diagnosisMachine,
  type AnswerMeta,
  type StateId,
  type StepMeta,
} from "./diagnosis.machine";

export type { StateId } from "./diagnosis.machine";

/** One answer a person can give in a state. */
export interface AnswerOption extends AnswerMeta {
  /** Id (machine key) of the state the answer leads to. */
  target: StateId;
}

/** Everything the UI needs to know about one state. */
export interface Step extends StepMeta {
  /**
   * The state's key in the machine (lowerCamel), e.g. "proxyUpstream": also the name of its
   * content file (content/proxyUpstream.mdx) and the id analytics and the embed report.
   */
  id: StateId;
  /** True for outcomes: the diagnosis ends here. */
  final: boolean;
  /** The answers offered, in the order the machine lists them. */
  answers: AnswerOption[];
}

function readStepMeta(node: AnyStateNode): StepMeta {
  const meta = node.meta as Partial<StepMeta> | undefined;
  if (!meta?.kind || meta.hop === undefined || meta.check === undefined) {
    throw new Error(`State "${node.key}" lacks its step metadata`);
  }
  return { kind: meta.kind, hop: meta.hop, check: meta.check };
}

function readAnswers(node: AnyStateNode): AnswerOption[] {
  return (node.on.ANSWER ?? []).map((transition) => {
    const meta = transition.meta as Partial<AnswerMeta> | undefined;
    const target = transition.target?.[0]?.key;
    if (!meta?.answer || !meta.label || !target) {
      throw new Error(`An ANSWER transition of "${node.key}" lacks its answer metadata or target`);
    }
    // The machine is assembled from the typed flow, so every target is a state id.
    return { answer: meta.answer, label: meta.label, target: target as StateId };
  });
}

const steps: ReadonlyMap<string, Step> = new Map(
  Object.values(diagnosisMachine.root.states).map((node) => [
    node.key,
    {
      id: node.key as StateId,
      ...readStepMeta(node),
      final: node.type === "final",
      answers: readAnswers(node),
    },
  ]),
);

/** The id of the state every diagnosis starts in. */
export const START_STATE_ID = "start" satisfies StateId;

/** All states, in the order the machine declares them. */
export function listSteps(): Step[] {
  return [...steps.values()];
}

export function isStateId(id: string): id is StateId {
  return steps.has(id);
}

/** The step with this id, or undefined for an unknown id. */
export function getStep(id: string): Step | undefined {
  return steps.get(id);
}

/** The answers available in a state (empty for outcomes and unknown ids). */
export function answersFor(id: string): AnswerOption[] {
  return steps.get(id)?.answers ?? [];
}
