/**
 * The curl command that repeats a check from the owner's own network: the same method and
 * headers as the probe's sample, the same TLS name (curl sends the URL's host as SNI), pinned
 * to the address the probe connected to, and a timing block the analyzer reads back when the
 * output is pasted into it. Pure: the browser builds it from the report it already has.
 *
 * curl options as documented in curl(1) (https://curl.se/docs/manpage.html): --resolve
 * <host:port:addr> (brackets around an IPv6 address since 7.57.0), --connect-to
 * <host:port:connect-host:connect-port>, -w/--write-out with %{time_namelookup},
 * %{time_connect}, %{time_appconnect}, %{time_starttransfer}, %{time_total}, %{http_code},
 * %{remote_ip} and %{remote_port}; "\n" in a write-out format is a newline.
 */
import { probeRequestHeaders } from "@/lib/probe/request-headers";
import { shellQuote, withoutControls } from "./shell";

/**
 * The lines curl prints after the response headers, as the write-out format names them. The
 * analyzer recognises this block when the output is pasted back: keep it byte for byte.
 */
export const CURL_TIMING_LINES = [
  "--- gateway-doctor timings (seconds, cumulative) ---",
  "dns         %{time_namelookup}",
  "connect     %{time_connect}",
  "tls         %{time_appconnect}",
  "first-byte  %{time_starttransfer}",
  "total       %{time_total}",
  "status      %{http_code}",
  "remote      %{remote_ip}:%{remote_port}",
] as const;

/** The -w argument: the block's lines joined by curl's own "\n" escape, ending in one. */
export const CURL_WRITE_OUT = `${CURL_TIMING_LINES.join("\\n")}\\n`;

/** Where a check went, as far as a command needs it. */
export interface ReproduceTarget {
  /** The URL the samples requested (after any redirects the probe followed). */
  url: string;
  /** Its host name as sent in Host and SNI, without IPv6 brackets. */
  hostname: string;
  /** Destination port. */
  port: number;
  /** The address the sample connected to; null when no sample connected anywhere. */
  address: string | null;
  /** The origin-direct address the person gave, when the sample went there. */
  originIp: string | null;
}

/** Whether a host name is an IP literal, which needs no pinning. */
export function isIpLiteral(hostname: string): boolean {
  return hostname.includes(":") || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

/** An address as curl writes it in --resolve and --connect-to: IPv6 in brackets. */
function curlAddress(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

/** How the command pins the connection, or null when the URL already names the address. */
export function pinning(
  target: ReproduceTarget,
): { option: "--resolve" | "--connect-to"; value: string } | null {
  if (target.address === null || isIpLiteral(target.hostname)) return null;
  const where = `${target.hostname}:${target.port}`;
  if (target.originIp !== null && target.address === target.originIp) {
    // Origin-direct: the same name and port, sent to the origin instead of the CDN.
    return {
      option: "--connect-to",
      value: `${where}:${curlAddress(target.address)}:${target.port}`,
    };
  }
  return { option: "--resolve", value: `${where}:${curlAddress(target.address)}` };
}

/** Options for curlCommand. */
export interface CurlOptions {
  /** A CA file to trust besides the system's (`--cacert`), e.g. a test lab's root. */
  caFile?: string;
  /**
   * The protocol: HTTP/1.1 like the probe's samples (default), or HTTP/2 like its h2 sample
   * and like browsers (`--http2`: curl offers h2 in ALPN and uses it when the server agrees).
   */
  protocol?: "http1.1" | "http2";
}

/**
 * The command, one option per line joined with " \" continuations so it reads well and still
 * pastes as one command. Prints the response headers, then the timing block.
 */
export function curlCommand(target: ReproduceTarget, options: CurlOptions = {}): string {
  const url = new URL(target.url);
  // The probe never sends a fragment; curl would drop it too, but the command should say so.
  url.hash = "";
  // curl's default method is the probe's GET; -X would only repeat it.
  const lines: string[] = [
    `curl -sS -D - -o /dev/null ${options.protocol === "http2" ? "--http2" : "--http1.1"}`,
  ];
  const pin = pinning(target);
  if (pin) lines.push(`${pin.option} ${shellQuote(pin.value)}`);
  if (options.caFile) lines.push(`--cacert ${shellQuote(options.caFile)}`);
  for (const [name, value] of probeRequestHeaders()) {
    // HTTP/2 forbids connection-specific headers (RFC 9113 §8.2.2); curl would drop it anyway.
    if (options.protocol === "http2" && name === "Connection") continue;
    lines.push(`-H ${shellQuote(`${name}: ${withoutControls(value)}`)}`);
  }
  lines.push(`-w ${shellQuote(CURL_WRITE_OUT)}`);
  lines.push(shellQuote(url.href));
  return lines.join(" \\\n  ");
}
