import { CATALOG } from "./catalog";
import { CAUSE_LABELS } from "./labels";
import { boundInput, decodeEntities, MAX_LINE_CHARS, SAMPLE_CHARS, sampleOf } from "./input";
import { productById } from "./products";
import { LiteralScanner } from "./literals";
import { parseTimestamp } from "./timestamps";
import type { Analysis, Confidence, Finding, Rule, SeenAt } from "./types";

/** Options for `analyze`; the defaults serve the site, tests swap in their own. */
export interface AnalyzeOptions {
  /** Rules to match, in order. Defaults to the built-in catalog. */
  catalog?: readonly Rule[];
  /** Link into the wizard for a state and the status the evidence implies; null when there is none. */
  linkFor?: LinkFor;
  /** Supplies the year for syslog timestamps, which print none. */
  now?: Date;
}

/** Resolves a wizard state (and the status code the evidence implies) to a link. */
export type LinkFor = (
  state: string,
  status: number | null,
) => { href: string; answers: string[] } | null;

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

/** Where a window for a vendor's reference id may reach, after its label. */
const REFERENCE_WINDOW = 300;

/** A group of lines claimed by one log rule, while it is being collected. */
interface LineGroup {
  ruleIndex: number;
  count: number;
  firstLine: number;
  firstSeen: SeenAt | null;
  lastSeen: SeenAt | null;
}

/**
 * Lowercase only A–Z. Anchors are ASCII, and unlike `toLowerCase` this never changes
 * the length of the text (some Unicode letters lowercase to two code units), so offsets
 * found in the lowercase copy are valid in the original.
 */
function asciiLower(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** Offsets where each line starts. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  let at = text.indexOf("\n");
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf("\n", at + 1);
  }
  // A trailing newline does not open another line.
  if (starts.length > 1 && starts[starts.length - 1] === text.length) starts.pop();
  return starts;
}

/** Index of the line containing `offset`, by binary search over line starts. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A catalog's anchors compiled once, reused for every paste. */
const scanners = new WeakMap<
  readonly Rule[],
  { scanner: LiteralScanner; anchorIndex: Map<string, number> }
>();

function scannerFor(catalog: readonly Rule[]) {
  let compiled = scanners.get(catalog);
  if (!compiled) {
    const anchors = [...new Set(catalog.flatMap((rule) => rule.anchors))];
    compiled = {
      scanner: new LiteralScanner(anchors),
      anchorIndex: new Map(anchors.map((anchor, index) => [anchor, index])),
    };
    scanners.set(catalog, compiled);
  }
  return compiled;
}

function isLineRule(rule: Rule): boolean {
  return rule.kind === "log" || rule.kind === "client";
}

/**
 * Read a paste and say what it shows. The work is linear in the size of the paste: one
 * pass finds every anchor of every rule at once (see LiteralScanner), and only the lines
 * (or the page) a rule's first anchor hits get that rule's remaining checks.
 */
export function analyze(raw: string, options: AnalyzeOptions = {}): Analysis {
  const catalog = options.catalog ?? CATALOG;
  const linkFor = options.linkFor ?? (() => null);
  const now = options.now ?? new Date();

  const { text, droppedChars, binary } = boundInput(raw);
  const empty = text.trim() === "";
  const starts = empty ? [] : lineStartsOf(text);
  const base: Omit<Analysis, "findings" | "matchedLines"> = {
    lineCount: starts.length,
    charCount: text.length,
    droppedChars,
    longLines: 0,
    binary,
    empty,
  };
  if (empty) return { ...base, findings: [], matchedLines: 0 };

  const lower = asciiLower(text);
  const lineEnd = (line: number): number => {
    const next = starts[line + 1];
    // The last line stops before a trailing newline, which opens no line of its own.
    return next === undefined ? text.length - (text.endsWith("\n") ? 1 : 0) : next - 1;
  };

  let longLines = 0;
  for (let line = 0; line < starts.length; line++) {
    if (lineEnd(line) - starts[line]! > MAX_LINE_CHARS) longLines++;
  }

  // Which rule claimed each line (index + 1; 0 = none). First rule in catalog order wins.
  const claimed = new Uint16Array(starts.length);
  const groups = new Map<number, LineGroup>();

  // One pass finds every anchor of every rule; each rule then visits only its hits.
  const { scanner, anchorIndex } = scannerFor(catalog);
  const hitsByAnchor = scanner.positions(lower);
  const hitsOf = (hits: number[][], anchor: string): number[] =>
    hits[anchorIndex.get(anchor) ?? -1] ?? [];

  catalog.forEach((rule, ruleIndex) => {
    if (!isLineRule(rule)) return;
    const [needle, ...rest] = rule.anchors;
    if (!needle) return;
    let previousLine = -1;
    for (const at of hitsOf(hitsByAnchor, needle)) {
      const line = lineAt(starts, at);
      // Only a line's first hit counts: later ones sit even further past the line limit.
      if (line === previousLine) continue;
      previousLine = line;
      const start = starts[line]!;
      const end = lineEnd(line);
      // Hits past the per-line limit are ignored, as if the line had been cut there.
      if (claimed[line] === 0 && at + needle.length - start <= MAX_LINE_CHARS) {
        const stop = Math.min(end, start + MAX_LINE_CHARS);
        const lowerLine = lower.slice(start, stop);
        if (rest.every((anchor) => lowerLine.includes(anchor))) {
          const original = text.slice(start, stop);
          if (!rule.pattern || rule.pattern.test(original)) {
            claimed[line] = ruleIndex + 1;
            const seen = parseTimestamp(original, now);
            const group = groups.get(ruleIndex);
            if (!group) {
              groups.set(ruleIndex, {
                ruleIndex,
                count: 1,
                firstLine: line,
                firstSeen: seen,
                lastSeen: seen,
              });
            } else {
              group.count++;
              if (seen) {
                if (!group.firstSeen || seen.time < group.firstSeen.time) group.firstSeen = seen;
                if (!group.lastSeen || seen.time >= group.lastSeen.time) group.lastSeen = seen;
              }
            }
          }
        }
      }
    }
  });

  const findings: Finding[] = [];
  let matchedLines = 0;
  for (const group of groups.values()) {
    const rule = catalog[group.ruleIndex]!;
    matchedLines += group.count;
    const start = starts[group.firstLine]!;
    findings.push(
      toFinding(rule, linkFor, {
        count: group.count,
        firstLine: group.firstLine + 1,
        sample: sampleOf(
          text.slice(start, Math.min(lineEnd(group.firstLine), start + MAX_LINE_CHARS)),
        ),
        firstSeen: group.firstSeen,
        lastSeen: group.lastSeen,
        reference: null,
      }),
    );
  }

  // Pages and headers: each product speaks once, through its first matching rule. They
  // are matched against the page as the browser showed it, with character references
  // decoded; that copy is only made when the paste has any.
  const pageText = decodeEntities(text);
  const page =
    pageText === text
      ? { text, lower, starts }
      : { text: pageText, lower: asciiLower(pageText), starts: lineStartsOf(pageText) };
  const pageHits = page.text === text ? hitsByAnchor : scanner.positions(page.lower);
  const indexOf = (anchor: string): number => hitsOf(pageHits, anchor)[0] ?? -1;
  const pageFinding = (rule: Rule): Finding | null => {
    const hits: number[] = [];
    for (const anchor of rule.anchors) {
      const at = indexOf(anchor);
      if (at === -1) return null;
      hits.push(at);
    }
    let shown = hits[hits.length - 1]!;
    if (rule.pattern) {
      const match = rule.pattern.exec(page.text);
      if (!match) return null;
      shown = match.index;
    }
    // Show where the telling part is: the pattern's match, or else the last (most specific)
    // anchor, say "524" rather than the "cloudflare" that merely names the vendor.
    const line = lineAt(page.starts, shown);
    const start = page.starts[line]!;
    const next = page.starts[line + 1];
    const end =
      next === undefined ? page.text.length - (page.text.endsWith("\n") ? 1 : 0) : next - 1;
    return toFinding(rule, linkFor, {
      count: 1,
      firstLine: line + 1,
      sample: sampleAround(page.text, start, end, shown),
      firstSeen: null,
      lastSeen: null,
      reference: findReference(rule, page.text, page.lower),
    });
  };

  const productsSeen = new Set<string>();
  for (const rule of catalog) {
    if (isLineRule(rule) || rule.fallback || productsSeen.has(rule.product)) continue;
    const finding = pageFinding(rule);
    if (finding) {
      productsSeen.add(rule.product);
      findings.push(finding);
    }
  }
  if (findings.length === 0) {
    for (const rule of catalog) {
      if (isLineRule(rule) || !rule.fallback) continue;
      const finding = pageFinding(rule);
      if (finding) findings.push(finding);
    }
  }

  const order = new Map(catalog.map((rule, index) => [rule.id, index]));
  // A bare status (an access-log 502) is a symptom; however many lines show it, the
  // causes found beside it come first.
  const symptom = (finding: Finding) => (finding.cause === "status-only" ? 1 : 0);
  findings.sort(
    (a, b) =>
      symptom(a) - symptom(b) ||
      b.count - a.count ||
      CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
      (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0),
  );

  return { ...base, longLines, findings, matchedLines };
}

/** Characters of context shown before a page match; pages are often one long line. */
const CONTEXT_BEFORE = 120;

/** The part of a (possibly very long) line around a page match, marked where it was cut. */
function sampleAround(text: string, lineStart: number, lineEnd: number, hit: number): string {
  const from = Math.max(lineStart, hit - CONTEXT_BEFORE);
  const to = Math.min(lineEnd, from + SAMPLE_CHARS);
  const cut = sampleOf(text.slice(from, to));
  return (from > lineStart ? "…" : "") + cut + (to < lineEnd && !cut.endsWith("…") ? "…" : "");
}

type Evidence = Pick<
  Finding,
  "count" | "firstLine" | "sample" | "firstSeen" | "lastSeen" | "reference"
>;

function toFinding(rule: Rule, linkFor: LinkFor, evidence: Evidence): Finding {
  const product = productById(rule.product);
  const link = linkFor(rule.state, rule.status ?? null);
  return {
    ruleId: rule.id,
    kind: rule.kind,
    product: { id: rule.product, name: product.name, role: product.role },
    layer: rule.layer,
    cause: rule.cause,
    status: rule.status ?? null,
    title: rule.title ?? CAUSE_LABELS[rule.cause],
    meaning: rule.meaning,
    confidence: rule.confidence,
    confidenceReason: rule.confidenceReason,
    state: rule.state,
    href: link?.href ?? null,
    answers: link?.answers ?? [],
    ...evidence,
  };
}

/**
 * Pull a vendor's reference id (Ray ID, Akamai Reference #) out of the paste. The id is
 * looked for only in a short window after its label, with tags removed, so the cost does
 * not grow with the paste and markup between label and id does not matter.
 */
function findReference(rule: Rule, text: string, lower: string): Finding["reference"] {
  const extractors = productById(rule.product).references ?? [];
  for (const extractor of extractors) {
    for (const label of extractor.after) {
      const at = lower.indexOf(label);
      if (at === -1) continue;
      const from = at + label.length;
      const window = text.slice(from, from + REFERENCE_WINDOW).replace(/<[^<>]{0,200}>/g, " ");
      const match = extractor.pattern.exec(window);
      if (match?.[1]) return { label: extractor.label, value: match[1] };
    }
  }
  return null;
}
