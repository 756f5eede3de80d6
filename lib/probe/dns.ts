/**
 * The probe's own DNS resolution. It asks DNS servers directly through
 * c-ares (node:dns Resolver) instead of getaddrinfo, so the report can show
 * TTLs, the CNAME chain and which servers answered, and so the system's
 * hosts file and caches cannot change what the guard checks.
 */
import { Resolver } from "node:dns/promises";
import { performance } from "node:perf_hooks";

/** One address record. */
export interface DnsAddress {
  /** The address as text. */
  address: string;
  /** 4 for an A record, 6 for AAAA. */
  family: 4 | 6;
  /** Time to live in seconds, as the server sent it. */
  ttl: number;
}

/** Why a name could not be resolved to any address. */
export type DnsErrorCode = "nxdomain" | "no-records" | "servfail" | "timeout" | "refused" | "error";

/** What the resolution of one name produced. */
export interface DnsResult {
  /** The name that was looked up. */
  name: string;
  /** Servers that were asked; empty means the system's configured servers. */
  servers: string[];
  /** Wall-clock time for the lookups, in milliseconds. */
  durationMs: number;
  /** A and AAAA records, IPv4 first. */
  addresses: DnsAddress[];
  /** Each CNAME target in order, starting from the name; empty when the name has no CNAME. */
  cnameChain: string[];
  /** Set when no address could be found. */
  error: { code: DnsErrorCode; message: string } | null;
}

/** Options for one resolution. */
export interface ResolveOptions {
  /** "ip" or "ip:port" servers; empty uses the system's servers. */
  servers: string[];
  /** Time allowed for the whole resolution. */
  timeoutMs: number;
}

const MAX_CNAME_HOPS = 8;

interface ErrnoLike {
  code?: string;
}

function codeOf(error: unknown): string {
  return (error as ErrnoLike | null)?.code ?? "EUNKNOWN";
}

function newResolver(options: ResolveOptions): Resolver {
  // Two tries within the budget; the overall race below still enforces the deadline.
  const resolver = new Resolver({
    timeout: Math.max(100, Math.floor(options.timeoutMs / 2)),
    tries: 2,
  });
  if (options.servers.length > 0) resolver.setServers(options.servers);
  return resolver;
}

async function cnameChain(resolver: Resolver, name: string): Promise<string[]> {
  const chain: string[] = [];
  let current = name;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    try {
      const [target] = await resolver.resolveCname(current);
      if (!target || chain.includes(target)) break;
      chain.push(target);
      current = target;
    } catch {
      break;
    }
  }
  return chain;
}

function describe(code: DnsErrorCode, name: string, servers: string[], detail: string): string {
  const where = servers.length > 0 ? servers.join(", ") : "the system's DNS servers";
  switch (code) {
    case "nxdomain":
      return `${name} does not exist (NXDOMAIN from ${where}).`;
    case "no-records":
      return `${name} exists but has no A or AAAA records (NODATA from ${where}).`;
    case "servfail":
      return `The DNS server could not resolve ${name} (SERVFAIL from ${where}).`;
    case "timeout":
      return `No DNS answer for ${name} from ${where} before the timeout.`;
    case "refused":
      return `${where} refused the query for ${name} or is not running a DNS server.`;
    case "error":
      return `DNS lookup of ${name} failed (${detail}).`;
  }
}

function classify(codes: string[]): DnsErrorCode {
  if (codes.includes("ENOTFOUND")) return "nxdomain";
  if (codes.every((c) => c === "ENODATA")) return "no-records";
  if (codes.includes("ESERVFAIL")) return "servfail";
  if (codes.includes("ETIMEOUT") || codes.includes("EPROBE_DEADLINE")) return "timeout";
  if (codes.includes("ECONNREFUSED") || codes.includes("EREFUSED")) return "refused";
  return "error";
}

/** Resolves A and AAAA (with TTLs) and the CNAME chain of a name. Never throws. */
export async function resolveName(name: string, options: ResolveOptions): Promise<DnsResult> {
  const started = performance.now();
  const resolver = newResolver(options);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      resolver.cancel();
      reject(Object.assign(new Error("deadline"), { code: "EPROBE_DEADLINE" }));
    }, options.timeoutMs);
  });
  const settle = <T>(p: Promise<T>) =>
    Promise.race([p, deadline]).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, code: codeOf(error) }),
    );
  try {
    const [v4, v6, chain] = await Promise.all([
      settle(resolver.resolve4(name, { ttl: true })),
      settle(resolver.resolve6(name, { ttl: true })),
      settle(cnameChain(resolver, name)),
    ]);
    const addresses: DnsAddress[] = [
      ...(v4.ok
        ? v4.value.map((r) => ({ address: r.address, family: 4 as const, ttl: r.ttl }))
        : []),
      ...(v6.ok
        ? v6.value.map((r) => ({ address: r.address, family: 6 as const, ttl: r.ttl }))
        : []),
    ];
    let error: DnsResult["error"] = null;
    if (addresses.length === 0) {
      const codes = [v4, v6].map((r) => (r.ok ? "ENODATA" : r.code));
      const code = classify(codes);
      error = { code, message: describe(code, name, options.servers, codes.join("/")) };
    }
    return {
      name,
      servers: options.servers,
      durationMs: performance.now() - started,
      addresses,
      cnameChain: chain.ok ? chain.value : [],
      error,
    };
  } finally {
    clearTimeout(timer);
  }
}
