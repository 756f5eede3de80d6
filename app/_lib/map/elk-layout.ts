/**
 * Lays the diagnosis graph out with ELK's layered algorithm
 * (https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html): states in
 * layers from the top down, one group box per branch file, and edges routed orthogonally
 * around the boxes instead of drawn straight through them.
 *
 * ELK takes seconds for this graph (3–5 s on an idle core, over 15 s on the shared test
 * machine) and blocks the thread while it works, so it does not run per request: test/tools/
 * map-layout.ts runs it and writes map-geometry.json, which the page reads. The server only
 * falls back to it when that file no longer fits the machine (layout.ts).
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import { MAP_BRANCHES } from "./branches";
import type { Point, Rect } from "./geometry";
import { graphSignature, type MapGraph } from "./graph";

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 44;
/** Room above a group's states for its name. */
export const GROUP_LABEL_HEIGHT = 22;

/** The drawing's coordinates: what map-geometry.json holds. */
export interface MapGeometry {
  /** graphSignature() of the graph this was computed for. */
  signature: string;
  width: number;
  height: number;
  /** Each state's box, by state id. */
  nodes: Record<string, Rect>;
  /** Each branch's group box, by branch id. */
  groups: Record<string, Rect>;
  /** Each answer's route, from the border of its state's box to the border of its target's. */
  edges: { fromId: string; answer: string; toId: string; points: Point[] }[];
}

const ROOT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  // Top to bottom: the flow is deeper (about 25 layers) than it is wide, and a page scrolls
  // down more naturally than sideways, on a phone above all.
  "elk.direction": "DOWN",
  // Lay the states of every group out together with the edges between groups, so an edge into
  // another branch is routed in the same pass as the boxes it must go around.
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.spacing.nodeNodeBetweenLayers": "24",
  "elk.layered.spacing.edgeNodeBetweenLayers": "10",
  "elk.spacing.nodeNode": "12",
  "elk.spacing.edgeNode": "10",
  "elk.spacing.edgeEdge": "5",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "5",
  // Of ELK's cycle breakers, layerers and node placers, these gave the smallest drawing for this
  // graph (measured: 3.5k × 5.5k px with the spacings above; the others 4.4k–6.6k on the
  // longer side). Network-simplex layering keeps the visitor branch beside the start instead of
  // at the bottom; model order keeps each branch's states in the order its file declares them
  // where the loops allow.
  "elk.layered.cycleBreaking.strategy": "GREEDY_MODEL_ORDER",
  "elk.layered.layering.strategy": "NETWORK_SIMPLEX",
  "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
  "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
  "elk.layered.mergeEdges": "false",
  // ELK is deterministic for a given seed, so the committed geometry can be checked for drift.
  "elk.randomSeed": "1",
  "elk.padding": "[top=12,left=12,bottom=12,right=12]",
};

const GROUP_OPTIONS: Record<string, string> = {
  "elk.padding": `[top=${GROUP_LABEL_HEIGHT + 8},left=10,bottom=10,right=10]`,
};

const edgeId = (edge: { fromId: string; answer: string }) => `${edge.fromId}|${edge.answer}`;

function elkGraph(graph: MapGraph): ElkNode {
  const children: ElkNode[] = MAP_BRANCHES.map((branch) => ({
    id: `group:${branch.id}`,
    layoutOptions: GROUP_OPTIONS,
    children: graph.nodes
      .filter((node) => node.branchId === branch.id)
      .map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
  })).filter((group) => group.children.length > 0);
  const edges: ElkExtendedEdge[] = graph.edges.map((edge) => ({
    id: edgeId(edge),
    sources: [edge.fromId],
    targets: [edge.toId],
  }));
  return { id: "root", layoutOptions: ROOT_OPTIONS, children, edges };
}

/** ELK gives child positions relative to their parent; the SVG wants them absolute. */
function absolutePositions(root: ElkNode): Map<string, Rect> {
  const positions = new Map<string, Rect>();
  const visit = (node: ElkNode, offsetX: number, offsetY: number) => {
    const x = offsetX + (node.x ?? 0);
    const y = offsetY + (node.y ?? 0);
    positions.set(node.id, { x, y, width: node.width ?? 0, height: node.height ?? 0 });
    for (const child of node.children ?? []) visit(child, x, y);
  };
  visit(root, -(root.x ?? 0), -(root.y ?? 0));
  return positions;
}

/** Every edge of the laid-out graph, wherever in the hierarchy ELK put it. */
function allEdges(root: ElkNode): ElkExtendedEdge[] {
  return [...(root.edges ?? []), ...(root.children ?? []).flatMap(allEdges)];
}

/** A tenth of a pixel is finer than any screen shows, and keeps the JSON file small. */
const round = (value: number) => Math.round(value * 10) / 10;
const roundRect = (rect: Rect): Rect => ({
  x: round(rect.x),
  y: round(rect.y),
  width: round(rect.width),
  height: round(rect.height),
});

export async function computeMapGeometry(graph: MapGraph): Promise<MapGeometry> {
  const root = await new ELK().layout(elkGraph(graph));
  const positions = absolutePositions(root);
  const box = (id: string): Rect => {
    const found = positions.get(id);
    if (!found) throw new Error(`The map layout lost "${id}"`);
    return roundRect(found);
  };
  const laidOut = new Map(allEdges(root).map((edge) => [edge.id, edge]));
  return {
    signature: graphSignature(graph),
    width: round(root.width ?? 0),
    height: round(root.height ?? 0),
    nodes: Object.fromEntries(graph.nodes.map((node) => [node.id, box(node.id)])),
    groups: Object.fromEntries(
      MAP_BRANCHES.filter((branch) => positions.has(`group:${branch.id}`)).map((branch) => [
        branch.id,
        box(`group:${branch.id}`),
      ]),
    ),
    edges: graph.edges.map((edge) => {
      const routed = laidOut.get(edgeId(edge));
      if (!routed) throw new Error(`The map layout lost the edge "${edgeId(edge)}"`);
      // Section coordinates are relative to the edge's container (ELK JSON format:
      // https://eclipse.dev/elk/documentation/tooldevelopers/graphdatastructure/jsonformat.html).
      const container = positions.get(routed.container ?? "root") ?? { x: 0, y: 0 };
      const points = (routed.sections ?? []).flatMap((section) =>
        [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((point) => ({
          x: round(point.x + container.x),
          y: round(point.y + container.y),
        })),
      );
      return { ...edge, points };
    }),
  };
}
