/**
 * The shape of one product in the registry: who it is, where it sits on the request
 * path, and how it gives itself away in a response. The probe, the diagnosis machine
 * and the analyzer all key on `id`, so ids are a public contract: add, never rename.
 */
import type { VerdictCause } from "@/lib/probe/verdict";

/** Where a product sits on the request path. */
export const PRODUCT_ROLES = [
  "cdn",
  "load-balancer",
  "reverse-proxy",
  "app-server",
  "platform",
] as const;
export type ProductRole = (typeof PRODUCT_ROLES)[number];

/** A response header that identifies a product. */
export interface HeaderSignature {
  /** Header name, lower-case. */
  header: string;
  /** Test on the header's value. */
  value: RegExp;
  /**
   * How strongly the header names this product, 1–10: 10 when only this product sends
   * it, lower when another product relays or imitates it (a CDN passes an origin's
   * `Server` through, so `Server` alone loses to a CDN's own header).
   */
  weight: number;
}

/** Text in an error page that identifies the product which wrote the page. */
export interface BodyMarker {
  /** Test on the body (entities decoded, trimmed). */
  pattern: RegExp;
  /** As for headers; body markers stay below 7 because a CDN may relay an origin's page. */
  weight: number;
  /** What the marker is, in words for the evidence list. */
  label: string;
}

/** Wording a product uses that states what went wrong upstream. */
export interface CauseSignature {
  /** Test on the reason phrase, the body, or a header named in `causeHeaders`. */
  pattern: RegExp;
  /**
   * The cause it states, or null for wording the product uses for several failures: a null
   * match ends the search, so wording any proxy might use cannot read one cause into it
   * (Traffic Server's "Could Not Connect" covers a refused connection and a failed TLS handshake).
   */
  cause: VerdictCause | null;
}

/** A timeout the product applies to the server behind it, at its documented default. */
export interface TimeoutDefault {
  /** The setting as an operator writes it (`proxy_read_timeout`). */
  setting: string;
  /** Default in seconds. */
  seconds: number;
  /** What expiry means: no answer in time, or no connection in time. */
  cause: "upstream-timeout" | "upstream-connect-timeout";
}

/** One product in the registry. */
export interface Product {
  /** Stable id (`nginx`, `cloudflare`, `aws-alb`). */
  id: string;
  /** Human name, as the vendor writes it. */
  name: string;
  /** Where it sits on the request path. */
  role: ProductRole;
  /** Role in an owner's words when the coarse role says too little ("PHP app server"). */
  roleLabel?: string;
  /** Other names the same code ships under (OpenResty, Tengine for nginx). */
  aliases?: readonly string[];
  /** Headers that identify it. */
  headers: readonly HeaderSignature[];
  /** Error-page text that identifies it. */
  bodyMarkers: readonly BodyMarker[];
  /** Reason phrases it writes on its own error responses, and the cause each states. */
  reasonPhrases: readonly CauseSignature[];
  /** Error-page text that states a cause. */
  bodyCauses: readonly CauseSignature[];
  /** Headers whose value states the failure (`x-squid-error: ERR_READ_TIMEOUT 0`). */
  causeHeaders?: readonly string[];
  /**
   * What its own bare error statuses mean when the page says nothing more, as observed in
   * the lab (lighttpd answers 503 for a refused connection and 500 for a closed one).
   */
  statusCauses?: Readonly<Record<number, VerdictCause>>;
  /**
   * Statuses it answers with its own page for any failure of the server behind it, whatever
   * the failure was (Varnish's 503 "Backend fetch failed"). Such a status says the upstream
   * failed, not how, so the wizard asks for the gateway's log instead of asking why the site
   * is "unavailable".
   */
  upstreamFailureStatuses?: readonly number[];
  /** Headers carrying a reference id its support can look up, in order of preference. */
  referenceHeaders?: readonly string[];
  /** Upstream timeouts at their defaults; a failure after about this long points at the setting. */
  timeouts: readonly TimeoutDefault[];
  /** Where the facts above come from: documentation URLs, or "observed in the lab, <product> <version>". */
  sources: readonly string[];
}
