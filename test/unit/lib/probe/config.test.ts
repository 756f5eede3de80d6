import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { describe, expect, it } from "vitest";
import { loadProbeConfig, ProbeConfigError } from "@/lib/probe/config";

describe("probe settings", () => {
  it("defaults to a closed, public-only probe", () => {
    const config = loadProbeConfig({});
    expect(config).toMatchObject({
      allowCidrs: [],
      allowPorts: [80, 443, 8080, 8443],
      dnsServers: [],
      timeoutMs: 15_000,
      trustProxy: false,
    });
    expect(config.trustedCa).toHaveLength(rootCertificates.length);
    expect(config.phaseTimeoutMs).toBe(10_000);
    expect(loadProbeConfig({ PROBE_TIMEOUT_MS: "3000" }).phaseTimeoutMs).toBe(3000);
  });

  it("reads every setting", () => {
    const dir = mkdtempSync(join(tmpdir(), "gd-config-"));
    const caFile = join(dir, "ca.pem");
    writeFileSync(caFile, rootCertificates[0]!);
    const config = loadProbeConfig({
      PROBE_ALLOW_CIDRS: "127.0.0.0/8, 10.1.0.0/16,fd00::/8",
      PROBE_ALLOW_PORTS: "80,3000",
      PROBE_DNS_SERVERS: "127.0.0.1:5353,9.9.9.9,[::1]:53",
      PROBE_TIMEOUT_MS: "5000",
      PROBE_PHASE_TIMEOUT_MS: "2000",
      PROBE_RATE_LIMIT: "5",
      PROBE_RATE_WINDOW_S: "30",
      PROBE_MAX_CONCURRENT: "4",
      PROBE_MAX_CONCURRENT_PER_CLIENT: "1",
      PROBE_TRUST_PROXY: "true",
      PROBE_EXTRA_CA_FILE: caFile,
    });
    expect(config.allowCidrs.map((c) => c.text)).toEqual([
      "127.0.0.0/8",
      "10.1.0.0/16",
      "fd00::/8",
    ]);
    expect(config.allowPorts).toEqual([80, 3000]);
    expect(config.dnsServers).toEqual(["127.0.0.1:5353", "9.9.9.9", "[::1]:53"]);
    expect(config).toMatchObject({
      timeoutMs: 5000,
      phaseTimeoutMs: 2000,
      rateLimit: 5,
      rateWindowMs: 30_000,
      maxConcurrent: 4,
      maxConcurrentPerClient: 1,
      trustProxy: true,
    });
    expect(config.trustedCa).toHaveLength(rootCertificates.length + 1);
  });

  it("names every bad variable in one error", () => {
    let error: unknown;
    try {
      loadProbeConfig({
        PROBE_ALLOW_CIDRS: "10.0.0.0/33,not-a-range",
        PROBE_ALLOW_PORTS: "80,http",
        PROBE_DNS_SERVERS: "dns.google",
        PROBE_TIMEOUT_MS: "forever",
        PROBE_TRUST_PROXY: "maybe",
        PROBE_EXTRA_CA_FILE: "/nonexistent/ca.pem",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProbeConfigError);
    const message = (error as Error).message;
    for (const name of [
      "PROBE_ALLOW_CIDRS",
      "PROBE_ALLOW_PORTS",
      "PROBE_DNS_SERVERS",
      "PROBE_TIMEOUT_MS",
      "PROBE_TRUST_PROXY",
      "PROBE_EXTRA_CA_FILE",
    ]) {
      expect(message).toContain(name);
    }
    expect(message).toContain("invalid prefix length");
    expect(message).toContain('"forever"');
  });

  it("keeps the overall deadline within 0.5–60 s", () => {
    expect(() => loadProbeConfig({ PROBE_TIMEOUT_MS: "100" })).toThrow(
      /PROBE_TIMEOUT_MS must be a whole number from 500 to 60000/,
    );
    expect(() => loadProbeConfig({ PROBE_TIMEOUT_MS: "600000" })).toThrow(ProbeConfigError);
  });

  it("stops a starting server on bad settings, naming them, and lets good settings through", async () => {
    const start = (env: Record<string, string>) =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            "--import",
            "tsx",
            "-e",
            'require("./lib/probe/config.ts").requireValidProbeConfig(); console.log("started")',
          ],
          { env: { ...process.env, ...env } },
          (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
        );
      });
    const [bad, good] = await Promise.all([
      start({ PROBE_DNS_SERVERS: "resolver.example" }),
      start({ PROBE_DNS_SERVERS: "127.0.0.1:53" }),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("PROBE_DNS_SERVERS");
    expect(bad.stderr).toContain("will not start");
    expect(good.code).toBe(0);
  });
});
