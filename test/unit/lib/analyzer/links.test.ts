import { describe, expect, it } from "vitest";
import { wizardLinkFor } from "@/lib/analyzer/links";
import { replayAnswers } from "@/machines/replay";

describe("wizardLinkFor", () => {
  it("goes through the status code the visitor saw", () => {
    expect(wizardLinkFor("appDown", 502)?.href).toBe(
      "/diagnose/owner/502/server-page/connection-refused",
    );
    expect(wizardLinkFor("appDown", 503)?.href).toBe("/diagnose/owner/503/no-backends");
  });

  it("falls back to another gateway code when the status has no road to the step", () => {
    // A CDN's 503 page can call for testing the origin directly, a step under the 502 branch.
    expect(wizardLinkFor("originDirect", 503)?.href).toMatch(/^\/diagnose\/owner\/502\//);
  });

  it("uses the shortest road when the evidence implies no status", () => {
    expect(wizardLinkFor("dnsRecords", null)?.href).toBe("/diagnose/owner/no-status");
  });

  it("names the answers it gives, in the words of the buttons", () => {
    const link = wizardLinkFor("malformedHeadersTooBig", 502);
    expect(link?.answers).toHaveLength(4);
    expect(link?.answers[1]).toMatch(/^502 Bad Gateway/);
  });

  it("returns links the wizard replays to the intended state", () => {
    for (const [state, status] of [
      ["timeoutProxyRead", 504],
      ["cf521", 521],
      ["tlsRenew", 502],
      ["memoryOom", 502],
    ] as const) {
      const href = wizardLinkFor(state, status)?.href ?? "";
      const replay = replayAnswers(href.split("/").slice(2).map(decodeURIComponent));
      expect(replay.ok && replay.step.id, href).toBe(state);
    }
  });

  it("returns null for a state the machine does not have", () => {
    expect(wizardLinkFor("noSuchState", 502)).toBeNull();
  });
});
