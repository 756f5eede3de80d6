import { describe, expect, it } from "vitest";
import { MAP_BRANCHES } from "@/app/_lib/map/branches";
import { crossingsThroughUnrelatedBoxes, type Rect } from "@/app/_lib/map/geometry";
import { computeMapGeometry } from "@/app/_lib/map/elk-layout";
import { graphSignature, mapGraph } from "@/app/_lib/map/graph";
import { layoutDiagnosisMap, wrapTitle } from "@/app/_lib/map/layout";
import committedGeometry from "@/app/_lib/map/map-geometry.json";
import { listSteps } from "@/machines/steps";

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** Distance from a point to the nearest side of a box's border. */
function distanceToBorder(point: { x: number; y: number }, box: Rect): number {
  const dx = Math.max(box.x - point.x, 0, point.x - (box.x + box.width));
  const dy = Math.max(box.y - point.y, 0, point.y - (box.y + box.height));
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return Math.min(
    point.x - box.x,
    box.x + box.width - point.x,
    point.y - box.y,
    box.y + box.height - point.y,
  );
}

describe("map-geometry.json", () => {
  it("was computed for the machine as it is (else run: npm run map:layout)", () => {
    expect(committedGeometry.signature).toBe(graphSignature(mapGraph()));
  });

  // ELK is seeded and deterministic, so a fresh run must give the committed file exactly; a
  // hand edit or a changed layout option without re-running the script fails here. ELK takes
  // seconds, more on a busy machine: the time limit is generous, nothing here waits on it.
  it("is what ELK computes for it", { timeout: 180_000 }, async () => {
    expect(await computeMapGeometry(mapGraph())).toEqual(committedGeometry);
  });
});

describe("wrapTitle", () => {
  it("breaks at spaces and never drops or cuts a word", () => {
    const title = "Raise the proxy's timeouts only after fixing the slow part";
    const lines = wrapTitle(title, 28);
    expect(lines.join(" ")).toBe(title);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(28);
    expect(wrapTitle("Short", 28)).toEqual(["Short"]);
  });
});

describe("the decision map's layout", async () => {
  const layout = await layoutDiagnosisMap();
  const boxes = layout.nodes.map((node) => ({ ...node, id: node.step.id }));

  it("draws every state once and every answer as an edge", () => {
    const steps = listSteps();
    expect(layout.nodes.map((node) => node.step.id).sort()).toEqual(
      steps.map((step) => step.id).sort(),
    );
    expect(layout.edges).toHaveLength(steps.reduce((sum, step) => sum + step.answers.length, 0));
  });

  it("routes no edge through a box it does not connect", () => {
    expect(crossingsThroughUnrelatedBoxes(layout.edges, boxes)).toEqual([]);
  });

  it("starts and ends each edge on the border of its own two boxes", () => {
    const byId = new Map<string, Rect>(boxes.map((box) => [box.id, box]));
    for (const edge of layout.edges) {
      const first = edge.points[0]!;
      const last = edge.points.at(-1)!;
      expect(distanceToBorder(first, byId.get(edge.fromId)!), edge.fromId).toBeLessThan(1);
      expect(distanceToBorder(last, byId.get(edge.toId)!), edge.toId).toBeLessThan(1);
    }
  });

  it("keeps each branch's states inside its group box, and the groups apart", () => {
    expect(layout.groups.map((group) => group.branch.id)).toEqual(
      MAP_BRANCHES.map((branch) => branch.id),
    );
    for (const node of layout.nodes) {
      const group = layout.groups.find((candidate) => candidate.branch === node.branch)!;
      expect(inside(node, group), `${node.step.id} inside ${group.branch.id}`).toBe(true);
    }
    for (const a of layout.groups) {
      for (const b of layout.groups) {
        if (a === b) continue;
        const overlap =
          a.x < b.x + b.width &&
          b.x < a.x + a.width &&
          a.y < b.y + b.height &&
          b.y < a.y + a.height;
        expect(overlap, `${a.branch.id} overlaps ${b.branch.id}`).toBe(false);
      }
    }
  });

  it("fits every box inside the drawing", () => {
    const drawing = { x: 0, y: 0, width: layout.width, height: layout.height };
    for (const box of [...layout.nodes, ...layout.groups]) expect(inside(box, drawing)).toBe(true);
  });
});
