/**
 * The probe's safety guard. It parses a URL once, refuses names and
 * addresses that point inside a network, and is re-run on every address DNS
 * returns and on every redirect hop, so that the probe only ever connects to
 * an address this module has checked. Every refusal names its stage.
 */
import {
  cidrContains,
  embeddedIPv4,
  formatAddress,
  parseAddress,
  parseCidr,
  type Cidr,
  type ParsedAddress,
} from "./cidr";

/** Where a refusal happened: parse/scheme/port, name, address literal, after DNS, a redirect hop, or the origin-direct address. */
export type GuardStage = "parse" | "name" | "address" | "dns" | "redirect" | "origin";

/** What the guard needs from the operator's settings. */
export interface GuardPolicy {
  /** Ranges allowed despite the blocked list. */
  allowCidrs: Cidr[];
  /** Ports a URL may name. */
  allowPorts: number[];
}

/** A target the guard refused; never connected to. */
export class ProbeRefusal extends Error {
  /** The stage that refused the target. */
  readonly stage: GuardStage;
  constructor(stage: GuardStage, message: string) {
    super(message);
    this.name = "ProbeRefusal";
    this.stage = stage;
  }
}

/** A URL that passed the parse, name and address-literal checks. */
export interface CheckedUrl {
  /** The parsed URL; use only this from now on. */
  url: URL;
  /** Host name without IPv6 brackets or a trailing dot. */
  hostname: string;
  /** Destination port, defaulted from the scheme. */
  port: number;
  /** The canonical address when the URL names an IP literal, so no DNS is needed. */
  literal: string | null;
}

const BLOCKED_RANGES: Cidr[] = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
  "255.255.255.255/32",
  "::/128",
  "::1/128",
  "::/96",
  "::ffff:0:0/96",
  // IPv4-translated (SIIT) addresses also carry IPv4 in their low bits.
  "::ffff:0:0:0/96",
  "64:ff9b::/96",
  "64:ff9b:1::/48",
  "100::/64",
  // Teredo hides an obfuscated IPv4 address that cannot be checked reliably: block it whole.
  "2001::/32",
  "2001:db8::/32",
  "fc00::/7",
  "fe80::/10",
  "fec0::/10",
  "ff00::/8",
].map(parseCidr);

const SIX_TO_FOUR = parseCidr("2002::/16");

const BLOCKED_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa"];

const MAX_URL_LENGTH = 2048;

/**
 * Why an address must not be probed, or null when it may be. An address
 * inside an operator-allowed range is always allowed; IPv4 carried inside
 * IPv6 is judged as the IPv4 address it routes to.
 */
export function addressBlockReason(address: ParsedAddress, policy: GuardPolicy): string | null {
  const embedded = embeddedIPv4(address);
  const allowed = (a: ParsedAddress) => policy.allowCidrs.some((range) => cidrContains(range, a));
  if (allowed(address) || (embedded && allowed(embedded))) return null;
  const text = formatAddress(address);
  const hit = BLOCKED_RANGES.find((range) => cidrContains(range, address));
  if (hit) return `${text} is in the reserved or private range ${hit.text}`;
  if (embedded && cidrContains(SIX_TO_FOUR, address)) {
    const inner = BLOCKED_RANGES.find((range) => cidrContains(range, embedded));
    if (inner)
      return `${text} is a 6to4 address for ${formatAddress(embedded)}, which is in ${inner.text}`;
  }
  return null;
}

/** Stage P, N and I: parses the URL and checks scheme, credentials, port, name and any address literal. */
export function checkUrl(input: string, policy: GuardPolicy): CheckedUrl {
  if (typeof input !== "string" || input.trim() === "")
    throw new ProbeRefusal("parse", "Enter a URL such as https://example.com/.");
  if (input.length > MAX_URL_LENGTH)
    throw new ProbeRefusal("parse", `The URL is longer than ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ProbeRefusal(
      "parse",
      "This is not a valid URL (IPv6 zone identifiers and malformed hosts are not accepted).",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ProbeRefusal(
      "parse",
      `Only http and https URLs can be probed, not "${url.protocol.replace(/:$/, "")}".`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new ProbeRefusal(
      "parse",
      "URLs with a user name or password (user@host) are not probed.",
    );
  }
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  if (!policy.allowPorts.includes(port)) {
    throw new ProbeRefusal(
      "parse",
      `Port ${port} is not allowed; allowed ports: ${policy.allowPorts.join(", ")}.`,
    );
  }
  let hostname = url.hostname;
  if (hostname.startsWith("[") && hostname.endsWith("]")) hostname = hostname.slice(1, -1);
  const literalAddress = parseAddress(hostname);
  if (literalAddress) {
    const reason = addressBlockReason(literalAddress, policy);
    if (reason) throw new ProbeRefusal("address", `The URL names a blocked address: ${reason}.`);
    return { url, hostname, port, literal: formatAddress(literalAddress) };
  }
  hostname = hostname.replace(/\.$/, "");
  if (
    hostname === "" ||
    hostname === "localhost" ||
    BLOCKED_SUFFIXES.some((suffix) => hostname.endsWith(suffix))
  ) {
    throw new ProbeRefusal(
      "name",
      `"${hostname || url.hostname}" is a local or internal name and is not probed.`,
    );
  }
  if (!hostname.includes(".")) {
    throw new ProbeRefusal(
      "name",
      `"${hostname}" is a single-label (intranet) name and is not probed.`,
    );
  }
  return { url, hostname, port, literal: null };
}

/** Stage D: every address DNS returned must pass, or the name is refused as a whole. */
export function checkResolvedAddresses(
  hostname: string,
  addresses: string[],
  policy: GuardPolicy,
): void {
  for (const text of addresses) {
    const address = parseAddress(text);
    const reason = address ? addressBlockReason(address, policy) : `"${text}" is not an IP address`;
    if (reason)
      throw new ProbeRefusal("dns", `${hostname} resolves to a blocked address: ${reason}.`);
  }
}

/** Stage O: the origin-direct address must be a canonical literal that passes the address check. */
export function checkOriginAddress(input: string, policy: GuardPolicy): string {
  const text = input.trim().replace(/^\[(.*)\]$/, "$1");
  const address = parseAddress(text);
  if (!address) {
    throw new ProbeRefusal(
      "origin",
      `"${input}" is not a canonical IPv4 or IPv6 address (write it as 203.0.113.7 or 2001:db8::7).`,
    );
  }
  const reason = addressBlockReason(address, policy);
  if (reason) throw new ProbeRefusal("origin", `The origin address is blocked: ${reason}.`);
  return formatAddress(address);
}
