/**
 * Plane geometry for the decision map: whether a drawn edge runs through a box it does not
 * connect. The unit tests hold the server's layout to zero such crossings, and the browser
 * test runs the same check on the rendered SVG.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A line that merely touches a box's border is not "through" it; lines are 1–2 px wide. */
const BORDER_TOLERANCE = 1.5;

/**
 * True when the segment from `a` to `b` passes through the inside of `rect` (its border shrunk
 * by a pixel and a half). Liang–Barsky clipping: the segment is a + t·(b − a) for t in [0, 1],
 * narrowed by each of the four edges of the rectangle in turn.
 */
export function segmentCrossesRect(a: Point, b: Point, rect: Rect): boolean {
  const left = rect.x + BORDER_TOLERANCE;
  const right = rect.x + rect.width - BORDER_TOLERANCE;
  const top = rect.y + BORDER_TOLERANCE;
  const bottom = rect.y + rect.height - BORDER_TOLERANCE;
  if (left >= right || top >= bottom) return false;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let enter = 0;
  let leave = 1;
  const checks: [p: number, q: number][] = [
    [-dx, a.x - left],
    [dx, right - a.x],
    [-dy, a.y - top],
    [dy, bottom - a.y],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      // Parallel to this edge of the box: outside it entirely, or no constraint.
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    if (enter > leave) return false;
  }
  return enter < leave;
}

/** True when any segment of the polyline passes through the inside of `rect`. */
export function polylineCrossesRect(points: readonly Point[], rect: Rect): boolean {
  for (let i = 1; i < points.length; i++) {
    if (segmentCrossesRect(points[i - 1]!, points[i]!, rect)) return true;
  }
  return false;
}

/** A drawn edge: its route and the ids of the two boxes it connects. */
export interface RoutedEdge {
  fromId: string;
  toId: string;
  points: readonly Point[];
}

/** One edge drawn through a box it does not connect. */
export interface Crossing {
  edge: string;
  through: string;
}

/** Every (edge, box) pair where the edge runs through a box other than its own two. */
export function crossingsThroughUnrelatedBoxes(
  edges: readonly RoutedEdge[],
  boxes: readonly (Rect & { id: string })[],
): Crossing[] {
  const crossings: Crossing[] = [];
  for (const edge of edges) {
    for (const box of boxes) {
      if (box.id === edge.fromId || box.id === edge.toId) continue;
      if (polylineCrossesRect(edge.points, box)) {
        crossings.push({ edge: `${edge.fromId} → ${edge.toId}`, through: box.id });
      }
    }
  }
  return crossings;
}

/** An SVG path made of absolute M and L commands (what the map draws) as points. */
export function pointsOfPath(d: string): Point[] {
  const numbers = d.match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  const points: Point[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2)
    points.push({ x: numbers[i]!, y: numbers[i + 1]! });
  return points;
}

/** The SVG path of a polyline, rounded to a tenth of a pixel. */
export function pathOfPoints(points: readonly Point[]): string {
  const round = (value: number) => Math.round(value * 10) / 10;
  return points.map((p, i) => `${i === 0 ? "M" : "L"} ${round(p.x)} ${round(p.y)}`).join(" ");
}
