import { createServer, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProbeConfig, type ProbeConfig } from "@/lib/probe/config";
import { probe, targetUrl } from "@/lib/probe/probe";
import { labCerts } from "@/test/lab/certs";

// An address typed without a scheme (`127.0.0.1:8080`) is tried as HTTPS first; a port that
// answers the TLS handshake in plain HTTP is then checked as HTTP, and the report says so,
// so the wizard never sends a plain-HTTP port to "match TLS versions and ciphers".

describe("scheme-less input", () => {
  let plain: Server;
  let port: number;
  let config: ProbeConfig;

  beforeAll(async () => {
    plain = createServer((_, res) => {
      res.writeHead(502, { server: "nginx", "content-type": "text/html" });
      res.end("<center>nginx</center>");
    });
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    port = (plain.address() as AddressInfo).port;
    config = {
      ...loadProbeConfig({
        PROBE_ALLOW_CIDRS: "127.0.0.0/8",
        PROBE_ALLOW_PORTS: String(port),
      }),
      timeoutMs: 4000,
      phaseTimeoutMs: 1500,
    };
  });
  afterAll(async () => {
    await new Promise((resolve) => plain?.close(resolve));
  });

  it("adds https:// only when the input names no scheme", () => {
    expect(targetUrl("example.com:8080")).toEqual({
      url: "https://example.com:8080",
      schemeGuessed: true,
    });
    expect(targetUrl(" 127.0.0.1:8080/x ")).toEqual({
      url: "https://127.0.0.1:8080/x",
      schemeGuessed: true,
    });
    expect(targetUrl("http://example.com/")).toEqual({
      url: "http://example.com/",
      schemeGuessed: false,
    });
  });

  it("falls back to HTTP on a plain-HTTP port and says which scheme it used and why", async () => {
    const report = await probe({ url: `127.0.0.1:${port}` }, { config });
    expect(report.target.scheme).toBe("http");
    expect(report.target.url).toBe(`http://127.0.0.1:${port}/`);
    expect(report.target.schemeNote).toMatch(/HTTPS was tried first.*plain HTTP.*used HTTP/);
    // The verdict is about what the port really serves, not a TLS failure.
    expect(report.verdict).toMatchObject({ code: "bad-gateway", status: 502, vendor: "nginx" });
    expect(report.verdict.evidence[0]).toBe(report.target.schemeNote);
    expect(report.samples).toHaveLength(1);
  });

  it("keeps a TLS failure when the scheme was typed: https:// is a statement, not a guess", async () => {
    const report = await probe({ url: `https://127.0.0.1:${port}/` }, { config });
    expect(report.target.scheme).toBe("https");
    expect(report.target.schemeNote).toBeNull();
    expect(report.verdict.code).toBe("tls-handshake-failed");
  });
});

describe("scheme-less input on a TLS port", () => {
  let stop: () => Promise<void>;
  let port: number;
  let config: ProbeConfig;

  beforeAll(async () => {
    const certs = await labCerts();
    const server = createTlsServer(certs.valid, (_, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    stop = () => new Promise((resolve) => server.close(() => resolve()));
    config = {
      ...loadProbeConfig({
        PROBE_ALLOW_CIDRS: "127.0.0.0/8",
        PROBE_ALLOW_PORTS: String(port),
      }),
      timeoutMs: 4000,
      phaseTimeoutMs: 1500,
    };
  });
  afterAll(async () => {
    await stop?.();
  });

  it("stays on HTTPS when the port speaks TLS, and notes that the scheme was assumed", async () => {
    const report = await probe({ url: `127.0.0.1:${port}` }, { config });
    expect(report.target.scheme).toBe("https");
    expect(report.target.schemeNote).toBe("no scheme was given, so the check used HTTPS");
    expect(report.samples[0]!.phases.tls).not.toBeNull();
  });
});
