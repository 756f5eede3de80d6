/**
 * curl's output pasted back into the analyzer: the reproduce command's headers and timings
 * block (`curl -sS -D - -o /dev/null -w …`), and the ordinary `curl -i` and `curl -v` shapes.
 * The lab part runs Debian's real curl against a real nginx in front of a dead and a hanging
 * upstream on loopback, and pastes exactly what curl printed.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { matchTimeout, readCurlTimings, waitSeconds } from "@/lib/analyzer/curl-timings";
import { refusedPort, startFailureServer, type Fixture } from "@/test/lab/fixtures";
import { startNginx, type LabNginx } from "@/test/lab/nginx";

/**
 * The write-out format of the reproduce command (issue 18): curl's -w variables, one per line
 * (https://curl.se/docs/manpage.html#-w). Kept here byte for byte as the brief fixes it, so a
 * change on either side fails this test.
 */
const WRITE_OUT =
  "--- gateway-doctor timings (seconds, cumulative) ---\\n" +
  "dns         %{time_namelookup}\\n" +
  "connect     %{time_connect}\\n" +
  "tls         %{time_appconnect}\\n" +
  "first-byte  %{time_starttransfer}\\n" +
  "total       %{time_total}\\n" +
  "status      %{http_code}\\n" +
  "remote      %{remote_ip}:%{remote_port}\\n";

const BLOCK = (firstByte: string, status: number) =>
  [
    "--- gateway-doctor timings (seconds, cumulative) ---",
    "dns         0.001234",
    "connect     0.002345",
    "tls         0.010000",
    `first-byte  ${firstByte}`,
    `total       ${firstByte}`,
    `status      ${status}`,
    "remote      127.0.0.1:8443",
  ].join("\n");

describe("reading the timings block", () => {
  it("reads every field, in seconds", () => {
    const timings = readCurlTimings(`HTTP/1.1 502 Bad Gateway\n\n${BLOCK("0.120000", 502)}\n`);
    expect(timings).toEqual({
      dns: 0.001234,
      connect: 0.002345,
      tls: 0.01,
      firstByte: 0.12,
      total: 0.12,
      status: 502,
      remote: "127.0.0.1:8443",
      line: 2,
    });
    // The wait is the first byte less the connection's setup (the TLS handshake here).
    expect(waitSeconds(timings!)).toBeCloseTo(0.11, 6);
  });

  it("takes the TCP connect off on plain HTTP, where curl prints tls 0", () => {
    const timings = readCurlTimings(BLOCK("2.5", 504).replace("0.010000", "0.000000"));
    expect(waitSeconds(timings!)).toBeCloseTo(2.5 - 0.002345, 6);
  });

  it("returns null without the block", () => {
    expect(readCurlTimings("HTTP/1.1 502 Bad Gateway\nserver: nginx\n")).toBeNull();
  });
});

describe("which timeout a wait matches", () => {
  it("names nginx's proxy_read_timeout for a 60-second wait from nginx", () => {
    expect(matchTimeout(60.12, ["nginx"])).toMatchObject({
      productId: "nginx",
      setting: "proxy_read_timeout",
      seconds: 60,
    });
  });

  it("names Cloudflare's 100-second proxy read timeout", () => {
    expect(matchTimeout(100.4, ["cloudflare"])).toMatchObject({ productId: "cloudflare" });
  });

  it("never matches a wait shorter than the timeout: a timer does not fire early", () => {
    expect(matchTimeout(59.5, ["nginx"])).toBeNull();
  });

  it("matches only the products that answered when some did", () => {
    // 30 s is CloudFront's and Gunicorn's default, not nginx's.
    expect(matchTimeout(30.05, ["nginx"])).toBeNull();
    expect(matchTimeout(30.05, [])).not.toBeNull();
  });
});

describe("a pasted reproduce output", () => {
  it("reads a 504 after 60 s from nginx as its proxy_read_timeout, linked to the step", () => {
    const paste = `HTTP/1.1 504 Gateway Time-out\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n${BLOCK("60.140000", 504)}\n`;
    const [first, ...rest] = analyzePaste(paste).findings;
    expect(first).toMatchObject({
      ruleId: "curl-timings-timeout",
      status: 504,
      cause: "upstream-timeout",
      state: "timeoutProxyRead",
    });
    expect(first!.title).toContain("proxy_read_timeout");
    expect(first!.href).toBe("/diagnose/owner/504/proxy");
    // The headers are still read by the catalog: nginx's own 504.
    expect(rest.map((finding) => finding.ruleId)).toContain("nginx-page-504");
  });

  it("says a 30-second 504 from Cloudflare is not Cloudflare's own timeout", () => {
    const paste = `HTTP/2 504\r\nserver: cloudflare\r\ncf-ray: 8f3a2c1d4b5e6f70-LHR\r\n\r\n${BLOCK("30.050000", 504)}\n`;
    const timing = analyzePaste(paste).findings.find((f) => f.ruleId.startsWith("curl-timings"));
    expect(timing).toMatchObject({ ruleId: "curl-timings-status", confidence: "status-only" });
    expect(timing!.meaning).toContain("matches no product's default timeout");
  });
});

const CURL = "/usr/bin/curl";

interface CurlRun {
  stdout: string;
  stderr: string;
}

function curl(args: string[]): Promise<CurlRun> {
  return new Promise((resolve) => {
    execFile(CURL, args, { timeout: 20_000 }, (_error, stdout, stderr) =>
      resolve({ stdout, stderr }),
    );
  });
}

describe.skipIf(!existsSync(CURL) || !existsSync("/usr/sbin/nginx"))(
  "real curl output from a real nginx (observed in the lab, Debian curl and nginx)",
  () => {
    let nginx: LabNginx | undefined;
    let hang: Fixture | undefined;
    let base = "";

    beforeAll(async () => {
      hang = await startFailureServer("hang");
      const dead = await refusedPort();
      nginx = await startNginx({
        http: `
  server {
    listen 127.0.0.1:{{port}};
    proxy_read_timeout 2s;
    location /dead { proxy_pass http://127.0.0.1:${dead}; }
    location /slow { proxy_pass http://127.0.0.1:${hang.port}; }
  }`,
      });
      base = `http://127.0.0.1:${nginx.port}`;
    });

    afterAll(async () => {
      await nginx?.stop();
      await hang?.stop();
    });

    it("reproduce output for a dead upstream: 502 at once, from nginx", async () => {
      const { stdout } = await curl([
        "-sS",
        "-D",
        "-",
        "-o",
        "/dev/null",
        "-w",
        WRITE_OUT,
        `${base}/dead`,
      ]);
      expect(stdout).toContain("--- gateway-doctor timings");
      const analysis = analyzePaste(stdout);
      const timing = analysis.findings.find((f) => f.ruleId.startsWith("curl-timings"));
      expect(timing).toMatchObject({ ruleId: "curl-timings-status", status: 502 });
      expect(timing!.meaning).toContain("too soon for a timeout");
      expect(timing!.meaning).toContain(`from 127.0.0.1:${nginx!.port}`);
      // Who answered: nginx named itself in the Server header.
      expect(timing!.title).toMatch(/^502 after \d+ ms from nginx$/);
    });

    it("reproduce output for a hanging upstream: 504 after the 2 s proxy_read_timeout", async () => {
      const { stdout } = await curl([
        "-sS",
        "-D",
        "-",
        "-o",
        "/dev/null",
        "-w",
        WRITE_OUT,
        `${base}/slow`,
      ]);
      const timings = readCurlTimings(stdout);
      expect(timings?.status).toBe(504);
      // nginx waits its timeout and never less; the test does not bound how much longer.
      expect(waitSeconds(timings!)).toBeGreaterThanOrEqual(1.95);
      const timing = analyzePaste(stdout).findings.find((f) => f.ruleId.startsWith("curl-timings"));
      expect(timing?.status).toBe(504);
      expect(timing!.title).toMatch(/^504 after \d+\.\d+ s/);
    });

    it("curl -i output (status line, headers, page) names nginx and its 502", async () => {
      const { stdout } = await curl(["-sS", "-i", `${base}/dead`]);
      expect(stdout).toMatch(/^HTTP\/1\.1 502 Bad Gateway/);
      const analysis = analyzePaste(stdout);
      expect(analysis.findings[0]).toMatchObject({ product: { id: "nginx" }, status: 502 });
    });

    it("curl -v output (headers marked with < on stderr) names nginx and its 504", async () => {
      const { stdout, stderr } = await curl(["-sS", "-v", `${base}/slow`]);
      expect(stderr).toContain("< HTTP/1.1 504 Gateway Time-out");
      const analysis = analyzePaste(`${stderr}\n${stdout}`);
      expect(analysis.findings[0]).toMatchObject({ product: { id: "nginx" }, status: 504 });
    });
  },
);
