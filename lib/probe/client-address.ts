/**
 * Who is asking, for the probe's limits: the address of the connection, or, behind proxies the
 * operator names in PROBE_TRUST_PROXY, the address those proxies saw. The rule is proxy-addr's
 * (https://github.com/jshttp/proxy-addr#proxyaddrreq-trust): walk from the connection back
 * through X-Forwarded-For, right to left, and stop at the first address that is not a trusted
 * proxy. Entries a client wrote itself sit left of that point and are never read.
 *
 * Next.js gives a route no socket. It does fill X-Forwarded-For with the connection's address,
 * but only when the request has none (next/dist/server/base-server.js: `x-forwarded-for ??=
 * socket.remoteAddress`). So proxy.ts moves the client's X-Forwarded-For to
 * FORWARDED_CHAIN_HEADER (always set, so its presence proves proxy.ts ran) and Next.js then
 * writes the socket's address into X-Forwarded-For.
 */
import {
  cidrContains,
  embeddedIPv4,
  formatAddress,
  parseAddress,
  parseCidr,
  type Cidr,
} from "./cidr";

/** Request header proxy.ts sets to "for=" plus the X-Forwarded-For the request arrived with. */
export const FORWARDED_CHAIN_HEADER = "x-gateway-doctor-forwarded";

/** Which proxies in front of the app are believed (PROBE_TRUST_PROXY). */
export type TrustProxy =
  /** None: the connection's address is the client. */
  | false
  /** This many proxies directly in front of the app ("true" means 1). */
  | { hops: number }
  /** Proxies whose addresses lie in these ranges. */
  | { ranges: Cidr[] };

/** proxy-addr's named ranges. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/**
 * Reads PROBE_TRUST_PROXY: empty/false/0 (trust none), true (one proxy), a whole number of
 * hops, or a comma-separated list of ranges and the names loopback, linklocal, uniquelocal.
 * Throws with a sentence naming the entry it cannot use.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "0" || v === "false") return false;
  if (v === "true") return { hops: 1 };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 32) throw new Error(`PROBE_TRUST_PROXY: ${hops} hops is more than 32`);
    return { hops };
  }
  const ranges: Cidr[] = [];
  for (const entry of v
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const named = NAMED_RANGES[entry];
    try {
      if (named) ranges.push(...named.map((text) => parseCidr(text)));
      else ranges.push(parseCidr(entry));
    } catch {
      throw new Error(
        `PROBE_TRUST_PROXY: "${entry}" is not a hop count, true/false, an address range or one of loopback, linklocal, uniquelocal`,
      );
    }
  }
  return { ranges };
}

function entries(list: string | null): string[] {
  return (list ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

function trusted(address: string, ranges: Cidr[]): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  const v4 = embeddedIPv4(parsed);
  return ranges.some(
    (range) => cidrContains(range, parsed) || (v4 ? cidrContains(range, v4) : false),
  );
}

/**
 * The limiter's key for an address: IPv4 as is; IPv6 by its /64, because one subscriber is
 * usually given a whole /64 and could otherwise take a fresh budget per address.
 */
export function limitKey(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  const v4 = embeddedIPv4(parsed);
  if (parsed.family === 4) return formatAddress(parsed);
  if (v4 && parsed.value >> 32n === 0xffffn) return formatAddress(v4);
  const prefix = (parsed.value >> 64n) << 64n;
  return `${formatAddress({ family: 6, value: prefix })}/64`;
}

/** Anything with request headers. */
export interface HeaderSource {
  headers: { get(name: string): string | null };
}

/**
 * The client's address by the rule above, or "unknown" when it cannot be told (proxy.ts did not
 * run and no proxy is trusted): then every such caller shares one budget, never a fresh one each.
 */
export function clientAddress(request: HeaderSource, trust: TrustProxy): string {
  const marked = request.headers.get(FORWARDED_CHAIN_HEADER);
  const proxyRan = marked !== null && marked.startsWith("for=");
  // With proxy.ts: X-Forwarded-For holds the connection's address alone.
  const socket = proxyRan ? entries(request.headers.get("x-forwarded-for")).pop() : undefined;
  const chain = entries(proxyRan ? marked.slice(4) : request.headers.get("x-forwarded-for"));
  if (trust === false) return socket ?? "unknown";
  // Nearest first: the connection, then X-Forwarded-For from right to left.
  const path = [socket, ...chain.reverse()];
  if ("hops" in trust) {
    const index = Math.min(trust.hops, path.length - 1);
    return path[index] ?? "unknown";
  }
  let index = 0;
  // Without proxy.ts the connection is not known; it is taken to be the trusted proxy.
  while (
    index < path.length - 1 &&
    (path[index] === undefined || trusted(path[index]!, trust.ranges))
  )
    index++;
  return path[index] ?? "unknown";
}
