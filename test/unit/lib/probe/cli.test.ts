import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "@/test/lab/lab";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "lib/probe/cli.ts", ...args],
      { env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("npm run probe (the CLI)", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it("prints a waterfall and the verdict, exits 0 whatever it found, and prints the report with --json", async () => {
    const [human, json] = await Promise.all([
      cli([lab.urls["tls-valid"]!], lab.env),
      cli([lab.urls["nginx-dead-upstream"]!, "--json", "--samples", "2"], lab.env),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /DNS Lookup\s+TCP Connection\s+TLS Handshake\s+Server Processing\s+Content Transfer/,
    );
    expect(human.stdout).toMatch(/namelookup:\d+(\.\d)?ms/);
    expect(human.stdout).toMatch(/total:\d+(\.\d)?ms/);
    expect(human.stdout).toContain("certificate verified");
    expect(human.stdout).toContain("Verdict: ok");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.verdict).toMatchObject({ code: "bad-gateway", vendor: "nginx", sampleCount: 2 });
    expect(report.samples).toHaveLength(2);
  });

  it("exits non-zero with a reason for refused targets, bad arguments and bad settings", async () => {
    const [refused, noUrl, badSamples, badEnv] = await Promise.all([
      cli(["http://169.254.169.254/latest/meta-data/"], {}),
      cli([], {}),
      cli(["https://example.com/", "--samples", "99"], {}),
      cli(["https://example.com/"], { PROBE_ALLOW_PORTS: "http" }),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Refused \(address stage\).*169\.254\.0\.0\/16/);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("a URL is required");
    expect(badSamples.code).toBe(2);
    expect(badSamples.stderr).toContain("--samples must be a whole number from 1 to 10");
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr).toContain("PROBE_ALLOW_PORTS");
  });
});
