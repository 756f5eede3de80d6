/**
 * Who produced a response. Gateways word their error pages and headers
 * differently, so each product is recognised by its own markers; headers
 * outrank branding in the body, because a CDN often relays an origin's page.
 */
import type { VerdictCause } from "./verdict";

/** What the markers in one response reveal. */
export interface VendorFindings {
  /** Product that most likely produced the response, or null. */
  vendor: string | null;
  /** Reference id a vendor's support can look up (cf-ray, x-amz-cf-id, Akamai Reference #, …). */
  reference: string | null;
  /** Whether the page is a WAF or bot-protection block rather than an error. */
  blockPage: boolean;
  /** A cause the page itself states, e.g. Varnish's "first byte timeout". */
  cause: VerdictCause | null;
  /** Human-readable lines naming each marker found. */
  evidence: string[];
}

interface Marker {
  vendor: string;
  /** Lower-cased header name and a test on its value. */
  header?: [string, RegExp];
  body?: RegExp;
  /** Headers are strong evidence; body-only markers are weak and lose to any header match. */
  weight: number;
  label: string;
}

const MARKERS: Marker[] = [
  { vendor: "cloudflare", header: ["cf-ray", /./], weight: 10, label: "cf-ray header" },
  {
    vendor: "cloudflare",
    header: ["server", /^cloudflare/i],
    weight: 10,
    label: "server: cloudflare",
  },
  {
    vendor: "cloudflare",
    header: ["cf-error-type", /./],
    weight: 10,
    label: "cf-error-type header",
  },
  {
    vendor: "cloudflare",
    body: /id="cf-wrapper"|cf-error-details|\/cdn-cgi\/styles\//i,
    weight: 4,
    label: "Cloudflare error page markup",
  },
  { vendor: "cloudfront", header: ["x-amz-cf-id", /./], weight: 10, label: "x-amz-cf-id header" },
  {
    vendor: "cloudfront",
    header: ["x-cache", /cloudfront/i],
    weight: 10,
    label: "x-cache names CloudFront",
  },
  {
    vendor: "cloudfront",
    header: ["via", /cloudfront/i],
    weight: 9,
    label: "via names CloudFront",
  },
  {
    vendor: "cloudfront",
    body: /The request could not be satisfied/i,
    weight: 4,
    label: 'CloudFront\'s "The request could not be satisfied" page',
  },
  { vendor: "aws-alb", header: ["server", /^awselb/i], weight: 10, label: "server: awselb" },
  {
    vendor: "aws-alb",
    body: /<center>awselb\/[\d.]+<\/center>/i,
    weight: 5,
    label: "awselb signature in the page",
  },
  {
    vendor: "fastly",
    header: ["x-served-by", /cache-/i],
    weight: 9,
    label: "x-served-by names a Fastly cache node",
  },
  {
    vendor: "fastly",
    header: ["x-fastly-request-id", /./],
    weight: 10,
    label: "x-fastly-request-id header",
  },
  { vendor: "varnish", header: ["via", /varnish/i], weight: 6, label: "via names Varnish" },
  {
    vendor: "varnish",
    body: /Guru Meditation|Varnish cache server/i,
    weight: 5,
    label: "Varnish error page",
  },
  {
    vendor: "akamai",
    header: ["server", /AkamaiGHost|AkamaiNetStorage/i],
    weight: 10,
    label: "server: AkamaiGHost",
  },
  {
    vendor: "akamai",
    body: /Reference #\d+\.[0-9a-f]+\.\d+/i,
    weight: 6,
    label: "Akamai reference number in the page",
  },
  { vendor: "azure", header: ["x-azure-ref", /./], weight: 10, label: "x-azure-ref header" },
  { vendor: "azure", header: ["x-msedge-ref", /./], weight: 10, label: "x-msedge-ref header" },
  {
    vendor: "azure",
    body: /Microsoft-Azure-Application-Gateway/i,
    weight: 6,
    label: "Azure Application Gateway page",
  },
  { vendor: "google", header: ["via", /\bgoogle\b/i], weight: 9, label: "via: 1.1 google" },
  { vendor: "vercel", header: ["x-vercel-error", /./], weight: 10, label: "x-vercel-error header" },
  { vendor: "vercel", header: ["server", /^Vercel/i], weight: 9, label: "server: Vercel" },
  { vendor: "netlify", header: ["server", /^Netlify/i], weight: 9, label: "server: Netlify" },
  { vendor: "heroku", header: ["via", /vegur/i], weight: 9, label: "via: vegur (Heroku router)" },
  { vendor: "imperva", header: ["x-iinfo", /./], weight: 10, label: "x-iinfo header" },
  {
    vendor: "imperva",
    body: /Incapsula incident ID/i,
    weight: 6,
    label: "Incapsula incident page",
  },
  { vendor: "sucuri", header: ["x-sucuri-id", /./], weight: 10, label: "x-sucuri-id header" },
  { vendor: "envoy", header: ["server", /^envoy/i], weight: 8, label: "server: envoy" },
  {
    vendor: "envoy",
    body: /upstream connect error or disconnect\/reset before headers|^no healthy upstream$/i,
    weight: 5,
    label: "Envoy upstream error text",
  },
  { vendor: "nginx", header: ["server", /^nginx|^openresty/i], weight: 7, label: "server: nginx" },
  {
    vendor: "nginx",
    body: /<center>(nginx|openresty)(\/[\d.]+)?<\/center>/i,
    weight: 5,
    label: "nginx error page signature",
  },
  { vendor: "apache", header: ["server", /^Apache/i], weight: 7, label: "server: Apache" },
  {
    vendor: "apache",
    body: /The proxy server (received an invalid|could not handle)|<address>Apache/i,
    weight: 5,
    label: "Apache mod_proxy error page",
  },
  {
    vendor: "haproxy",
    body: /<h1>50[234] [^<]+<\/h1>\s*(The server returned an invalid or incomplete response|No server is available to handle this request|The server didn't respond in time)/i,
    weight: 5,
    label: "HAProxy error page",
  },
  { vendor: "caddy", header: ["server", /^Caddy/i], weight: 7, label: "server: Caddy" },
  {
    vendor: "traefik",
    body: /^(Bad Gateway|Gateway Timeout|Service Unavailable)$/,
    weight: 2,
    label: "Traefik's bare status text",
  },
  {
    vendor: "iis",
    header: ["server", /^Microsoft-IIS/i],
    weight: 7,
    label: "server: Microsoft-IIS",
  },
  {
    vendor: "iis",
    body: /Web server received an invalid response while acting as a gateway or proxy server/i,
    weight: 5,
    label: "IIS ARR error page",
  },
  { vendor: "gunicorn", header: ["server", /^gunicorn/i], weight: 6, label: "server: gunicorn" },
];

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

const BODY_CAUSES: [RegExp, VerdictCause][] = [
  [
    /first byte timeout|backend_timeout|upstream request timeout|OriginTimeout/i,
    "upstream-timeout",
  ],
  [
    /All backends failed or unhealthy|no healthy upstream|No server is available to handle this request|no live upstreams|All workers are in error state/i,
    "no-healthy-upstream",
  ],
  [
    /backend read error|upstream connect error or disconnect\/reset before headers|backend_connection_closed/i,
    "upstream-closed",
  ],
  [/failed_to_connect_to_backend|connection refused/i, "upstream-refused"],
  [/Error 1016|Origin DNS error/i, "upstream-dns"],
];

function vendorLabel(vendor: string): string {
  return vendor.charAt(0).toUpperCase() + vendor.slice(1);
}

function lower(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}

function findReference(
  vendor: string | null,
  headers: Record<string, string>,
  body: string,
): string | null {
  if (headers["cf-ray"]) return headers["cf-ray"];
  if (headers["x-amz-cf-id"]) return headers["x-amz-cf-id"];
  if (headers["x-azure-ref"]) return headers["x-azure-ref"];
  if (headers["x-msedge-ref"]) return headers["x-msedge-ref"];
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

/** Reads vendor, reference id, block-page and stated-cause markers from a response. */
export function detectVendor(
  rawHeaders: Record<string, string>,
  rawBody: string,
  status: number,
): VendorFindings {
  const headers = lower(rawHeaders);
  const body = decodeEntities(rawBody);
  const scores = new Map<string, number>();
  const evidence: string[] = [];
  for (const marker of MARKERS) {
    let hit = false;
    if (marker.header) {
      const value = headers[marker.header[0]];
      hit = value !== undefined && marker.header[1].test(value);
    } else if (marker.body) {
      hit = marker.body.test(body.trim());
    }
    if (!hit) continue;
    scores.set(marker.vendor, (scores.get(marker.vendor) ?? 0) + marker.weight);
    const line = marker.header
      ? `${marker.header[0]}: ${headers[marker.header[0]]}`
      : `page: ${marker.label}`;
    if (!evidence.includes(line)) evidence.push(line);
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

  let cause: VerdictCause | null = null;
  for (const [pattern, found] of BODY_CAUSES) {
    if (pattern.test(body)) {
      cause = found;
      evidence.push(`the page names the failure: "${pattern.exec(body)![0]}"`);
      break;
    }
  }
  return { vendor, reference: findReference(vendor, headers, body), blockPage, cause, evidence };
}
