import { describe, expect, it } from "vitest";
import {
  crossingsThroughUnrelatedBoxes,
  pathOfPoints,
  pointsOfPath,
  segmentCrossesRect,
} from "@/app/_lib/map/geometry";

const box = { x: 100, y: 100, width: 50, height: 20 };

describe("segmentCrossesRect", () => {
  it("sees a line straight through a box", () => {
    expect(segmentCrossesRect({ x: 0, y: 110 }, { x: 300, y: 110 }, box)).toBe(true);
    expect(segmentCrossesRect({ x: 125, y: 0 }, { x: 125, y: 300 }, box)).toBe(true);
  });

  it("sees a diagonal that cuts a corner and one that ends inside", () => {
    expect(segmentCrossesRect({ x: 95, y: 115 }, { x: 115, y: 95 }, box)).toBe(true);
    expect(segmentCrossesRect({ x: 0, y: 0 }, { x: 120, y: 110 }, box)).toBe(true);
  });

  it("ignores lines beside, above and along the border of a box", () => {
    expect(segmentCrossesRect({ x: 0, y: 90 }, { x: 300, y: 90 }, box)).toBe(false);
    expect(segmentCrossesRect({ x: 160, y: 0 }, { x: 160, y: 300 }, box)).toBe(false);
    // Running along the top border, as an orthogonal route may, is not "through".
    expect(segmentCrossesRect({ x: 0, y: 100 }, { x: 300, y: 100 }, box)).toBe(false);
    // A line that stops short of the box.
    expect(segmentCrossesRect({ x: 0, y: 110 }, { x: 99, y: 110 }, box)).toBe(false);
  });
});

describe("crossingsThroughUnrelatedBoxes", () => {
  const boxes = [
    { id: "a", x: 0, y: 0, width: 40, height: 20 },
    { id: "b", x: 0, y: 100, width: 40, height: 20 },
    { id: "c", x: 0, y: 50, width: 40, height: 20 },
  ];

  it("reports an edge through a third box but not through its own ends", () => {
    const straight = { fromId: "a", toId: "b", points: pointsOfPath("M 20 20 L 20 100") };
    expect(crossingsThroughUnrelatedBoxes([straight], boxes)).toEqual([
      { edge: "a → b", through: "c" },
    ]);
  });

  it("accepts an edge routed around the box in between", () => {
    const around = {
      fromId: "a",
      toId: "b",
      points: pointsOfPath("M 40 10 L 60 10 L 60 110 L 40 110"),
    };
    expect(crossingsThroughUnrelatedBoxes([around], boxes)).toEqual([]);
  });
});

describe("paths", () => {
  it("writes and reads back a polyline", () => {
    const points = [
      { x: 1, y: 2 },
      { x: 3.25, y: -4 },
      { x: 10, y: 20.04 },
    ];
    expect(pathOfPoints(points)).toBe("M 1 2 L 3.3 -4 L 10 20");
    expect(pointsOfPath(pathOfPoints(points))).toEqual([
      { x: 1, y: 2 },
      { x: 3.3, y: -4 },
      { x: 10, y: 20 },
    ]);
  });
});
