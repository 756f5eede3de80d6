/**
 * Read-only views of the diagnosis machine: its states, their metadata and
 * the answers each offers. Derived from the machine's own definition, so the
 * pages, the map, the analyzer and the tests can never drift from it.
 */
import type { AnyStateNode } from "xstate";
import { diagnosisMachine, type AnswerMeta, type StepMeta } from "./diagnosis.machine";

/** One answer a person can give in a state. */
export interface AnswerOption extends AnswerMeta {
  /** Id (machine key) of the state the answer leads to. */
  target: string;
}

/** Everything the UI needs to know about one state. */
export interface Step extends StepMeta {
  /** The state's key in the machine (lowerCamel), e.g. "proxyUpstream". */
  id: string;
  /** True for outcomes: the diagnosis ends here. */
  final: boolean;
  /** The answers offered, in the order the machine lists them. */
  answers: AnswerOption[];
}

function readStepMeta(node: AnyStateNode): StepMeta {
  const meta = node.meta as Partial<StepMeta> | undefined;
  if (!meta?.contentId || !meta.slug || !meta.kind || meta.hop === undefined) {
    throw new Error(`State "${node.key}" lacks its step metadata`);
  }
  return { contentId: meta.contentId, slug: meta.slug, kind: meta.kind, hop: meta.hop };
}

function readAnswers(node: AnyStateNode): AnswerOption[] {
  return (node.on.ANSWER ?? []).map((transition) => {
    const meta = transition.meta as Partial<AnswerMeta> | undefined;
    const target = transition.target?.[0]?.key;
    if (!meta?.answer || !meta.label || !target) {
      throw new Error(`An ANSWER transition of "${node.key}" lacks its answer metadata or target`);
    }
    return { answer: meta.answer, label: meta.label, target };
  });
}

const steps: ReadonlyMap<string, Step> = new Map(
  Object.values(diagnosisMachine.root.states).map((node) => [
    node.key,
    {
      id: node.key,
      ...readStepMeta(node),
      final: node.type === "final",
      answers: readAnswers(node),
    },
  ]),
);

/** The id of the state every diagnosis starts in. */
export const START_STATE_ID = "start";

/** All states, in the order the machine declares them. */
export function listSteps(): Step[] {
  return [...steps.values()];
}

export function isStateId(id: string): boolean {
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
