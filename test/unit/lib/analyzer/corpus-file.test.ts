/**
 * The committed corpus of nginx error lines captured from the lab
 * (test/lab/corpus/nginx-error.log, refreshed with CAPTURE_CORPUS=1). It keeps the
 * real-line check running even where nginx is not installed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

const corpus = readFileSync(join(process.cwd(), "test/lab/corpus/nginx-error.log"), "utf8");
const lines = corpus.split("\n").filter((line) => line.trim() !== "");

/** Which rule each lab location's failure must map to. */
const BY_REQUEST: Record<string, string[]> = {
  dead: ["nginx-connect-refused"],
  slow: ["nginx-read-timeout"],
  "stalled-body": ["nginx-timeout-other"],
  garbage: ["nginx-invalid-header"],
  "bad-header": ["nginx-invalid-header"],
  closed: ["nginx-premature-close-header"],
  reset: ["nginx-connection-reset"],
  "huge-headers": ["nginx-too-big-header"],
  socket: ["nginx-socket-missing"],
  unaccepting: ["nginx-connect-timeout"],
  tls: ["nginx-upstream-handshake"],
  nxdomain: ["nginx-resolve-failed"],
  "all-down": ["nginx-connect-refused", "nginx-no-live-upstreams"],
};

describe("captured nginx corpus", () => {
  it("covers every lab failure", () => {
    const requests = new Set(lines.map((line) => /request: "GET \/([\w-]+) /.exec(line)?.[1]));
    expect([...requests].sort()).toEqual(Object.keys(BY_REQUEST).sort());
  });

  it.each(lines.map((line) => [line.slice(0, 90), line] as const))(
    "classifies %s…",
    (_short, line) => {
      const request = /request: "GET \/([\w-]+) /.exec(line)?.[1] ?? "";
      expect(BY_REQUEST[request]).toContain(analyzePaste(line).findings[0]?.ruleId);
    },
  );

  it("puts the most frequent cause first when the whole file is pasted", () => {
    const { findings } = analyzePaste(corpus);
    expect(findings[0]?.ruleId).toBe("nginx-connect-refused");
    expect(findings[0]?.count).toBe(3);
    expect(findings.slice(1).every((f) => f.count <= 3)).toBe(true);
  });
});
