import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCidr } from "@/lib/probe/cidr";
import { loadProbeConfig, type ProbeConfig } from "@/lib/probe/config";
import {
  checkOriginAddress,
  checkUrl,
  ProbeRefusal,
  type GuardPolicy,
  type GuardStage,
} from "@/lib/probe/guard";
import { probe } from "@/lib/probe/probe";
import { startDnsServer, type LabDnsServer } from "@/test/lab/dns-server";

const defaults: GuardPolicy = { allowCidrs: [], allowPorts: [80, 443, 8080, 8443] };

function stageOf(fn: () => unknown): GuardStage | "accepted" {
  try {
    fn();
    return "accepted";
  } catch (error) {
    if (error instanceof ProbeRefusal) return error.stage;
    throw error;
  }
}

// Rows 1–35 of research/ssrf-vectors.md: refused before any DNS or connection.
const URL_ROWS: [number, string, GuardStage][] = [
  [1, "file:///etc/passwd", "parse"],
  [2, "gopher://127.0.0.1:6379/_x", "parse"],
  [3, "ftp://example.com/", "parse"],
  [4, "javascript:alert(1)", "parse"],
  [5, "http://example.com:22/", "parse"],
  [6, "http://[fe80::1%25eth0]/", "parse"],
  [7, "http://evil.com@127.0.0.1/", "parse"],
  [8, "http://1.1.1.1 &@2.2.2.2# @3.3.3.3/", "parse"],
  [9, "http://localhost/", "name"],
  [10, "http://localhost./", "name"],
  [11, "http://ⓛocalhost/", "name"],
  [12, "http://metadata.google.internal/", "name"],
  [13, "http://intranet/", "name"],
  [14, "http://printer.local/", "name"],
  [15, "http://127.0.0.1/", "address"],
  [16, "http://2130706433/", "address"],
  [17, "http://0x7f.1/", "address"],
  [18, "http://127.1/", "address"],
  [19, "http://0/", "address"],
  [20, "http://0.0.0.0/", "address"],
  [21, "http://[::]/", "address"],
  [22, "http://[::1]/", "address"],
  [23, "http://10.0.0.1/", "address"],
  [24, "http://172.16.0.1/", "address"],
  [25, "http://0300.0250.0.1/", "address"],
  [26, "http://169.254.169.254/latest/meta-data/", "address"],
  [27, "http://[fd00:ec2::254]/", "address"],
  [28, "http://100.100.100.200/", "address"],
  [29, "http://224.0.0.1/", "address"],
  [30, "http://255.255.255.255/", "address"],
  [31, "http://[::ffff:127.0.0.1]/", "address"],
  [32, "http://[::127.0.0.1]/", "address"],
  [33, "http://[64:ff9b::a9fe:a9fe]/", "address"],
  [34, "http://[2002:7f00:1::]/", "address"],
  [35, "http://[fe80::1]/", "address"],
];

describe("guard: URLs refused before resolution (ssrf-vectors rows 1–35)", () => {
  it.each(URL_ROWS)("row %i: %s is refused at the %s stage", (_row, input, stage) => {
    expect(stageOf(() => checkUrl(input, defaults))).toBe(stage);
  });

  it("explains each refusal in words that name the problem", () => {
    expect(() => checkUrl("http://example.com:22/", defaults)).toThrow(/Port 22 is not allowed/);
    expect(() => checkUrl("http://[::127.0.0.1]/", defaults)).toThrow(/127\.0\.0\.0\/8|::\/96/);
    expect(() => checkUrl("http://intranet/", defaults)).toThrow(/single-label/);
    expect(() => checkUrl("gopher://x.example/", defaults)).toThrow(/Only http and https/);
  });

  it("accepts public names and addresses on allowed ports", () => {
    expect(checkUrl("https://example.com/", defaults)).toMatchObject({
      hostname: "example.com",
      port: 443,
      literal: null,
    });
    expect(checkUrl("http://93.184.215.14:8080/x", defaults)).toMatchObject({
      port: 8080,
      literal: "93.184.215.14",
    });
    expect(checkUrl("http://[2606:4700::1111]/", defaults).literal).toBe("2606:4700::1111");
  });

  it("judges 6to4 by the IPv4 address it carries", () => {
    expect(stageOf(() => checkUrl("http://[2002:0a00:0001::]/", defaults))).toBe("address");
    expect(stageOf(() => checkUrl("http://[2002:5db8:d70e::]/", defaults))).toBe("accepted");
  });

  it("blocks IPv4-translated (SIIT) addresses", () => {
    expect(stageOf(() => checkUrl("http://[::ffff:0:7f00:1]/", defaults))).toBe("address");
  });

  it("blocks Teredo as a whole", () => {
    expect(
      stageOf(() => checkUrl("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", defaults)),
    ).toBe("address");
  });

  it("lets an operator allow a range, and only that range", () => {
    const lab: GuardPolicy = { allowCidrs: [parseCidr("127.0.0.0/8")], allowPorts: [80] };
    expect(stageOf(() => checkUrl("http://127.0.0.1/", lab))).toBe("accepted");
    expect(stageOf(() => checkUrl("http://[::ffff:127.0.0.1]/", lab))).toBe("accepted");
    expect(stageOf(() => checkUrl("http://10.0.0.1/", lab))).toBe("address");
  });
});

describe("guard: origin-direct addresses (rows 41–42)", () => {
  it("row 41: refuses a private origin address", () => {
    expect(stageOf(() => checkOriginAddress("10.0.0.5", defaults))).toBe("origin");
  });
  it.each(["127.1", "2130706433", "0x7f000001", "1.2.3", " "])(
    "row 42: refuses the non-canonical form %j",
    (input) => {
      expect(stageOf(() => checkOriginAddress(input, defaults))).toBe("origin");
    },
  );
  it("accepts a canonical public address, with or without brackets", () => {
    expect(checkOriginAddress("203.0.114.7", defaults)).toBe("203.0.114.7");
    expect(checkOriginAddress("[2606:4700::1]", defaults)).toBe("2606:4700::1");
  });
});

// Rows 36–40 need a name server and web servers under the test's control. The
// lab stands in 127.0.0.2 for "a public address" by allowing only that /32, so
// the refusal observed is the one under test and not the loopback rule.
describe("guard: DNS answers, rebinding and redirects (rows 36–40)", () => {
  let dns: LabDnsServer;
  let server: Server;
  let port: number;
  let config: ProbeConfig;
  const seen: { path: string; local: string; host?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({
        path: req.url ?? "",
        local: req.socket.localAddress ?? "",
        host: req.headers.host,
      });
      const redirects: Record<string, string> = {
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-gopher": "gopher://public.lab.test/_x",
        "/to-port-22": `http://public.lab.test:22/`,
        "/to-private-name": `http://mixed.lab.test:${port}/`,
        "/loop": "/loop",
      };
      const location = redirects[req.url ?? ""];
      if (location) res.writeHead(302, { location }).end();
      else res.writeHead(200, { "content-type": "text/plain" }).end("public page\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
    port = (server.address() as AddressInfo).port;
    dns = await startDnsServer({
      records: [
        { name: "public.lab.test", a: ["127.0.0.2"] },
        { name: "mixed.lab.test", a: ["127.0.0.2", "10.0.0.1"] },
        { name: "mapped.lab.test", aaaa: ["::ffff:10.0.0.1"] },
        { name: "rebind.lab.test", a: ["127.0.0.2"], ttl: 0 },
      ],
    });
    config = {
      ...loadProbeConfig({
        PROBE_ALLOW_CIDRS: "127.0.0.2/32",
        PROBE_ALLOW_PORTS: `80,${port}`,
        PROBE_DNS_SERVERS: dns.server,
      }),
      timeoutMs: 4000,
      phaseTimeoutMs: 2000,
    };
  });

  afterAll(async () => {
    await dns?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  const refusal = async (request: Parameters<typeof probe>[0]) => {
    const error = await probe(request, { config }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProbeRefusal);
    return error as ProbeRefusal;
  };

  it("row 36: refuses a name whose A records mix an allowed and a private address, without connecting", async () => {
    const before = seen.length;
    const error = await refusal({ url: `http://mixed.lab.test:${port}/` });
    expect(error.stage).toBe("dns");
    expect(error.message).toContain("10.0.0.1");
    expect(seen.length).toBe(before);
  });

  it("row 37: refuses a name whose AAAA is IPv4-mapped private space", async () => {
    const error = await refusal({ url: `http://mapped.lab.test:${port}/` });
    expect(error.stage).toBe("dns");
    expect(error.message).toMatch(/::ffff:a00:1|10\.0\.0\.1/);
  });

  it("row 38: resolves a TTL-0 name exactly once and connects to the address it checked", async () => {
    const before = seen.length;
    const report = await probe({ url: `http://rebind.lab.test:${port}/rebind` }, { config });
    expect(report.verdict.code).toBe("ok");
    expect(report.dns?.addresses).toEqual([{ address: "127.0.0.2", family: 4, ttl: 0 }]);
    expect(report.samples[0]?.address).toBe("127.0.0.2");
    expect(seen.slice(before)).toEqual([
      { path: "/rebind", local: "127.0.0.2", host: `rebind.lab.test:${port}` },
    ]);
    const lookups = (await dns.queries()).filter(
      (q) => q.name === "rebind.lab.test" && q.type === "A",
    );
    expect(lookups).toHaveLength(1);
  });

  it("row 39: refuses a redirect to the metadata address at the redirect stage", async () => {
    const error = await refusal({
      url: `http://public.lab.test:${port}/to-metadata`,
      followRedirects: true,
    });
    expect(error.stage).toBe("redirect");
    expect(error.message).toMatch(/169\.254\.169\.254.*(address|parse)/);
  });

  it("row 40: refuses redirects to another scheme, to port 22, and past the fifth hop", async () => {
    expect(
      (await refusal({ url: `http://public.lab.test:${port}/to-gopher`, followRedirects: true }))
        .message,
    ).toMatch(/gopher/);
    expect(
      (await refusal({ url: `http://public.lab.test:${port}/to-port-22`, followRedirects: true }))
        .message,
    ).toMatch(/Port 22/);
    // A loop is not refused: it is the finding (issue 14), with the hop seen.
    const loop = await probe(
      { url: `http://public.lab.test:${port}/loop`, followRedirects: true },
      { config },
    );
    expect(loop.verdict.title).toBe("Redirect loop");
    expect(loop.redirects).toHaveLength(1);
  });

  it("re-resolves and re-checks the name of every redirect hop", async () => {
    const error = await refusal({
      url: `http://public.lab.test:${port}/to-private-name`,
      followRedirects: true,
    });
    expect(error.stage).toBe("redirect");
    expect(error.message).toMatch(/dns stage.*10\.0\.0\.1/);
  });

  it("does not follow redirects unless asked", async () => {
    const report = await probe({ url: `http://public.lab.test:${port}/to-metadata` }, { config });
    expect(report.verdict.code).toBe("ok");
    expect(report.samples[0]?.response?.status).toBe(302);
    expect(report.redirects).toEqual([]);
  });

  it("refuses private origin-direct addresses before connecting, and uses an allowed one with the site's Host", async () => {
    expect(
      (await refusal({ url: `http://public.lab.test:${port}/`, originIp: "10.0.0.5" })).stage,
    ).toBe("origin");
    const before = seen.length;
    const report = await probe(
      { url: `http://origin-only.lab.test:${port}/direct`, originIp: "127.0.0.2" },
      { config },
    );
    expect(report.dns).toBeNull();
    expect(report.target.originIp).toBe("127.0.0.2");
    expect(report.verdict.code).toBe("ok");
    // Host keeps the site's name, as curl --resolve does.
    expect(seen.slice(before)).toEqual([
      { path: "/direct", local: "127.0.0.2", host: `origin-only.lab.test:${port}` },
    ]);
  });
});
