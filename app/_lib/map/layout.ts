/**
 * Lays the diagnosis graph out in columns for the /diagnose/map diagram.
 *
 * Column = fewest answers from the start (breadth-first depth), so reading
 * left to right follows the order in which a person meets the states. Within
 * a column, states sit near the average position of the states that lead to
 * them (the barycenter heuristic), which keeps most edges short and few
 * crossing without a layout library.
 */
import { listSteps, START_STATE_ID, type Step } from "@/machines/steps";
import { shortestAnswersTo } from "@/machines/paths";

/** One state's box in the diagram. */
export interface MapNode {
  step: Step;
  /** Column index: the fewest answers from the start. */
  column: number;
  /** Row index within the column. */
  row: number;
  /** Top-left corner in SVG units. */
  x: number;
  y: number;
}

/** One answer drawn as an arrow between two boxes. */
export interface MapEdge {
  from: MapNode;
  to: MapNode;
  /** The answer's label, shown on hover and in the text list. */
  label: string;
  /** True when the arrow goes back to an earlier or the same column (a loop in the diagnosis). */
  backward: boolean;
}

export interface MapLayout {
  nodes: MapNode[];
  edges: MapEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 46;
const COLUMN_GAP = 80;
const ROW_GAP = 14;
const MARGIN = 16;

export function layoutDiagnosisMap(): MapLayout {
  const steps = listSteps();
  const depthOf = (id: string) => shortestAnswersTo(id)?.length ?? 0;

  const columns: Step[][] = [];
  for (const step of steps) {
    const depth = depthOf(step.id);
    (columns[depth] ??= []).push(step);
  }

  // Order each column by the mean row of its predecessors in earlier columns.
  const rowOf = new Map<string, number>([[START_STATE_ID, 0]]);
  const predecessors = new Map<string, string[]>();
  for (const step of steps) {
    for (const option of step.answers) {
      const list = predecessors.get(option.target) ?? [];
      list.push(step.id);
      predecessors.set(option.target, list);
    }
  }
  columns.forEach((column, depth) => {
    const weight = (step: Step) => {
      const rows = (predecessors.get(step.id) ?? [])
        .filter((id) => depthOf(id) < depth)
        .map((id) => rowOf.get(id) ?? 0);
      return rows.length ? rows.reduce((sum, row) => sum + row, 0) / rows.length : 0;
    };
    column.sort((a, b) => weight(a) - weight(b));
    column.forEach((step, row) => rowOf.set(step.id, row));
  });

  const nodes = new Map<string, MapNode>();
  columns.forEach((column, depth) =>
    column.forEach((step, row) =>
      nodes.set(step.id, {
        step,
        column: depth,
        row,
        x: MARGIN + depth * (NODE_WIDTH + COLUMN_GAP),
        y: MARGIN + row * (NODE_HEIGHT + ROW_GAP),
      }),
    ),
  );

  const edges: MapEdge[] = [];
  for (const from of nodes.values()) {
    for (const option of from.step.answers) {
      const to = nodes.get(option.target);
      if (to) edges.push({ from, to, label: option.label, backward: to.column <= from.column });
    }
  }

  const tallest = Math.max(...columns.map((column) => column.length));
  return {
    nodes: [...nodes.values()],
    edges,
    width: MARGIN * 2 + columns.length * NODE_WIDTH + (columns.length - 1) * COLUMN_GAP,
    height: MARGIN * 2 + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP,
  };
}

/** Splits a title into at most two lines of about `perLine` characters, at word breaks. */
export function wrapTitle(title: string, perLine = 30): [string, string?] {
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
