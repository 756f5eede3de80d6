/**
 * Every error code a probe sample can end with, and what each means, in one place (got's
 * `RequestError.code` is the model: the platform's codes pass through unchanged, the probe's
 * own are few and named here). The live results, the no-JavaScript page and the support
 * summary all explain a code with `probeErrorMeaning`.
 */

/** Codes the probe itself gives, and the platform codes it explains by name. */
export const PROBE_ERROR_MEANINGS = {
  ECONNREFUSED:
    "Nothing accepted the connection: no web server is listening on that port, or a firewall rejects it.",
  ETIMEDOUT:
    "No answer in time: a firewall silently dropping packets, an overloaded server, or a hung application.",
  EHOSTUNREACH: "There is no network route to that address: a wrong IP, or routing in the way.",
  ENETUNREACH: "There is no network route to that address: a wrong IP, or routing in the way.",
  ECONNRESET: "The server reset the connection: it crashed, restarted or dropped the request.",
  /** The peer closed the connection before the answer was complete (no socket error). */
  "premature-close": "The server hung up before it finished answering.",
  /** The caller's AbortSignal fired. */
  EABORTED: "The check was cancelled before this phase finished.",
  /** The probe's own code threw while reading an answer. */
  EPROBE: "The answer could not be read at all.",
  /** A connect failure without a code of its own. */
  ECONNECT: "The connection could not be opened.",
  /** A request failure without a code of its own. */
  EHTTP: "The request failed before an answer arrived.",
  /** A TLS failure without a code of its own. */
  ERR_TLS: "The TLS handshake failed: certificate, protocol version or ciphers.",
  /** The server closed the socket mid-handshake. */
  ERR_TLS_CLOSED:
    "The server closed the connection during the TLS handshake: often no certificate for this name.",
  HPE_HEADER_OVERFLOW:
    "The response headers are larger than proxies accept (16 KiB): trim cookies or headers.",
  HPE_INVALID_CONSTANT:
    "The answer is not valid HTTP: it has no status line (HTTP/0.9 or another protocol), so a wrong port or an application writing garbage.",
  ERR_SSL_WRONG_VERSION_NUMBER:
    "The port answered in plain HTTP where TLS was expected: wrong port or scheme.",
  ERR_SSL_PACKET_LENGTH_TOO_LONG:
    "The port answered in plain HTTP where TLS was expected: wrong port or scheme.",
  ERR_SSL_HTTP_REQUEST:
    "The port answered in plain HTTP where TLS was expected: wrong port or scheme.",
  CERT_HAS_EXPIRED: "The certificate has expired; browsers refuse it.",
  CERT_NOT_YET_VALID: "The certificate is not valid yet: a wrong date on it or on the server.",
  DEPTH_ZERO_SELF_SIGNED_CERT: "The certificate is self-signed; no browser trusts it.",
  SELF_SIGNED_CERT_IN_CHAIN: "The chain ends in a root nobody trusts.",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    "The server did not send the intermediate certificate that links its own to a trusted root.",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    "The certificate's issuer is unknown: a missing intermediate, or an untrusted private CA.",
  ERR_TLS_CERT_ALTNAME_INVALID: "The certificate does not list this host name.",
} as const satisfies Record<string, string>;

/** A code named in PROBE_ERROR_MEANINGS. */
export type KnownProbeErrorCode = keyof typeof PROBE_ERROR_MEANINGS;

/**
 * Every code a sample's error can carry: a named one, or a platform code passed through as
 * Node gave it — an errno (`E…`), the HTTP parser's `HPE_…`, OpenSSL's `ERR_…`.
 */
export type ProbeErrorCode = KnownProbeErrorCode | `E${string}` | `HPE_${string}` | `ERR_${string}`;

/** What went wrong in a sample: the code, and a sentence about this occurrence. */
export interface ProbeError {
  /** Stable code (see ProbeErrorCode). */
  code: ProbeErrorCode;
  /** What happened this time, with addresses and byte counts. */
  message: string;
}

function isKnown(code: string): code is KnownProbeErrorCode {
  return Object.hasOwn(PROBE_ERROR_MEANINGS, code);
}

/** Keeps a platform code that fits the union; anything else becomes `fallback`. */
export function asProbeErrorCode(
  code: string | undefined,
  fallback: KnownProbeErrorCode,
): ProbeErrorCode {
  if (code === undefined) return fallback;
  if (isKnown(code) || /^(E|HPE_|ERR_)[A-Z0-9_]+$/.test(code)) return code as ProbeErrorCode;
  return fallback;
}

/** One sentence on what a code means; families of platform codes share one. Null for unknown codes. */
export function probeErrorMeaning(code: string | null | undefined): string | null {
  if (!code) return null;
  if (isKnown(code)) return PROBE_ERROR_MEANINGS[code];
  if (code.startsWith("HPE_"))
    return "The answer is not valid HTTP: wrong protocol or broken headers.";
  if (code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS"))
    return "The TLS handshake failed: certificate, protocol version or ciphers.";
  return null;
}
