/**
 * Who produced a response, and what it says went wrong. Products are recognised by the
 * signatures in the product registry; headers outrank branding in the body, because a CDN
 * often relays an origin's page. The cause comes from the words the response uses — a
 * reason phrase, a header, the page — first in the product's own vocabulary, then in
 * wording any gateway might use, so an unknown product still gets a cause.
 */
import { allProducts, product } from "@/lib/products/registry";
import type { CauseSignature } from "@/lib/products/types";
import type { VerdictCause } from "./verdict";

/** What the markers in one response reveal. */
export interface VendorFindings {
  /** Product that most likely produced the response, or null. */
  vendor: string | null;
  /** Reference id a vendor's support can look up (cf-ray, x-amz-cf-id, Akamai Reference #, …). */
  reference: string | null;
  /** Whether the page is a WAF or bot-protection block rather than an error. */
  blockPage: boolean;
  /** A cause the response itself states, e.g. Varnish's "first byte timeout". */
  cause: VerdictCause | null;
  /** Human-readable lines naming each marker found. */
  evidence: string[];
}

interface BlockMarker {
  vendor: string;
  header?: [string, RegExp];
  body?: RegExp;
  /** Generic wording counts only when other markers already identified this vendor. */
  needsVendor?: boolean;
}

const BLOCK_MARKERS: BlockMarker[] = [
  { vendor: "cloudflare", header: ["cf-mitigated", /./] },
  {
    vendor: "cloudflare",
    body: /Attention Required! \| Cloudflare|Sorry, you have been blocked|Just a moment\.\.\.|Error 10(06|07|08|10|12|20)\b/i,
    needsVendor: true,
  },
  {
    vendor: "cloudfront",
    body: /Request blocked\.|The request could not be satisfied/i,
    needsVendor: true,
  },
  { vendor: "aws-waf", header: ["x-amzn-waf-action", /./] },
  { vendor: "akamai", body: /Access Denied[\s\S]*Reference #/i, needsVendor: true },
  { vendor: "imperva", body: /Incapsula incident ID|Request unsuccessful\. Incapsula/i },
  { vendor: "sucuri", body: /Sucuri WebSite Firewall/i },
  { vendor: "fastly", body: /Request blocked|Forbidden/i, needsVendor: true },
];

/**
 * Wording any gateway may use, for products the registry does not know or whose own
 * vocabulary says nothing. Order matters: the first match wins, and Envoy's "disconnect/reset
 * before headers. reset reason: connection failure" must read as a closed connection.
 */
const GENERIC_BODY_CAUSES: CauseSignature[] = [
  {
    pattern:
      /first byte timeout|backend_timeout|upstream request timeout|OriginTimeout|upstream timed out|\bI\/O timeout\b|didn't respond in time|read timeout/i,
    cause: "upstream-timeout",
  },
  {
    pattern:
      /All backends failed or unhealthy|no healthy upstream|No server is available to handle this request|no live upstreams|All workers are in error state/i,
    cause: "no-healthy-upstream",
  },
  {
    pattern:
      /backend read error|upstream connect error or disconnect\/reset before headers|backend_connection_closed|upstream prematurely closed|connection reset by peer/i,
    cause: "upstream-closed",
  },
  {
    pattern: /failed_to_connect_to_backend|connection refused|connection failed|could not connect/i,
    cause: "upstream-refused",
  },
  {
    pattern: /Error 1016|Origin DNS error|could not be resolved|DNS lookup failure/i,
    cause: "upstream-dns",
  },
  {
    pattern: /failed to parse the response|upstream sent (invalid|no valid)|invalid HTTP response/i,
    cause: "upstream-invalid-response",
  },
];

/**
 * Reason phrases are one short line the gateway chose; a non-standard one usually names
 * the failure ("502 Connection refused", "502 Invalid HTTP Response").
 */
const GENERIC_REASON_CAUSES: CauseSignature[] = [
  { pattern: /refused|could not connect|connect(ion)? failed/i, cause: "upstream-refused" },
  { pattern: /time[d -]?out/i, cause: "upstream-timeout" },
  { pattern: /invalid|malformed|bad response|parse/i, cause: "upstream-invalid-response" },
  { pattern: /closed|reset|hang ?up/i, cause: "upstream-closed" },
  { pattern: /no (healthy|available|live)/i, cause: "no-healthy-upstream" },
  { pattern: /dns|resolv|unknown host/i, cause: "upstream-dns" },
];

/** The reason phrases RFC 9110 gives (and common variants); they say nothing beyond the status. */
const STANDARD_REASONS = new Set(
  [
    "ok",
    "bad gateway",
    "gateway timeout",
    "gateway time-out",
    "service unavailable",
    "service temporarily unavailable",
    "internal server error",
    "proxy error",
    "gateway error",
    "backend fetch failed",
    "not implemented",
    "forbidden",
    "too many requests",
    "not found",
  ].map((r) => r.toLowerCase()),
);

function lower(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}

function vendorLabel(vendor: string): string {
  return product(vendor)?.name ?? vendor;
}

function findReference(
  vendor: string | null,
  headers: Record<string, string>,
  body: string,
): string | null {
  const own = vendor ? (product(vendor)?.referenceHeaders ?? []) : [];
  for (const name of [...own, "cf-ray", "x-amz-cf-id", "x-azure-ref", "x-msedge-ref"]) {
    if (headers[name]) return headers[name];
  }
  const ray = /Ray ID:?\s*(?:<[^>]+>\s*)*([0-9a-f]{16}(?:-[A-Z]{3})?)/i.exec(body);
  if (ray) return ray[1]!;
  const akamai = /Reference #(\d+\.[0-9a-f]+\.\d+\.[0-9a-f]+)/i.exec(body);
  if (akamai) return akamai[1]!;
  const incapsula = /Incapsula incident ID:?\s*([0-9-]+)/i.exec(body);
  if (incapsula) return incapsula[1]!;
  if (vendor === "varnish" || vendor === "fastly") {
    const xid = /XID:\s*(\d+)/i.exec(body);
    if (xid) return xid[1]!;
  }
  if (headers["x-vercel-id"]) return headers["x-vercel-id"];
  if (headers["x-request-id"]) return headers["x-request-id"];
  return null;
}

/** Akamai and others escape punctuation as numeric entities; decode them so one pattern fits both spellings. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d{1,6});/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)));
}

interface StatedCause {
  /** Null when the product's own wording is known to cover several causes. */
  cause: VerdictCause | null;
  line: string;
}

function firstMatch(
  signatures: readonly CauseSignature[],
  text: string,
  describe: (match: string) => string,
): StatedCause | null {
  for (const signature of signatures) {
    const match = signature.pattern.exec(text);
    if (match) return { cause: signature.cause, line: describe(match[0]) };
  }
  return null;
}

/** The cause the response's own words give, strongest source first. */
function statedCause(
  vendor: string | null,
  headers: Record<string, string>,
  body: string,
  status: number,
  reason: string,
): StatedCause | null {
  const own = vendor ? product(vendor) : undefined;
  const reasonIsOwn = reason !== "" && !STANDARD_REASONS.has(reason.trim().toLowerCase());
  const found: (StatedCause | null)[] = [];
  if (own) {
    for (const name of own.causeHeaders ?? []) {
      const value = headers[name];
      if (value)
        found.push(firstMatch(own.bodyCauses, value, () => `${name}: ${value} names the failure`));
    }
    if (reasonIsOwn)
      found.push(
        firstMatch(
          own.reasonPhrases,
          reason,
          () => `the reason phrase "${status} ${reason}" names the failure`,
        ),
      );
    found.push(
      firstMatch(own.bodyCauses, body, (m) => `the page names the failure: "${m.trim()}"`),
    );
  }
  if (reasonIsOwn)
    found.push(
      firstMatch(
        GENERIC_REASON_CAUSES,
        reason,
        () => `the reason phrase "${status} ${reason}" names the failure`,
      ),
    );
  if (status >= 500)
    found.push(
      firstMatch(GENERIC_BODY_CAUSES, body, (m) => `the page names the failure: "${m.trim()}"`),
    );
  // Wording the product uses for several failures ends the search: nothing after it may
  // read a single cause into the same words.
  const known = found.findIndex((f) => f !== null && f.cause === null);
  return (known < 0 ? found : found.slice(0, known)).find((f) => f !== null) ?? null;
}

/** Reads vendor, reference id, block-page and stated-cause markers from a response. */
export function detectVendor(
  rawHeaders: Record<string, string>,
  rawBody: string,
  status: number,
  reason = "",
): VendorFindings {
  const headers = lower(rawHeaders);
  const body = decodeEntities(rawBody);
  const trimmed = body.trim();
  const scores = new Map<string, number>();
  const evidence: string[] = [];
  for (const candidate of allProducts()) {
    for (const signature of candidate.headers) {
      const value = headers[signature.header];
      if (value === undefined || !signature.value.test(value)) continue;
      scores.set(candidate.id, (scores.get(candidate.id) ?? 0) + signature.weight);
      const line = `${signature.header}: ${value}`;
      if (!evidence.includes(line)) evidence.push(line);
    }
    for (const marker of candidate.bodyMarkers) {
      if (!marker.pattern.test(trimmed)) continue;
      scores.set(candidate.id, (scores.get(candidate.id) ?? 0) + marker.weight);
      const line = `page: ${marker.label}`;
      if (!evidence.includes(line)) evidence.push(line);
    }
  }
  let vendor: string | null = null;
  let best = 0;
  for (const [name, score] of scores) {
    if (score > best) {
      vendor = name;
      best = score;
    }
  }
  // Varnish behind Fastly's headers is Fastly.
  if (vendor === "varnish" && scores.has("fastly")) vendor = "fastly";

  let blockPage = false;
  if (status === 403 || status === 429 || status === 406) {
    for (const marker of BLOCK_MARKERS) {
      const headerHit = marker.header
        ? headers[marker.header[0]] !== undefined &&
          marker.header[1].test(headers[marker.header[0]]!)
        : false;
      const bodyHit = marker.body ? marker.body.test(body) : false;
      if ((headerHit || bodyHit) && (!marker.needsVendor || scores.has(marker.vendor))) {
        blockPage = true;
        if (!scores.has(vendor ?? "")) vendor = marker.vendor;
        evidence.push(
          `page: ${vendorLabel(marker.vendor)} block or challenge page on a ${status} response`,
        );
        break;
      }
    }
  }

  const stated = blockPage ? null : statedCause(vendor, headers, body, status, reason);
  if (stated?.cause) evidence.push(stated.line);
  return {
    vendor,
    reference: findReference(vendor, headers, body),
    blockPage,
    cause: stated?.cause ?? null,
    evidence,
  };
}
