/**
 * The test model of the diagnosis, shared by the Vitest unit tests and the
 * Playwright browser tests so both walk exactly the same paths.
 *
 * Traversal is keyed by state value only (serializeState): the context holds
 * the answers given so far, which differ on every path and would otherwise
 * make the state space infinite.
 */
import { getShortestPaths } from "xstate/graph";
import { diagnosisMachine, type DiagnosisEvent } from "@/machines/diagnosis.machine";
import { answersFor } from "@/machines/steps";

/** One shortest path: the answers to give, and the state each step reaches. */
export interface ModelPath {
  /** Id of the state the path ends in. */
  target: string;
  /** Answer slugs to give, in order, from the start. */
  answers: string[];
  /** Id of the state reached after each answer (same length as `answers`). */
  visited: string[];
}

/** ANSWER events the model may send in a state: exactly the answers the state offers. */
function answerEvents(stateValue: unknown): DiagnosisEvent[] {
  return answersFor(String(stateValue)).map(({ answer }) => ({ type: "ANSWER", answer }));
}

/** The shortest path from the start to every state, via xstate/graph. */
export function shortestPathsToEveryState(): ModelPath[] {
  const paths = getShortestPaths(diagnosisMachine, {
    events: (snapshot) => answerEvents(snapshot.value),
    serializeState: (snapshot) => JSON.stringify(snapshot.value),
  });
  return paths.map((path) => {
    const answers: string[] = [];
    const visited: string[] = [];
    for (const { event, state } of path.steps) {
      if (event.type !== "ANSWER") continue;
      answers.push(event.answer);
      visited.push(String(state.value));
    }
    return { target: String(path.state.value), answers, visited };
  });
}
