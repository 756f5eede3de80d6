import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "@/lib/probe/config";
import { protocolDifference, type Http2Sample } from "@/lib/probe/http2-sample";
import { probe } from "@/lib/probe/probe";
import { labProbeConfig, startLab, type Lab } from "@/test/lab/lab";

describe("the HTTP/2 sample against lab servers that offer h2", () => {
  let lab: Lab;
  let config: ProbeConfig;

  beforeAll(async () => {
    lab = await startLab();
    config = labProbeConfig(lab);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it("takes one HTTP/2 sample when the server chooses h2, to the checked address", async () => {
    const report = await probe({ url: lab.urls.h2!, samples: 2 }, { config });
    expect(report.verdict.code).toBe("ok");
    // The HTTP/1.1 samples stay HTTP/1.1: they offer only http/1.1 in ALPN.
    expect(report.samples.map((s) => s.response?.bodyExcerpt)).toEqual([
      "hello over HTTP/1.1\n",
      "hello over HTTP/1.1\n",
    ]);
    expect(report.http2).toMatchObject({
      address: report.samples[0]!.address,
      offered: true,
      alpn: "h2",
      status: 200,
      error: null,
    });
    expect(report.verdict.evidence.join("\n")).not.toContain("HTTP/2:");
  });

  it("reports a server whose HTTP/2 answers 502 while HTTP/1.1 answers 200", async () => {
    const report = await probe({ url: lab.urls["h2-split"]! }, { config });
    expect(report.verdict.code).toBe("ok");
    expect(report.http2).toMatchObject({ offered: true, status: 502 });
    expect(report.verdict.evidence).toContain(
      "HTTP/2: the same request answered 502 over HTTP/2 but 200 over HTTP/1.1; browsers use HTTP/2, so what they see follows the HTTP/2 answer",
    );
  });

  it("sends no HTTP/2 request to a server that offers only http/1.1, nor over plain HTTP", async () => {
    const tls = await probe({ url: lab.urls["tls-valid"]! }, { config });
    expect(tls.http2).toMatchObject({ offered: false, alpn: "http/1.1", status: null });
    const plain = await probe({ url: lab.urls.ok! }, { config });
    expect(plain.http2).toBeNull();
  });
});

describe("protocolDifference", () => {
  const sample = (overrides: Partial<Http2Sample>): Http2Sample => ({
    address: "203.0.113.7",
    offered: true,
    alpn: "h2",
    status: 200,
    headers: {},
    error: null,
    totalMs: 10,
    ...overrides,
  });

  it("says nothing when both protocols agree or h2 is not offered", () => {
    expect(protocolDifference(sample({}), { status: 200, failed: false })).toBeNull();
    expect(
      protocolDifference(sample({ offered: false, status: null }), { status: 200, failed: false }),
    ).toBeNull();
  });

  it("names an h2-only failure with its error", () => {
    const line = protocolDifference(
      sample({
        status: null,
        error: { code: "ERR_HTTP2_STREAM_ERROR", message: "The server closed the stream." },
      }),
      { status: 200, failed: false },
    );
    expect(line).toMatch(/^HTTP\/2: the server offers h2, but the request over HTTP\/2 failed/);
    expect(line).toContain("ERR_HTTP2_STREAM_ERROR");
    expect(line).toContain("HTTP/1.1 answered 200");
  });

  it("names an answer over h2 where HTTP/1.1 got none", () => {
    expect(protocolDifference(sample({ status: 200 }), { status: null, failed: true })).toBe(
      "HTTP/2: the request over HTTP/2 answered 200 while the HTTP/1.1 samples got no answer",
    );
  });
});
