/**
 * The whole failure lab in one call: DNS for *.lab.test, a healthy app,
 * failure servers, TLS servers with every certificate problem, a real nginx
 * producing real 502s and a 504, and vendor-style edge pages. Used by the
 * probe's tests, by `npm run lab`, and by anyone who needs broken servers.
 */
import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import { loadProbeConfig, type ProbeConfig } from "@/lib/probe/config";
import { labCerts, type LabCerts, type ServerCredentials } from "./certs";
import { startDnsServer, type LabDnsRecord, type LabDnsServer } from "./dns-server";
import {
  EDGE_PAGES,
  refusedPort,
  startEdgeServer,
  startFailureServer,
  startHttpServer,
  startTlsServer,
  startUnacceptingServer,
  type FailureKind,
  type Fixture,
  type TlsServerOptions,
} from "./fixtures";
import { GATEWAY_PRODUCTS } from "./gateways/products";
import { startHttp2Server } from "./http2";
import { startNginx, type LabNginx } from "./nginx";
import { freeTcpPort } from "./ports";

/** A running lab. */
export interface Lab {
  /** Scenario name → URL to probe (names resolve through `dns`). */
  urls: Record<string, string>;
  /** The lab's DNS server. */
  dns: LabDnsServer;
  /** The nginx reverse proxy (its error log holds the real upstream errors). */
  nginx: LabNginx;
  /** Certificates; trust `certs.rootCa`. */
  certs: LabCerts;
  /** Every port the lab listens on (and the refused one), for PROBE_ALLOW_PORTS. */
  ports: number[];
  /** Settings that point the app or the CLI at this lab. */
  env: Record<string, string>;
  /** Stops every server. */
  stop: () => Promise<void>;
}

const FAILURE_KINDS: FailureKind[] = [
  "garbage",
  "bad-header-byte",
  "premature-close",
  "reset",
  "hang",
  "hang-after-headers",
  "truncated-body",
  "slow-drip",
  "huge-headers",
  "huge-body",
];

/** DNS records that the DNS scenarios rely on, besides one A record per scenario host. */
export const LAB_DNS_RECORDS: LabDnsRecord[] = [
  { name: "www.lab.test", cname: "alias.lab.test", ttl: 120 },
  { name: "alias.lab.test", cname: "app.lab.test", ttl: 90 },
  { name: "multi.lab.test", a: ["127.0.0.1", "127.0.0.2"], ttl: 30 },
  { name: "dual.lab.test", a: ["127.0.0.1"], aaaa: ["::1"], ttl: 45 },
  { name: "txtonly.lab.test", txt: "this name has no address records" },
  { name: "private-mix.lab.test", a: ["127.0.0.1", "10.0.0.1"] },
  { name: "mapped-v6.lab.test", aaaa: ["::ffff:10.0.0.1"] },
];

/** Options for startLab. */
export interface LabOptions {
  /**
   * Listen on LAB_PORT_COUNT consecutive ports from this one (the DNS server on the last, for
   * UDP and TCP), instead of free ports picked at run time. For an app that must be told the
   * lab's DNS server and ports before the lab starts, such as the browser tests' server.
   */
  portBase?: number;
  /** Where to write the lab root CA for PROBE_EXTRA_CA_FILE; by default beside the certificates. */
  caFile?: string;
}

/** Ports the lab uses from LabOptions.portBase; the last is the DNS server's. */
export const LAB_PORT_COUNT = 30;

/** The lab's ports from `portBase` (for PROBE_ALLOW_PORTS) and its DNS server, for an app started first. */
export function fixedLabPorts(portBase: number): { ports: number[]; dnsServer: string } {
  const ports = Array.from({ length: LAB_PORT_COUNT - 1 }, (_, i) => portBase + i);
  return { ports, dnsServer: `127.0.0.1:${portBase + LAB_PORT_COUNT - 1}` };
}

/** Starts every lab server. Throws (after stopping what started) if any piece fails. */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const started: { stop: () => Promise<void> }[] = [];
  const keep = <T extends { stop: () => Promise<void> }>(item: T): T => {
    started.push(item);
    return item;
  };
  const { portBase } = options;
  let assigned = 0;
  // With a base, every server takes the next port in turn; without, the kernel picks (port 0).
  const port = (): number => {
    if (portBase === undefined) return 0;
    if (assigned >= LAB_PORT_COUNT - 1)
      throw new Error("the lab needs more ports than LAB_PORT_COUNT");
    return portBase + assigned++;
  };
  try {
    const certs = await labCerts();
    const caFile = options.caFile ?? join(certs.dir, "root.pem");
    await writeFile(caFile, certs.rootCa);

    const app = keep(
      await startHttpServer(
        (req, res) => {
          res
            .writeHead(200, { "content-type": "text/plain", server: "lab-app" })
            .end(`hello from the lab app: ${req.url}\n`);
        },
        undefined,
        port(),
      ),
    );
    const redirectTarget = (path: string): string | null => {
      const chain = /^\/chain\/(\d+)$/.exec(path);
      if (chain) {
        const n = Number(chain[1]);
        return n <= 0 ? `http://app.lab.test:${app.port}/end-of-chain` : `/chain/${n - 1}`;
      }
      const fixed: Record<string, string> = {
        "/loop": "/loop",
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-gopher": "gopher://app.lab.test:70/_x",
        "/to-port-22": "http://app.lab.test:22/",
        "/to-app": `http://app.lab.test:${app.port}/landed`,
      };
      return fixed[path] ?? null;
    };
    const redirects = keep(
      await startHttpServer(
        (req, res) => {
          const location = redirectTarget((req.url ?? "/").split("?")[0]!);
          if (location) res.writeHead(302, { location }).end();
          else res.writeHead(404).end();
        },
        undefined,
        port(),
      ),
    );
    const edge = keep(await startEdgeServer(undefined, port()));
    const failures: Partial<Record<FailureKind, Fixture>> = {};
    for (const kind of FAILURE_KINDS)
      failures[kind] = keep(await startFailureServer(kind, undefined, port()));
    const closedPort = await refusedPort(portBase === undefined ? undefined : port());
    const unaccepting = keep(await startUnacceptingServer(port()));
    const tlsServer = (credentials: ServerCredentials, tlsOptions: TlsServerOptions = {}) =>
      startTlsServer(credentials, tlsOptions, undefined, port());
    const tls = {
      valid: keep(await tlsServer(certs.valid)),
      expired: keep(await tlsServer(certs.expired)),
      "not-yet-valid": keep(await tlsServer(certs.notYetValid)),
      "self-signed": keep(await tlsServer(certs.selfSigned)),
      "wrong-host": keep(await tlsServer(certs.wrongHost)),
      "missing-intermediate": keep(await tlsServer(certs.missingIntermediate)),
      "untrusted-root": keep(await tlsServer(certs.untrustedRoot)),
      "old-protocol": keep(
        await tlsServer(certs.valid, {
          minVersion: "TLSv1",
          maxVersion: "TLSv1",
          ciphers: "DEFAULT@SECLEVEL=0",
        }),
      ),
    };

    const http2 = {
      // HTTP/2 offered in ALPN, the same answer over both protocols.
      h2: keep(await startHttp2Server(certs.valid, "same", undefined, port())),
      // HTTP/2 answers 502 where HTTP/1.1 answers 200.
      "h2-split": keep(await startHttp2Server(certs.valid, "h2-502", undefined, port())),
    };
    // Upstreams nothing serves yet: nginx answers 502 until a test listens on the port, as
    // when an application comes back (Watch this URL; a re-run that compares with the link).
    const comeback = {
      "comeback-a": await refusedPort(portBase === undefined ? undefined : port()),
      "comeback-b": await refusedPort(portBase === undefined ? undefined : port()),
      "comeback-c": await refusedPort(portBase === undefined ? undefined : port()),
    };

    const nginxPort = portBase === undefined ? await freeTcpPort() : port();
    const nginx = keep(
      await startNginx({
        ports: [nginxPort],
        http: `
  server {
    listen 127.0.0.1:${nginxPort};
    server_name nginx.lab.test;
    proxy_connect_timeout 2s;
    proxy_read_timeout 500ms;
    location /ok { proxy_pass http://127.0.0.1:${app.port}; }
    location /dead { proxy_pass http://127.0.0.1:${closedPort}; }
    location /invalid { proxy_pass http://127.0.0.1:${failures["bad-header-byte"]!.port}; }
    location /closed { proxy_pass http://127.0.0.1:${failures["premature-close"]!.port}; }
    location /reset { proxy_pass http://127.0.0.1:${failures.reset!.port}; }
    location /big-header { proxy_pass http://127.0.0.1:${failures["huge-headers"]!.port}; }
    location /slow { proxy_pass http://127.0.0.1:${failures.hang!.port}; }
    location /comeback-a { proxy_pass http://127.0.0.1:${comeback["comeback-a"]}; }
    location /comeback-b { proxy_pass http://127.0.0.1:${comeback["comeback-b"]}; }
    location /comeback-c { proxy_pass http://127.0.0.1:${comeback["comeback-c"]}; }
    # One live and one dead server in turn, with no failover and no failure accounting: every
    # second request fails, as behind a load balancer with one bad node.
    location /intermittent {
      proxy_pass http://lab_intermittent;
      proxy_next_upstream off;
    }
  }
  upstream lab_intermittent {
    server 127.0.0.1:${app.port} max_fails=0;
    server 127.0.0.1:${closedPort} max_fails=0;
  }`,
      }),
    );

    const hosts = [
      "app",
      "redirect",
      "edge",
      "nginx",
      "refused",
      "blackhole",
      ...FAILURE_KINDS,
      ...Object.keys(tls).map((name) => `tls-${name}`),
      ...Object.keys(http2),
      // The gateway lab (test/lab/gateways) runs beside this one in the browser tests and relies
      // on this DNS server for <product>.lab.test (nginx.lab.test is already above).
      ...GATEWAY_PRODUCTS.filter((product) => product !== "nginx"),
    ];
    const dns = keep(
      await startDnsServer({
        port: portBase === undefined ? undefined : portBase + LAB_PORT_COUNT - 1,
        records: [
          ...hosts.map((host) => ({ name: `${host}.lab.test`, a: ["127.0.0.1"], ttl: 300 })),
          ...LAB_DNS_RECORDS,
        ],
      }),
    );

    const urls: Record<string, string> = {
      ok: `http://app.lab.test:${app.port}/`,
      "ip-literal": `http://127.0.0.1:${app.port}/`,
      "dns-cname": `http://www.lab.test:${app.port}/`,
      "dns-dual-stack": `http://dual.lab.test:${app.port}/`,
      // Two A records, and the app listens on only the first: one dead node in a DNS round robin.
      "dns-round-robin-one-dead": `http://multi.lab.test:${app.port}/`,
      "dns-nxdomain": `http://missing.lab.test:${app.port}/`,
      "dns-no-records": `http://txtonly.lab.test:${app.port}/`,
      "dns-private-mix": `http://private-mix.lab.test:${app.port}/`,
      "dns-mapped-v6": `http://mapped-v6.lab.test:${app.port}/`,
      refused: `http://refused.lab.test:${closedPort}/`,
      "connect-timeout": `http://blackhole.lab.test:${unaccepting.port}/`,
      "plain-http-on-tls": `https://app.lab.test:${app.port}/`,
      "redirect-loop": `http://redirect.lab.test:${redirects.port}/loop`,
      "redirect-ok": `http://redirect.lab.test:${redirects.port}/to-app`,
      "redirect-chain-5": `http://redirect.lab.test:${redirects.port}/chain/4`,
      "redirect-chain-6": `http://redirect.lab.test:${redirects.port}/chain/5`,
      "redirect-metadata": `http://redirect.lab.test:${redirects.port}/to-metadata`,
      "redirect-gopher": `http://redirect.lab.test:${redirects.port}/to-gopher`,
      "redirect-port-22": `http://redirect.lab.test:${redirects.port}/to-port-22`,
      "nginx-ok": `http://nginx.lab.test:${nginxPort}/ok`,
      "nginx-dead-upstream": `http://nginx.lab.test:${nginxPort}/dead`,
      "nginx-invalid-upstream": `http://nginx.lab.test:${nginxPort}/invalid`,
      "nginx-upstream-closed": `http://nginx.lab.test:${nginxPort}/closed`,
      "nginx-upstream-reset": `http://nginx.lab.test:${nginxPort}/reset`,
      "nginx-upstream-big-header": `http://nginx.lab.test:${nginxPort}/big-header`,
      "nginx-slow-upstream": `http://nginx.lab.test:${nginxPort}/slow`,
      "nginx-intermittent-upstream": `http://nginx.lab.test:${nginxPort}/intermittent`,
    };
    for (const kind of FAILURE_KINDS)
      urls[kind] = `http://${kind}.lab.test:${failures[kind]!.port}/`;
    for (const [name, server] of Object.entries(tls))
      urls[`tls-${name}`] = `https://tls-${name}.lab.test:${server.port}/`;
    for (const [name, server] of Object.entries(http2))
      urls[name] = `https://${name}.lab.test:${server.port}/`;
    for (const [name, upstream] of Object.entries(comeback)) {
      urls[name] = `http://nginx.lab.test:${nginxPort}/${name}`;
      // Not a scenario: where a test starts the upstream that comes back.
      urls[`${name}-upstream`] = `http://127.0.0.1:${upstream}/`;
    }
    for (const page of EDGE_PAGES)
      urls[`edge${page.path.replace(/\//g, "-")}`] =
        `http://edge.lab.test:${edge.port}${page.path}`;

    const ports = [
      ...new Set([
        ...started
          .map((s) => (s as Partial<Fixture>).port)
          .filter((p): p is number => typeof p === "number"),
        closedPort,
        ...Object.values(comeback),
      ]),
    ].sort((a, b) => a - b);
    return {
      urls,
      dns,
      nginx,
      certs,
      ports,
      env: {
        PROBE_ALLOW_CIDRS: "127.0.0.0/8,::1/128",
        PROBE_ALLOW_PORTS: ports.join(","),
        PROBE_DNS_SERVERS: dns.server,
        PROBE_EXTRA_CA_FILE: caFile,
      },
      stop: () => stopAll(started),
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(items: { stop: () => Promise<void> }[]): Promise<void> {
  await Promise.allSettled(items.reverse().map((item) => item.stop()));
}

/**
 * Generous limits for tests that are not about timeouts: a lab server answers in
 * milliseconds, but on a loaded machine (a build beside the tests, stress-ng in
 * test/stress-gate.sh) one phase has been seen to take over a second, and a 1 s phase
 * limit then turned a correct https sample into "firstByte fail" (issue 15). They stay
 * under Vitest's 30 s test timeout.
 */
export const LAB_TIMEOUT_MS = 20_000;
export const LAB_PHASE_TIMEOUT_MS = 10_000;

/**
 * Probe settings aimed at a running lab (20 s overall, 10 s per phase). A test about a
 * timeout passes its own short limits in `overrides` and uses a server that hangs, so the
 * limit it asserts is always the one that fires, however busy the machine.
 */
export function labProbeConfig(lab: Lab, overrides: Partial<ProbeConfig> = {}): ProbeConfig {
  return {
    ...loadProbeConfig(lab.env),
    timeoutMs: LAB_TIMEOUT_MS,
    phaseTimeoutMs: LAB_PHASE_TIMEOUT_MS,
    ...overrides,
  };
}
