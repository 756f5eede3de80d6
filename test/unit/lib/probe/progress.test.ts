import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "@/lib/probe/config";
import { probe, type ProbeProgress } from "@/lib/probe/probe";
import { labProbeConfig, startLab, type Lab } from "@/test/lab/lab";

/** A compact trace of the events, e.g. "phase 0 tls end". */
function trace(events: ProbeProgress[]): string[] {
  return events.map((event) => {
    switch (event.type) {
      case "phase":
        return `phase ${event.index} ${event.phase} ${event.status}`;
      case "sample-start":
      case "sample-end":
        return `${event.type} ${event.index}`;
      default:
        return event.type;
    }
  });
}

describe("probe progress, reported as it happens", () => {
  let lab: Lab;
  let config: ProbeConfig;

  beforeAll(async () => {
    lab = await startLab();
    // No test here is about a phase limit (the hanging sample is aborted by hand), so the lab's
    // generous limits apply: with 1 s per phase a busy machine turned the full https sample
    // below into "phase 0 firstByte fail" (issue 15).
    config = labProbeConfig(lab);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it("reports DNS, then every phase of an https sample in order, with the report's timings", async () => {
    const events: ProbeProgress[] = [];
    const report = await probe(
      { url: lab.urls["tls-valid"]! },
      { config, onProgress: (event) => events.push(event) },
    );
    expect(trace(events)).toEqual([
      "dns-start",
      "dns-end",
      "sample-start 0",
      "phase 0 connect start",
      "phase 0 connect end",
      "phase 0 tls start",
      "phase 0 tls end",
      "phase 0 firstByte start",
      "phase 0 firstByte end",
      "phase 0 headers start",
      "phase 0 headers end",
      "phase 0 body start",
      "phase 0 body end",
      "sample-end 0",
    ]);
    const dnsEnd = events.find((event) => event.type === "dns-end");
    expect(dnsEnd?.type === "dns-end" && dnsEnd.result.addresses[0]).toMatchObject({
      address: "127.0.0.1",
      ttl: expect.any(Number),
    });
    const sample = report.samples[0]!;
    const ended = (phase: string) =>
      events.find((e) => e.type === "phase" && e.phase === phase && e.status === "end");
    expect(ended("connect")).toMatchObject({ ms: sample.phases.connect });
    expect(ended("tls")).toMatchObject({ ms: sample.phases.tls });
    expect(ended("firstByte")).toMatchObject({ ms: sample.phases.firstByte });
    const last = events.at(-1);
    expect(last?.type === "sample-end" && last.sample).toEqual(sample);
  });

  it("marks the phase a sample fails in, with its error code", async () => {
    const events: ProbeProgress[] = [];
    await probe({ url: lab.urls["refused"]! }, { config, onProgress: (e) => events.push(e) });
    expect(trace(events).slice(2)).toEqual([
      "sample-start 0",
      "phase 0 connect start",
      "phase 0 connect fail",
      "sample-end 0",
    ]);
    expect(events.find((e) => e.type === "phase" && e.status === "fail")).toMatchObject({
      error: { code: "ECONNREFUSED" },
      ms: expect.any(Number),
    });
  });

  it("numbers the samples of a repeated check and reports each one's end", async () => {
    const events: ProbeProgress[] = [];
    await probe(
      { url: lab.urls["ok"]!, samples: 3 },
      { config, onProgress: (e) => events.push(e) },
    );
    expect(trace(events).filter((line) => line.startsWith("sample"))).toEqual([
      "sample-start 0",
      "sample-end 0",
      "sample-start 1",
      "sample-end 1",
      "sample-start 2",
      "sample-end 2",
    ]);
  });

  it("reports a followed redirect as its own sample end before the next hop", async () => {
    const events: ProbeProgress[] = [];
    const report = await probe(
      { url: lab.urls["redirect-ok"]!, followRedirects: true },
      { config, onProgress: (e) => events.push(e) },
    );
    const ends = events.filter((e) => e.type === "sample-end");
    expect(ends).toHaveLength(2);
    expect(ends[0]).toMatchObject({ index: 0, redirect: { status: 302 } });
    expect(ends[1]).toMatchObject({ index: 0, redirect: null });
    expect(report.samples).toHaveLength(1);
  });

  it("ignores a listener that throws", async () => {
    const report = await probe(
      { url: lab.urls["ok"]! },
      {
        config,
        onProgress: () => {
          throw new Error("listener bug");
        },
      },
    );
    expect(report.verdict.code).toBe("ok");
  });

  it("stops a hanging sample at once when aborted, and rejects with the abort", async () => {
    const abort = new AbortController();
    const events: ProbeProgress[] = [];
    const slow = { ...config, timeoutMs: 10_000, phaseTimeoutMs: 8_000 };
    const started = performance.now();
    const running = probe(
      { url: lab.urls["hang"]! },
      {
        config: slow,
        signal: abort.signal,
        onProgress: (event) => {
          events.push(event);
          if (event.type === "phase" && event.phase === "firstByte" && event.status === "start")
            setTimeout(() => abort.abort(), 50);
        },
      },
    );
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(events.at(-1)).toMatchObject({
      type: "phase",
      phase: "firstByte",
      status: "fail",
      error: { code: "EABORTED" },
    });
  });

  it("refuses to start when already aborted, before any connection", async () => {
    const events: ProbeProgress[] = [];
    await expect(
      probe(
        { url: lab.urls["ok"]! },
        { config, signal: AbortSignal.abort(), onProgress: (e) => events.push(e) },
      ),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(events).toEqual([]);
  });
});
