/**
 * The probe: guard the URL, resolve once, check every address, then take
 * samples against checked addresses only, following redirects when asked and
 * re-running the whole guard on every hop. Failures of the target are part
 * of the report; only a target the guard refuses ends in a ProbeRefusal.
 */
import { MAX_CHECK_URL_CHARS, MAX_SAMPLES } from "./check-limits";
import { performance } from "node:perf_hooks";
import { summarise, type Verdict } from "./classify";
import type { ProbeConfig } from "./config";
import { runSample, spokePlainHttp, type PhaseEvent, type ProbeSample } from "./connection";
import { resolveName, type DnsResult } from "./dns";
import { protocolDifference, runHttp2Sample, type Http2Sample } from "./http2-sample";
import { PROBE_USER_AGENT } from "./request-headers";
import { trustStoreFor } from "./tls-inspect";
import {
  checkOriginAddress,
  checkResolvedAddresses,
  checkUrl,
  ProbeRefusal,
  type CheckedUrl,
  type GuardPolicy,
} from "./guard";

export { ProbeRefusal } from "./guard";
export type { Verdict } from "./classify";

/** What a person asks the probe to check. */
export interface ProbeRequest {
  /**
   * http or https URL. Without a scheme (`example.com:8080`) the probe tries HTTPS and falls
   * back to HTTP when the port answers the TLS handshake in plain HTTP.
   */
  url: string;
  /** Connect to this address instead of the name's DNS answer, keeping Host and SNI (like curl --resolve). */
  originIp?: string;
  /** Number of samples, 1–10. */
  samples?: number;
  /** Follow up to MAX_REDIRECTS redirects, re-checking each hop. */
  followRedirects?: boolean;
}

/** What the probe is doing, reported as it happens (see ProbeOptions.onProgress). */
export type ProbeProgress =
  | {
      /** Name resolution of `name` started. */
      type: "dns-start";
      name: string;
    }
  | {
      /** Name resolution finished (with addresses and TTLs, or an error). */
      type: "dns-end";
      result: DnsResult;
    }
  | {
      /** A sample started. A followed redirect's sample has the same index as the next one. */
      type: "sample-start";
      /** 0-based position among the samples. */
      index: number;
      /** The address connected to. */
      address: string;
      /** The URL requested. */
      url: string;
    }
  | ({
      /** A phase of sample `index` started, ended or failed. */
      type: "phase";
      index: number;
    } & PhaseEvent)
  | {
      /** Sample `index` ended; `redirect` is set when it was a redirect that is followed next. */
      type: "sample-end";
      index: number;
      sample: ProbeSample;
      redirect: RedirectHop | null;
    };

/** Knobs for callers other than the public route (tests, CLI, benchmark). */
export interface ProbeOptions {
  /** Operator settings. */
  config: ProbeConfig;
  /** Minimum time between the starts of consecutive samples; never below 250 ms. */
  sampleIntervalMs?: number;
  /**
   * Told about DNS, each sample and each phase as they start and end, so a person sees the
   * check progress instead of one long spinner. Anything it throws is ignored.
   */
  onProgress?: (event: ProbeProgress) => void;
  /**
   * Cancels the probe: the sample under way ends at once and probe() rejects with the
   * signal's reason (an AbortError), so a client that went away stops costing sockets.
   */
  signal?: AbortSignal;
}

/** One redirect that was followed. */
export interface RedirectHop {
  /** URL that answered with the redirect. */
  url: string;
  /** Its status (301, 302, 303, 307, 308). */
  status: number;
  /** The Location it pointed to, resolved against the URL. */
  location: string;
}

/** The probe's answer. */
export interface ProbeReport {
  /** What was probed. */
  target: {
    /** The URL as entered, normalised by the URL parser. */
    requestedUrl: string;
    /** The URL the samples were taken from (differs after redirects). */
    url: string;
    /** Host name sent as Host and SNI. */
    hostname: string;
    /** Destination port. */
    port: number;
    /** The origin-direct address, when one was given. */
    originIp: string | null;
    /** The scheme the samples used. */
    scheme: "http" | "https";
    /**
     * Why that scheme, when the input named none: HTTPS was tried first, and the line says
     * whether it held or the port spoke plain HTTP. Null when the URL had a scheme.
     */
    schemeNote: string | null;
  };
  /** Resolution of the final host name; null for IP-literal URLs and origin-direct probes. */
  dns: DnsResult | null;
  /** Redirects followed before the samples, in order. */
  redirects: RedirectHop[];
  /** Each attempt, in order. */
  samples: ProbeSample[];
  /**
   * The HTTP/2 attempt of an https check whose TLS handshake worked: whether the server offers
   * h2, and what it answered over it. Absent or null when none was taken.
   */
  http2?: Http2Sample | null;
  /** The conclusion. */
  verdict: Verdict;
  /** When the probe started (ISO 8601, UTC). */
  startedAt: string;
  /** How long the whole probe took, in milliseconds. */
  durationMs: number;
}

/** Redirects followed at most; the next one is refused. */
export const MAX_REDIRECTS = 5;
/**
 * Longest Location followed, the same bound as a URL a person may enter. The report's copy of
 * the header is cut at 512 characters, so the full value is read from the sample's complete
 * header set: following a shortened URL would report on an address the server never named.
 */
export const MAX_LOCATION_CHARS = MAX_CHECK_URL_CHARS;
export { MAX_SAMPLES };
/** Floor for the gap between sample starts, so a probe cannot be turned into a flood. */
export const MIN_SAMPLE_INTERVAL_MS = 250;

interface Destination {
  checked: CheckedUrl;
  addresses: string[];
  dns: DnsResult | null;
}

async function destinationFor(
  checked: CheckedUrl,
  originIp: string | null,
  policy: GuardPolicy,
  config: ProbeConfig,
  deadlineAt: number,
  report: (event: ProbeProgress) => void,
  signal: AbortSignal | undefined,
): Promise<Destination> {
  if (originIp) return { checked, addresses: [originIp], dns: null };
  if (checked.literal) return { checked, addresses: [checked.literal], dns: null };
  report({ type: "dns-start", name: checked.hostname });
  const dns = await unlessAborted(
    resolveName(checked.hostname, {
      servers: config.dnsServers,
      timeoutMs: Math.max(1, Math.min(config.phaseTimeoutMs, deadlineAt - performance.now())),
    }),
    signal,
  );
  report({ type: "dns-end", result: dns });
  const all = dns.addresses.map((a) => a.address);
  checkResolvedAddresses(checked.hostname, all, policy);
  // IPv4 first: many servers still lack working IPv6, and a deployment may have no IPv6 route at all.
  const v4 = dns.addresses.filter((a) => a.family === 4).map((a) => a.address);
  return { checked, addresses: v4.length > 0 ? v4 : all, dns };
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Settles with `work`, or rejects with the abort reason as soon as the signal fires. */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function isRedirect(sample: ProbeSample): boolean {
  const status = sample.response?.status ?? 0;
  return (
    [301, 302, 303, 307, 308].includes(status) &&
    typeof sample.response?.headers.location === "string"
  );
}

/** The full header set is for vendor detection only; the report carries the selected headers. */
function withoutAllHeaders(sample: ProbeSample): ProbeSample {
  const copy = { ...sample };
  delete copy.allHeaders;
  return copy;
}

/** A URL with a scheme, and whether the probe had to pick it. */
export interface TargetUrl {
  /** The URL to check, with a scheme. */
  url: string;
  /** True when the input had no scheme and HTTPS was assumed. */
  schemeGuessed: boolean;
}

/** Adds https:// to input that names no scheme (`example.com:8080`, `127.0.0.1:8080/path`). */
export function targetUrl(input: string): TargetUrl {
  const trimmed = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return { url: trimmed, schemeGuessed: false };
  return { url: `https://${trimmed}`, schemeGuessed: true };
}

/** Validates the request shape for callers that did not go through the route's schema. */
function sampleCount(requested: number | undefined): number {
  if (requested === undefined) return 1;
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_SAMPLES) {
    throw new RangeError(`samples must be a whole number from 1 to ${MAX_SAMPLES}`);
  }
  return requested;
}

/**
 * Probes a URL. Throws ProbeRefusal (before any connection to the refused
 * target) when the guard refuses it or a redirect hop; RangeError for an
 * invalid sample count. Every other outcome is a report.
 */
export async function probe(request: ProbeRequest, options: ProbeOptions): Promise<ProbeReport> {
  const { config, signal } = options;
  signal?.throwIfAborted();
  const report = (event: ProbeProgress) => {
    try {
      options.onProgress?.(event);
    } catch {
      // A progress listener must never change the outcome of the probe.
    }
  };
  const startedAt = new Date();
  const started = performance.now();
  const deadlineAt = started + config.timeoutMs;
  const policy: GuardPolicy = { allowCidrs: config.allowCidrs, allowPorts: config.allowPorts };
  const count = sampleCount(request.samples);
  const interval = Math.max(
    MIN_SAMPLE_INTERVAL_MS,
    options.sampleIntervalMs ?? MIN_SAMPLE_INTERVAL_MS,
  );
  const target = targetUrl(request.url);
  let first = checkUrl(target.url, policy);
  const requestedUrl = first.url.href;
  let schemeNote: string | null = target.schemeGuessed
    ? "no scheme was given, so the check used HTTPS"
    : null;
  const originIp =
    request.originIp !== undefined && request.originIp !== ""
      ? checkOriginAddress(request.originIp, policy)
      : null;
  const trust = trustStoreFor(config.trustedCa);

  const redirects: RedirectHop[] = [];
  /** Why redirects stopped being followed, when the chain itself is the finding. */
  let redirectStop: { title: string; explanation: string } | null = null;
  let destination = await destinationFor(
    first,
    originIp,
    policy,
    config,
    deadlineAt,
    report,
    signal,
  );
  const samples: ProbeSample[] = [];
  let sampleStart = performance.now();

  const take = async (index: number) => {
    const dest = destination;
    const address = dest.addresses[index % dest.addresses.length]!;
    report({ type: "sample-start", index, address, url: dest.checked.url.href });
    const sample = await runSample({
      url: dest.checked.url,
      servername: dest.checked.literal ? null : dest.checked.hostname,
      address,
      port: dest.checked.port,
      dnsMs: index === 0 && dest.dns ? dest.dns.durationMs : null,
      deadlineAt,
      phaseTimeoutMs: config.phaseTimeoutMs,
      trust,
      userAgent: PROBE_USER_AGENT,
      onPhase: (event) => report({ type: "phase", index, ...event }),
      signal,
    });
    // A cancelled sample is no evidence about the site; the caller gets the abort instead.
    signal?.throwIfAborted();
    return sample;
  };
  const ended = (index: number, sample: ProbeSample, redirect: RedirectHop | null) =>
    report({ type: "sample-end", index, sample: withoutAllHeaders(sample), redirect });

  if (destination.addresses.length > 0) {
    for (;;) {
      sampleStart = performance.now();
      let sample = await take(0);
      if (target.schemeGuessed && redirects.length === 0 && spokePlainHttp(sample)) {
        // The port speaks plain HTTP: checking it as TLS would send the person to TLS fixes.
        const plain = new URL(first.url.href);
        plain.protocol = "http:";
        // An implied port would change with the scheme; keep the one the TLS attempt used.
        if (plain.port === "") plain.port = String(first.port);
        ended(0, sample, null);
        schemeNote = `no scheme was given: HTTPS was tried first, and port ${first.port} answered the TLS handshake in plain HTTP (${sample.error?.code ?? "not TLS"}), so the check used HTTP`;
        first = checkUrl(plain.href, policy);
        destination = { ...destination, checked: first };
        sampleStart = performance.now();
        sample = await take(0);
      }
      if (!request.followRedirects || !isRedirect(sample)) {
        samples.push(sample);
        ended(0, sample, null);
        break;
      }
      const from = destination.checked.url;
      const location = sample.allHeaders?.location ?? sample.response!.headers.location!;
      if (location.length > MAX_LOCATION_CHARS) {
        redirectStop = {
          title: "Redirect too long to follow",
          explanation: `${from.href} redirects with a Location of ${location.length} characters, more than the ${MAX_LOCATION_CHARS} the check follows; browsers and proxies often refuse addresses this long too. The check reports on the redirect itself instead of a shortened address the server never named.`,
        };
        samples.push(sample);
        ended(0, sample, null);
        break;
      }
      let next: URL;
      try {
        next = new URL(location, from);
      } catch {
        throw new ProbeRefusal(
          "redirect",
          `Redirect ${redirects.length + 1} from ${from.href} has an invalid Location.`,
        );
      }
      const seen = [requestedUrl, ...redirects.map((hop) => hop.location)];
      if (seen.includes(next.href) || next.href === from.href) {
        // A loop: browsers give up with "too many redirects". The hops seen are the finding.
        redirects.push({ url: from.href, status: sample.response!.status, location: next.href });
        const path = [...redirects.map((hop) => hop.url), next.href].join(" → ");
        redirectStop = {
          title: "Redirect loop",
          explanation: `The redirects lead back to an address already visited (${path}), so a browser never reaches a page and stops with "too many redirects". The check stops at the redirect that repeats.`,
        };
        samples.push(sample);
        ended(0, sample, null);
        break;
      }
      if (redirects.length >= MAX_REDIRECTS) {
        throw new ProbeRefusal(
          "redirect",
          `More than ${MAX_REDIRECTS} redirects (the next goes to ${next.href}); a loop or a very long chain.`,
        );
      }
      const hop = { url: from.href, status: sample.response!.status, location: next.href };
      redirects.push(hop);
      ended(0, sample, hop);
      try {
        const checked = checkUrl(next.href, policy);
        // The origin override applies to the site's own name only, as curl --resolve does.
        const hopOrigin = originIp && checked.hostname === first.hostname ? originIp : null;
        destination = await destinationFor(
          checked,
          hopOrigin,
          policy,
          config,
          deadlineAt,
          report,
          signal,
        );
      } catch (error) {
        if (error instanceof ProbeRefusal) {
          throw new ProbeRefusal(
            "redirect",
            `Redirect ${redirects.length} to ${next.href} was refused at the ${error.stage} stage: ${error.message}`,
          );
        }
        throw error;
      }
      if (destination.addresses.length === 0) break;
    }
  }

  if (destination.addresses.length > 0) {
    for (let i = 1; i < count; i++) {
      const gap = sampleStart + interval - performance.now();
      if (performance.now() + Math.max(0, gap) >= deadlineAt) break;
      if (gap > 0) await wait(gap, signal);
      signal?.throwIfAborted();
      sampleStart = performance.now();
      const sample = await take(i);
      samples.push(sample);
      ended(i, sample, null);
    }
  }

  // One HTTP/2 sample, to the first sample's address, when TLS worked there and time is left.
  let http2: Http2Sample | null = null;
  const firstSample = samples[0];
  if (
    destination.checked.url.protocol === "https:" &&
    firstSample?.phases.tls !== null &&
    firstSample !== undefined &&
    deadlineAt - performance.now() > 100
  ) {
    http2 = await runHttp2Sample({
      url: destination.checked.url,
      servername: destination.checked.literal ? null : destination.checked.hostname,
      address: firstSample.address,
      port: destination.checked.port,
      trust,
      userAgent: PROBE_USER_AGENT,
      deadlineAt,
      timeoutMs: config.phaseTimeoutMs,
      signal,
    });
    signal?.throwIfAborted();
  }

  const verdict = summarise(samples, destination.dns);
  if (http2) {
    const difference = protocolDifference(http2, {
      status: verdict.status,
      failed: verdict.code !== "ok",
    });
    if (difference) verdict.evidence.push(difference);
  }
  if (redirectStop) {
    verdict.title = redirectStop.title;
    verdict.explanation = redirectStop.explanation;
    verdict.evidence.unshift(redirectStop.explanation);
  }
  if (schemeNote) verdict.evidence.unshift(schemeNote);
  return {
    target: {
      requestedUrl,
      url: destination.checked.url.href,
      hostname: destination.checked.hostname,
      port: destination.checked.port,
      originIp,
      scheme: destination.checked.url.protocol === "http:" ? "http" : "https",
      schemeNote,
    },
    dns: destination.dns,
    redirects,
    samples: samples.map(withoutAllHeaders),
    http2,
    verdict,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
  };
}
