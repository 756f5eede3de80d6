/**
 * The /diagnose/map diagram's layout: the geometry ELK computed ahead of time
 * (map-geometry.json, written by test/tools/map-layout.ts (npm run map:layout) from elk-layout.ts) joined with the
 * machine's states and answers. Server-only; the browser gets finished SVG coordinates.
 */
import { getStep, type Step } from "@/machines/steps";
import { MAP_BRANCHES, type MapBranch } from "./branches";
import type { MapGeometry } from "./elk-layout";
import type { Point, Rect } from "./geometry";
import { graphSignature, mapGraph } from "./graph";
import committedGeometry from "./map-geometry.json";

export { GROUP_LABEL_HEIGHT } from "./elk-layout";

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
  /** True when the answer leads back up, against the flow's direction (a loop). */
  backward: boolean;
}

export interface MapLayout {
  nodes: MapNode[];
  groups: MapGroup[];
  edges: MapEdge[];
  width: number;
  height: number;
}

let fallback: Promise<MapGeometry> | undefined;

/**
 * The geometry for the machine as it is. When map-geometry.json was computed for another graph
 * (a state or answer changed since; the unit tests say so), ELK runs here once per server so
 * the map is never wrong, only slow to render the first time.
 */
async function currentGeometry(): Promise<MapGeometry> {
  const graph = mapGraph();
  const committed = committedGeometry as MapGeometry;
  if (committed.signature === graphSignature(graph)) return committed;
  fallback ??= import("./elk-layout")
    .then(({ computeMapGeometry }) => computeMapGeometry(graph))
    .catch((error: unknown) => {
      fallback = undefined;
      throw error;
    });
  return fallback;
}

export async function layoutDiagnosisMap(): Promise<MapLayout> {
  const geometry = await currentGeometry();
  const graph = mapGraph();
  const branchById = new Map(MAP_BRANCHES.map((branch) => [branch.id, branch]));
  const at = <T>(record: Record<string, T>, id: string): T => {
    const found = record[id];
    if (!found) throw new Error(`The map's geometry has nothing for "${id}"`);
    return found;
  };
  const nodes: MapNode[] = graph.nodes.map((node) => ({
    step: getStep(node.id)!,
    branch: branchById.get(node.branchId)!,
    ...at(geometry.nodes, node.id),
  }));
  const groups: MapGroup[] = MAP_BRANCHES.filter((branch) => geometry.groups[branch.id]).map(
    (branch) => ({ branch, ...at(geometry.groups, branch.id) }),
  );
  const edges: MapEdge[] = geometry.edges.map((edge) => {
    const from = at(geometry.nodes, edge.fromId);
    const to = at(geometry.nodes, edge.toId);
    const label =
      getStep(edge.fromId)?.answers.find((option) => option.answer === edge.answer)?.label ??
      edge.answer;
    return {
      fromId: edge.fromId,
      toId: edge.toId,
      label,
      points: edge.points,
      backward: to.y + to.height / 2 <= from.y,
    };
  });
  return { nodes, groups, edges, width: geometry.width, height: geometry.height };
}

/**
 * Splits a title into lines of about `perLine` characters at word breaks, without cutting
 * words or dropping any: the box shows the whole title (its link's name must contain it).
 */
export function wrapTitle(title: string, perLine = 28): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of title.split(/\s+/).filter(Boolean)) {
    if (line && (line + " " + word).length > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
