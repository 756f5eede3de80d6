/**
 * Real gateway products from Debian, each run in the foreground from a config written to a temp
 * directory, on one loopback port, in front of the lab's misbehaving upstreams: one path per
 * fault (`/refused`, `/slow`, …), so one process per product serves every fault. Each writes an
 * error log and an access log to files in its directory.
 *
 * Settings follow each product's documentation; where a product lets the upstream read
 * (first-byte) timeout be configured it is set to about 2 s, and `timeout` names the setting.
 * Everything else keeps the product's defaults (retries, marking a dead server down, …), so the
 * lab shows what a default installation does.
 */
import { execFile } from "node:child_process";
import { chmod, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { startProcess, type LabProcess } from "../process";

const run = promisify(execFile);

/** The upstream failures every gateway is put in front of. */
export const GATEWAY_FAULTS = [
  /** Nothing listens on the upstream port. */
  "refused",
  /** The upstream accepts and reads the request, then never answers. */
  "slow",
  /** The upstream answers with bytes that are not HTTP. */
  "garbage",
  /** The upstream reads the request and closes without answering. */
  "premature-close",
  /** The upstream reads the request and resets the connection. */
  "reset",
  /** Every other upstream connection is answered 200, the others are closed unanswered. */
  "intermittent",
  /** The upstream speaks TLS with an expired certificate; the gateway verifies certificates. */
  "tls-upstream",
] as const;
export type GatewayFault = (typeof GATEWAY_FAULTS)[number];

/** Product ids, the same ids the probe's vendor field uses. */
export const GATEWAY_PRODUCTS = [
  "nginx",
  "haproxy",
  "apache",
  "caddy",
  "varnish",
  "lighttpd",
  "squid",
  "trafficserver",
  "h2o",
] as const;
export type GatewayProductId = (typeof GATEWAY_PRODUCTS)[number];

/** Where the lab's upstreams listen (all on 127.0.0.1). */
export interface GatewayUpstreams {
  refused: number;
  slow: number;
  garbage: number;
  "premature-close": number;
  reset: number;
  /** Each product gets its own, so the alternation is not shared between products. */
  intermittent: number;
  /** TLS with the lab's expired leaf (valid for 127.0.0.1, signed by the lab root). */
  "tls-upstream": number;
  /** PEM file of the lab root CA, which the gateways are told to trust. */
  caFile: string;
}

/** The setting that bounds how long a gateway waits for the upstream's answer. */
export interface TimeoutSetting {
  /** Its name as written in the product's config, e.g. "proxy_read_timeout". */
  setting: string;
  /** The value the lab sets, or the product's default when it cannot be set. */
  value: string;
  /** Where the setting is documented. */
  source: string;
}

/** What a launcher needs. */
export interface LaunchContext {
  /** Empty temp directory for config, logs and runtime files. */
  dir: string;
  /** Loopback port the gateway listens on. */
  port: number;
  upstreams: GatewayUpstreams;
}

/** A started product, before it is known to accept connections. */
export interface Launched {
  /** Processes to stop, the gateway first. */
  processes: LabProcess[];
  errorLogPath: string;
  accessLogPath: string;
  /** Started after the gateway accepts connections (log readers that attach to it). */
  afterReady?: () => Promise<LabProcess[]>;
}

/** One product of the lab. */
export interface GatewayProduct {
  id: GatewayProductId;
  /** Product name as its vendor writes it. */
  name: string;
  /** Executable whose presence means the product is installed. */
  binary: string;
  /** The command that prints the version, and how to pick the version out of its output. */
  version: { args: string[]; pattern: RegExp };
  timeout: TimeoutSetting;
  /** Faults this product cannot be put in front of, with the reason. */
  unsupported: Partial<Record<GatewayFault, string>>;
  /** Writes the config and starts the product. */
  launch: (context: LaunchContext) => Promise<Launched>;
}

/** Faults a product serves: a path each. */
export function supportedFaults(product: GatewayProduct): GatewayFault[] {
  return GATEWAY_FAULTS.filter((fault) => !product.unsupported[fault]);
}

const isRoot = process.getuid?.() === 0;

/** The upstream URL for a fault: plain HTTP, except the TLS upstream. */
function upstreamUrl(upstreams: GatewayUpstreams, fault: GatewayFault): string {
  const scheme = fault === "tls-upstream" ? "https" : "http";
  return `${scheme}://127.0.0.1:${upstreams[fault]}`;
}

/** Runs `command` with stdout and stderr appended to files, for products that log only there. */
function startLoggingTo(command: string[], stdoutPath: string, stderrPath: string): LabProcess {
  const quoted = command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(" ");
  // exec: the shell becomes the product, so stopping the process stops the product.
  return startProcess("/bin/sh", ["-c", `exec ${quoted} >>'${stdoutPath}' 2>>'${stderrPath}'`]);
}

const nginx: GatewayProduct = {
  id: "nginx",
  name: "nginx",
  binary: "/usr/sbin/nginx",
  version: { args: ["-v"], pattern: /nginx\/(\S+)/ },
  timeout: {
    setting: "proxy_read_timeout",
    value: "2s",
    source: "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout",
  },
  unsupported: {},
  async launch({ dir, port, upstreams }) {
    const errorLogPath = join(dir, "error.log");
    const accessLogPath = join(dir, "access.log");
    const locations = supportedFaults(nginx).map((fault) => {
      // proxy_ssl_verify is off by default; with it on, nginx checks the chain and the name.
      const tls =
        fault === "tls-upstream"
          ? `proxy_ssl_verify on; proxy_ssl_trusted_certificate ${upstreams.caFile}; proxy_ssl_name 127.0.0.1;`
          : "";
      return `location /${fault} { proxy_pass ${upstreamUrl(upstreams, fault)}; ${tls} }`;
    });
    const conf = `
${isRoot ? "user root root;" : ""}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${errorLogPath} warn;
events { worker_connections 512; }
http {
  access_log ${accessLogPath};
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    proxy_connect_timeout 2s;
    proxy_read_timeout 2s;
    ${locations.join("\n    ")}
  }
}
`;
    await writeFile(join(dir, "nginx.conf"), conf);
    const proc = startProcess("/usr/sbin/nginx", [
      "-p",
      dir,
      "-c",
      join(dir, "nginx.conf"),
      "-e",
      errorLogPath,
      "-g",
      "daemon off;",
    ]);
    return { processes: [proc], errorLogPath, accessLogPath };
  },
};

const haproxy: GatewayProduct = {
  id: "haproxy",
  name: "HAProxy",
  binary: "/usr/sbin/haproxy",
  version: { args: ["-v"], pattern: /HAProxy version (\S+)/ },
  timeout: {
    setting: "timeout server",
    value: "2s",
    source: "https://docs.haproxy.org/2.6/configuration.html#4.2-timeout%20server",
  },
  unsupported: {},
  async launch({ dir, port, upstreams }) {
    // HAProxy logs only to syslog, a ring or stdout/stderr: the request log (httplog, with its
    // termination state) goes to stdout, alerts and warnings to stderr.
    const accessLogPath = join(dir, "access.log");
    const errorLogPath = join(dir, "error.log");
    const backends = supportedFaults(haproxy).map((fault) => {
      const tls =
        fault === "tls-upstream"
          ? ` ssl verify required ca-file ${upstreams.caFile} verifyhost 127.0.0.1`
          : "";
      return `backend ${fault}\n  server upstream 127.0.0.1:${upstreams[fault]}${tls}`;
    });
    const conf = `
global
  log stdout format raw local0 info
defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 30s
  timeout server 2s
frontend gateway
  bind 127.0.0.1:${port}
  use_backend %[path,field(2,/)]
${backends.join("\n")}
`;
    await writeFile(join(dir, "haproxy.cfg"), conf);
    const proc = startLoggingTo(
      ["/usr/sbin/haproxy", "-db", "-f", join(dir, "haproxy.cfg")],
      accessLogPath,
      errorLogPath,
    );
    return { processes: [proc], errorLogPath, accessLogPath };
  },
};

const APACHE_MODULES = "/usr/lib/apache2/modules";

const apache: GatewayProduct = {
  id: "apache",
  name: "Apache httpd (mod_proxy_http)",
  binary: "/usr/sbin/apache2",
  version: { args: ["-v"], pattern: /Apache\/(\S+)/ },
  timeout: {
    setting: "ProxyTimeout",
    value: "2",
    source: "https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxytimeout",
  },
  unsupported: {},
  async launch({ dir, port, upstreams }) {
    const errorLogPath = join(dir, "error.log");
    const accessLogPath = join(dir, "access.log");
    const modules = ["mpm_event", "authz_core", "proxy", "proxy_http", "ssl", "socache_shmcb"];
    const passes = supportedFaults(apache).map(
      (fault) => `ProxyPass "/${fault}" "${upstreamUrl(upstreams, fault)}/${fault}"`,
    );
    const conf = `
${modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join("\n")}
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog ${errorLogPath}
LogLevel warn
LogFormat "%h %l %u %t \\"%r\\" %>s %b %D" lab
CustomLog ${accessLogPath} lab
${isRoot ? "User daemon\nGroup daemon" : ""}
ProxyTimeout 2
# Verify the upstream's certificate: chain, validity dates and name (mod_ssl defaults to none).
SSLProxyEngine on
SSLProxyVerify require
SSLProxyCheckPeerName on
SSLProxyCheckPeerExpire on
# The default depth (1) rejects any chain with an intermediate before looking at the dates.
SSLProxyVerifyDepth 4
SSLProxyCACertificateFile ${upstreams.caFile}
${passes.join("\n")}
`;
    await writeFile(join(dir, "httpd.conf"), conf);
    const proc = startProcess("/usr/sbin/apache2", ["-f", join(dir, "httpd.conf"), "-DFOREGROUND"]);
    return { processes: [proc], errorLogPath, accessLogPath };
  },
};

const caddy: GatewayProduct = {
  id: "caddy",
  name: "Caddy",
  binary: "/usr/bin/caddy",
  version: { args: ["version"], pattern: /v?(\d+\.\d+\.\d+\S*)/ },
  timeout: {
    setting: "reverse_proxy transport http response_header_timeout",
    value: "2s",
    source: "https://caddyserver.com/docs/caddyfile/directives/reverse_proxy#the-http-transport",
  },
  unsupported: {},
  async launch({ dir, port, upstreams }) {
    const errorLogPath = join(dir, "error.log");
    const accessLogPath = join(dir, "access.log");
    const routes = supportedFaults(caddy).map((fault) => {
      const tls =
        fault === "tls-upstream" ? `\n        tls_trusted_ca_certs ${upstreams.caFile}` : "";
      return `handle /${fault}* {
    reverse_proxy ${upstreamUrl(upstreams, fault)} {
      transport http {
        dial_timeout 2s
        response_header_timeout 2s${tls}
      }
    }
  }`;
    });
    const caddyfile = `{
  admin off
  auto_https off
  log {
    output file ${errorLogPath}
  }
}
http://:${port} {
  bind 127.0.0.1
  log {
    output file ${accessLogPath}
  }
  ${routes.join("\n  ")}
}
`;
    await writeFile(join(dir, "Caddyfile"), caddyfile);
    // Caddy keeps state under XDG directories; point them into the temp dir.
    const proc = startProcess("/usr/bin/env", [
      `XDG_DATA_HOME=${dir}/data`,
      `XDG_CONFIG_HOME=${dir}/config`,
      "/usr/bin/caddy",
      "run",
      "--adapter",
      "caddyfile",
      "--config",
      join(dir, "Caddyfile"),
    ]);
    return { processes: [proc], errorLogPath, accessLogPath };
  },
};

const varnish: GatewayProduct = {
  id: "varnish",
  name: "Varnish Cache",
  binary: "/usr/sbin/varnishd",
  version: { args: ["-V"], pattern: /varnish-(\S+)/ },
  timeout: {
    setting: "backend .first_byte_timeout",
    value: "2s",
    source: "https://varnish-cache.org/docs/7.1/reference/vcl-backend.html",
  },
  unsupported: {
    "tls-upstream":
      "Varnish Cache has no TLS to backends (https://varnish-cache.org/docs/trunk/phk/ssl.html)",
  },
  async launch({ dir, port, upstreams }) {
    const errorLogPath = join(dir, "error.log");
    const accessLogPath = join(dir, "access.log");
    const faults = supportedFaults(varnish);
    const ident = (fault: string) => fault.replaceAll("-", "_");
    const vcl = `vcl 4.1;
${faults
  .map(
    (fault) => `backend ${ident(fault)} {
  .host = "127.0.0.1";
  .port = "${upstreams[fault]}";
  .connect_timeout = 2s;
  .first_byte_timeout = 2s;
}`,
  )
  .join("\n")}
sub vcl_recv {
${faults.map((fault) => `  if (req.url ~ "^/${fault}") { set req.backend_hint = ${ident(fault)}; }`).join("\n")}
  # Never serve from cache: every request must reach the upstream.
  return (pass);
}
`;
    await writeFile(join(dir, "default.vcl"), vcl);
    const workdir = join(dir, "varnish");
    const proc = startProcess("/usr/sbin/varnishd", [
      "-F",
      "-j",
      "none",
      "-n",
      workdir,
      "-a",
      `127.0.0.1:${port}`,
      "-f",
      join(dir, "default.vcl"),
      "-s",
      "malloc,16m",
    ]);
    // Varnish logs to shared memory; its own readers turn that into files: varnishncsa the
    // access log, varnishlog the FetchError records (why a backend fetch failed). They read
    // only what happens after they attach, so a request that both must log (it goes to the
    // first backend, the refused one) is repeated until both files show it.
    const afterReady = async () => {
      const readers = [
        startProcess("/usr/bin/varnishncsa", ["-n", workdir, "-a", "-w", accessLogPath]),
        startProcess("/usr/bin/varnishlog", [
          "-n",
          workdir,
          "-g",
          "raw",
          "-i",
          "FetchError",
          "-A",
          "-a",
          "-w",
          errorLogPath,
        ]),
      ];
      const logged = async (path: string) =>
        (await readFile(path, "utf8").catch(() => "")).length > 0;
      const until = Date.now() + 15_000;
      while (!((await logged(accessLogPath)) && (await logged(errorLogPath)))) {
        if (Date.now() > until) {
          await Promise.all(readers.map((reader) => reader.stop()));
          throw new Error("varnishncsa and varnishlog did not attach within 15 s");
        }
        await fetch(`http://127.0.0.1:${port}/lab-logs-attached`).then(
          (response) => response.arrayBuffer(),
          () => undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return readers;
    };
    return { processes: [proc], errorLogPath, accessLogPath, afterReady };
  },
};

const lighttpd: GatewayProduct = {
  id: "lighttpd",
  name: "lighttpd (mod_proxy)",
  binary: "/usr/sbin/lighttpd",
  version: { args: ["-v"], pattern: /lighttpd\/(\S+)/ },
  timeout: {
    setting: 'proxy.server "read-timeout"',
    value: "2",
    source: "https://redmine.lighttpd.net/projects/lighttpd/wiki/Docs_ModProxy",
  },
  unsupported: {
    "tls-upstream":
      "lighttpd mod_proxy connects to backends over plain TCP only (https://redmine.lighttpd.net/projects/lighttpd/wiki/Docs_ModProxy)",
  },
  async launch({ dir, port, upstreams }) {
    const errorLogPath = join(dir, "error.log");
    const accessLogPath = join(dir, "access.log");
    const blocks = supportedFaults(lighttpd).map(
      (fault) => `$HTTP["url"] =~ "^/${fault}" {
  proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => ${upstreams[fault]}, "connect-timeout" => 2, "read-timeout" => 2 ) ) )
}`,
    );
    const conf = `
server.modules = ( "mod_proxy", "mod_accesslog" )
server.document-root = "${dir}"
server.bind = "127.0.0.1"
server.port = ${port}
server.pid-file = "${dir}/lighttpd.pid"
server.errorlog = "${errorLogPath}"
accesslog.filename = "${accessLogPath}"
${blocks.join("\n")}
`;
    await writeFile(join(dir, "lighttpd.conf"), conf);
    const proc = startProcess("/usr/sbin/lighttpd", ["-D", "-f", join(dir, "lighttpd.conf")]);
    return { processes: [proc], errorLogPath, accessLogPath };
  },
};

const squid: GatewayProduct = {
  id: "squid",
  name: "Squid (accelerator mode)",
  binary: "/usr/sbin/squid",
  version: { args: ["-v"], pattern: /Version (\S+)/ },
  timeout: {
    setting: "read_timeout",
    value: "2 seconds",
    source: "http://www.squid-cache.org/Doc/config/read_timeout/",
  },
  unsupported: {},
  async launch({ dir, port, upstreams }) {
    const errorLogPath = join(dir, "cache.log");
    const accessLogPath = join(dir, "access.log");
    const peers = supportedFaults(squid).map((fault) => {
      const name = fault.replaceAll("-", "_");
      const tls = fault === "tls-upstream" ? ` tls tls-cafile=${upstreams.caFile}` : "";
      return `cache_peer 127.0.0.1 parent ${upstreams[fault]} 0 no-query no-digest originserver name=${name}${tls}
acl path_${name} urlpath_regex ^/${fault}
cache_peer_access ${name} allow path_${name}
cache_peer_access ${name} deny all`;
    });
    const conf = `
http_port 127.0.0.1:${port} accel defaultsite=squid.lab.test no-vhost
visible_hostname squid.lab.test
${peers.join("\n")}
never_direct allow all
http_access allow all
cache deny all
connect_timeout 2 seconds
read_timeout 2 seconds
icp_port 0
htcp_port 0
pinger_enable off
pid_filename ${dir}/squid.pid
cache_log ${errorLogPath}
access_log stdio:${accessLogPath}
cache_store_log none
coredump_dir ${dir}
shutdown_lifetime 0 seconds
`;
    await writeFile(join(dir, "squid.conf"), conf);
    // Started as root, Squid drops to its cache_effective_user (proxy), which must write here.
    await chmod(dir, 0o777);
    const proc = startProcess("/usr/sbin/squid", ["-N", "-f", join(dir, "squid.conf")]);
    return { processes: [proc], errorLogPath, accessLogPath };
  },
};

const trafficserver: GatewayProduct = {
  id: "trafficserver",
  name: "Apache Traffic Server",
  binary: "/usr/bin/traffic_server",
  version: { args: ["--version"], pattern: /Traffic Server (\d\S*)/ },
  timeout: {
    setting: "proxy.config.http.transaction_no_activity_timeout_out",
    value: "2",
    source:
      "https://docs.trafficserver.apache.org/en/9.2.x/admin-guide/files/records.config.en.html#proxy-config-http-transaction-no-activity-timeout-out",
  },
  unsupported: {},
  async launch({ dir, port, upstreams }) {
    // A run root of our own: config, logs, runtime files and cache in the temp dir, binaries
    // and plugins from the package, error page templates from the package's body_factory.
    const etc = join(dir, "etc");
    const logs = join(dir, "log");
    await Promise.all(["etc", "log", "run", "cache"].map((sub) => mkdir(join(dir, sub))));
    await symlink("/etc/trafficserver/body_factory", join(etc, "body_factory"));
    const runroot = `prefix: ${dir}
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: ${etc}
datadir: ${dir}/cache
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: ${dir}
runtimedir: ${dir}/run
logdir: ${logs}
cachedir: ${dir}/cache
`;
    // "#-1": stay the user that started it (it refuses to be told "root" by name). The log
    // settings flush its buffered logs about once a second instead of every five.
    const records = `
CONFIG proxy.config.http.server_ports STRING ${port}:ip-in=127.0.0.1
CONFIG proxy.config.admin.user_id STRING #-1
CONFIG proxy.config.exec_thread.autoconfig INT 0
CONFIG proxy.config.exec_thread.limit INT 1
CONFIG proxy.config.accept_threads INT 1
CONFIG proxy.config.task_threads INT 1
CONFIG proxy.config.http.cache.http INT 0
CONFIG proxy.config.url_remap.remap_required INT 1
CONFIG proxy.config.reverse_proxy.enabled INT 1
CONFIG proxy.config.http.transaction_no_activity_timeout_out INT 2
CONFIG proxy.config.http.connect_attempts_timeout INT 2
CONFIG proxy.config.http.connect_attempts_max_retries INT 0
CONFIG proxy.config.log.max_secs_per_buffer INT 1
CONFIG proxy.config.log.periodic_tasks_interval INT 1
CONFIG proxy.config.ssl.client.verify.server.policy STRING ENFORCED
CONFIG proxy.config.ssl.client.verify.server.properties STRING ALL
CONFIG proxy.config.ssl.client.CA.cert.path STRING ${dir}
CONFIG proxy.config.ssl.client.CA.cert.filename STRING ${upstreams.caFile}
`;
    const remap = supportedFaults(trafficserver)
      .map((fault) => `map /${fault} ${upstreamUrl(upstreams, fault)}/${fault}`)
      .join("\n");
    const logging = `logging:
  formats:
    - name: lab
      format: '%<cqtq> %<ttms> %<chi> %<crc>/%<pssc> %<psql> %<cqhm> %<cquc> %<phr>/%<shn> %<sssc> %<psct>'
  logs:
    - filename: access
      format: lab
      mode: ascii
`;
    await Promise.all([
      writeFile(join(dir, "runroot.yaml"), runroot),
      writeFile(join(etc, "records.config"), records),
      writeFile(join(etc, "remap.config"), `${remap}\n`),
      writeFile(join(etc, "storage.config"), `${dir}/cache 16M\n`),
      writeFile(join(etc, "logging.yaml"), logging),
      ...[
        "ip_allow.yaml",
        "sni.yaml",
        "ssl_multicert.config",
        "plugin.config",
        "parent.config",
        "hosting.config",
        "volume.config",
        "cache.config",
        "strategies.yaml",
        "splitdns.config",
        "socks.config",
      ].map((name) => symlink(`/etc/trafficserver/${name}`, join(etc, name))),
    ]);
    const proc = startProcess("/usr/bin/traffic_server", [
      `--run-root=${join(dir, "runroot.yaml")}`,
    ]);
    return {
      processes: [proc],
      errorLogPath: join(logs, "error.log"),
      accessLogPath: join(logs, "access.log"),
    };
  },
};

const h2o: GatewayProduct = {
  id: "h2o",
  name: "H2O",
  binary: "/usr/bin/h2o",
  version: { args: ["-v"], pattern: /h2o version (\S+)/ },
  timeout: {
    setting: "proxy.timeout.io",
    value: "2000",
    source: "https://h2o.examp1e.net/configure/proxy_directives.html#proxy.timeout.io",
  },
  unsupported: {},
  async launch({ dir, port, upstreams }) {
    const errorLogPath = join(dir, "error.log");
    const accessLogPath = join(dir, "access.log");
    const paths = supportedFaults(h2o).map((fault) => {
      const tls =
        fault === "tls-upstream"
          ? `\n        proxy.ssl.verify-peer: ON\n        proxy.ssl.cafile: ${upstreams.caFile}`
          : "";
      return `      /${fault}:\n        proxy.reverse.url: ${upstreamUrl(upstreams, fault)}/${fault}${tls}`;
    });
    const conf = `${isRoot ? "user: root\n" : ""}pid-file: ${dir}/h2o.pid
error-log: ${errorLogPath}
access-log: ${accessLogPath}
proxy.timeout.io: 2000
listen:
  host: 127.0.0.1
  port: ${port}
hosts:
  default:
    paths:
${paths.join("\n")}
`;
    await writeFile(join(dir, "h2o.conf"), conf);
    const proc = startProcess("/usr/bin/h2o", ["-c", join(dir, "h2o.conf")]);
    return { processes: [proc], errorLogPath, accessLogPath };
  },
};

/** Every product, in GATEWAY_PRODUCTS order. */
export const PRODUCTS: Record<GatewayProductId, GatewayProduct> = {
  nginx,
  haproxy,
  apache,
  caddy,
  varnish,
  lighttpd,
  squid,
  trafficserver,
  h2o,
};

/** The product's version as its own `-v` (or equivalent) prints it. */
export async function productVersion(product: GatewayProduct): Promise<string> {
  const { stdout, stderr } = await run(product.binary, product.version.args).catch(
    (error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? "",
    }),
  );
  const text = `${stdout}\n${stderr}`;
  return product.version.pattern.exec(text)?.[1] ?? text.trim().split("\n")[0] ?? "unknown";
}
