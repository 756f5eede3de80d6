/**
 * A HAR file's failed requests, read by the analyzer. The file is sanitised first
 * (./sanitize.ts); only then is each 5xx response turned into what a person would have
 * pasted (its status line, its headers, the start of its page) and analysed like a paste,
 * with the browser's measured wait read the way curl's is (../curl-timings.ts). Requests
 * that failed the same way are shown once, with a count.
 *
 * Loaded on demand: the browser imports it when a file is chosen or dropped, never with the
 * page (the first-load JavaScript budget), and the server only for a no-JavaScript upload.
 */
import { analyzePaste, type Analysis } from "../index";
import { respondersOf, waitFinding, withFinding } from "../curl-timings";
import { wizardLinkFor } from "../links";
import { REMOVED, sanitizeHar, type RemovedCounts, type SafeEntry, type SafeHar } from "./sanitize";

export { HarError, REMOVED } from "./sanitize";
export { SHOWN_HEADERS, shownHeaders } from "./shown-headers";
export type { RemovedCounts, SafeEntry, SafeHar, SafeHeader } from "./sanitize";

/** Largest HAR the browser reads; past this the tab's memory, not the analyzer, is the limit. */
export const MAX_HAR_BYTES_IN_BROWSER = 100 * 1024 * 1024;

/** Failed requests analysed one by one; the rest are counted. */
export const MAX_ANALYSED_FAILURES = 50;

/** Groups shown; a HAR with more distinct failures shows the most frequent. */
export const MAX_GROUPS = 8;

/** Requests that failed the same way. */
export interface HarGroup {
  /** The first request of the group, sanitised. */
  first: SafeEntry;
  /** Up to five of its requests' URLs (sanitised), for the person to recognise them. */
  urls: string[];
  /** How many requests failed this way. */
  count: number;
  /** The first request's response as the analyzer read it. */
  paste: string;
  /** What the analyzer found in it, with the wait's finding. */
  analysis: Analysis;
}

/** What a HAR file shows. */
export interface HarReport {
  /** The program that wrote the file, when it said. */
  creator: string | null;
  /** Requests in the file. */
  totalEntries: number;
  /** Requests read (the file may hold more than the sanitiser reads). */
  readEntries: number;
  /** Requests answered with a 5xx status. */
  failureCount: number;
  /** Requests the browser got no answer for (Chromium's net::ERR_…). */
  noResponse: { url: string; error: string }[];
  /** The failures, grouped, the most frequent first. */
  groups: HarGroup[];
  /** What the sanitiser removed before anything was read. */
  removed: RemovedCounts;
}

/** The response as a person would paste it: status line, headers, the start of the page. */
export function pasteOf(entry: SafeEntry): string {
  const version = /^(h2|http\/2)/i.test(entry.httpVersion)
    ? "HTTP/2"
    : /^h3|http\/3/i.test(entry.httpVersion)
      ? "HTTP/3"
      : /^HTTP\/1\.[01]$/i.test(entry.httpVersion)
        ? entry.httpVersion.toUpperCase()
        : "HTTP/1.1";
  const lines = [`${version} ${entry.status}${entry.statusText ? ` ${entry.statusText}` : ""}`];
  for (const header of entry.responseHeaders) {
    if (header.value === REMOVED) continue;
    lines.push(`${header.name}: ${header.value}`);
  }
  return `${lines.join("\n")}\n\n${entry.excerpt}`;
}

/** Host and port of a URL as the browser connected to it, for the "from …" in a finding. */
function remoteOf(entry: SafeEntry): string | null {
  if (!entry.serverIPAddress) return null;
  try {
    const url = new URL(entry.url);
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    const address = entry.serverIPAddress.includes(":")
      ? `[${entry.serverIPAddress.replace(/^\[|\]$/g, "")}]`
      : entry.serverIPAddress;
    return `${address}:${port}`;
  } catch {
    return entry.serverIPAddress;
  }
}

/** One failed request analysed like a paste, with the wait the browser measured. */
export function analyseEntry(entry: SafeEntry): { paste: string; analysis: Analysis } {
  const paste = pasteOf(entry);
  const analysis = analyzePaste(paste);
  const headerEnd = paste.indexOf("\n\n");
  const wait = entry.timings.wait === null ? null : entry.timings.wait / 1000;
  const finding = waitFinding(
    {
      client: "browser",
      status: entry.status,
      wait,
      remote: remoteOf(entry),
      responders: respondersOf(analysis, paste.slice(0, headerEnd === -1 ? undefined : headerEnd)),
      line: 0,
      sample: `${entry.method} ${entry.url}\n${paste.split("\n", 1)[0]} (waited ${wait === null ? "?" : `${Math.round(wait * 1000)} ms`} for the first byte)`,
    },
    wizardLinkFor,
  );
  // A status-only wait adds nothing to a page or header finding that names a cause; it is kept
  // when the wait names a timeout, or when nothing named a cause.
  const useful =
    finding &&
    (finding.confidence !== "status-only" ||
      analysis.findings.every((other) => other.confidence === "status-only"));
  return { paste, analysis: useful ? withFinding(analysis, finding) : analysis };
}

/** The failures of a sanitised HAR, grouped by what the analyzer makes of them. */
export function harReport(har: SafeHar): HarReport {
  const failures = har.entries.filter((entry) => entry.status >= 500 && entry.status <= 599);
  const groups = new Map<string, HarGroup>();
  for (const entry of failures.slice(0, MAX_ANALYSED_FAILURES)) {
    const { paste, analysis } = analyseEntry(entry);
    let host = "";
    try {
      host = new URL(entry.url).host;
    } catch {
      // Not a URL: grouped without a host.
    }
    const key = [
      entry.status,
      host,
      analysis.findings.map((finding) => finding.ruleId).join(","),
    ].join(" ");
    const group = groups.get(key);
    if (group) {
      group.count++;
      if (group.urls.length < 5 && !group.urls.includes(entry.url)) group.urls.push(entry.url);
    } else {
      groups.set(key, { first: entry, urls: [entry.url], count: 1, paste, analysis });
    }
  }
  return {
    creator: har.creator,
    totalEntries: har.totalEntries,
    readEntries: har.entries.length,
    failureCount: failures.length,
    noResponse: har.entries
      .filter((entry) => entry.status === 0 && entry.error !== null)
      .slice(0, 20)
      .map((entry) => ({ url: entry.url, error: entry.error! })),
    groups: [...groups.values()].sort((a, b) => b.count - a.count).slice(0, MAX_GROUPS),
    removed: har.removed,
  };
}

/** Sanitise a HAR file's text and read its failures. Throws HarError for a file that is not a HAR. */
export function readHar(text: string): HarReport {
  return harReport(sanitizeHar(text));
}
