/**
 * The probe's verdict vocabulary. The wizard (machines/), the analyzer and the
 * tests all key on these strings, so they are a stable public contract:
 * add new members, never rename old ones.
 */

export const VERDICT_CODES = [
  "ok",
  "dns-nxdomain",
  "dns-no-records",
  "dns-error",
  "connect-refused",
  "connect-timeout",
  "unreachable",
  "tls-expired",
  "tls-not-yet-valid",
  "tls-self-signed",
  "tls-untrusted",
  "tls-incomplete-chain",
  "tls-hostname-mismatch",
  "tls-handshake-failed",
  "no-response",
  "connection-closed",
  "malformed-response",
  /** 502, and the CDN codes 520–523, 525–527, 530. */
  "bad-gateway",
  /** 504, and Cloudflare 524. */
  "gateway-timeout",
  "unavailable",
  "server-error",
  /** A WAF or CDN block page: 403/429 with a vendor's markers. */
  "blocked",
] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

/** Which hop of the request path the evidence points at. */
export const VERDICT_LAYERS = ["dns", "network", "tls", "edge", "proxy", "app", "unknown"] as const;
export type VerdictLayer = (typeof VERDICT_LAYERS)[number];

/** What the evidence shows went wrong behind the gateway, when it shows it. */
export const VERDICT_CAUSES = [
  "upstream-refused",
  "upstream-timeout",
  "upstream-connect-timeout",
  "upstream-unreachable",
  "upstream-invalid-response",
  "upstream-tls",
  "upstream-tls-invalid-certificate",
  "upstream-dns",
  "no-healthy-upstream",
  "upstream-closed",
  "headers-too-large",
] as const;
export type VerdictCause = (typeof VERDICT_CAUSES)[number];

/** How sure a verdict's cause is: "high" when one observation alone determines it. */
export const VERDICT_CONFIDENCES = ["high", "medium", "low"] as const;
export type VerdictConfidence = (typeof VERDICT_CONFIDENCES)[number];

/**
 * What the probe itself saw happen, phase by phase. The wizard infers an answer only from
 * an observation recorded here, so a check that never looked a name up never "confirms" DNS.
 */
export interface VerdictObserved {
  /** A DNS lookup ran and returned addresses (false for an IP literal or a failed lookup). */
  dnsResolved: boolean;
  /** A TCP connection was accepted. */
  connected: boolean;
  /** A TLS handshake completed (false for plain HTTP). */
  tlsHandshake: boolean;
  /** A response with a status line (or an HTTP/0.9 body) arrived. */
  httpResponse: boolean;
  /**
   * The id of a product that sits in front of the app (CDN, load balancer, reverse proxy)
   * and identified itself in the response; null when none did.
   */
  gateway: string | null;
}

/** The parts of a probe verdict that the diagnosis machine reasons about. */
export interface VerdictFacts {
  /** Stable classification of what the probe saw. */
  code: VerdictCode;
  /** HTTP status of the (last) response, or null when no response arrived. */
  status: number | null;
  /** Where the failure sits on the request path. */
  layer: VerdictLayer;
  /** Product that produced the response (cloudflare, nginx, aws-alb, …), or null when unknown. */
  vendor: string | null;
  /** What the evidence shows went wrong upstream, when it shows it. */
  cause: VerdictCause | null;
  /**
   * True when several samples disagreed (some failed, some did not). Absent or
   * false for a single sample, or when every sample ended the same way.
   */
  intermittent?: boolean;
  /** What the probe saw happen; absent only in hand-written verdicts (tests, old permalinks). */
  observed?: VerdictObserved;
  /** How sure the cause is; absent when there is no cause. */
  confidence?: VerdictConfidence;
}
