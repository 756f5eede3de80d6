/**
 * curl's output pasted back. The reproduce command the check offers runs
 * `curl -sS -D - -o /dev/null -w …`, which prints the response's headers and then this block:
 *
 *     --- gateway-doctor timings (seconds, cumulative) ---
 *     dns         0.001234
 *     connect     0.002345
 *     tls         0.010000
 *     first-byte  0.120000
 *     total       0.125000
 *     status      502
 *     remote      127.0.0.1:8443
 *
 * The values are curl's own -w variables (time_namelookup, time_connect, time_appconnect,
 * time_starttransfer, time_total, response_code, remote_ip:remote_port), each counted from
 * the start of the transfer (https://curl.se/docs/manpage.html#-w). The headers before it
 * are read by the catalog's header rules like any pasted header block; this module adds
 * what only the timings say: how long the server that answered waited before it gave up,
 * and whose default timeout that wait matches (lib/products/registry.ts).
 */
import { allProducts, product as registryProduct } from "@/lib/products/registry";
import type { TimeoutDefault } from "@/lib/products/types";
import { CATALOG } from "./catalog";
import { sampleOf } from "./input";
import { CAUSE_LABELS } from "./labels";
import type { LinkFor } from "./analyze";
import type { Analysis, Finding, Rule } from "./types";

/** The marker line the reproduce command prints before its timings. */
export const TIMINGS_MARKER = "--- gateway-doctor timings";

/** One timings block, in seconds from the start of the transfer. */
export interface CurlTimings {
  dns: number | null;
  connect: number | null;
  /** 0 on plain HTTP (curl prints 0 for a handshake that did not happen). */
  tls: number | null;
  firstByte: number | null;
  total: number | null;
  /** The response's status; 0 when curl got none. */
  status: number | null;
  /** Address and port curl connected to. */
  remote: string | null;
  /** Line of the paste (0-based) where the block starts. */
  line: number;
}

const FIELD =
  /^\s{0,8}(dns|connect|tls|first-byte|total|status|remote)\s{1,40}(\S{1,100})\s{0,8}$/i;

/** The first timings block in a paste, or null when it has none. */
export function readCurlTimings(text: string): CurlTimings | null {
  const at = text.indexOf(TIMINGS_MARKER);
  if (at === -1) return null;
  let line = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) line++;
  const timings: CurlTimings = {
    dns: null,
    connect: null,
    tls: null,
    firstByte: null,
    total: null,
    status: null,
    remote: null,
    line,
  };
  const lines = text.slice(at).split("\n", 12).slice(1);
  let read = 0;
  for (const raw of lines) {
    const match = FIELD.exec(raw.replace(/\r$/, ""));
    if (!match) {
      if (read > 0) break;
      continue;
    }
    read++;
    const [, name, value] = match as unknown as [string, string, string];
    const seconds = /^\d{1,6}(\.\d{1,9})?$/.test(value) ? Number(value) : null;
    switch (name.toLowerCase()) {
      case "dns":
        timings.dns = seconds;
        break;
      case "connect":
        timings.connect = seconds;
        break;
      case "tls":
        timings.tls = seconds;
        break;
      case "first-byte":
        timings.firstByte = seconds;
        break;
      case "total":
        timings.total = seconds;
        break;
      case "status":
        timings.status = /^\d{3}$/.test(value) ? Number(value) : /^0{1,3}$/.test(value) ? 0 : null;
        break;
      case "remote":
        timings.remote = value;
        break;
    }
  }
  return read > 0 ? timings : null;
}

/**
 * Seconds from the request being sent to the first byte of the answer: the time the server
 * that answered spent waiting (on the app behind it, or on nothing). curl's first-byte time
 * is cumulative, so the connection's own setup (the TLS handshake, or the TCP connect on
 * plain HTTP) is taken off.
 */
export function waitSeconds(timings: CurlTimings): number | null {
  if (timings.firstByte === null || timings.firstByte === 0) return null;
  const setup = timings.tls !== null && timings.tls > 0 ? timings.tls : (timings.connect ?? 0);
  return Math.max(0, timings.firstByte - setup);
}

/** Shortest wait read as a timeout, as the live check reads it (lib/probe/timing.ts). */
const MIN_TIMEOUT_SECONDS = 0.9;

/**
 * A gateway stops waiting a little after its timeout, never before it; from the owner's
 * network the answer also takes a round trip. The same slack as the live check's
 * (lib/probe/timing.ts): 50 ms early, 150 ms or 3 % late.
 */
function near(seconds: number, target: number): boolean {
  return seconds >= target - 0.05 && seconds <= target + Math.max(0.15, target * 0.03);
}

/** A product's default timeout that a wait matches. */
export interface TimeoutMatch extends TimeoutDefault {
  productId: string;
  productName: string;
}

/**
 * The default a wait sits on. Products that identified themselves in the pasted headers or
 * page are tried first and alone: another product's 30-second default says nothing about
 * nginx. When nothing identified itself, any product's default may be the one.
 */
export function matchTimeout(wait: number, responders: readonly string[]): TimeoutMatch | null {
  const named = responders
    .map((id) => registryProduct(id))
    .filter((found): found is NonNullable<typeof found> => found !== undefined);
  const candidates = named.length > 0 ? named : allProducts();
  for (const candidate of candidates) {
    for (const timeout of candidate.timeouts) {
      if (near(wait, timeout.seconds))
        return { ...timeout, productId: candidate.id, productName: candidate.name };
    }
  }
  return null;
}

/** The wizard state that fixes `cause` for `productId`, as the catalog's rules for it say. */
function stateFor(productId: string, cause: string, status: number | null): Rule | undefined {
  return (
    CATALOG.find(
      (rule) => rule.product === productId && rule.cause === cause && rule.status === status,
    ) ??
    CATALOG.find((rule) => rule.product === productId && rule.cause === cause) ??
    CATALOG.find((rule) => rule.cause === cause && rule.status === status)
  );
}

/** Header lines as curl prints them: bare (-D -, -i) or marked "< " (-v). */
const HEADER_LINE = /^(?:< )?([A-Za-z0-9-]{1,60}):[ \t]{0,8}([^\r\n]{0,400})/gm;

/**
 * Products whose own headers (the registry's signatures of weight 7 and up: a Server token,
 * a header only that product sends) appear in the response headers before the timings,
 * strongest first: who answered.
 */
export function headerProducts(headers: string): string[] {
  const scores = new Map<string, number>();
  for (const [, name, value] of headers.matchAll(HEADER_LINE)) {
    const lower = name!.toLowerCase();
    for (const candidate of allProducts()) {
      for (const signature of candidate.headers) {
        if (signature.weight < 7 || signature.header !== lower) continue;
        if (!signature.value.test(value!.trim())) continue;
        scores.set(candidate.id, Math.max(scores.get(candidate.id) ?? 0, signature.weight));
      }
    }
  }
  return [...scores].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

/** Products that are not a server that answered: the client, a bare status, a log's format. */
const NOT_RESPONDERS = new Set(["http", "curl", "browser", "access-log"]);

const seconds = (value: number) =>
  value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(value < 10 ? 2 : 1)} s`;

/**
 * What the timings block says beside the analysis of the headers above it. Null when the
 * paste has no timings block or the response did not fail.
 */
export function timingFinding(text: string, analysis: Analysis, linkFor: LinkFor): Finding | null {
  const timings = readCurlTimings(text);
  if (!timings) return null;
  return waitFinding(
    {
      client: "curl",
      status: timings.status,
      wait: waitSeconds(timings),
      remote: timings.remote,
      responders: respondersOf(analysis, text.slice(0, text.indexOf(TIMINGS_MARKER))),
      line: timings.line,
      sample: text
        .slice(text.indexOf(TIMINGS_MARKER))
        .split("\n", 8)
        .map((line) => sampleOf(line))
        .join("\n"),
    },
    linkFor,
  );
}

/** Who answered: products named by the response headers, then by the analysis's pages and headers. */
export function respondersOf(analysis: Analysis, headers: string): string[] {
  return [
    ...new Set([
      ...headerProducts(headers),
      ...analysis.findings
        .filter((finding) => finding.kind === "header" || finding.kind === "page")
        .map((finding) => finding.product.id)
        .filter((id) => !NOT_RESPONDERS.has(id)),
    ]),
  ];
}

/** One measured request: what a client saw, and how long it waited for the first byte. */
export interface MeasuredWait {
  /** Who measured it, as the finding names it: curl, or the browser that recorded a HAR. */
  client: "curl" | "browser";
  /** The response's status; null or 0 when there was none. */
  status: number | null;
  /** Seconds from the request being sent to the first byte of the answer. */
  wait: number | null;
  /** Address (and port) the client connected to, when known. */
  remote: string | null;
  /** Products that identified themselves in the response, strongest first. */
  responders: readonly string[];
  /** Line of the paste (0-based) the finding points at. */
  line: number;
  /** What to show as the evidence. */
  sample: string;
}

const CLIENTS = {
  curl: { id: "curl", name: "curl", role: "command-line client" },
  browser: { id: "browser", name: "your browser", role: "client" },
} as const;

/**
 * What a measured wait says beside the analysis of the response: the status, who answered,
 * the wait before the first byte, and the default timeout it matches. Null for a response
 * that did not fail.
 */
export function waitFinding(measured: MeasuredWait, linkFor: LinkFor): Finding | null {
  const { wait, responders } = measured;
  const status = measured.status !== null && measured.status > 0 ? measured.status : null;
  const failed = status !== null && status >= 500;
  if (!failed) return null;
  const match =
    wait !== null && wait >= MIN_TIMEOUT_SECONDS ? matchTimeout(wait, responders) : null;
  const client = CLIENTS[measured.client];
  const subject = measured.client === "curl" ? "curl" : "The browser";
  const who =
    responders.length > 0
      ? responders.map((id) => registryProduct(id)?.name ?? id).join(", ")
      : null;
  const from = measured.remote ? ` from ${measured.remote}` : "";

  let rule: Rule | undefined;
  let title: string;
  let meaning: string;
  let confidence: Finding["confidence"];
  let confidenceReason: string;
  let cause: Finding["cause"];
  if (match) {
    cause = match.cause;
    rule = stateFor(match.productId, match.cause, status);
    title = `${status} after ${seconds(wait!)}: ${match.productName}'s ${match.setting} (${match.seconds} s by default)`;
    meaning = `${subject} sent the request and waited ${seconds(wait!)} for the first byte of the answer${from}, then got ${status}. That is the default of ${match.productName}'s ${match.setting}: the server behind it did not answer within ${match.seconds} seconds, so ${match.productName} gave up. Make the slow request faster, or raise that limit (and every limit in front of it).`;
    confidence = "medium";
    confidenceReason = `The wait matches ${match.productName}'s default to within the slack a timer leaves; another layer configured to the same number of seconds would look the same.`;
  } else {
    cause = "status-only";
    rule = CATALOG.find((candidate) => candidate.fallback && candidate.status === status);
    const quick = wait !== null && wait < MIN_TIMEOUT_SECONDS;
    title = `${status} after ${wait === null ? "an unknown wait" : seconds(wait)}${who ? ` from ${who}` : ""}`;
    meaning = quick
      ? `${subject} got ${status}${from} ${seconds(wait)} after sending the request: too soon for a timeout, so the server that answered failed at once (nothing listening behind it, a refused or reset connection, or an error it passed on).`
      : `${subject} got ${status}${from} after waiting ${wait === null ? "an unknown time" : seconds(wait)}, which matches no product's default timeout${wait !== null && Math.abs(wait - Math.round(wait)) < 0.15 ? `; a wait of almost exactly ${Math.round(wait)} s still looks like a configured limit` : ""}.`;
    confidence = "status-only";
    confidenceReason = "The timings show when the answer came, not why it failed.";
  }
  const link = rule
    ? linkFor(rule.state, status, { cause, kind: "client", product: client.id })
    : null;
  return {
    ruleId: `${measured.client}-timings-${match ? "timeout" : "status"}`,
    kind: "client",
    product: { ...client },
    layer: match ? "app" : "unknown",
    cause,
    status,
    title: title || CAUSE_LABELS[cause],
    meaning,
    confidence,
    confidenceReason,
    reference: null,
    state: rule?.state ?? "",
    href: link?.href ?? null,
    markedHref: link ? `${link.href}${link.query ?? ""}` : null,
    answers: link?.answers ?? [],
    supported: link?.supported ?? (link?.answers ?? []).map(() => false),
    readAs: null,
    fromProse: false,
    cutShort: false,
    count: 1,
    firstLine: measured.line + 1,
    sample: measured.sample,
    firstSeen: null,
    lastSeen: null,
  };
}

/** The analysis with the timings' finding added: first when it names a timeout, else last. */
export function withTimingFinding(text: string, analysis: Analysis, linkFor: LinkFor): Analysis {
  if (!text.includes(TIMINGS_MARKER)) return analysis;
  return withFinding(analysis, timingFinding(text, analysis, linkFor));
}

/**
 * `analysis` with a wait's finding: first when it names a timeout; else last, in place of the
 * catalog's bare-status finding (product "http"), which says less than the wait does. A
 * product's own status-only page (nginx's plain 502) stays: it names who answered and links
 * to that product's step.
 */
export function withFinding(analysis: Analysis, finding: Finding | null): Analysis {
  if (!finding) return analysis;
  const findings =
    finding.confidence === "status-only"
      ? [...analysis.findings.filter((other) => other.product.id !== "http"), finding]
      : [finding, ...analysis.findings];
  return { ...analysis, findings };
}
