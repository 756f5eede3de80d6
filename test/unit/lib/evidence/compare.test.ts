import { describe, expect, it } from "vitest";
import { compareRuns, timingPhases } from "@/lib/evidence/compare";
import type { EvidenceDigest } from "@/lib/evidence/digest";

const broken: EvidenceDigest = {
  code: "bad-gateway",
  status: 502,
  layer: "proxy",
  vendor: "nginx",
  cause: "upstream-refused",
  intermittent: false,
  confidence: "high",
  checkedAt: "2026-12-02T14:20:00.000Z",
  reference: null,
  failureCount: 3,
  sampleCount: 3,
  timing: "DNS 1.2 ms, connect 0.4 ms, first byte 2.1 ms, total 3.9 ms",
  failedPhase: null,
  errorCode: null,
  certificateExpiry: "2027-03-01T00:00:00.000Z",
};

const fixed: EvidenceDigest = {
  ...broken,
  code: "ok",
  status: 200,
  layer: "app",
  cause: null,
  confidence: undefined,
  checkedAt: "2026-12-02T14:32:05.000Z",
  failureCount: 0,
  timing: "DNS 1.0 ms, connect 0.5 ms, first byte 2.4 ms, total 4.0 ms",
};

function byLabel(comparison: ReturnType<typeof compareRuns>) {
  return Object.fromEntries(comparison.rows.map((row) => [row.label, row]));
}

describe("compareRuns", () => {
  it("shows a 502 that became a 200 as changed status, finding and failures", () => {
    const comparison = compareRuns(broken, fixed);
    const rows = byLabel(comparison);
    expect(rows.Status).toEqual({ label: "Status", before: "502", after: "200", changed: true });
    expect(rows.Finding!.changed).toBe(true);
    expect(rows.Finding!.after).toContain("the site answered normally");
    expect(rows["Failed samples"]).toMatchObject({
      before: "3 of 3",
      after: "0 of 3",
      changed: true,
    });
    // Same server, same certificate, and timings within noise: shown, not flagged.
    expect(rows["Answered by"]).toMatchObject({ before: "nginx", after: "nginx", changed: false });
    expect(rows["Certificate expires"]).toMatchObject({ after: "2027-03-01", changed: false });
    expect(rows["First byte"]).toEqual({
      label: "First byte",
      before: "2.1 ms",
      after: "2.4 ms",
      changed: false,
    });
    expect(comparison.changes).toBe(3);
    expect(comparison.beforeAt).toBe("2026-12-02 14:20:00 UTC");
  });

  it("flags a timing that moved by half and by at least 50 ms, and a renewed certificate", () => {
    const slow = {
      ...broken,
      timing: "connect 0.4 ms, first byte 2003.0 ms, total 2004.1 ms",
      certificateExpiry: "2027-06-01T00:00:00.000Z",
    };
    const rows = byLabel(compareRuns(broken, slow));
    expect(rows["First byte"]).toMatchObject({ before: "2.1 ms", after: "2003 ms", changed: true });
    expect(rows.DNS).toMatchObject({ before: "1.2 ms", after: "—", changed: true });
    expect(rows["Certificate expires"]).toMatchObject({
      before: "2027-03-01",
      after: "2027-06-01",
      changed: true,
    });
    expect(compareRuns(broken, broken).changes).toBe(0);
  });

  it("never flags a new reference id, which every request gets", () => {
    const rows = byLabel(
      compareRuns({ ...broken, reference: "8f3a2c1d4b5e6f70" }, { ...broken, reference: "aa" }),
    );
    expect(rows["Reference id"]).toMatchObject({ before: "8f3a2c1d4b5e6f70", changed: false });
  });

  it("reads the digest's timing words, and nothing else", () => {
    expect([...timingPhases(broken.timing)]).toEqual([
      ["dns", 1.2],
      ["connect", 0.4],
      ["first byte", 2.1],
      ["total", 3.9],
    ]);
    expect(timingPhases("connect x ms, <b>1 ms</b>").size).toBe(0);
    expect(timingPhases(null).size).toBe(0);
  });
});
