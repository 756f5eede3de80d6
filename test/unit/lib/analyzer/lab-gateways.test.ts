/**
 * Real Squid, Apache Traffic Server, h2o, lighttpd and Varnish in front of the lab's broken
 * upstreams: the lines they log and the pages they serve must be read as the failure behind
 * them. Each suite needs its Debian package and is skipped without it; CAPTURE_CORPUS=1
 * writes what the servers produced to test/lab/corpus/gateways/<product>.json, which
 * gateway-captures.test.ts keeps checking where the servers are not installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import {
  refusedPort,
  startFailureServer,
  startHttpServer,
  startUnacceptingServer,
  type FailureKind,
  type Fixture,
} from "@/test/lab/fixtures";
import { freeTcpPort, waitForTcp } from "@/test/lab/ports";
import { startProcess, untilReady, type LabProcess } from "@/test/lab/process";
import {
  APACHE_MODULE_ROUTES,
  CORPUS_FAULTS,
  EXPECTED,
  type CorpusFault,
  type GatewayCorpus,
} from "@/test/lab/corpus/gateways/expected";

const SQUID = "/usr/sbin/squid";
const TRAFFIC_SERVER = "/usr/bin/traffic_server";
const H2O = "/usr/bin/h2o";
const LIGHTTPD = "/usr/sbin/lighttpd";
const VARNISHD = "/usr/sbin/varnishd";
const VARNISHLOG = "/usr/bin/varnishlog";
const APACHE = "/usr/sbin/apache2";
const APACHE_MODULES = "/usr/lib/apache2/modules";

/** How each lab fault is produced: a raw failure server, a refused port or a full accept queue. */
const FIXTURE_OF: Record<CorpusFault, FailureKind | "refused" | "unaccepting"> = {
  refused: "refused",
  unaccepting: "unaccepting",
  slow: "hang",
  garbage: "garbage",
  "premature-close": "premature-close",
  reset: "reset",
};

const fixtures: Fixture[] = [];
const upstreams = new Map<CorpusFault, number>();

beforeAll(async () => {
  for (const fault of CORPUS_FAULTS) {
    const kind = FIXTURE_OF[fault];
    if (kind === "refused") upstreams.set(fault, await refusedPort());
    else {
      const fixture =
        kind === "unaccepting" ? await startUnacceptingServer() : await startFailureServer(kind);
      fixtures.push(fixture);
      upstreams.set(fault, fixture.port);
    }
  }
}, 30_000);

afterAll(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.stop()));
});

const upstream = (fault: CorpusFault) => upstreams.get(fault)!;

/** The response as an owner pastes it from developer tools: status line, headers, page. */
async function pasteOf(url: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const headers = [...response.headers]
    .filter(([name]) => name !== "date")
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
  return `HTTP/1.1 ${response.status} ${response.statusText}\n${headers}\n\n${await response.text()}`;
}

/** Log lines with the run's temp directory and ports replaced, so reruns differ only in time. */
function linesOf(text: string, dir: string): string[] {
  let stable = text.split(dir).join("<dir>");
  for (const [fault, port] of upstreams)
    stable = stable.replace(new RegExp(`\\b${port}\\b`, "g"), `<${fault}>`);
  return stable.split("\n").filter((line) => line.trim() !== "");
}

async function capture(corpus: GatewayCorpus): Promise<void> {
  if (process.env.CAPTURE_CORPUS !== "1") return;
  const path = join(process.cwd(), "test/lab/corpus/gateways", `${corpus.product}.json`);
  await writeFile(path, `${JSON.stringify(corpus, null, 2)}\n`);
}

/** Waits until `read()` returns a text with at least `lines` lines (log writers buffer). */
async function settled(read: () => Promise<string>, lines: number): Promise<string> {
  const until = Date.now() + 15_000;
  let text = "";
  while (Date.now() < until) {
    text = await read().catch(() => "");
    if (text.split("\n").filter((l) => l.trim() !== "").length >= lines) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return text;
}

/** What a binary prints about its version, on either stream. */
function versionOf(binary: string, flag: string): string {
  const run = spawnSync(binary, [flag], { encoding: "utf8", timeout: 10_000 });
  return `${run.stdout}${run.stderr}`;
}

const ruleOf = (text: string) => analyzePaste(text).findings[0]?.ruleId ?? "nothing";

/**
 * Checks a product's corpus the way gateway-captures.test.ts does, so a live run fails here
 * first, with the server's own output in the message.
 */
function expectRecognised(corpus: () => GatewayCorpus): void {
  it("reads every page it served as the failure behind it", () => {
    const { product, pages } = corpus();
    for (const [fault, rule] of Object.entries(EXPECTED[product].pages)) {
      const page = pages[fault] ?? "";
      expect(ruleOf(page), `${fault}:\n${page.slice(0, 600)}`).toBe(rule);
    }
  });
  it("reads every error-log line it wrote for a failure", () => {
    const { product, errorLog } = corpus();
    for (const [needle, rule] of EXPECTED[product].errorLog) {
      const lines = errorLog.filter((line) => line.includes(needle));
      expect(lines, `${needle} in\n${errorLog.join("\n")}`).not.toEqual([]);
      for (const line of lines) expect(ruleOf(line), line).toBe(rule);
    }
  });
  it("reads every access-log line of a failed request", () => {
    const { product, accessLog } = corpus();
    for (const [needle, rule] of EXPECTED[product].accessLog) {
      const lines = accessLog.filter((line) => line.includes(needle));
      expect(lines, `${needle} in\n${accessLog.join("\n")}`).not.toEqual([]);
      for (const line of lines) expect(ruleOf(line), line).toBe(rule);
    }
  });
}

describe.skipIf(!existsSync(SQUID))("real Squid (reverse proxy and forward proxy)", () => {
  let proc: LabProcess;
  let dir: string;
  let corpus: GatewayCorpus;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-squid-"));
    // Squid drops root privileges to its own user, which must be able to write its logs.
    await chmod(dir, 0o777);
    const accel = await freeTcpPort();
    const forward = await freeTcpPort();
    const peers = CORPUS_FAULTS.map(
      (
        fault,
      ) => `cache_peer 127.0.0.1 parent ${upstream(fault)} 0 no-query no-digest originserver name=${fault}
acl path_${fault} urlpath_regex ^/${fault}$
cache_peer_access ${fault} allow path_${fault}
cache_peer_access ${fault} deny all`,
    ).join("\n");
    // An app that answers once and then goes away, the way a crash looks to Squid.
    const crashing = await startHttpServer((_request, response) => response.end("ok"));
    const config = `
http_port 127.0.0.1:${accel} accel defaultsite=app.lab.test vhost name=accel
http_port 127.0.0.1:${forward} name=forward
pid_filename ${dir}/squid.pid
access_log stdio:${dir}/access.log
cache_log ${dir}/cache.log
cache_store_log none
coredump_dir ${dir}
cache deny all
connect_timeout 2 seconds
read_timeout 2 seconds
shutdown_lifetime 0 seconds
# Only loopback: no resolver, no ICMP pinger.
dns_nameservers 127.0.0.1
pinger_enable off
http_access allow all
acl forward myportname forward
never_direct allow !forward
always_direct allow forward
${peers}
cache_peer 127.0.0.1 parent ${crashing.port} 0 no-query no-digest originserver name=crashing connect-fail-limit=2
acl path_crashing urlpath_regex ^/crash
cache_peer_access crashing allow path_crashing
cache_peer_access crashing deny all
`;
    await writeFile(join(dir, "squid.conf"), config);
    proc = startProcess(SQUID, ["-N", "-f", join(dir, "squid.conf")]);
    await untilReady(proc, "squid", waitForTcp(accel));
    await waitForTcp(forward);

    const pages: GatewayCorpus["pages"] = {};
    // As a forward proxy Squid connects to the origin itself and names each failure.
    for (const fault of CORPUS_FAULTS) {
      const target = `http://127.0.0.1:${upstream(fault)}/${fault}`;
      pages[fault] = await pasteOfProxied(forward, target);
    }
    // As a reverse proxy it marks a parent it cannot reach dead and then has nowhere to go.
    for (const fault of ["refused", "slow", "premature-close"] as const)
      pages[`accel-${fault}`] = await pasteOf(`http://127.0.0.1:${accel}/${fault}`, {
        headers: { host: "app.lab.test" },
      });
    // Up when Squid starts, then gone: Squid logs each failed connection, marks the parent
    // dead after connect-fail-limit of them, and stops trying it.
    const answered = await pasteOf(`http://127.0.0.1:${accel}/crash`, {
      headers: { host: "app.lab.test" },
    });
    expect(answered).toMatch(/^HTTP\/1\.1 200/);
    await crashing.stop();
    for (const attempt of [1, 2, 3])
      pages[`crashed-${attempt}`] = await pasteOf(`http://127.0.0.1:${accel}/crash-${attempt}`, {
        headers: { host: "app.lab.test" },
      });
    const accessLog = await settled(() => readFile(join(dir, "access.log"), "utf8"), 13);
    const cacheLog = await readFile(join(dir, "cache.log"), "utf8");
    corpus = {
      product: "squid",
      version: /Squid Cache version (\S+)/.exec(cacheLog)?.[1] ?? "unknown",
      errorLog: linesOf(cacheLog, dir).filter(
        (line) => !/\| (Processing|Created|Initializing)/.test(line),
      ),
      accessLog: linesOf(accessLog, dir),
      pages,
    };
    await capture(corpus);
  }, 90_000);

  afterAll(async () => {
    await proc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  expectRecognised(() => corpus);
});

/** A request through a forward proxy, the way a browser behind it sends one. */
async function pasteOfProxied(proxyPort: number, target: string): Promise<string> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: proxyPort, path: target, method: "GET", timeout: 15_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => {
          const headers = Object.entries(res.headers)
            .filter(([name]) => name !== "date")
            .map(([name, value]) => `${name}: ${String(value)}`)
            .join("\n");
          resolve(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\n${headers}\n\n${body}`);
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer from the proxy for ${target}`)));
    req.on("error", reject);
    req.end();
  });
}

describe.skipIf(!existsSync(TRAFFIC_SERVER))("real Apache Traffic Server", () => {
  let proc: LabProcess;
  let dir: string;
  let corpus: GatewayCorpus;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-ats-"));
    const port = await freeTcpPort();
    for (const sub of ["etc", "log", "run", "cache"]) await mkdir(join(dir, sub));
    // Debian's defaults (body_factory templates included) with the lab's settings on top.
    for (const file of await readdir("/etc/trafficserver", { withFileTypes: true }))
      if (file.isFile())
        await copyFile(join("/etc/trafficserver", file.name), join(dir, "etc", file.name));
    const records = `
CONFIG proxy.config.http.server_ports STRING ${port}:ip-in=127.0.0.1
CONFIG proxy.config.http.connect_attempts_timeout INT 2
CONFIG proxy.config.http.transaction_no_activity_timeout_out INT 2
CONFIG proxy.config.http.connect_attempts_max_retries INT 0
CONFIG proxy.config.http.connect_attempts_max_retries_dead_server INT 0
CONFIG proxy.config.http.connect_attempts_rr_retries INT 0
CONFIG proxy.config.http.cache.http INT 0
CONFIG proxy.config.dns.nameservers STRING 127.0.0.1
CONFIG proxy.config.dns.resolv_conf STRING NULL
CONFIG proxy.config.admin.user_id STRING #-1
CONFIG proxy.config.url_remap.remap_required INT 1
CONFIG proxy.config.log.max_secs_per_buffer INT 1
CONFIG proxy.config.body_factory.template_sets_dir STRING /etc/trafficserver/body_factory
`;
    await writeFile(
      join(dir, "etc/records.config"),
      (await readFile("/etc/trafficserver/records.config", "utf8")) + records,
    );
    await writeFile(join(dir, "etc/storage.config"), `${dir}/cache 16M\n`);
    await writeFile(
      join(dir, "etc/remap.config"),
      CORPUS_FAULTS.map(
        (fault) =>
          `map http://127.0.0.1:${port}/${fault} http://127.0.0.1:${upstream(fault)}/${fault}`,
      ).join("\n") + "\n",
    );
    // The squid-compatible access log, in text rather than Traffic Server's binary default.
    await writeFile(
      join(dir, "etc/logging.yaml"),
      `logging:
  formats:
    - name: squid
      format: '%<cqtq> %<ttms> %<chi> %<crc>/%<pssc> %<psql> %<cqhm> %<cquc> %<caun> %<phr>/%<shn> %<psct>'
  logs:
    - filename: squid
      format: squid
      mode: ascii
`,
    );
    await writeFile(
      join(dir, "runroot.yaml"),
      `prefix: ${dir}
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: ${dir}/etc
datadir: ${dir}/cache
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: ${dir}/run
runtimedir: ${dir}/run
logdir: ${dir}/log
cachedir: ${dir}/cache
`,
    );
    proc = startProcess(TRAFFIC_SERVER, [`--run-root=${join(dir, "runroot.yaml")}`]);
    await untilReady(proc, "traffic_server", waitForTcp(port, "127.0.0.1", 20_000));

    const pages: GatewayCorpus["pages"] = {};
    for (const fault of CORPUS_FAULTS)
      pages[fault] = await pasteOf(`http://127.0.0.1:${port}/${fault}`);
    const accessLog = await settled(() => readFile(join(dir, "log/squid.log"), "utf8"), 6);
    const errorLog = await readFile(join(dir, "log/error.log"), "utf8").catch(() => "");
    corpus = {
      product: "trafficserver",
      version: /Traffic Server ([\d.]+)/.exec(versionOf(TRAFFIC_SERVER, "-V"))?.[1] ?? "unknown",
      errorLog: linesOf(errorLog, dir),
      accessLog: linesOf(accessLog, dir),
      pages,
    };
    await capture(corpus);
  }, 120_000);

  afterAll(async () => {
    await proc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  expectRecognised(() => corpus);
});

describe.skipIf(!existsSync(H2O))("real h2o", () => {
  let proc: LabProcess;
  let dir: string;
  let corpus: GatewayCorpus;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-h2o-"));
    await chmod(dir, 0o777);
    const port = await freeTcpPort();
    const paths = CORPUS_FAULTS.map(
      (fault) =>
        `      /${fault}:\n        proxy.reverse.url: http://127.0.0.1:${upstream(fault)}/${fault}`,
    ).join("\n");
    // h2o refuses to keep root privileges; it opens its logs first, then switches user.
    const config = `${process.getuid?.() === 0 ? "user: nobody\n" : ""}listen:
  host: 127.0.0.1
  port: ${port}
pid-file: ${dir}/h2o.pid
error-log: ${dir}/error.log
access-log: ${dir}/access.log
proxy.timeout.io: 2000
hosts:
  default:
    paths:
${paths}
`;
    await writeFile(join(dir, "h2o.conf"), config);
    proc = startProcess(H2O, ["-c", join(dir, "h2o.conf")]);
    await untilReady(proc, "h2o", waitForTcp(port));

    const pages: GatewayCorpus["pages"] = {};
    for (const fault of CORPUS_FAULTS)
      pages[fault] = await pasteOf(`http://127.0.0.1:${port}/${fault}`);
    const accessLog = await settled(() => readFile(join(dir, "access.log"), "utf8"), 6);
    const errorLog = await settled(() => readFile(join(dir, "error.log"), "utf8"), 7);
    corpus = {
      product: "h2o",
      version: /h2o\/([\d.]+)/.exec(pages.refused ?? "")?.[1] ?? "unknown",
      errorLog: linesOf(errorLog, dir),
      accessLog: linesOf(accessLog, dir),
      pages,
    };
    await capture(corpus);
  }, 90_000);

  afterAll(async () => {
    await proc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  expectRecognised(() => corpus);
});

describe.skipIf(!existsSync(LIGHTTPD))("real lighttpd mod_proxy", () => {
  let proc: LabProcess;
  let dir: string;
  let corpus: GatewayCorpus;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-lighttpd-"));
    await chmod(dir, 0o777);
    const port = await freeTcpPort();
    const routes = CORPUS_FAULTS.map(
      (fault) =>
        `$HTTP["url"] == "/${fault}" { proxy.server = ("" => (("host" => "127.0.0.1", "port" => ${upstream(fault)}, "connect-timeout" => 2, "read-timeout" => 2))) }`,
    ).join("\n");
    const config = `server.document-root = "${dir}"
server.port = ${port}
server.bind = "127.0.0.1"
server.errorlog = "${dir}/error.log"
server.modules = ("mod_proxy", "mod_accesslog")
accesslog.filename = "${dir}/access.log"
${routes}
`;
    await writeFile(join(dir, "lighttpd.conf"), config);
    proc = startProcess(LIGHTTPD, ["-D", "-f", join(dir, "lighttpd.conf")]);
    await untilReady(proc, "lighttpd", waitForTcp(port));

    const pages: GatewayCorpus["pages"] = {};
    for (const fault of CORPUS_FAULTS)
      pages[fault] = await pasteOf(`http://127.0.0.1:${port}/${fault}`);
    const accessLog = await settled(() => readFile(join(dir, "access.log"), "utf8"), 6);
    const errorLog = await readFile(join(dir, "error.log"), "utf8");
    corpus = {
      product: "lighttpd",
      version: /lighttpd\/([\d.]+)/.exec(errorLog)?.[1] ?? "unknown",
      errorLog: linesOf(errorLog, dir),
      accessLog: linesOf(accessLog, dir),
      pages,
    };
    await capture(corpus);
  }, 90_000);

  afterAll(async () => {
    await proc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  expectRecognised(() => corpus);
});

describe.skipIf(!existsSync(VARNISHD) || !existsSync(VARNISHLOG))(
  "real Varnish and varnishlog",
  () => {
    const varnishes: LabProcess[] = [];
    let dir: string;
    let corpus: GatewayCorpus;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "gd-analyzer-varnishlog-"));
      const pages: GatewayCorpus["pages"] = {};
      const logs: string[] = [];
      // One varnishd per fault: Varnish has one default backend per instance.
      for (const fault of CORPUS_FAULTS) {
        const port = await freeTcpPort();
        const name = join(dir, fault);
        const proc = startProcess(VARNISHD, [
          ...["-F", "-j", "none", "-n", name, "-a", `127.0.0.1:${port}`],
          ...["-b", `127.0.0.1:${upstream(fault)}`, "-s", "malloc,16m"],
          ...["-p", "first_byte_timeout=1", "-p", "connect_timeout=1"],
        ]);
        varnishes.push(proc);
        await untilReady(proc, "varnishd", waitForTcp(port));
        pages[fault] = await pasteOf(`http://127.0.0.1:${port}/${fault}`);
        // varnishlog -d prints what is in the shared log and exits: the whole transaction.
        const reader = startProcess(VARNISHLOG, ["-n", name, "-d"]);
        await new Promise((resolve) => reader.child.once("exit", resolve));
        logs.push(reader.output());
      }
      // A backend with a health probe that has never answered: Varnish marks it sick and
      // fails requests without trying it (.initial = 0 makes it sick from the start).
      const port = await freeTcpPort();
      const vcl = join(dir, "sick.vcl");
      await writeFile(
        vcl,
        `vcl 4.1;
backend default {
  .host = "127.0.0.1";
  .port = "${upstream("refused")}";
  .probe = { .url = "/"; .interval = 200ms; .timeout = 500ms; .window = 3; .threshold = 2; .initial = 0; }
}
`,
      );
      const sick = startProcess(VARNISHD, [
        ...["-F", "-j", "none", "-n", join(dir, "sick"), "-a", `127.0.0.1:${port}`],
        ...["-f", vcl, "-s", "malloc,16m"],
      ]);
      varnishes.push(sick);
      await untilReady(sick, "varnishd", waitForTcp(port));
      pages.sick = await pasteOf(`http://127.0.0.1:${port}/sick`);
      const reader = startProcess(VARNISHLOG, [
        ...["-n", join(dir, "sick"), "-d", "-g", "raw", "-i", "Backend_health,FetchError"],
      ]);
      await new Promise((resolve) => reader.child.once("exit", resolve));
      const sickLog = reader.output();
      corpus = {
        product: "varnish",
        version: /varnish-([\d.]+)/.exec(versionOf(VARNISHD, "-V"))?.[1] ?? "unknown",
        errorLog: linesOf(`${logs.join("\n")}\n${sickLog}`, dir).filter((line) =>
          /FetchError|Backend_health/.test(line),
        ),
        accessLog: [],
        pages,
        transactions: logs.map((log) => linesOf(log, dir).join("\n")),
      };
      await capture(corpus);
    }, 90_000);

    afterAll(async () => {
      await Promise.all(varnishes.map((proc) => proc.stop()));
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    expectRecognised(() => corpus);

    it("puts the FetchError ahead of the generic 'Backend fetch failed' in a whole varnishlog", () => {
      for (const transaction of corpus.transactions ?? []) {
        const top = analyzePaste(transaction).findings[0];
        expect(top?.ruleId, transaction).toMatch(/^varnish-fetch-/);
      }
    });
  },
);

describe.skipIf(!existsSync(APACHE))(
  "real Apache httpd with its AJP and FastCGI proxy modules",
  () => {
    let proc: LabProcess;
    let dir: string;
    let corpus: GatewayCorpus;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "gd-analyzer-apache-modules-"));
      await chmod(dir, 0o777);
      const port = await freeTcpPort();
      const modules = ["mpm_event", "authz_core", "proxy", "proxy_fcgi", "proxy_ajp"];
      const routes = APACHE_MODULE_ROUTES.map(
        ([scheme, fault]) =>
          `ProxyPass "/${scheme}-${fault}" "${scheme}://127.0.0.1:${upstream(fault)}/" retry=0`,
      );
      const config = `
${modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join("\n")}
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog ${dir}/error.log
LogLevel warn
ProxyTimeout 2
${process.getuid?.() === 0 ? "User daemon\nGroup daemon" : ""}
${routes.join("\n")}
`;
      await writeFile(join(dir, "httpd.conf"), config);
      proc = startProcess(APACHE, ["-f", join(dir, "httpd.conf"), "-DFOREGROUND"]);
      await untilReady(proc, "apache2", waitForTcp(port));

      const pages: GatewayCorpus["pages"] = {};
      const transactions: string[] = [];
      const logPath = join(dir, "error.log");
      let seen = (await readFile(logPath, "utf8")).length;
      // One request at a time, so each route's lines can be told apart (they name no path).
      for (const [scheme, fault] of APACHE_MODULE_ROUTES) {
        pages[`${scheme}-${fault}`] = await pasteOf(`http://127.0.0.1:${port}/${scheme}-${fault}`);
        const log = await readFile(logPath, "utf8");
        transactions.push(linesOf(log.slice(seen), dir).join("\n"));
        seen = log.length;
      }
      const errorLog = await readFile(logPath, "utf8");
      corpus = {
        product: "apache-modules",
        version: /Apache\/([\d.]+)/.exec(errorLog)?.[1] ?? "unknown",
        errorLog: linesOf(errorLog, dir).filter((line) => /:error\]/.test(line)),
        accessLog: [],
        pages,
        transactions,
      };
      await capture(corpus);
    }, 90_000);

    afterAll(async () => {
      await proc?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    expectRecognised(() => corpus);
  },
);
