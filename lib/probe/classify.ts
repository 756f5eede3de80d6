/**
 * From what the probe saw to a verdict: one stable code, the layer and
 * product at fault, a stated cause when the evidence shows one, and a plain
 * explanation with the evidence lines it rests on. Pure: no I/O.
 */
import { isGateway, product, productRole } from "@/lib/products/registry";
import type { ProbeSample } from "./connection";
import type { DnsResult } from "./dns";
import { tlsProblem, type TlsProblem } from "./tls-inspect";
import { describeSignature, timingSignature } from "./timing";
import type {
  VerdictCause,
  VerdictCode,
  VerdictConfidence,
  VerdictFacts,
  VerdictLayer,
  VerdictObserved,
} from "./verdict";
import { detectVendor } from "./vendors";

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
  /** What the probe itself saw happen, phase by phase. */
  observed: VerdictObserved;
}

/** Products at the edge of the request path (CDNs, edge firewalls, managed load balancers, platforms). */
function isEdge(vendor: string | null): boolean {
  const role = productRole(vendor);
  return (
    role === "cdn" || role === "platform" || vendor === "google" || vendor === "azure-app-gateway"
  );
}

/** Names that read better in a sentence than the product's own name. */
const SENTENCE_NAMES: Record<string, string> = {
  "aws-alb": "an AWS Application Load Balancer",
  google: "a Google Cloud load balancer",
  heroku: "the Heroku router",
  sucuri: "the Sucuri firewall",
};

/** Display name for a vendor id. */
export function vendorName(vendor: string | null): string {
  if (vendor === null) return "a gateway";
  return SENTENCE_NAMES[vendor] ?? product(vendor)?.name ?? vendor;
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

function layerForResponse(
  vendor: string | null,
  code: VerdictCode,
  cause: VerdictCause | null,
): VerdictLayer {
  if (code === "ok") return "app";
  if (code === "blocked") return "edge";
  // A 500 is the application's own failure, unless a gateway wrote it about its upstream
  // (lighttpd answers 500 when the server behind it closes the connection).
  if (code === "server-error" && (cause === null || !isGateway(vendor)))
    return isEdge(vendor) ? "edge" : "app";
  if (isEdge(vendor)) return "edge";
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
        { cause: "headers-too-large", confidence: "high" },
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
    response.statusText,
  );
  evidence.push(`HTTP/${response.httpVersion} ${response.status} ${response.statusText}`.trim());
  for (const [name, value] of Object.entries(response.headers)) {
    if (name !== "content-length" && name !== "content-type") evidence.push(`${name}: ${value}`);
  }
  for (const line of findings.evidence) if (!evidence.includes(line)) evidence.push(line);
  const vendor = findings.vendor;
  const who = vendorName(vendor);
  const base = { vendor, reference: findings.reference };
  const cf = CLOUDFLARE_CODES[response.status];

  // A relayed answer without a status line: Squid wraps it as "200 OK" and marks it, and
  // the body is the upstream's raw bytes. The 200 is the gateway's, not the application's.
  const relayedHttp09 = /HTTP\/0\.9/i.test(
    (sample.allHeaders ?? response.headers)["x-transformed-from"] ?? "",
  );
  const junk = !relayedHttp09 && response.status < 300 && looksLikeJunk(response, sample);
  if (relayedHttp09 || junk) {
    evidence.push(
      relayedHttp09
        ? `x-transformed-from: HTTP/0.9 — ${who} got no status line from the server behind it and relayed its raw bytes`
        : "the body starts with binary bytes and carries no Content-Type: not a page any application meant to send",
    );
    return facts(
      "malformed-response",
      vendor !== null && isGateway(vendor) ? "proxy" : "app",
      "Invalid response relayed as a success",
      `${atSentenceStart(who)} answered ${response.status}, but what it relayed is not an HTTP response: the server behind it sent bytes without a status line (a wrong port, another protocol, or a crashed application writing garbage). Browsers show a blank or garbled page. Check what listens on the port the proxy forwards to.`,
      {
        ...base,
        cause: "upstream-invalid-response",
        confidence: relayedHttp09 ? "high" : "medium",
      },
    );
  }

  let code = statusCode(response.status);
  if (findings.blockPage) code = "blocked";

  // The cause, strongest evidence first: the response's own words, then what this product's
  // bare statuses mean, then what the status means for any gateway.
  let cause: VerdictCause | null = findings.cause;
  let confidence: VerdictConfidence | undefined = findings.cause ? "high" : undefined;
  const ownStatus = vendor ? product(vendor)?.statusCauses?.[response.status] : undefined;
  if (cause === null && ownStatus && code !== "ok") {
    cause = ownStatus;
    confidence = "medium";
    evidence.push(
      `${vendorName(vendor)} answers a bare ${response.status} when ${CAUSE_WORDS[ownStatus]} (seen in the lab)`,
    );
  }
  if (cause === null && code !== "blocked" && vendor === "cloudflare" && cf?.cause) {
    cause = cf.cause;
    confidence = "high";
  } else if (cause === null && code === "gateway-timeout") {
    cause = "upstream-timeout";
    confidence = "medium";
  } else if (cause === null && code === "unavailable" && vendor === "aws-alb") {
    cause = "no-healthy-upstream";
    confidence = "medium";
  }
  const layer = layerForResponse(vendor, code, cause);
  const stated = { ...base, cause, ...(confidence && cause ? { confidence } : {}) };
  const because = cause ? ` The evidence points at ${CAUSE_WORDS[cause]}.` : "";

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
        return facts(
          code,
          layer,
          `${response.status} from Cloudflare`,
          `Cloudflare answered ${response.status}: ${cf.meaning}. The edge is working; the problem is between Cloudflare and the origin server.`,
          stated,
        );
      }
      if (vendor === "cloudflare") {
        return facts(
          code,
          layer,
          "502 from Cloudflare",
          "Cloudflare answered 502. A Cloudflare-branded 502 usually relays a 502 that the origin (or a proxy on it) produced: test the origin directly with its IP and look at its proxy's error log.",
          stated,
        );
      }
      if (vendor === "cloudfront") {
        return facts(
          code,
          layer,
          "502 from CloudFront",
          `CloudFront could not get a usable answer from the origin: most often a TLS problem (certificate name, expired or self-signed certificate, no common protocol or cipher), a closed origin port or an origin DNS failure.${because}`,
          stated,
        );
      }
      if (vendor === "aws-alb") {
        return facts(
          code,
          layer,
          "502 from the AWS load balancer",
          `The load balancer got no valid response from a target: the target reset or closed the connection, sent a malformed response, failed TLS, or a Lambda target errored. Intermittent 502s often mean the target's keep-alive timeout is shorter than the load balancer's idle timeout.${because}`,
          stated,
        );
      }
      return facts(
        code,
        layer,
        `${response.status} Bad Gateway from ${who}`,
        `${atSentenceStart(who)} is up but got no valid response from the server behind it.${cause ? because : " The page does not say why."} The proxy's error log names the reason (connection refused, upstream prematurely closed, invalid header, too big header): check that the application is running on the port the proxy uses.`,
        stated,
      );
    }
    case "gateway-timeout": {
      if (vendor === "cloudflare" && cf) {
        return facts(
          code,
          layer,
          `${response.status} from Cloudflare`,
          `Cloudflare answered ${response.status}: ${cf.meaning}. Move long work to background jobs, or make the origin answer faster.`,
          stated,
        );
      }
      return facts(
        code,
        layer,
        `${response.status} Gateway Timeout from ${who}`,
        `${atSentenceStart(who)} waited for the server behind it and gave up. Find the slow request path (database, external API, exhausted workers) or, if the wait is expected, raise the proxy's read timeout.`,
        stated,
      );
    }
    case "unavailable": {
      return facts(
        code,
        layer,
        `503 Service Unavailable from ${who}`,
        `${atSentenceStart(who)} reports the service as unavailable: overloaded, in maintenance, or with no healthy backend to send the request to.${because}${response.headers["retry-after"] ? ` It asks clients to retry after ${response.headers["retry-after"]}.` : ""}`,
        stated,
      );
    }
    default:
      if (cause !== null && isGateway(vendor)) {
        return facts(
          code,
          layer,
          `${response.status} ${response.statusText} from ${who}`.trim(),
          `${atSentenceStart(who)} answered ${response.status} about the server behind it, not about itself.${because}`,
          stated,
        );
      }
      return facts(
        code,
        layer,
        `${response.status} ${response.statusText}`.trim(),
        `The server answered ${response.status}: the application${isEdge(vendor) ? ` behind ${who}` : ""} itself failed while handling the request. Its own error log has the stack trace.`,
        stated,
      );
  }
}

/** Plain words for each cause, for explanations and evidence lines. */
export const CAUSE_WORDS: Record<VerdictCause, string> = {
  "upstream-refused":
    "the server behind it refused the connection (nothing listening on that port)",
  "upstream-timeout": "the server behind it did not answer in time",
  "upstream-connect-timeout": "the connection to the server behind it timed out",
  "upstream-unreachable": "the server behind it could not be reached",
  "upstream-invalid-response": "the server behind it sent something that is not valid HTTP",
  "upstream-tls": "the TLS handshake with the server behind it failed",
  "upstream-tls-invalid-certificate": "the certificate of the server behind it is not valid",
  "upstream-dns": "the name of the server behind it did not resolve",
  "no-healthy-upstream": "no server behind it was available (all down or unhealthy)",
  "upstream-closed": "the server behind it closed or reset the connection before answering",
  "headers-too-large": "the response headers are too large",
};

/**
 * Binary bytes at the start of a body that declares no type: what a gateway relays when the
 * server behind it answered without a status line (observed in the lab, Squid 5.7).
 */
function looksLikeJunk(
  response: NonNullable<ProbeSample["response"]>,
  sample: ProbeSample,
): boolean {
  const headers = sample.allHeaders ?? response.headers;
  if (headers["content-type"] !== undefined || response.bodyBytes === 0) return false;
  const head = response.bodyExcerpt.slice(0, 32);
  // C0 controls other than tab, newline and carriage return, or undecodable bytes.
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(head);
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

/** What the probe itself saw happen across its samples; the wizard infers answers only from these. */
export function observedFacts(
  samples: readonly ProbeSample[],
  dns: DnsResult | null,
  vendor: string | null,
): VerdictObserved {
  return {
    // Null for an IP literal or an origin-direct check: no lookup ran, so nothing about DNS is known.
    dnsResolved: dns !== null && !dns.error && dns.addresses.length > 0,
    connected: samples.some((s) => s.phases.connect !== null),
    tlsHandshake: samples.some((s) => s.tls !== null),
    httpResponse: samples.some(
      (s) => s.response !== null || (s.error?.code.startsWith("HPE_") ?? false),
    ),
    gateway: isGateway(vendor) ? vendor : null,
  };
}

/**
 * Reads the timing signature of the chosen failure's samples into the verdict: a steady wait
 * is a timeout at a layer, and outranks evidence that only suggests another cause.
 */
function withTiming(chosen: SampleVerdict, sameKind: ProbeSample[]): SampleVerdict {
  // Only a gateway's answer after a wait is a gateway's timer; a probe timer or a refusal is not.
  if (chosen.code === "ok" || chosen.status === null) return chosen;
  const signature = timingSignature(sameKind, chosen.vendor);
  if (!signature) return chosen;
  const line = describeSignature(signature);
  const timed = signature.matches?.cause ?? "upstream-timeout";
  const agrees = chosen.cause === timed || chosen.cause === "upstream-timeout";
  if (agrees) {
    return { ...chosen, confidence: "high", evidence: [...chosen.evidence, line] };
  }
  if (chosen.confidence === "high") return chosen;
  const where = signature.matches
    ? ` The wait matches ${signature.matches.productName}'s ${signature.matches.setting} default of ${signature.matches.seconds} s.`
    : signature.roundSeconds !== null
      ? ` The wait sits on ${signature.roundSeconds} s, which looks like a configured timeout.`
      : "";
  return {
    ...chosen,
    cause: timed,
    confidence: signature.samples >= 2 ? "medium" : "low",
    evidence: [...chosen.evidence, line],
    explanation: `${chosen.explanation} Every failure took the same time, so a timer fired: ${CAUSE_WORDS[timed]}.${where}`,
  };
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
      observed: observedFacts(samples, dns, null),
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
  const sameKind = samples.filter((_, i) => verdicts[i]!.code === chosen.code);
  chosen = withTiming(chosen, sameKind);
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
  const vendor = chosen.vendor ?? verdicts.find((v) => isGateway(v.vendor))?.vendor ?? null;
  const confidence: VerdictConfidence | undefined =
    chosen.cause === null ? undefined : (chosen.confidence ?? "low");
  const verdict: Verdict = {
    ...chosen,
    evidence,
    explanation,
    sampleCount,
    failureCount,
    failureRate: failureCount / sampleCount,
    intermittent,
    observed: observedFacts(samples, dns, vendor),
  };
  if (confidence) verdict.confidence = confidence;
  else delete verdict.confidence;
  return verdict;
}
