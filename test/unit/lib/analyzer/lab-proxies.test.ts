/**
 * Real HAProxy and Apache httpd in front of the lab's broken upstreams: their log lines
 * must be classified as the failures that caused them. Debian's haproxy and apache2
 * packages provide the servers; without them these suites are skipped, and the captured
 * lines in test/lab/corpus/ (refreshed with CAPTURE_CORPUS=1) are still checked by
 * corpus-file.test.ts.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import {
  refusedPort,
  startFailureServer,
  startUnacceptingServer,
  type FailureKind,
  type Fixture,
} from "@/test/lab/fixtures";
import { freeTcpPort, waitForTcp } from "@/test/lab/ports";
import { startProcess, untilReady, type LabProcess } from "@/test/lab/process";

const HAPROXY = "/usr/sbin/haproxy";
const APACHE = "/usr/sbin/apache2";
const APACHE_MODULES = "/usr/lib/apache2/modules";

const fixtures: Fixture[] = [];
async function failing(kind: FailureKind): Promise<number> {
  const fixture = await startFailureServer(kind);
  fixtures.push(fixture);
  return fixture.port;
}

/** Fetches a path and returns the response the way an owner would paste it: status, headers, page. */
async function get(port: number, path: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null);
  if (!response) return "";
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  const body = await response.text().catch(() => "");
  return `HTTP/1.1 ${response.status} ${response.statusText}\n${headers}\n\n${body}`;
}

const pages = new Map<string, string>();

async function capture(name: string, text: string): Promise<void> {
  if (process.env.CAPTURE_CORPUS !== "1") return;
  await writeFile(join(process.cwd(), "test/lab/corpus", name), text);
}

const ruleOf = (line: string) => analyzePaste(line).findings[0]?.ruleId ?? "nothing";

afterAll(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.stop()));
});

describe.skipIf(!existsSync(HAPROXY))("real HAProxy log lines", () => {
  let proc: LabProcess;
  let dir: string;
  let port: number;
  let log = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-haproxy-"));
    port = await freeTcpPort();
    const dead = await refusedPort();
    const unaccepting = await startUnacceptingServer();
    fixtures.push(unaccepting);
    const config = `
global
  log stdout format raw local0 info
defaults
  mode http
  log global
  option httplog
  retries 0
  timeout connect 1s
  timeout client 10s
  timeout server 1s
  timeout queue 500ms
frontend www
  bind 127.0.0.1:${port}
  use_backend %[path,field(2,/)]
backend refused
  server web1 127.0.0.1:${dead}
backend unaccepting
  server web1 127.0.0.1:${unaccepting.port}
backend slow
  server web1 127.0.0.1:${await failing("hang")}
backend closed
  server web1 127.0.0.1:${await failing("premature-close")}
backend garbage
  server web1 127.0.0.1:${await failing("garbage")}
backend queue
  timeout server 3s
  server web1 127.0.0.1:${await failing("hang")} maxconn 1
backend checked
  server web1 127.0.0.1:${await refusedPort()} check inter 200ms fall 1 rise 1
`;
    const configPath = join(dir, "haproxy.cfg");
    await writeFile(configPath, config);
    proc = startProcess(HAPROXY, ["-db", "-f", configPath]);
    await untilReady(proc, "haproxy", waitForTcp(port));

    const [refused, , slow, , garbage] = await Promise.all([
      get(port, "/refused"),
      get(port, "/unaccepting"),
      get(port, "/slow"),
      get(port, "/closed"),
      get(port, "/garbage"),
      get(port, "/queue"),
      get(port, "/queue"),
    ]);
    pages.set("haproxy-503", refused);
    pages.set("haproxy-504", slow);
    pages.set("haproxy-502", garbage);
    // The health check needs a moment to mark the server down.
    await new Promise((resolve) => setTimeout(resolve, 800));
    log = proc.output();
    await capture("haproxy.log", log);
  }, 60_000);

  afterAll(async () => {
    await proc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function requestLine(backend: string): string[] {
    // A request that never left the queue names no server: `queue/<NOSRV>`.
    return log
      .split("\n")
      .filter((line) => line.includes(` ${backend}/`) && line.includes('"GET /'));
  }

  it.each([
    ["refused", "haproxy-sc"],
    ["unaccepting", "haproxy-connect-timeout"],
    ["slow", "haproxy-server-timeout"],
    ["closed", "haproxy-server-aborted"],
    ["garbage", "haproxy-invalid-response"],
  ])("classifies the %s backend's request log line", (backend, rule) => {
    const lines = requestLine(backend);
    expect(lines, log).toHaveLength(1);
    expect(ruleOf(lines[0]!), lines[0]).toBe(rule);
  });

  it("classifies a request that expired in the queue", () => {
    const rules = requestLine("queue").map(ruleOf);
    expect(rules, log).toContain("haproxy-queue-timeout");
  });

  it("classifies the health check marking a server down and the backend left empty", () => {
    const rules = log
      .split("\n")
      .filter((line) => line.includes("checked"))
      .map(ruleOf);
    expect(rules, log).toContain("haproxy-check-refused");
    expect(rules, log).toContain("haproxy-no-server");
  });
  it.each([
    ["haproxy-503", "haproxy-page-503"],
    ["haproxy-504", "haproxy-page-504"],
    ["haproxy-502", "haproxy-page-502"],
  ])("reads HAProxy's own error page (%s)", (name, rule) => {
    const page = pages.get(name) ?? "";
    expect(
      analyzePaste(page).findings.map((f) => f.ruleId),
      page,
    ).toEqual([rule]);
  });
});

describe.skipIf(!existsSync(APACHE))("real Apache httpd error log lines", () => {
  let proc: LabProcess;
  let dir: string;
  let port: number;
  let log = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-apache-"));
    port = await freeTcpPort();
    const modules = [
      "mpm_event",
      "authz_core",
      "proxy",
      "proxy_http",
      "proxy_balancer",
      "slotmem_shm",
      "lbmethod_byrequests",
    ];
    const dead = await refusedPort();
    const routes: [string, string][] = [
      ["/refused", `http://127.0.0.1:${dead}/ retry=0`],
      ["/slow", `http://127.0.0.1:${await failing("hang")}/ timeout=1 retry=0`],
      ["/closed", `http://127.0.0.1:${await failing("premature-close")}/ retry=0`],
      ["/reset", `http://127.0.0.1:${await failing("reset")}/ retry=0`],
      ["/balanced", "balancer://app/"],
      ["/nohandler", `fcgi://127.0.0.1:${dead}/`],
    ];
    const config = `
${modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join("\n")}
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog ${dir}/error.log
LogLevel warn
${process.getuid?.() === 0 ? "User daemon\nGroup daemon" : ""}
<Proxy "balancer://app">
  BalancerMember "http://127.0.0.1:${dead}" retry=60
  BalancerMember "http://127.0.0.1:${await refusedPort()}" retry=60
  # Without this Apache retries members in error at once when all of them are.
  ProxySet forcerecovery=Off
</Proxy>
${routes.map(([path, target]) => `ProxyPass "${path}" ${target}`).join("\n")}
`;
    const configPath = join(dir, "httpd.conf");
    await writeFile(configPath, config);
    proc = startProcess(APACHE, ["-f", configPath, "-DFOREGROUND"]);
    await untilReady(proc, "apache2", waitForTcp(port));

    for (const [path] of routes) pages.set(`apache${path}`, await get(port, path));
    // A second request finds both balancer members already in error.
    await get(port, "/balanced");
    log = await readFile(join(dir, "error.log"), "utf8");
    await capture("apache-error.log", log);
  }, 60_000);

  afterAll(async () => {
    await proc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const rulesFor = (needle: string) =>
    log
      .split("\n")
      .filter((line) => line.includes(needle))
      .map(ruleOf);

  it("classifies a refused backend", () => {
    expect(
      rulesFor(`:${log.match(/attempt to connect to 127\.0\.0\.1:(\d+)/)?.[1] ?? "none"}`),
      log,
    ).toContain("apache-connect-failed");
  });

  it("classifies a backend that never answers as a timeout", () => {
    expect(rulesFor("(70007)"), log).toEqual(expect.arrayContaining(["apache-read-timeout"]));
  });

  it("classifies every error line it wrote", () => {
    const errors = log.split("\n").filter((line) => /\[[a-z_]+:error\]/.test(line));
    expect(errors.length, log).toBeGreaterThan(0);
    for (const line of errors) expect(ruleOf(line), line).not.toBe("nothing");
  });

  it("classifies a balancer with every member in error", () => {
    expect(log.split("\n").map(ruleOf), log).toContain("apache-balancer-all-error");
  });

  it("classifies a missing proxy module", () => {
    expect(rulesFor("AH01144"), log).toEqual(["apache-no-protocol-handler"]);
  });

  it.each([
    ["apache/refused", "apache-page-503"],
    // Apache 2.4 answers a backend timeout with its 502 "Proxy Error" page, not a 504.
    ["apache/slow", "apache-page-502"],
    ["apache/closed", "apache-page-502"],
  ])("reads Apache's own error page (%s)", (name, rule) => {
    const page = pages.get(name) ?? "";
    expect(
      analyzePaste(page).findings.map((f) => f.ruleId),
      page,
    ).toEqual([rule]);
  });
});
