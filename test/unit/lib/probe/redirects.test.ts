import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProbeConfig, type ProbeConfig } from "@/lib/probe/config";
import { MAX_LOCATION_CHARS, probe } from "@/lib/probe/probe";

// How the probe follows redirects, against a loopback server whose redirects the test names.
// The report keeps at most 512 characters of each selected header; a Location must be followed
// whole or not at all, and a loop is a finding about the site, not a refusal of the request.

describe("following redirects", () => {
  let server: Server;
  let base: string;
  let config: ProbeConfig;
  const requested: string[] = [];
  // 600 characters: longer than the report's 512-character header copy, shorter than the limit.
  const longPath = `/landed/${"a".repeat(600)}`;
  const tooLongPath = `/never/${"b".repeat(MAX_LOCATION_CHARS)}`;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? "";
      requested.push(path);
      const redirects: Record<string, string> = {
        "/loop-a": "/loop-b",
        "/loop-b": "/loop-a",
        "/self": "/self",
        "/long": longPath,
        "/too-long": tooLongPath,
      };
      const location = redirects[path];
      if (location) res.writeHead(302, { location }).end();
      else
        res.writeHead(200, { "content-type": "text/plain" }).end(`page at ${path.length} chars\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    config = {
      ...loadProbeConfig({ PROBE_ALLOW_CIDRS: "127.0.0.1/32", PROBE_ALLOW_PORTS: String(port) }),
      timeoutMs: 8000,
      phaseTimeoutMs: 4000,
    };
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("reports a loop as a verdict with the hops it saw, and stops at the repeat", async () => {
    requested.length = 0;
    const report = await probe({ url: `${base}/loop-a`, followRedirects: true }, { config });
    expect(
      report.redirects.map((hop) => [new URL(hop.url).pathname, new URL(hop.location).pathname]),
    ).toEqual([
      ["/loop-a", "/loop-b"],
      ["/loop-b", "/loop-a"],
    ]);
    expect(report.verdict.title).toBe("Redirect loop");
    expect(report.verdict.explanation).toContain(
      `${base}/loop-a → ${base}/loop-b → ${base}/loop-a`,
    );
    expect(report.verdict.evidence[0]).toBe(report.verdict.explanation);
    expect(report.samples[0]?.response?.status).toBe(302);
    // Each address once: the repeat is seen in the Location, not fetched again.
    expect(requested).toEqual(["/loop-a", "/loop-b"]);

    const self = await probe({ url: `${base}/self`, followRedirects: true }, { config });
    expect(self.verdict.title).toBe("Redirect loop");
    expect(self.redirects).toHaveLength(1);
  });

  it("follows a Location longer than the report's header copy in full", async () => {
    requested.length = 0;
    const report = await probe({ url: `${base}/long`, followRedirects: true }, { config });
    expect(requested).toEqual(["/long", longPath]);
    expect(report.redirects[0]?.location).toBe(`${base}${longPath}`);
    expect(report.target.url).toBe(`${base}${longPath}`);
    expect(report.samples[0]?.response?.status).toBe(200);
  });

  it("does not follow a Location past the limit, and says so instead of probing a cut URL", async () => {
    requested.length = 0;
    const report = await probe({ url: `${base}/too-long`, followRedirects: true }, { config });
    expect(requested).toEqual(["/too-long"]);
    expect(report.redirects).toEqual([]);
    expect(report.target.url).toBe(`${base}/too-long`);
    expect(report.verdict.title).toBe("Redirect too long to follow");
    expect(report.verdict.explanation).toContain(`${tooLongPath.length} characters`);
  });
});
