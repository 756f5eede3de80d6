/**
 * Lays the diagnosis graph out for the /diagnose/map diagram with ELK's layered algorithm
 * (https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html): states in
 * layers along the main direction of the flow, one group box per branch file, and edges
 * routed orthogonally around the boxes instead of drawn straight through them.
 *
 * Server-only. elkjs is ~1.5 MB of compiled Java; this module is imported by the map's server
 * component alone, so none of it reaches the browser, which gets finished SVG coordinates.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import { listSteps, type Step } from "@/machines/steps";
import { branchOf, MAP_BRANCHES, type MapBranch } from "./branches";
import type { Point, Rect } from "./geometry";

/** One state's box in the diagram. */
export interface MapNode extends Rect {
  step: Step;
  /** The branch file that declares the state. */
  branch: MapBranch;
}

/** One branch's group box, drawn behind its states. */
export interface MapGroup extends Rect {
  branch: MapBranch;
}

/** One answer drawn as an arrow between two boxes. */
export interface MapEdge {
  fromId: string;
  toId: string;
  /** The answer's label, shown on hover and in the text list. */
  label: string;
  /** The routed line, from the source box's border to the target box's border. */
  points: Point[];
  /** True when the answer leads back against the flow's direction (a loop in the diagnosis). */
  backward: boolean;
}

export interface MapLayout {
  nodes: MapNode[];
  groups: MapGroup[];
  edges: MapEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 44;
/** Room above a group's states for its name. */
export const GROUP_LABEL_HEIGHT = 22;

const ROOT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  // Top to bottom: the flow is deeper (about 25 layers) than it is wide, and a page scrolls
  // down more naturally than sideways, on a phone above all.
  "elk.direction": "DOWN",
  // Lay the states of every group out together with the edges between groups, so an edge into
  // another branch is routed in the same pass as the boxes it must go around.
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.spacing.nodeNodeBetweenLayers": "30",
  "elk.layered.spacing.edgeNodeBetweenLayers": "14",
  "elk.spacing.nodeNode": "12",
  "elk.spacing.edgeNode": "10",
  "elk.spacing.edgeEdge": "6",
  // Of ELK's cycle breakers and layerers, these gave the smallest drawing for this graph
  // (measured: 3.2k × 5.9k px, against 4.4k–6.6k on the longer side for the others; network-simplex
  // layering keeps the visitor branch beside the start instead of at the bottom); model order keeps each branch's
  // states in the order its file declares them where the loops allow.
  "elk.layered.cycleBreaking.strategy": "GREEDY_MODEL_ORDER",
  "elk.layered.layering.strategy": "NETWORK_SIMPLEX",
  "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
  "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
  "elk.layered.mergeEdges": "false",
  "elk.padding": "[top=12,left=12,bottom=12,right=12]",
};

const GROUP_OPTIONS: Record<string, string> = {
  "elk.padding": `[top=${GROUP_LABEL_HEIGHT + 8},left=10,bottom=10,right=10]`,
};

function elkGraph(steps: Step[]): ElkNode {
  const children: ElkNode[] = MAP_BRANCHES.map((branch) => ({
    id: `group:${branch.id}`,
    layoutOptions: GROUP_OPTIONS,
    children: steps
      .filter((step) => branchOf(step.id) === branch)
      .map((step) => ({ id: step.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
  })).filter((group) => group.children.length > 0);
  const edges: ElkExtendedEdge[] = steps.flatMap((step) =>
    step.answers.map((option) => ({
      id: `${step.id}|${option.answer}`,
      sources: [step.id],
      targets: [option.target],
    })),
  );
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

let cached: Promise<MapLayout> | undefined;

/** The map's layout. The graph is fixed at build time, so it is computed once per server. */
export function layoutDiagnosisMap(): Promise<MapLayout> {
  cached ??= computeLayout().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function computeLayout(): Promise<MapLayout> {
  const steps = listSteps();
  const root = await new ELK().layout(elkGraph(steps));
  const positions = absolutePositions(root);
  const box = (id: string): Rect => {
    const found = positions.get(id);
    if (!found) throw new Error(`The map layout lost "${id}"`);
    return found;
  };

  const nodes: MapNode[] = steps.map((step) => {
    const branch = branchOf(step.id);
    if (!branch)
      throw new Error(`No branch file under machines/flow/branches declares "${step.id}"`);
    return { step, branch, ...box(step.id) };
  });
  const groups: MapGroup[] = MAP_BRANCHES.filter((branch) =>
    positions.has(`group:${branch.id}`),
  ).map((branch) => ({ branch, ...box(`group:${branch.id}`) }));

  const stepById = new Map<string, Step>(steps.map((step) => [step.id, step]));
  const edges: MapEdge[] = allEdges(root).map((edge) => {
    const [fromId, answer] = edge.id.split("|") as [string, string];
    const option = stepById.get(fromId)?.answers.find((candidate) => candidate.answer === answer);
    const toId = edge.targets[0]!;
    if (!option) throw new Error(`The map layout returned an unknown edge "${edge.id}"`);
    // Section coordinates are relative to the edge's container (ELK JSON format:
    // https://eclipse.dev/elk/documentation/tooldevelopers/graphdatastructure/jsonformat.html).
    const container = positions.get(edge.container ?? "root") ?? { x: 0, y: 0 };
    const points = (edge.sections ?? []).flatMap((section) =>
      [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((point) => ({
        x: point.x + container.x,
        y: point.y + container.y,
      })),
    );
    const from = box(fromId);
    const to = box(toId);
    return { fromId, toId, label: option.label, points, backward: to.y + to.height / 2 <= from.y };
  });

  return { nodes, groups, edges, width: root.width ?? 0, height: root.height ?? 0 };
}

/** Splits a title into at most two lines of about `perLine` characters, at word breaks. */
export function wrapTitle(title: string, perLine = 26): [string, string?] {
  if (title.length <= perLine) return [title];
  const words = title.split(/\s+/);
  let first = "";
  while (words.length && (first + " " + words[0]).trim().length <= perLine) {
    first = (first + " " + words.shift()).trim();
  }
  if (!first) first = words.shift() ?? "";
  let second = words.join(" ");
  if (second.length > perLine) second = second.slice(0, perLine - 1).trimEnd() + "…";
  return second ? [first, second] : [first];
}
