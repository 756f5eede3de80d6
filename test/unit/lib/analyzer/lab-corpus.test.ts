/**
 * The analyzer against real log lines: a real nginx proxies to the lab's misbehaving
 * servers, and every error line it writes must be classified as the failure that
 * produced it. Set CAPTURE_CORPUS=1 to refresh test/lab/corpus/nginx-error.log from
 * the run.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { labCerts, type ServerCredentials } from "@/test/lab/certs";
import { startDnsServer, type LabDnsServer } from "@/test/lab/dns-server";
import {
  refusedPort,
  startFailureServer,
  startHttpServer,
  startTlsServer,
  startUnacceptingServer,
  type FailureKind,
  type Fixture,
} from "@/test/lab/fixtures";
import { startNginx, type LabNginx } from "@/test/lab/nginx";

/** One failure: how nginx reaches its upstream, and the rules its error lines must match. */
interface Scenario {
  /** Location path, also how its lines are found in the log (`request: "GET /name …"`). */
  name: string;
  /** The inside of the location block. */
  location: string;
  /** Requests to send; the second one finds every server of a group marked down. */
  requests?: number;
  /** Rule ids its error lines may match; each must occur at least once. */
  expected: string[];
}

const LEVELS = /\[(?:error|crit|alert|emerg)\]/;
const fixtures: Fixture[] = [];
let nginx: LabNginx;
let dns: LabDnsServer;
let scenarios: Scenario[];
let log = "";
/** Each scenario's response as an owner would paste it. */
const pages = new Map<string, string>();
let trustDir: string | undefined;

async function failing(kind: FailureKind): Promise<string> {
  const fixture = await startFailureServer(kind);
  fixtures.push(fixture);
  return `127.0.0.1:${fixture.port}`;
}

beforeAll(async () => {
  const dead = await refusedPort();
  const deadToo = await refusedPort();
  const unaccepting = await startUnacceptingServer();
  fixtures.push(unaccepting);
  const plainHttp = await startHttpServer((_req, res) => res.end("plain http"));
  fixtures.push(plainHttp);
  dns = await startDnsServer({ records: [{ name: "known.lab.test", a: ["127.0.0.1"] }] });
  const missingSocket = join(tmpdir(), `gd-analyzer-missing-${process.pid}.sock`);
  const certs = await labCerts();
  trustDir = await mkdtemp(join(tmpdir(), "gd-analyzer-trust-"));
  const rootCaPath = join(trustDir, "root.pem");
  await writeFile(rootCaPath, certs.rootCa);
  // nginx checks the upstream's certificate only when told to, against the lab's root.
  const verified = async (credentials: ServerCredentials) => {
    const fixture = await startTlsServer(credentials);
    fixtures.push(fixture);
    return `proxy_ssl_verify on; proxy_ssl_trusted_certificate ${rootCaPath}; proxy_ssl_name app.lab.test; proxy_ssl_server_name on; proxy_pass https://127.0.0.1:${fixture.port};`;
  };

  scenarios = [
    {
      name: "dead",
      location: `proxy_pass http://127.0.0.1:${dead};`,
      expected: ["nginx-connect-refused"],
    },
    {
      name: "slow",
      location: `proxy_read_timeout 1s; proxy_pass http://${await failing("hang")};`,
      expected: ["nginx-read-timeout"],
    },
    {
      name: "stalled-body",
      location: `proxy_read_timeout 1s; proxy_buffering off; proxy_pass http://${await failing("hang-after-headers")};`,
      expected: ["nginx-timeout-other"],
    },
    {
      name: "garbage",
      location: `proxy_pass http://${await failing("garbage")};`,
      expected: ["nginx-invalid-header"],
    },
    {
      name: "bad-header",
      location: `proxy_pass http://${await failing("bad-header-byte")};`,
      expected: ["nginx-invalid-header"],
    },
    {
      name: "closed",
      location: `proxy_pass http://${await failing("premature-close")};`,
      expected: ["nginx-premature-close-header"],
    },
    {
      name: "reset",
      location: `proxy_pass http://${await failing("reset")};`,
      expected: ["nginx-connection-reset"],
    },
    {
      name: "huge-headers",
      location: `proxy_pass http://${await failing("huge-headers")};`,
      expected: ["nginx-too-big-header"],
    },
    {
      name: "socket",
      location: `proxy_pass http://unix:${missingSocket};`,
      expected: ["nginx-socket-missing"],
    },
    {
      name: "unaccepting",
      location: `proxy_connect_timeout 1s; proxy_pass http://127.0.0.1:${unaccepting.port};`,
      expected: ["nginx-connect-timeout"],
    },
    {
      name: "tls",
      location: `proxy_pass https://127.0.0.1:${plainHttp.port};`,
      expected: ["nginx-upstream-handshake"],
    },
    {
      name: "cert-expired",
      location: await verified(certs.expired),
      expected: ["nginx-upstream-cert-expired"],
    },
    {
      name: "cert-wrong-host",
      location: await verified(certs.wrongHost),
      expected: ["nginx-upstream-cert-name"],
    },
    {
      name: "cert-untrusted",
      location: await verified(certs.untrustedRoot),
      expected: ["nginx-upstream-cert-untrusted"],
    },
    {
      name: "fastcgi-to-http",
      location: `fastcgi_pass 127.0.0.1:${plainHttp.port};`,
      expected: ["nginx-fastcgi-protocol"],
    },
    {
      name: "nxdomain",
      location: `resolver ${dns.server} valid=1s; resolver_timeout 2s; set $up "missing.lab.test"; proxy_pass http://$up;`,
      expected: ["nginx-resolve-failed"],
    },
    {
      name: "all-down",
      location: "proxy_pass http://all_down;",
      requests: 2,
      expected: ["nginx-connect-refused", "nginx-no-live-upstreams"],
    },
  ];

  nginx = await startNginx({
    http: `
  upstream all_down {
    server 127.0.0.1:${dead} max_fails=1 fail_timeout=60s;
    server 127.0.0.1:${deadToo} max_fails=1 fail_timeout=60s;
  }
  server {
    listen 127.0.0.1:{{port}};
    ${scenarios.map((s) => `location = /${s.name} { ${s.location} }`).join("\n    ")}
  }`,
  });

  await Promise.all(
    scenarios.map(async (scenario) => {
      for (let i = 0; i < (scenario.requests ?? 1); i++) {
        const response = await fetch(`http://127.0.0.1:${nginx.port}/${scenario.name}`, {
          signal: AbortSignal.timeout(10_000),
        }).catch(() => null);
        // Reading the body lets nginx finish and log the body-phase failures too.
        const body = (await response?.text().catch(() => "")) ?? "";
        if (response) {
          const headers = [...response.headers]
            .map(([name, value]) => `${name}: ${value}`)
            .join("\n");
          pages.set(
            scenario.name,
            `HTTP/1.1 ${response.status} ${response.statusText}\n${headers}\n\n${body}`,
          );
        }
      }
    }),
  );
  log = await nginx.errorLog();

  if (process.env.CAPTURE_CORPUS === "1") {
    const dir = join(process.cwd(), "test/lab/corpus");
    await mkdir(dir, { recursive: true });
    const lines = log.split("\n").filter((line) => LEVELS.test(line));
    await writeFile(join(dir, "nginx-error.log"), `${lines.join("\n")}\n`);
  }
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  await dns?.stop();
  await Promise.all(fixtures.map((fixture) => fixture.stop()));
  if (trustDir) await rm(trustDir, { recursive: true, force: true });
});

function linesOf(name: string): string[] {
  return log
    .split("\n")
    .filter((line) => LEVELS.test(line) && line.includes(`request: "GET /${name} HTTP/1.1"`));
}

describe("real nginx error.log lines from the lab", () => {
  it("writes error lines for every failure", () => {
    for (const scenario of scenarios) expect(linesOf(scenario.name), scenario.name).not.toEqual([]);
  });

  it("classifies each line as the failure that produced it", () => {
    for (const scenario of scenarios) {
      const ruleIds = linesOf(scenario.name).map(
        (line) => analyzePaste(line).findings[0]?.ruleId ?? "nothing",
      );
      expect(new Set(ruleIds), `${scenario.name}:\n${linesOf(scenario.name).join("\n")}`).toEqual(
        new Set(scenario.expected),
      );
    }
  });

  it("groups the whole log by cause, with nginx's own timestamps as first and last seen", () => {
    const errorLines = log.split("\n").filter((line) => LEVELS.test(line));
    const analysis = analyzePaste(log);
    const counted = analysis.findings.reduce((sum, finding) => sum + finding.count, 0);
    expect(counted).toBe(errorLines.length);
    const refused = analysis.findings.find((f) => f.ruleId === "nginx-connect-refused");
    // The dead upstream and both servers of the group refused.
    expect(refused?.count).toBeGreaterThanOrEqual(3);
    expect(refused?.firstSeen?.text).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(refused!.lastSeen!.time).toBeGreaterThanOrEqual(refused!.firstSeen!.time);
    expect(refused?.href).toBe("/diagnose/owner/502/server-page/connection-refused");
  });

  it.each([
    ["dead", "nginx-page-502"],
    ["slow", "nginx-page-504"],
  ])("reads nginx's own error page for the %s upstream", (name, rule) => {
    const page = pages.get(name) ?? "";
    expect(
      analyzePaste(page).findings.map((f) => f.ruleId),
      page,
    ).toEqual([rule]);
  });
});
