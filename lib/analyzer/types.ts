import type { VerdictCause, VerdictLayer } from "@/lib/probe/verdict";
import type { ProductId } from "./products";
import type { StateId } from "@/machines/diagnosis.machine";

/**
 * Causes the analyzer can name. The probe's VerdictCause covers what a request from
 * outside can see; pasted logs also show what happened inside the origin (a worker pool
 * filling up, the kernel killing a process), so the list is wider.
 */
export type AnalyzerCause =
  | VerdictCause
  | "app-crashed"
  | "app-error"
  | "app-not-started"
  | "worker-pool-full"
  | "worker-timeout"
  | "out-of-memory"
  | "connection-reset"
  | "connection-limits"
  | "proxy-config"
  | "origin-dns"
  | "edge-blocked"
  | "origin-error-passed-on"
  | "origin-unknown-response"
  | "client-gave-up"
  | "database-connections"
  | "status-only";

/**
 * How sure a finding is. "high" only where the line alone determines the cause;
 * "status-only" where the evidence shows a status code and nothing of its cause (the
 * analyzer gives it to every finding whose cause is "status-only").
 */
export type Confidence = "high" | "medium" | "low" | "status-only";

/** What kind of evidence a rule reads, which also decides how it is matched. */
export type EvidenceKind =
  /** An error page (HTML or its visible text), matched once against the whole paste. */
  | "page"
  /** Raw response headers, matched once against the whole paste. */
  | "header"
  /** One log line; every matching line is counted and timed. */
  | "log"
  /** A command-line client's error message, matched line by line like a log. */
  | "client";

/** A reference id a vendor prints so its support can find the request. */
export interface ReferenceExtractor {
  /** What the vendor calls it, shown to the user ("Ray ID", "Reference #"). */
  label: string;
  /**
   * Lowercase literals that introduce the id. The id is looked for in a short window
   * after the first one found, with HTML tags removed, so markup between label and
   * value does not matter.
   */
  after: readonly string[];
  /** Pattern for the id itself; capture group 1 is the id. Keep it free of nested quantifiers. */
  pattern: RegExp;
}

/** Who produces evidence: a CDN, a proxy, an app server, a client tool. */
export interface Product {
  /** Human name ("Cloudflare", "nginx"). */
  name: string;
  /** Where it sits, in words an owner uses ("CDN", "reverse proxy", "PHP app server"). */
  role: string;
  /** How to pull the vendor's reference id out of a page or headers, if it has one. */
  references?: readonly ReferenceExtractor[];
}

/** One entry of the catalog: a recognisable piece of evidence and what it means. */
export interface Rule {
  /** Stable kebab-case id; tests and grouping key on it. */
  id: string;
  /** Which kind of evidence this is; decides whole-paste or per-line matching. */
  kind: EvidenceKind;
  /** Key into PRODUCTS: what printed or rendered the evidence. */
  product: ProductId;
  /** Which hop of the request path the evidence points at (not who printed it). */
  layer: VerdictLayer;
  /** What went wrong, as a stable id. */
  cause: AnalyzerCause;
  /** The HTTP status a visitor sees when this happens, when there is a typical one. */
  status?: number;
  /** Diagnosis machine state id that fixes it, e.g. "appDown". */
  state: StateId;
  /**
   * Heading for the finding. Optional: by default the cause's heading is used, which is
   * too vague for evidence that only carries a status ("status-only").
   */
  title?: string;
  /** Plain-words explanation for someone in the middle of an outage. */
  meaning: string;
  /** How sure the match is. */
  confidence: Confidence;
  /** Why that confidence: what else could produce the same text. */
  confidenceReason: string;
  /**
   * Lowercase literal substrings that must all occur (in the line for log and client
   * rules, anywhere in the paste for page and header rules). They are the cheap filter:
   * the first should be the rarest, because it is the one searched for.
   */
  anchors: readonly string[];
  /**
   * Optional extra check, run only where the anchors already matched, on the original
   * (not lowercased) text. Must be linear: no nested or unbounded wildcard quantifiers.
   */
  pattern?: RegExp;
  /**
   * A generic rule (a bare status code) that only speaks when no specific rule matched
   * anything in the paste.
   */
  fallback?: boolean;
  /** A real-looking sample the rule must recognise; the catalog test runs every one. */
  example: string;
}

/** When a group of log lines was first or last seen. */
export interface SeenAt {
  /** The timestamp exactly as the log printed it. */
  text: string;
  /**
   * Milliseconds since the epoch, for ordering. Logs without a zone (nginx, Apache) are
   * read as UTC, so compare values from the same log only.
   */
  time: number;
}

/** One recognised cause, possibly backed by many log lines. */
export interface Finding {
  /** The rule that matched. */
  ruleId: string;
  /** Kind of evidence (page, header, log, client). */
  kind: EvidenceKind;
  /** Product id and its display details. */
  product: { id: string; name: string; role: string };
  /** The hop the evidence points at. */
  layer: VerdictLayer;
  /** What went wrong. */
  cause: AnalyzerCause;
  /** Typical HTTP status for this cause, when there is one. */
  status: number | null;
  /** Short heading: the rule's own title or its cause's. */
  title: string;
  /** Plain-words meaning. */
  meaning: string;
  /** How sure, and why. */
  confidence: Confidence;
  /** Why that confidence. */
  confidenceReason: string;
  /** Vendor reference id found next to the evidence, if any. */
  reference: { label: string; value: string } | null;
  /** Diagnosis machine state that fixes it. */
  state: string;
  /** Link into the wizard at that state, or null if no answer path reaches it. */
  href: string | null;
  /**
   * `href` with a query naming the answers the paste showed, so the wizard marks those
   * as shown by the paste and no others; the link the analyzer displays.
   */
  markedHref: string | null;
  /** Labels of the answers the link gives on the person's behalf, in order. */
  answers: string[];
  /**
   * For each of `answers`: true when the paste itself shows it (the status code, the
   * cause), false when the link only assumes it to reach the step.
   */
  supported: boolean[];
  /**
   * The matching line as the rules read it, when that differs from what was pasted
   * (a docker prefix removed, a wrapped line rejoined, JSON unescaped, musl's errno
   * text in glibc's words); null when they are the same. `sample` is what was pasted.
   */
  readAs: string | null;
  /**
   * True when every matching line reads as a person's sentence (a question, a quoted
   * answer) rather than a program's output. Such a finding ranks below real evidence.
   */
  fromProse: boolean;
  /**
   * True when the matching lines were cut short (by a pager or the terminal's width) and
   * were recognised by what survived the cut; the confidence is lowered to match.
   */
  cutShort: boolean;
  /** How many lines (or 1 for a page or headers) matched. */
  count: number;
  /** First matching line number (1-based), for pointing back into the paste. */
  firstLine: number;
  /** The first matching line, shortened, as plain text. */
  sample: string;
  /** Earliest timestamp among the matching lines, when they carry one. */
  firstSeen: SeenAt | null;
  /** Latest timestamp among the matching lines, when they carry one. */
  lastSeen: SeenAt | null;
}

/** Everything the analyzer says about one paste. */
export interface Analysis {
  /** Findings, the dominant cause first. */
  findings: Finding[];
  /** Lines read (after truncation). */
  lineCount: number;
  /** Lines that matched some log or client rule. */
  matchedLines: number;
  /** Characters read (after truncation). */
  charCount: number;
  /** Characters dropped because the paste was over the limit (0 when nothing was). */
  droppedChars: number;
  /** Lines cut short because they were over the per-line limit. */
  longLines: number;
  /** True when the paste looked like binary data rather than text. */
  binary: boolean;
  /** True when the paste was empty or only whitespace. */
  empty: boolean;
}
