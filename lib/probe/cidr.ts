/**
 * Address and CIDR arithmetic for the probe's guard. Written here rather than
 * taken from a package because the guard needs exact control over IPv4 that
 * hides inside IPv6 (mapped, compatible, NAT64, 6to4), which general-purpose
 * libraries classify as ordinary unicast.
 */
import { isIPv4, isIPv6 } from "node:net";

/** An address as a 128-bit integer plus its family, so v4 and v6 share one comparison. */
export interface ParsedAddress {
  /** 4 or 6. */
  family: 4 | 6;
  /** The address bits: 32 significant bits for IPv4, 128 for IPv6. */
  value: bigint;
}

/** A network range such as 10.0.0.0/8 or fc00::/7. */
export interface Cidr {
  /** 4 or 6. */
  family: 4 | 6;
  /** Network address with host bits cleared. */
  network: bigint;
  /** Prefix length in bits. */
  prefix: number;
  /** The range as written, for messages. */
  text: string;
}

function parseV4(text: string): bigint | null {
  // Only the canonical dotted quad: short, octal and hex spellings are
  // resolved earlier by WHATWG URL or refused as non-canonical.
  if (!isIPv4(text)) return null;
  let value = 0n;
  for (const part of text.split(".")) value = (value << 8n) | BigInt(Number(part));
  return value;
}

function parseV6(input: string): bigint | null {
  let text = input;
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  if (text.includes("%") || !isIPv6(text)) return null;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(":");
  const lastPart = text.slice(lastColon + 1);
  if (lastPart.includes(".")) {
    const v4 = parseV4(lastPart);
    if (v4 === null) return null;
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = text.slice(0, lastColon + 1) + "0:0";
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const headGroups = head === "" ? [] : head.split(":");
  const restGroups = rest === undefined || rest === "" ? [] : rest.split(":");
  const missing = 8 - headGroups.length - restGroups.length;
  const groups =
    rest === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(missing).fill("0"), ...restGroups];
  if (groups.length !== 8) return null;
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(parseInt(group, 16));
  if (tail.length === 2) value = ((value >> 32n) << 32n) | (tail[0]! << 16n) | tail[1]!;
  return value;
}

/** Parses a canonical IPv4 or IPv6 literal (brackets allowed for v6); null for anything else. */
export function parseAddress(text: string): ParsedAddress | null {
  const v4 = parseV4(text);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = parseV6(text);
  if (v6 !== null) return { family: 6, value: v6 };
  return null;
}

/** Formats an address back to its canonical text (IPv6 without compression of mixed notation). */
export function formatAddress(address: ParsedAddress): string {
  if (address.family === 4) {
    const v = address.value;
    return [24n, 16n, 8n, 0n].map((shift) => String((v >> shift) & 0xffn)).join(".");
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--)
    groups.push(((address.value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 asks.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(":");
  const left = groups.slice(0, bestStart).join(":");
  const right = groups.slice(bestStart + bestLength).join(":");
  return `${left}::${right}`;
}

/** Parses "a.b.c.d/n" or "v6/n"; a bare address means a single-host range. Throws on bad input. */
export function parseCidr(text: string): Cidr {
  const trimmed = text.trim();
  const slash = trimmed.indexOf("/");
  const addressText = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const address = parseAddress(addressText);
  if (!address)
    throw new Error(`"${text}" is not an IPv4 or IPv6 range (expected e.g. 10.0.0.0/8)`);
  const bits = address.family === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(bits) : trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    throw new Error(`"${text}" has an invalid prefix length (0–${bits})`);
  }
  const prefix = Number(prefixText);
  return {
    family: address.family,
    network: maskTo(address.value, prefix, bits),
    prefix,
    text: trimmed,
  };
}

function maskTo(value: bigint, prefix: number, bits: number): bigint {
  const hostBits = BigInt(bits - prefix);
  return (value >> hostBits) << hostBits;
}

/** True when the address lies inside the range (families must match). */
export function cidrContains(range: Cidr, address: ParsedAddress): boolean {
  if (range.family !== address.family) return false;
  const bits = range.family === 4 ? 32 : 128;
  return maskTo(address.value, range.prefix, bits) === range.network;
}

/**
 * The IPv4 address carried inside an IPv6 address by the transition schemes
 * that route to it: IPv4-compatible (::/96), IPv4-mapped (::ffff:0:0/96),
 * NAT64 (64:ff9b::/96) and 6to4 (2002::/16). Null when none applies.
 */
export function embeddedIPv4(address: ParsedAddress): ParsedAddress | null {
  if (address.family !== 6) return null;
  const v = address.value;
  const low32 = v & 0xffffffffn;
  const high96 = v >> 32n;
  if (high96 === 0n || high96 === 0xffffn || high96 === 0x0064ff9b0000000000000000n) {
    // "::" and "::1" are their own blocked ranges, not embedded IPv4.
    if (high96 === 0n && low32 <= 1n) return null;
    return { family: 4, value: low32 };
  }
  if (v >> 112n === 0x2002n) return { family: 4, value: (v >> 80n) & 0xffffffffn };
  return null;
}
