import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CURL_TIMING_LINES,
  CURL_WRITE_OUT,
  curlCommand,
  pinning,
  type ReproduceTarget,
} from "@/lib/reproduce/curl";
import { shellQuote } from "@/lib/reproduce/shell";
import { PROBE_USER_AGENT } from "@/lib/probe/request-headers";
import { readCurlTimings } from "@/lib/analyzer/curl-timings";
import { labCerts } from "@/test/lab/certs";
import type { Fixture } from "@/test/lab/fixtures";
import { startHttp2Server } from "@/test/lab/http2";

const run = promisify(execFile);

/**
 * The words a POSIX shell makes of `command` when its first word (curl) is replaced by a
 * function that prints each argument NUL-terminated: what curl itself would receive.
 */
async function shellWords(command: string, shell = "sh"): Promise<string[]> {
  const script = `words() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command.replace(/^curl /, "words ")}`;
  const { stdout } = await run(shell, ["-c", script]);
  return stdout.split("\0").slice(0, -1);
}

function target(overrides: Partial<ReproduceTarget> = {}): ReproduceTarget {
  return {
    url: "https://shop.example.com/checkout",
    hostname: "shop.example.com",
    port: 443,
    address: "203.0.113.7",
    originIp: null,
    ...overrides,
  };
}

describe("shellQuote", () => {
  it.each([
    ["plain"],
    ["it's"],
    ["''"],
    ["a'; rm -rf ~; echo '"],
    ['$(touch /tmp/pwned) `id` ${HOME} \\ " !'],
    ["two\nlines\r\nand a tab\t"],
  ])("gives the shell back exactly %j", async (value) => {
    const words = await shellWords(`curl ${shellQuote(value)}`);
    expect(words).toEqual([value]);
  });
});

describe("curlCommand", () => {
  it("sends the probe's headers, pinned to the checked address, with the timing block", async () => {
    const command = curlCommand(target());
    const words = await shellWords(command);
    expect(words.slice(0, 5)).toEqual(["-sS", "-D", "-", "-o", "/dev/null"]);
    expect(words).toContain("--http1.1");
    expect(words[words.indexOf("--resolve") + 1]).toBe("shop.example.com:443:203.0.113.7");
    expect(words[words.indexOf("-w") + 1]).toBe(CURL_WRITE_OUT);
    const headers = words.filter((_, i) => words[i - 1] === "-H");
    expect(headers).toEqual([
      `User-Agent: ${PROBE_USER_AGENT}`,
      "Accept: */*",
      "Accept-Encoding: identity",
      "Connection: close",
    ]);
    expect(words.at(-1)).toBe("https://shop.example.com/checkout");
  });

  it("keeps a hostile URL one argument, whatever quotes and shell syntax it holds", async () => {
    const hostile = "https://shop.example.com/a'b;$(id)`id`/?q=' || echo pwned; '&x=\"y\"";
    const parsed = new URL(hostile).href;
    for (const shell of ["sh", "bash"]) {
      const words = await shellWords(curlCommand(target({ url: hostile })), shell);
      expect(words.at(-1)).toBe(parsed);
    }
  });

  it("goes to the origin with --connect-to for an origin-direct check, and brackets IPv6", () => {
    expect(pinning(target({ address: "198.51.100.9", originIp: "198.51.100.9" }))).toEqual({
      option: "--connect-to",
      value: "shop.example.com:443:198.51.100.9:443",
    });
    expect(pinning(target({ address: "2001:db8::7" }))).toEqual({
      option: "--resolve",
      value: "shop.example.com:443:[2001:db8::7]",
    });
    expect(pinning(target({ url: "http://192.0.2.1/", hostname: "192.0.2.1" }))).toBeNull();
    expect(pinning(target({ address: null }))).toBeNull();
  });

  it("drops a fragment, which the probe never sends", async () => {
    const words = await shellWords(curlCommand(target({ url: "https://shop.example.com/#top" })));
    expect(words.at(-1)).toBe("https://shop.example.com/");
  });
});

describe("the command, run by the real curl against a loopback server", () => {
  let server: Server;
  let port: number;
  const seen: { host?: string; ua?: string; encoding?: string; path?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({
        host: req.headers.host,
        ua: req.headers["user-agent"],
        encoding: req.headers["accept-encoding"],
        path: req.url,
      });
      res.writeHead(502, { server: "loopback-test" }).end("bad gateway\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ["--resolve", null],
    ["--connect-to", "127.0.0.1"],
  ])("reaches a name no DNS knows through %s and prints the timing block", async (_, origin) => {
    // .invalid never resolves (RFC 6761), so only the pinning can make this request land.
    const command = curlCommand({
      url: `http://site.invalid:${port}/path?a=1`,
      hostname: "site.invalid",
      port,
      address: "127.0.0.1",
      originIp: origin,
    });
    const { stdout } = await run("sh", ["-c", command]);
    expect(stdout).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
    const block = stdout.slice(stdout.indexOf("\r\n\r\n") + 4);
    const lines = block.split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1)).toHaveLength(CURL_TIMING_LINES.length);
    expect(lines[0]).toBe(CURL_TIMING_LINES[0]);
    for (const [i, name] of ["dns", "connect", "tls", "first-byte", "total"].entries())
      expect(lines[i + 1]).toMatch(new RegExp(`^${name} +\\d+\\.\\d+$`));
    expect(lines[6]).toBe("status      502");
    expect(lines[7]).toBe(`remote      127.0.0.1:${port}`);
    // Pasted back, the analyzer reads the same block.
    expect(readCurlTimings(stdout)).toMatchObject({
      status: 502,
      remote: `127.0.0.1:${port}`,
      tls: 0,
    });
    expect(seen.at(-1)).toEqual({
      host: `site.invalid:${port}`,
      ua: PROBE_USER_AGENT,
      encoding: "identity",
      path: "/path?a=1",
    });
  });
});

describe("over HTTP/2, run by the real curl against the lab's h2-only 502", () => {
  let server: Fixture;
  let caFile: string;

  beforeAll(async () => {
    const certs = await labCerts();
    caFile = path.join(certs.dir, "h5-curl-root.pem");
    await writeFile(caFile, certs.rootCa);
    server = await startHttp2Server(certs.valid, "h2-502");
  });
  afterAll(() => server?.stop());

  it("gets the 502 over --http2 that the HTTP/1.1 command does not", async () => {
    const where: ReproduceTarget = {
      url: `https://h2.lab.test:${server.port}/`,
      hostname: "h2.lab.test",
      port: server.port,
      address: "127.0.0.1",
      originIp: null,
    };
    const h2 = curlCommand(where, { caFile, protocol: "http2" });
    expect(await shellWords(h2)).not.toContain("Connection: close");
    const over2 = (await run("sh", ["-c", h2])).stdout;
    expect(over2).toMatch(/^HTTP\/2 502/);
    expect(over2).toMatch(/^status {6}502$/m);
    const over1 = (await run("sh", ["-c", curlCommand(where, { caFile })])).stdout;
    expect(over1).toMatch(/^HTTP\/1\.1 200/);
    expect(over1).toMatch(/^status {6}200$/m);
  });
});
