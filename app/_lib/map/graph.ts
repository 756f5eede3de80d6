/**
 * The decision map's graph: every state with the branch file that declares it, and every answer
 * as an edge. Its signature names exactly what the drawing depends on, so the layout computed
 * ahead of time (map-geometry.json) is used only while it still fits the machine.
 */
import { listSteps } from "@/machines/steps";
import { branchOf } from "./branches";

export interface GraphNode {
  id: string;
  branchId: string;
}

export interface GraphEdge {
  fromId: string;
  /** The answer's slug in the permalink, unique among the answers of its state. */
  answer: string;
  toId: string;
}

export interface MapGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function mapGraph(): MapGraph {
  const steps = listSteps();
  return {
    nodes: steps.map((step) => {
      const branch = branchOf(step.id);
      if (!branch) {
        throw new Error(`No branch file under machines/flow/branches declares "${step.id}"`);
      }
      return { id: step.id, branchId: branch.id };
    }),
    edges: steps.flatMap((step) =>
      step.answers.map((option) => ({
        fromId: step.id,
        answer: option.answer,
        toId: option.target,
      })),
    ),
  };
}

/** States, their branches and the answers between them, in order: one line each. */
export function graphSignature(graph: MapGraph): string {
  return [
    ...graph.nodes.map((node) => `${node.branchId}/${node.id}`),
    ...graph.edges.map((edge) => `${edge.fromId} -${edge.answer}-> ${edge.toId}`),
  ].join("\n");
}
