import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "@/lib/probe/config";
import { BODY_READ_LIMIT, EXCERPT_BYTES } from "@/lib/probe/connection";
import { probe, ProbeRefusal } from "@/lib/probe/probe";
import { labProbeConfig, startLab, type Lab } from "@/test/lab/lab";

describe("HTTP failures, each a verdict and never a throw", () => {
  let lab: Lab;
  let config: ProbeConfig;

  beforeAll(async () => {
    lab = await startLab();
    config = labProbeConfig(lab, { timeoutMs: 2500, phaseTimeoutMs: 800 });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  const run = async (scenario: string, extra: { followRedirects?: boolean } = {}) => {
    const started = performance.now();
    const report = await probe({ url: lab.urls[scenario]!, ...extra }, { config });
    // Every probe ends by its deadline, whatever the server does (slack for timers on a busy machine).
    expect(performance.now() - started).toBeLessThan(config.timeoutMs + 500);
    return report;
  };

  it("answers a healthy site with ok, status and timings for each phase", async () => {
    const report = await run("ok");
    expect(report.verdict).toMatchObject({
      code: "ok",
      status: 200,
      layer: "app",
      failureRate: 0,
      intermittent: false,
    });
    const sample = report.samples[0]!;
    expect(sample.failedPhase).toBeNull();
    expect(sample.phases.dns).toBeGreaterThan(0);
    expect(sample.phases.connect).toBeGreaterThan(0);
    expect(sample.phases.tls).toBeNull();
    expect(sample.phases.firstByte).toBeGreaterThan(0);
    expect(sample.phases.total).toBeGreaterThanOrEqual(
      sample.phases.dns! + sample.phases.connect! + sample.phases.firstByte!,
    );
    expect(sample.response).toMatchObject({
      status: 200,
      statusText: "OK",
      httpVersion: "1.1",
      bodyComplete: true,
    });
    expect(sample.response?.headers.server).toBe("lab-app");
    expect(report.dns?.addresses[0]).toMatchObject({ address: "127.0.0.1", ttl: 300 });
  });

  it("connects over IPv4 first when a name has both families, and reports both", async () => {
    const report = await run("dns-dual-stack");
    expect(report.dns?.addresses.map((a) => [a.family, a.address])).toEqual([
      [4, "127.0.0.1"],
      [6, "::1"],
    ]);
    expect(report.samples[0]?.address).toBe("127.0.0.1");
    expect(report.verdict.code).toBe("ok");
  });

  it("spreads samples over a name's addresses, so one dead node shows up as intermittent", async () => {
    const started = performance.now();
    const report = await probe(
      { url: lab.urls["dns-round-robin-one-dead"]!, samples: 2 },
      { config },
    );
    expect(performance.now() - started).toBeLessThan(config.timeoutMs + 500);
    // dnsmasq rotates the order of its answers, so match samples by address.
    const byAddress = new Map(report.samples.map((s) => [s.address, s]));
    expect([...byAddress.keys()].sort()).toEqual(["127.0.0.1", "127.0.0.2"]);
    expect(byAddress.get("127.0.0.1")?.response?.status).toBe(200);
    expect(byAddress.get("127.0.0.2")?.error?.code).toBe("ECONNREFUSED");
    expect(report.verdict).toMatchObject({
      code: "connect-refused",
      failureRate: 0.5,
      intermittent: true,
    });
  });

  it("reports a closed port as connection refused", async () => {
    const report = await run("refused");
    expect(report.verdict).toMatchObject({
      code: "connect-refused",
      layer: "network",
      status: null,
    });
    expect(report.samples[0]).toMatchObject({
      failedPhase: "connect",
      error: { code: "ECONNREFUSED" },
    });
  });

  it("reports a listener that never accepts as a connect timeout", async () => {
    const report = await run("connect-timeout");
    expect(report.verdict.code).toBe("connect-timeout");
    expect(report.samples[0]?.failedPhase).toBe("connect");
  });

  it("reports a server that accepts and never answers as no response", async () => {
    const report = await run("hang");
    expect(report.verdict).toMatchObject({ code: "no-response", cause: null });
    expect(report.samples[0]?.failedPhase).toBe("firstByte");
  });

  it("reports headers followed by a body that never comes", async () => {
    const report = await run("hang-after-headers");
    expect(report.verdict.code).toBe("no-response");
    expect(report.samples[0]).toMatchObject({
      failedPhase: "body",
      response: { status: 200, bodyComplete: false },
    });
  });

  it("reports a body cut short by a closed connection", async () => {
    const report = await run("truncated-body");
    expect(report.verdict).toMatchObject({ code: "connection-closed", status: 200 });
    expect(report.samples[0]).toMatchObject({
      failedPhase: "body",
      error: { code: "premature-close" },
      response: { bodyExcerpt: "only this.", bodyBytes: 10, bodyComplete: false },
    });
  });

  it("reports headers dripping too slowly to finish", async () => {
    const report = await run("slow-drip");
    expect(report.verdict.code).toBe("no-response");
    expect(report.samples[0]?.failedPhase).toBe("headers");
    expect(report.samples[0]?.phases.firstByte).not.toBeNull();
  });

  it("reports a reset and a silent close as connection-closed", async () => {
    const reset = await run("reset");
    expect(reset.verdict.code).toBe("connection-closed");
    expect(reset.samples[0]?.error?.code).toBe("ECONNRESET");
    const closed = await run("premature-close");
    expect(closed.verdict.code).toBe("connection-closed");
    expect(closed.samples[0]?.error?.message).toMatch(/without sending any response/);
  });

  it("reports bytes that are not HTTP, and a bad header byte, as malformed with the parser's code", async () => {
    const garbage = await run("garbage");
    expect(garbage.verdict).toMatchObject({ code: "malformed-response", cause: null });
    expect(garbage.samples[0]?.error?.code).toMatch(/^HPE_/);
    const badByte = await run("bad-header-byte");
    expect(badByte.verdict.code).toBe("malformed-response");
    expect(badByte.samples[0]?.error?.code).toBe("HPE_INVALID_HEADER_TOKEN");
  });

  it("refuses 64 KiB of headers as headers-too-large", async () => {
    const report = await run("huge-headers");
    expect(report.verdict).toMatchObject({
      code: "malformed-response",
      cause: "headers-too-large",
    });
    expect(report.samples[0]?.error?.code).toBe("HPE_HEADER_OVERFLOW");
  });

  it("reads a 10 MB body only up to its limit and keeps a 4 KiB excerpt", async () => {
    const report = await run("huge-body");
    const response = report.samples[0]?.response;
    expect(report.verdict.code).toBe("ok");
    expect(response?.bodyComplete).toBe(false);
    expect(response?.bodyBytes).toBeGreaterThanOrEqual(BODY_READ_LIMIT);
    expect(response?.bodyBytes).toBeLessThan(BODY_READ_LIMIT + 256 * 1024);
    expect(Buffer.byteLength(response?.bodyExcerpt ?? "")).toBe(EXCERPT_BYTES);
  });

  it("follows a redirect when asked and probes where it lands", async () => {
    const report = await run("redirect-ok", { followRedirects: true });
    expect(report.redirects).toHaveLength(1);
    expect(report.redirects[0]).toMatchObject({ status: 302 });
    expect(report.target.url).toMatch(/\/landed$/);
    expect(report.samples[0]?.response?.bodyExcerpt).toContain("/landed");
    const five = await run("redirect-chain-5", { followRedirects: true });
    expect(five.redirects).toHaveLength(5);
    expect(five.verdict.code).toBe("ok");
  });

  it("reports a redirect loop as a verdict with the hops seen, and still refuses a chain past the fifth hop", async () => {
    const loop = await probe(
      { url: lab.urls["redirect-loop"]!, followRedirects: true },
      { config },
    );
    expect(loop.verdict.title).toBe("Redirect loop");
    expect(loop.redirects.length).toBeGreaterThan(0);
    const error = await probe(
      { url: lab.urls["redirect-chain-6"]!, followRedirects: true },
      { config },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeRefusal);
    expect((error as ProbeRefusal).stage).toBe("redirect");
  });
});

describe("several samples", () => {
  let server: Server;
  let url: string;
  let lab: Lab;
  let config: ProbeConfig;
  let requests = 0;
  const starts: number[] = [];

  beforeAll(async () => {
    lab = await startLab();
    // Every other request fails, as one bad node behind a load balancer would.
    server = createServer((req, res) => {
      starts.push(performance.now());
      requests++;
      if (requests % 2 === 0)
        res
          .writeHead(502, { server: "nginx", "content-type": "text/html" })
          .end("<center>nginx</center>");
      else res.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    url = `http://app.lab.test:${port}/`;
    config = labProbeConfig(lab, { allowPorts: [port] });
  });
  afterAll(async () => {
    await lab?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("measures the failure rate, calls mixed outcomes intermittent and spaces samples at least 250 ms apart", async () => {
    const report = await probe({ url, samples: 4 }, { config: { ...config, timeoutMs: 5000 } });
    expect(report.samples).toHaveLength(4);
    expect(report.samples.map((s) => s.response?.status)).toEqual([200, 502, 200, 502]);
    expect(report.verdict).toMatchObject({
      code: "bad-gateway",
      vendor: "nginx",
      sampleCount: 4,
      failureCount: 2,
      failureRate: 0.5,
      intermittent: true,
    });
    expect(report.verdict.explanation).toMatch(/intermittent/);
    // Only the first sample pays for DNS; later ones reuse the checked addresses.
    expect(report.samples[0]?.phases.dns).not.toBeNull();
    expect(report.samples[1]?.phases.dns).toBeNull();
    const gaps = starts.slice(-4).map((t, i, all) => (i === 0 ? Infinity : t - all[i - 1]!));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(245);
  });

  it("stops taking samples when the overall deadline is near", async () => {
    const started = performance.now();
    const report = await probe({ url, samples: 10 }, { config: { ...config, timeoutMs: 900 } });
    expect(performance.now() - started).toBeLessThan(1400);
    expect(report.samples.length).toBeGreaterThanOrEqual(3);
    expect(report.samples.length).toBeLessThan(10);
  });

  it("rejects a sample count outside 1–10", async () => {
    await expect(probe({ url, samples: 11 }, { config })).rejects.toThrow(RangeError);
    await expect(probe({ url, samples: 0 }, { config })).rejects.toThrow(RangeError);
  });
});
