/**
 * DNS servers for tests. startDnsServer runs Debian's dnsmasq on a free
 * loopback port with records the test chooses and a query log the test can
 * read; startDnsResponder is a tiny UDP server that answers every query with
 * one error code, or never answers, for failures dnsmasq will not produce.
 */
import { createSocket } from "node:dgram";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeDnsPort, waitForTcp } from "./ports";
import { startProcess, untilReady } from "./process";

/** Records served for one name. */
export interface LabDnsRecord {
  /** Fully qualified name without the trailing dot, e.g. "ok.lab.test". */
  name: string;
  /** IPv4 addresses (A records). */
  a?: string[];
  /** IPv6 addresses (AAAA records). */
  aaaa?: string[];
  /** Target of a CNAME; the target must itself be a name in this server's records. */
  cname?: string;
  /** A TXT record, so the name exists without any address (NODATA for A and AAAA). */
  txt?: string;
  /** TTL in seconds for this name's records (default 60). */
  ttl?: number;
}

/** A running dnsmasq. */
export interface LabDnsServer {
  /** Address it listens on. */
  host: string;
  /** UDP and TCP port. */
  port: number;
  /** "host:port", ready for PROBE_DNS_SERVERS. */
  server: string;
  /** Queries received so far, e.g. [{type: "A", name: "ok.lab.test"}], read from dnsmasq's own log. */
  queries: () => Promise<{ type: string; name: string }[]>;
  /** Stops dnsmasq and removes its files. */
  stop: () => Promise<void>;
}

/** Options for startDnsServer. */
export interface DnsServerOptions {
  /** Records to serve. */
  records: LabDnsRecord[];
  /** Domains answered only from the records: unknown names under them are NXDOMAIN (default ["lab.test"]). */
  localDomains?: string[];
  /** UDP and TCP port to serve on; by default one that is free for both. */
  port?: number;
}

/** Starts dnsmasq on 127.0.0.1 and a free (or the given) port, serving exactly the given records. */
export async function startDnsServer(options: DnsServerOptions): Promise<LabDnsServer> {
  const dir = await mkdtemp(join(tmpdir(), "gd-dns-"));
  const host = "127.0.0.1";
  const port = options.port ?? (await freeDnsPort(host));
  const logFile = join(dir, "queries.log");
  const lines = [
    `port=${port}`,
    `listen-address=${host}`,
    "bind-interfaces",
    "no-resolv",
    "no-hosts",
    "no-negcache",
    "cache-size=0",
    // The default pid file lives in /run, which a non-root test run cannot write.
    `pid-file=${join(dir, "dnsmasq.pid")}`,
    "log-queries",
    `log-facility=${logFile}`,
    ...(process.getuid?.() === 0 ? ["user=root"] : []),
    ...(options.localDomains ?? ["lab.test"]).map((domain) => `local=/${domain}/`),
  ];
  for (const record of options.records) {
    const ttl = record.ttl ?? 60;
    for (const address of [...(record.a ?? []), ...(record.aaaa ?? [])])
      lines.push(`host-record=${record.name},${address},${ttl}`);
    if (record.cname) lines.push(`cname=${record.name},${record.cname},${ttl}`);
    if (record.txt !== undefined)
      lines.push(`txt-record=${record.name},"${record.txt.replace(/"/g, "")}"`);
  }
  const confFile = join(dir, "dnsmasq.conf");
  await writeFile(confFile, `${lines.join("\n")}\n`);
  const proc = startProcess("/usr/sbin/dnsmasq", [
    "--keep-in-foreground",
    `--conf-file=${confFile}`,
  ]);
  try {
    await untilReady(proc, "dnsmasq", waitForTcp(port, host));
  } catch (error) {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host,
    port,
    server: `${host}:${port}`,
    queries: async () => {
      const log = await readFile(logFile, "utf8").catch(() => "");
      return [...log.matchAll(/query\[(\w+)\] (\S+) from/g)].map((m) => ({
        type: m[1]!,
        name: m[2]!,
      }));
    },
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** How startDnsResponder answers. */
export type ResponderMode = "servfail" | "refused" | "silent";

/** A UDP DNS server that answers every query with SERVFAIL or REFUSED, or stays silent. */
export interface LabDnsResponder {
  /** "127.0.0.1:port". */
  server: string;
  /** Queries received. */
  count: () => number;
  /** Closes the socket. */
  stop: () => Promise<void>;
}

/** Starts a one-behaviour DNS responder on a free loopback UDP port. */
export async function startDnsResponder(mode: ResponderMode): Promise<LabDnsResponder> {
  const socket = createSocket("udp4");
  let count = 0;
  socket.on("message", (message, peer) => {
    count++;
    if (mode === "silent" || message.length < 12) return;
    // Echo the header and question; set QR and RA, keep RD, put the rcode in the low nibble.
    let end = 12;
    while (end < message.length && message[end] !== 0) end += message[end]! + 1;
    const reply = Buffer.from(message.subarray(0, Math.min(message.length, end + 5)));
    reply[2] = 0x80 | (message[2]! & 0x01);
    reply[3] = 0x80 | (mode === "servfail" ? 2 : 5);
    reply.writeUInt16BE(0, 6);
    reply.writeUInt16BE(0, 8);
    reply.writeUInt16BE(0, 10);
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    count: () => count,
    stop: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
