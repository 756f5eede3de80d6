import { describe, expect, it } from "vitest";
import { failureFromApi } from "@/lib/check/state";
import { describeProgress, initialProgress, reduceProgress } from "@/lib/check/progress";
import type { ProbeStreamEvent } from "@/lib/probe/http-api";
import { sample } from "../evidence/fixtures";

const events: ProbeStreamEvent[] = [
  { type: "start", url: "https://shop.example/", samples: 2 },
  { type: "dns-start", name: "shop.example" },
  {
    type: "dns-end",
    result: {
      name: "shop.example",
      servers: [],
      durationMs: 3,
      addresses: [{ address: "192.0.2.10", family: 4, ttl: 60 }],
      cnameChain: [],
      error: null,
    },
  },
  { type: "sample-start", index: 0, address: "192.0.2.10", url: "https://shop.example/" },
  { type: "phase", index: 0, phase: "connect", status: "start", ms: null },
  { type: "phase", index: 0, phase: "connect", status: "end", ms: 1.5 },
  { type: "phase", index: 0, phase: "tls", status: "start", ms: null },
];

function fold(list: ProbeStreamEvent[]) {
  return list.reduce(reduceProgress, initialProgress(1));
}

describe("the live progress of a check", () => {
  it("follows DNS and each phase as the stream reports them", () => {
    const state = fold(events);
    expect(state.samples).toBe(2);
    expect(state.dns).toEqual({
      name: "shop.example",
      status: "done",
      addresses: ["192.0.2.10"],
      ms: 3,
    });
    expect(state.runs).toHaveLength(1);
    expect(state.runs[0]?.phases).toEqual([
      { phase: "connect", progress: { status: "done", ms: 1.5, errorCode: null } },
      { phase: "tls", progress: { status: "running", ms: null, errorCode: null } },
    ]);
    expect(describeProgress(state)).toBe("Sample 1 of 2: TLS…");
  });

  it("marks a failed phase with its code and a finished sample with its status", () => {
    const failed = fold([
      ...events,
      {
        type: "phase",
        index: 0,
        phase: "tls",
        status: "fail",
        ms: 4,
        error: { code: "ERR_TLS_CLOSED", message: "closed" },
      },
    ]);
    expect(failed.runs[0]?.phases[1]?.progress).toEqual({
      status: "failed",
      ms: 4,
      errorCode: "ERR_TLS_CLOSED",
    });
    expect(describeProgress(failed)).toBe("Sample 1 of 2: TLS failed (ERR_TLS_CLOSED).");
    const ended = reduceProgress(failed, {
      type: "sample-end",
      index: 0,
      sample: sample({ response: null }),
      redirect: null,
    });
    expect(ended.runs[0]).toMatchObject({ done: true, status: null });
    expect(describeProgress(ended)).toBe("Sample 1 of 2: ended without an answer.");
  });

  it("keeps a followed redirect apart from the sample that follows it", () => {
    const state = fold([
      { type: "start", url: "http://shop.example/", samples: 1 },
      { type: "sample-start", index: 0, address: "192.0.2.10", url: "http://shop.example/" },
      {
        type: "sample-end",
        index: 0,
        sample: sample(),
        redirect: { url: "http://shop.example/", status: 301, location: "https://shop.example/" },
      },
      { type: "sample-start", index: 0, address: "192.0.2.10", url: "https://shop.example/" },
      { type: "phase", index: 0, phase: "connect", status: "start", ms: null },
    ]);
    expect(state.runs).toHaveLength(2);
    expect(state.runs[0]?.redirectedTo).toBe("https://shop.example/");
    expect(state.runs[1]?.phases).toHaveLength(1);
  });

  it("reports a DNS failure before any sample", () => {
    const state = fold([
      { type: "dns-start", name: "missing.example" },
      {
        type: "dns-end",
        result: {
          name: "missing.example",
          servers: [],
          durationMs: 2,
          addresses: [],
          cnameChain: [],
          error: { code: "nxdomain", message: "missing.example does not exist" },
        },
      },
    ]);
    expect(describeProgress(state)).toBe("DNS lookup of missing.example failed.");
  });
});

describe("failureFromApi", () => {
  it.each([
    [400, "invalid-input", null, "invalid", undefined],
    [413, "body-too-large", null, "invalid", undefined],
    [422, "refused", null, "refused", undefined],
    [429, "rate-limited", "17", "rate-limited", 17],
    [429, "busy", "5", "busy", 5],
    [503, "probe-unavailable", null, "unavailable", undefined],
  ] as const)("maps %i %s to %s", (status, code, retry, kind, retryAfterS) => {
    const failure = failureFromApi(status, { code, message: "m", stage: "address" }, retry);
    expect(failure.kind).toBe(kind);
    expect(failure.retryAfterS).toBe(retryAfterS);
    expect(failure.message).toBe("m");
  });

  it("still says something when the body was not JSON", () => {
    expect(failureFromApi(502, null, null)).toEqual({
      kind: "unavailable",
      message: "The check failed with HTTP 502.",
    });
  });
});
