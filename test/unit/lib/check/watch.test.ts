import { describe, expect, it } from "vitest";
import {
  fixedMessage,
  isFixed,
  rowOfReport,
  watchIntervalFrom,
  WATCH_INTERVAL_MS,
  WATCH_MIN_INTERVAL_MS,
} from "@/lib/check/watch";
import { summarise } from "@/lib/probe/classify";
import type { ProbeSample } from "@/lib/probe/connection";
import type { ProbeReport } from "@/lib/probe/probe";

function answered(status: number, server = "nginx/1.22.1"): ProbeSample {
  return {
    address: "203.0.113.7",
    phases: { dns: 1, connect: 1, tls: null, firstByte: 2, total: 5 },
    failedPhase: null,
    error: null,
    tls: null,
    response: {
      status,
      statusText: status === 200 ? "OK" : "Bad Gateway",
      httpVersion: "1.1",
      headers: { server },
      bodyExcerpt: "",
      bodyBytes: 0,
      bodyComplete: true,
    },
  };
}

const refused: ProbeSample = {
  address: "203.0.113.7",
  phases: { dns: 1, connect: null, tls: null, firstByte: null, total: 1 },
  failedPhase: "connect",
  error: { code: "ECONNREFUSED", message: "refused" },
  tls: null,
  response: null,
};

function report(samples: ProbeSample[]): ProbeReport {
  return {
    target: {
      requestedUrl: "https://shop.example.com/",
      url: "https://shop.example.com/",
      hostname: "shop.example.com",
      port: 443,
      originIp: null,
      scheme: "https",
      schemeNote: null,
    },
    dns: null,
    redirects: [],
    samples,
    verdict: summarise(samples, null),
    startedAt: "2026-12-02T14:32:05.000Z",
    durationMs: 10,
  };
}

describe("watch rows and the announcement", () => {
  it("announces a fix only when every sample passed", () => {
    const fixed = report([answered(200), answered(200), answered(200)]);
    expect(isFixed(fixed)).toBe(true);
    expect(fixedMessage(fixed, "2026-12-02T14:32:05.123Z")).toBe(
      "Fixed at 14:32:05 UTC — 3 of 3 samples 200",
    );
    expect(isFixed(report([answered(200), answered(502), answered(200)]))).toBe(false);
    expect(isFixed(report([answered(502)]))).toBe(false);
    expect(isFixed(report([refused]))).toBe(false);
  });

  it("shows each run's statuses, error codes and verdict", () => {
    expect(rowOfReport(report([answered(502), answered(502)]), "2026-12-02T14:31:50.000Z")).toEqual(
      {
        at: "2026-12-02T14:31:50.000Z",
        status: "502 ×2",
        verdict: "502 Bad Gateway from nginx",
        ok: false,
      },
    );
    expect(rowOfReport(report([answered(200), refused]), "x").status).toBe("200, ECONNREFUSED");
    expect(rowOfReport(report([answered(200)]), "x")).toMatchObject({ status: "200", ok: true });
  });

  it("takes the interval from the server's setting, within bounds", () => {
    expect(watchIntervalFrom(undefined)).toBe(WATCH_INTERVAL_MS);
    expect(watchIntervalFrom("")).toBe(WATCH_INTERVAL_MS);
    expect(watchIntervalFrom("soon")).toBe(WATCH_INTERVAL_MS);
    expect(watchIntervalFrom("2000")).toBe(2000);
    expect(watchIntervalFrom("10")).toBe(WATCH_MIN_INTERVAL_MS);
  });
});
