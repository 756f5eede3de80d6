import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "@/lib/probe/config";
import { probe, type ProbeReport } from "@/lib/probe/probe";
import { labProbeConfig, startLab, type Lab } from "@/test/lab/lab";

describe("TLS checks against servers with real certificates", () => {
  let lab: Lab;
  let config: ProbeConfig;

  beforeAll(async () => {
    lab = await startLab();
    config = labProbeConfig(lab);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  const run = (scenario: string): Promise<ProbeReport> =>
    probe({ url: lab.urls[scenario]! }, { config });

  it("accepts a valid chain and reports the session and certificate", async () => {
    const report = await run("tls-valid");
    expect(report.verdict.code).toBe("ok");
    const sample = report.samples[0]!;
    expect(sample.tls).toMatchObject({
      protocol: "TLSv1.3",
      alpn: "http/1.1",
      chainValid: true,
      verifyError: null,
      hostnameValid: true,
    });
    expect(sample.tls?.cipher).toMatch(/^TLS_/);
    expect(sample.tls?.certificate?.subjectAltNames).toContain("DNS:*.lab.test");
    expect(sample.tls?.certificate?.issuer).toContain("Gateway Doctor Lab Intermediate CA");
    expect(sample.tls?.certificate?.daysLeft).toBeGreaterThan(3000);
    expect(sample.tls?.chain.map((c) => c.subject)).toEqual([
      "CN=lab.test",
      "CN=Gateway Doctor Lab Intermediate CA",
      "CN=Gateway Doctor Lab Root CA",
    ]);
    // The server sent leaf and intermediate; the root completing the path is the probe's own.
    expect(sample.tls?.chain.map((c) => c.trustAnchor)).toEqual([false, false, true]);
    expect(sample.phases.tls).toBeGreaterThan(0);
    expect(sample.response?.bodyExcerpt).toBe("hello over TLS\n");
  });

  it("calls an expired certificate expired, with the days since", async () => {
    const report = await run("tls-expired");
    expect(report.verdict).toMatchObject({ code: "tls-expired", layer: "tls" });
    expect(report.samples[0]?.tls?.certificate?.validTo).toBe("2021-01-01T00:00:00.000Z");
    expect(report.samples[0]?.tls?.certificate?.daysLeft).toBeLessThan(-365);
    expect(report.verdict.evidence.join("\n")).toContain("CERT_HAS_EXPIRED");
  });

  it("calls a certificate from the future not yet valid", async () => {
    expect((await run("tls-not-yet-valid")).verdict.code).toBe("tls-not-yet-valid");
  });

  it("calls a self-signed leaf self-signed", async () => {
    const report = await run("tls-self-signed");
    expect(report.verdict.code).toBe("tls-self-signed");
    expect(report.samples[0]?.tls?.certificate?.selfSigned).toBe(true);
  });

  it("calls a trusted certificate for another name a hostname mismatch", async () => {
    const report = await run("tls-wrong-host");
    expect(report.verdict.code).toBe("tls-hostname-mismatch");
    expect(report.samples[0]?.tls).toMatchObject({ chainValid: true, hostnameValid: false });
    expect(report.verdict.evidence.join("\n")).toContain("DNS:other.example");
  });

  it("calls a leaf sent without its intermediate an incomplete chain", async () => {
    const report = await run("tls-missing-intermediate");
    expect(report.verdict.code).toBe("tls-incomplete-chain");
    expect(report.samples[0]?.tls?.chain).toHaveLength(1);
    expect(report.verdict.evidence).toContain("the server sent 1 certificate(s), no intermediates");
  });

  it("calls a chain to an unknown root untrusted", async () => {
    const report = await run("tls-untrusted-root");
    expect(report.verdict.code).toBe("tls-untrusted");
    expect(report.samples[0]?.tls?.certificate?.issuer).toContain("Rogue Intermediate CA");
  });

  it("reports a server that only speaks TLS 1.0 as a handshake failure", async () => {
    const report = await run("tls-old-protocol");
    expect(report.verdict.code).toBe("tls-handshake-failed");
    expect(report.samples[0]?.failedPhase).toBe("tls");
    expect(report.samples[0]?.error?.code).toMatch(/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL/);
  });

  it("recognises plain HTTP on a port the URL says is TLS", async () => {
    const report = await run("plain-http-on-tls");
    expect(report.verdict.code).toBe("tls-handshake-failed");
    expect(report.samples[0]?.error?.message).toMatch(/plain HTTP/);
  });

  it("trusts only what the configuration trusts", async () => {
    const report = await probe(
      { url: lab.urls["tls-valid"]! },
      { config: { ...config, trustedCa: [] } },
    );
    expect(report.verdict.code).toBe("tls-untrusted");
  });
});
