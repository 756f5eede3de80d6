import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProbeConfig } from "@/lib/probe/config";
import { resolveName } from "@/lib/probe/dns";
import { probe } from "@/lib/probe/probe";
import {
  startDnsResponder,
  startDnsServer,
  type LabDnsResponder,
  type LabDnsServer,
} from "@/test/lab/dns-server";
import { freeDnsPort } from "@/test/lab/ports";

describe("DNS resolution against a real dnsmasq", () => {
  let dns: LabDnsServer;
  let servfail: LabDnsResponder;
  let silent: LabDnsResponder;
  let deadPort: number;

  beforeAll(async () => {
    dns = await startDnsServer({
      records: [
        { name: "app.lab.test", a: ["192.0.2.10"], ttl: 300 },
        { name: "pool.lab.test", a: ["198.51.100.1", "198.51.100.2"], ttl: 30 },
        { name: "dual.lab.test", a: ["203.0.113.5"], aaaa: ["2001:db8::5"], ttl: 45 },
        { name: "www.lab.test", cname: "alias.lab.test", ttl: 120 },
        { name: "alias.lab.test", cname: "app.lab.test", ttl: 90 },
        { name: "dangling.lab.test", cname: "gone.lab.test" },
        { name: "txtonly.lab.test", txt: "no addresses here" },
      ],
    });
    servfail = await startDnsResponder("servfail");
    silent = await startDnsResponder("silent");
    deadPort = await freeDnsPort();
  });

  afterAll(async () => {
    await Promise.all([dns?.stop(), servfail?.stop(), silent?.stop()]);
  });

  const resolve = (name: string, server = dns.server, timeoutMs = 2000) =>
    resolveName(name, { servers: [server], timeoutMs });

  it("returns A records with their TTL", async () => {
    const result = await resolve("app.lab.test");
    expect(result.error).toBeNull();
    expect(result.addresses).toEqual([{ address: "192.0.2.10", family: 4, ttl: 300 }]);
    expect(result.cnameChain).toEqual([]);
    expect(result.servers).toEqual([dns.server]);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it("returns every A record and both families, IPv4 first", async () => {
    expect((await resolve("pool.lab.test")).addresses.map((a) => a.address)).toEqual([
      "198.51.100.1",
      "198.51.100.2",
    ]);
    expect((await resolve("dual.lab.test")).addresses).toEqual([
      { address: "203.0.113.5", family: 4, ttl: 45 },
      { address: "2001:db8::5", family: 6, ttl: 45 },
    ]);
  });

  it("follows and reports a CNAME chain", async () => {
    const result = await resolve("www.lab.test");
    expect(result.cnameChain).toEqual(["alias.lab.test", "app.lab.test"]);
    expect(result.addresses.map((a) => a.address)).toEqual(["192.0.2.10"]);
  });

  it("reports NXDOMAIN for a name that does not exist", async () => {
    const missing = await resolve("missing.lab.test");
    expect(missing.error?.code).toBe("nxdomain");
    expect(missing.error?.message).toContain("missing.lab.test does not exist");
  });

  it("shows where a CNAME to a name without addresses leads", async () => {
    const dangling = await resolve("dangling.lab.test");
    expect(dangling.addresses).toEqual([]);
    expect(dangling.error).not.toBeNull();
    expect(dangling.cnameChain).toEqual(["gone.lab.test"]);
  });

  it("reports a name with no address records as no-records", async () => {
    const result = await resolve("txtonly.lab.test");
    expect(result.error?.code).toBe("no-records");
    expect(result.addresses).toEqual([]);
  });

  it("reports SERVFAIL, a dead server and a silent server distinctly, each within its time limit", async () => {
    expect((await resolve("app.lab.test", servfail.server)).error?.code).toBe("servfail");
    expect((await resolve("app.lab.test", `127.0.0.1:${deadPort}`)).error?.code).toBe("refused");
    const started = Date.now();
    const quiet = await resolve("app.lab.test", silent.server, 600);
    expect(quiet.error?.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(silent.count()).toBeGreaterThan(0);
  });

  it("turns DNS failures into dns-* verdicts without connecting anywhere", async () => {
    const config = {
      ...loadProbeConfig({ PROBE_DNS_SERVERS: dns.server, PROBE_ALLOW_PORTS: "80" }),
      timeoutMs: 3000,
      phaseTimeoutMs: 1000,
    };
    const nx = await probe({ url: "http://missing.lab.test/" }, { config });
    expect(nx.verdict).toMatchObject({ code: "dns-nxdomain", layer: "dns", status: null });
    expect(nx.samples).toEqual([]);
    const nodata = await probe({ url: "http://txtonly.lab.test/" }, { config });
    expect(nodata.verdict.code).toBe("dns-no-records");
    const broken = await probe(
      { url: "http://app.lab.test/" },
      { config: { ...config, dnsServers: [servfail.server] } },
    );
    expect(broken.verdict.code).toBe("dns-error");
    expect(broken.verdict.explanation).toContain("servfail");
  });
});
