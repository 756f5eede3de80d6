/**
 * From what the probe saw to a verdict: one stable code, the layer and
 * product at fault, a stated cause when the evidence shows one, and a plain
 * explanation with the evidence lines it rests on. Pure: no I/O.
 */
import type { ProbeSample } from "./connection";
import type { DnsResult } from "./dns";
import { tlsProblem, type TlsProblem } from "./tls-inspect";
import type { VerdictCause, VerdictCode, VerdictFacts, VerdictLayer } from "./verdict";
import { detectVendor } from "./vendors";
import { permalinkForVerdict } from "@/machines/evidence";

/** What one sample shows: the facts the diagnosis machine uses, and their explanation. */
export interface SampleVerdict extends VerdictFacts {
  /** A reference id to quote to the provider (cf-ray, x-amz-cf-id, Akamai Reference #, …). */
  reference: string | null;
  /** One-line headline, e.g. "502 Bad Gateway from nginx". */
  title: string;
  /** One paragraph in plain words: what happened and where to look next. */
  explanation: string;
  /** The observations the verdict rests on, one per line. */
  evidence: string[];
}

/** The probe's full conclusion over all samples; VerdictFacts is the part the diagnosis machine consumes. */
export interface Verdict extends SampleVerdict {
  /** Samples taken. */
  sampleCount: number;
  /** Samples whose own verdict was not ok. */
  failureCount: number;
  /** failureCount / sampleCount, from 0 to 1. */
  failureRate: number;
  /** True when some samples failed and others did not. */
  intermittent: boolean;
  /** The wizard state this verdict points to, as a permalink path (/diagnose/…). */
  permalink: string;
}

const EDGE_VENDORS = new Set([
  "cloudflare",
  "cloudfront",
  "fastly",
  "akamai",
  "azure",
  "google",
  "vercel",
  "netlify",
  "imperva",
  "sucuri",
  "heroku",
]);

const VENDOR_NAMES: Record<string, string> = {
  cloudflare: "Cloudflare",
  cloudfront: "Amazon CloudFront",
  "aws-alb": "an AWS Application Load Balancer",
  fastly: "Fastly",
  varnish: "Varnish",
  akamai: "Akamai",
  azure: "Azure Front Door / Application Gateway",
  google: "a Google Cloud load balancer",
  vercel: "Vercel",
  netlify: "Netlify",
  heroku: "the Heroku router",
  imperva: "Imperva (Incapsula)",
  sucuri: "the Sucuri firewall",
  envoy: "Envoy",
  nginx: "nginx",
  apache: "Apache httpd",
  haproxy: "HAProxy",
  caddy: "Caddy",
  traefik: "Traefik",
  iis: "IIS",
  gunicorn: "Gunicorn",
};

/** Display name for a vendor id. */
export function vendorName(vendor: string | null): string {
  return vendor === null ? "a gateway" : (VENDOR_NAMES[vendor] ?? vendor);
}

/** Capitalises a leading article ("a gateway" → "A gateway") but leaves brands such as nginx as they are written. */
function atSentenceStart(who: string): string {
  return /^(a|an|the) /.test(who) ? who.charAt(0).toUpperCase() + who.slice(1) : who;
}

const CLOUDFLARE_CODES: Record<number, { cause: VerdictCause | null; meaning: string }> = {
  520: {
    cause: "upstream-invalid-response",
    meaning: "the origin sent an empty, unknown or unexpected response (or headers over 16 KB)",
  },
  521: {
    cause: "upstream-refused",
    meaning:
      "the origin refused the connection: the web server is down or blocks Cloudflare's addresses",
  },
  522: {
    cause: "upstream-connect-timeout",
    meaning:
      "the TCP connection to the origin timed out: a firewall, an overloaded server or a wrong origin IP",
  },
  523: {
    cause: "upstream-unreachable",
    meaning: "the origin could not be reached at all: check the A/AAAA record and routing",
  },
  524: {
    cause: "upstream-timeout",
    meaning: "the origin accepted the connection but sent no HTTP response within 100 s",
  },
  525: {
    cause: "upstream-tls",
    meaning:
      "the TLS handshake between Cloudflare and the origin failed: certificate, port 443, SNI or ciphers",
  },
  526: {
    cause: "upstream-tls-invalid-certificate",
    meaning: "the origin's certificate is not valid for Full (strict) mode",
  },
  527: {
    cause: "upstream-closed",
    meaning: "the connection between Cloudflare and the origin's Railgun listener failed",
  },
  530: {
    cause: null,
    meaning:
      "Cloudflare could not serve the origin; the 1xxx code on the page names the reason (1016 is an origin DNS error)",
  },
};

function layerForResponse(vendor: string | null, code: VerdictCode): VerdictLayer {
  if (code === "ok") return "app";
  if (code === "server-error") return vendor !== null && EDGE_VENDORS.has(vendor) ? "edge" : "app";
  if (code === "blocked") return "edge";
  if (vendor !== null && EDGE_VENDORS.has(vendor)) return "edge";
  return "proxy";
}

function statusCode(status: number): VerdictCode {
  if (
    status === 502 ||
    (status >= 520 && status <= 523) ||
    (status >= 525 && status <= 527) ||
    status === 530
  )
    return "bad-gateway";
  if (status === 504 || status === 524) return "gateway-timeout";
  if (status === 503) return "unavailable";
  if (status >= 500) return "server-error";
  return "ok";
}

const TLS_CODES: Record<TlsProblem, VerdictCode> = {
  expired: "tls-expired",
  "not-yet-valid": "tls-not-yet-valid",
  "self-signed": "tls-self-signed",
  untrusted: "tls-untrusted",
  "incomplete-chain": "tls-incomplete-chain",
  "hostname-mismatch": "tls-hostname-mismatch",
};

const TLS_EXPLANATIONS: Record<TlsProblem, string> = {
  expired:
    "The server's certificate has expired, so browsers refuse the connection before any page loads. Renew the certificate and reload the web server so it serves the new one.",
  "not-yet-valid":
    "The server's certificate is not valid yet: its start date is in the future. Either the certificate was issued with a wrong date or the server's clock is off; check both.",
  "self-signed":
    "The server presents a self-signed certificate, which no browser trusts. Install a certificate from a public CA; behind a CDN, use the CDN's origin certificate only with the matching SSL mode.",
  untrusted:
    "The server's certificate chains up to an authority this probe (and browsers) do not trust. Use a certificate from a public CA, or serve the chain that leads to one.",
  "incomplete-chain":
    "The server sends its certificate without the intermediate certificate(s) that link it to a trusted root. Some clients fill the gap from a cache and work, others fail: configure the full chain (certificate followed by intermediates).",
  "hostname-mismatch":
    "The certificate does not cover the name that was requested, so browsers warn and refuse. Issue a certificate that lists this name, or check that SNI routes this name to the right site.",
};

function timingLine(sample: ProbeSample): string {
  const p = sample.phases;
  const part = (label: string, value: number | null) =>
    value === null ? null : `${label} ${value.toFixed(1)} ms`;
  return [
    part("DNS", p.dns),
    part("connect", p.connect),
    part("TLS", p.tls),
    part("first byte", p.firstByte),
    part("total", p.total),
  ]
    .filter((s) => s !== null)
    .join(", ");
}

/** Classifies one sample. The DNS result is shared by all samples of a probe. */
export function classifySample(sample: ProbeSample): SampleVerdict {
  const evidence: string[] = [];
  const facts = (
    code: VerdictCode,
    layer: VerdictLayer,
    title: string,
    explanation: string,
    extra: Partial<SampleVerdict> = {},
  ): SampleVerdict => ({
    code,
    status: sample.response?.status ?? null,
    layer,
    vendor: null,
    cause: null,
    reference: null,
    title,
    explanation,
    evidence,
    ...extra,
  });
  if (sample.error)
    evidence.push(
      `${sample.failedPhase ?? "request"} failed: ${sample.error.code} — ${sample.error.message}`,
    );

  if (sample.failedPhase === "connect") {
    const code = sample.error?.code;
    if (code === "ECONNREFUSED") {
      return facts(
        "connect-refused",
        "network",
        "Connection refused",
        `Nothing accepted the connection to ${sample.address}: the web server is not running on that port, or a firewall actively rejects it. Start the server or open the port, and check that DNS points to the right machine.`,
      );
    }
    if (code === "ETIMEDOUT") {
      return facts(
        "connect-timeout",
        "network",
        "Connection timed out",
        `The TCP connection to ${sample.address} got no answer in time. A firewall silently dropping packets, an overloaded server whose backlog is full, or a wrong IP address are the usual reasons.`,
      );
    }
    if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
      return facts(
        "unreachable",
        "network",
        "Host unreachable",
        `There is no network route to ${sample.address}. Check the DNS record for a stale or wrong address, and the routing or security groups in front of it.`,
      );
    }
    return facts(
      "connection-closed",
      "network",
      "Connection failed",
      `The connection to ${sample.address} failed during the TCP handshake.`,
    );
  }
  if (sample.failedPhase === "tls") {
    return facts(
      "tls-handshake-failed",
      "tls",
      "TLS handshake failed",
      `The TLS handshake with ${sample.address} failed, so no request could be sent. ${sample.error?.message ?? ""} Check that the port really serves TLS, that the server has a certificate for this name (SNI), and that it supports TLS 1.2 or 1.3.`,
    );
  }

  const tls = sample.tls;
  const problem = tls ? tlsProblem(tls) : null;
  if (tls && problem) {
    const cert = tls.certificate;
    if (cert) {
      evidence.push(
        `certificate: ${cert.subject}; issued by ${cert.issuer}; valid ${cert.validFrom} to ${cert.validTo} (${cert.daysLeft} days left)`,
      );
      if (cert.subjectAltNames.length > 0)
        evidence.push(`certificate names: ${cert.subjectAltNames.join(", ")}`);
    }
    if (tls.verifyError) evidence.push(`chain verification: ${tls.verifyError}`);
    if (tls.hostnameError) evidence.push(`name check: ${tls.hostnameError}`);
    const sent = tls.chain.filter((c) => !c.trustAnchor).length;
    evidence.push(
      `the server sent ${sent} certificate(s)${sent === 1 ? ", no intermediates" : ""}`,
    );
    return facts(
      TLS_CODES[problem],
      "tls",
      `Certificate problem: ${problem.replace(/-/g, " ")}`,
      TLS_EXPLANATIONS[problem],
    );
  }

  // Without a response nothing stands between the probe and the failing
  // server, so there is no "upstream" to blame: these verdicts carry no cause,
  // except headers-too-large, which names the fix whoever serves them.
  const response = sample.response;
  if (!response) {
    const code = sample.error?.code ?? "";
    if (code === "HPE_HEADER_OVERFLOW") {
      return facts(
        "malformed-response",
        "app",
        "Response headers too large",
        "The server's response headers exceed 16 KiB. Proxies reject such responses (Cloudflare answers 520, nginx logs \"upstream sent too big header\"). Trim cookies and custom headers, or raise the proxy's buffer sizes.",
        { cause: "headers-too-large" },
      );
    }
    if (code.startsWith("HPE_")) {
      return facts(
        "malformed-response",
        "app",
        "Malformed HTTP response",
        `What came back is not valid HTTP/1.x (${code}). A proxy in this position answers 502: the port may serve another protocol, or the application writes broken headers.`,
      );
    }
    if (code === "ETIMEDOUT") {
      return facts(
        "no-response",
        "app",
        "No response in time",
        `The server accepted the connection${tls ? " and completed TLS" : ""} but sent no response before the deadline. A proxy in front of it would answer 504: look for a hung application, exhausted workers or a slow database.`,
      );
    }
    return facts(
      "connection-closed",
      "app",
      "Connection closed without a response",
      `The server closed or reset the connection before sending a complete response. A proxy in front of it would answer 502 ("upstream prematurely closed connection"): look for crashes, worker restarts or keep-alive timeouts shorter than the proxy's.`,
    );
  }

  const findings = detectVendor(
    sample.allHeaders ?? response.headers,
    response.bodyExcerpt,
    response.status,
  );
  evidence.push(`HTTP/${response.httpVersion} ${response.status} ${response.statusText}`.trim());
  for (const [name, value] of Object.entries(response.headers)) {
    if (name !== "content-length" && name !== "content-type") evidence.push(`${name}: ${value}`);
  }
  for (const line of findings.evidence) if (!evidence.includes(line)) evidence.push(line);
  const vendor = findings.vendor;
  const who = vendorName(vendor);
  let code = statusCode(response.status);
  if (findings.blockPage) code = "blocked";
  const layer = layerForResponse(vendor, code);
  const base = { vendor, reference: findings.reference };
  const cf = CLOUDFLARE_CODES[response.status];

  if (sample.failedPhase === "body" && code === "ok") {
    return facts(
      sample.error?.code === "ETIMEDOUT" ? "no-response" : "connection-closed",
      "app",
      "Response body never finished",
      `The server sent ${response.status} headers but the body ${sample.error?.code === "ETIMEDOUT" ? "did not finish before the deadline" : "was cut off when the connection closed"}. Browsers show a partial or blank page; look for a stalled or crashing application, or a proxy buffering limit.`,
      base,
    );
  }

  switch (code) {
    case "ok":
      return facts(
        "ok",
        layer,
        `${response.status} ${response.statusText}`.trim(),
        `The server answered with ${response.status}${vendor ? ` through ${who}` : ""}; no gateway error was seen${response.status >= 400 ? ", although the application itself reports a client error" : ""}.`,
        base,
      );
    case "blocked":
      return facts(
        "blocked",
        layer,
        `Blocked by ${who}`,
        `${who} answered ${response.status} with its block or challenge page: a firewall or bot rule stopped this request before it reached the site. The site may well be up; compare from a browser, and if you run the site, look up the reference in the firewall's event log.`,
        base,
      );
    case "bad-gateway": {
      if (vendor === "cloudflare" && cf) {
        const cause = findings.cause ?? cf.cause;
        return facts(
          code,
          layer,
          `${response.status} from Cloudflare`,
          `Cloudflare answered ${response.status}: ${cf.meaning}. The edge is working; the problem is between Cloudflare and the origin server.`,
          { ...base, cause },
        );
      }
      if (vendor === "cloudflare") {
        return facts(
          code,
          layer,
          "502 from Cloudflare",
          "Cloudflare answered 502. A Cloudflare-branded 502 usually relays a 502 that the origin (or a proxy on it) produced: test the origin directly with its IP and look at its proxy's error log.",
          { ...base, cause: findings.cause },
        );
      }
      if (vendor === "cloudfront") {
        return facts(
          code,
          layer,
          "502 from CloudFront",
          "CloudFront could not get a usable answer from the origin: most often a TLS problem (certificate name, expired or self-signed certificate, no common protocol or cipher), a closed origin port or an origin DNS failure.",
          { ...base, cause: findings.cause },
        );
      }
      if (vendor === "aws-alb") {
        return facts(
          code,
          layer,
          "502 from the AWS load balancer",
          "The load balancer got no valid response from a target: the target reset or closed the connection, sent a malformed response, failed TLS, or a Lambda target errored. Intermittent 502s often mean the target's keep-alive timeout is shorter than the load balancer's idle timeout.",
          { ...base, cause: findings.cause },
        );
      }
      return facts(
        code,
        layer,
        `${response.status} Bad Gateway from ${who}`,
        `${atSentenceStart(who)} is up but got no valid response from the server behind it${findings.cause ? "" : "; the page does not say why"}. The proxy's error log names the reason (connection refused, upstream prematurely closed, invalid header, too big header): check that the application is running on the port the proxy uses.`,
        { ...base, cause: findings.cause },
      );
    }
    case "gateway-timeout": {
      if (vendor === "cloudflare" && cf) {
        return facts(
          code,
          layer,
          `${response.status} from Cloudflare`,
          `Cloudflare answered ${response.status}: ${cf.meaning}. Move long work to background jobs, or make the origin answer faster.`,
          { ...base, cause: "upstream-timeout" },
        );
      }
      return facts(
        code,
        layer,
        `${response.status} Gateway Timeout from ${who}`,
        `${atSentenceStart(who)} waited for the server behind it and gave up. Find the slow request path (database, external API, exhausted workers) or, if the wait is expected, raise the proxy's read timeout.`,
        { ...base, cause: findings.cause ?? "upstream-timeout" },
      );
    }
    case "unavailable": {
      const cause = findings.cause ?? (vendor === "aws-alb" ? "no-healthy-upstream" : null);
      return facts(
        code,
        layer,
        `503 Service Unavailable from ${who}`,
        `${atSentenceStart(who)} reports the service as unavailable: overloaded, in maintenance, or with no healthy backend to send the request to.${response.headers["retry-after"] ? ` It asks clients to retry after ${response.headers["retry-after"]}.` : ""}`,
        { ...base, cause },
      );
    }
    default:
      return facts(
        code,
        layer,
        `${response.status} ${response.statusText}`.trim(),
        `The server answered ${response.status}: the application${vendor && EDGE_VENDORS.has(vendor) ? ` behind ${who}` : ""} itself failed while handling the request. Its own error log has the stack trace.`,
        { ...base, cause: findings.cause },
      );
  }
}

/** Classifies a DNS failure; null when DNS found addresses. */
export function classifyDns(dns: DnsResult): SampleVerdict | null {
  if (!dns.error) return null;
  const evidence = [dns.error.message];
  const code: VerdictCode =
    dns.error.code === "nxdomain"
      ? "dns-nxdomain"
      : dns.error.code === "no-records"
        ? "dns-no-records"
        : "dns-error";
  const explanation =
    code === "dns-nxdomain"
      ? `The name ${dns.name} does not exist in DNS. Check the spelling, that the domain is registered and not expired, and that its name servers hold the record.`
      : code === "dns-no-records"
        ? `The name ${dns.name} exists but has no address records, so there is nothing to connect to. Add an A (or AAAA) record, or a CNAME to the host name the provider gave you.`
        : `DNS could not answer for ${dns.name} (${dns.error.code}). The domain's name servers may be failing or unreachable; try again and check the domain's NS records.`;
  return {
    code,
    status: null,
    layer: "dns",
    vendor: null,
    cause: null,
    reference: null,
    title: "DNS failure",
    explanation,
    evidence,
  };
}

const permalinks = new Map<string, string>();

/** The wizard permalink for a verdict; the machine is pure, so each distinct set of facts is worked out once. */
function permalinkOf(facts: VerdictFacts): string {
  const key = `${facts.code}|${facts.status}|${facts.layer}|${facts.vendor}|${facts.cause}|${facts.intermittent ?? false}`;
  let permalink = permalinks.get(key);
  if (permalink === undefined) {
    permalink = permalinkForVerdict(facts);
    // Vendors and statuses come from servers; bound the cache so they cannot grow it without limit.
    if (permalinks.size < 5_000) permalinks.set(key, permalink);
  }
  return permalink;
}

/** Combines the samples of one probe into its verdict: the commonest failure wins, and a mix of outcomes is called intermittent. */
export function summarise(samples: ProbeSample[], dns: DnsResult | null): Verdict {
  const dnsVerdict = dns ? classifyDns(dns) : null;
  if (dnsVerdict || samples.length === 0) {
    const v = dnsVerdict ?? {
      code: "dns-error" as const,
      status: null,
      layer: "dns" as const,
      vendor: null,
      cause: null,
      reference: null,
      title: "No address",
      explanation: "The probe found no address to connect to.",
      evidence: [],
    };
    return {
      ...v,
      sampleCount: 0,
      failureCount: 0,
      failureRate: 1,
      intermittent: false,
      permalink: permalinkOf(v),
    };
  }
  const verdicts = samples.map(classifySample);
  const failures = verdicts.filter((v) => v.code !== "ok");
  const counts = new Map<VerdictCode, number>();
  for (const v of failures) counts.set(v.code, (counts.get(v.code) ?? 0) + 1);
  let chosen = verdicts[0]!;
  if (failures.length > 0) {
    let best = 0;
    for (const v of failures) {
      const n = counts.get(v.code)!;
      if (n > best) {
        best = n;
        chosen = v;
      }
    }
  }
  const sampleCount = samples.length;
  const failureCount = failures.length;
  const intermittent = failureCount > 0 && failureCount < sampleCount;
  const index = verdicts.indexOf(chosen);
  const evidence = [
    ...chosen.evidence,
    `timings (sample ${index + 1}): ${timingLine(samples[index]!)}`,
  ];
  let explanation = chosen.explanation;
  if (sampleCount > 1) {
    evidence.push(`${failureCount} of ${sampleCount} samples failed`);
    if (intermittent) {
      const other = [...new Set(verdicts.map((v) => v.code))].join(", ");
      explanation += ` The failure is intermittent: ${failureCount} of ${sampleCount} samples failed (outcomes: ${other}). Intermittent gateway errors often come from one bad server behind a load balancer, or from a keep-alive timeout on the application that is shorter than the proxy's.`;
    }
  }
  return {
    ...chosen,
    evidence,
    explanation,
    sampleCount,
    failureCount,
    failureRate: failureCount / sampleCount,
    intermittent,
    // Mixed outcomes lead the wizard to its intermittent-failure branch, so the flag goes along.
    permalink: permalinkOf({ ...chosen, intermittent }),
  };
}
