import { CATALOG } from "./catalog";
import { CAUSE_LABELS } from "./labels";
import { boundInput, decodeEntities, MAX_LINE_CHARS, SAMPLE_CHARS, sampleOf } from "./input";
import { productById } from "./products";
import { LiteralScanner } from "./literals";
import { normalizePaste, readsAsProse, type NormalizedPaste } from "./normalize";
import { parseTimestamp } from "./timestamps";
import type { LinkEvidence } from "./links";
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
  evidence: LinkEvidence,
) => { href: string; answers: string[]; supported?: boolean[]; query?: string } | null;

const CONFIDENCE_RANK: Record<Confidence, number> = {
  high: 0,
  medium: 1,
  low: 2,
  "status-only": 3,
};

/** Where a window for a vendor's reference id may reach, after its label. */
const REFERENCE_WINDOW = 300;

/** A group of lines claimed by one log rule, while it is being collected. */
interface LineGroup {
  ruleIndex: number;
  count: number;
  /** First claimed line of the normalised paste. */
  firstLine: number;
  /** The last line counted, as pasted and as read, so a message repeated in two fields of one JSON line counts once. */
  lastOriginal: number;
  lastText: string;
  /**
   * The pasted line whose whole JSON document this rule just matched, until a string inside
   * it matches too: that string is the same evidence (the document holds one log line) and
   * adds no count; further strings are further lines (an array of log lines).
   */
  containerOriginal: number;
  firstSeen: SeenAt | null;
  lastSeen: SeenAt | null;
  /** Every line of the group reads as a sentence rather than a program's output. */
  prose: boolean;
  /** Lines recognised from what survived a pager's cut, without the rule's full check. */
  cutShort: boolean;
}

/** Lines claimed from prose and from a cut are kept apart from the rule's real evidence. */
function groupKey(ruleIndex: number, prose: boolean, cutShort: boolean): number {
  return ruleIndex * 4 + (prose ? 2 : 0) + (cutShort ? 1 : 0);
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

  const { text: pasted, droppedChars, binary } = boundInput(raw);
  const empty = pasted.trim() === "";
  const normalized = empty ? null : normalizePaste(pasted);
  const base: Omit<Analysis, "findings" | "matchedLines"> = {
    lineCount: normalized?.originalStarts.length ?? 0,
    charCount: pasted.length,
    droppedChars,
    longLines: 0,
    binary,
    empty,
  };
  if (!normalized) return { ...base, findings: [], matchedLines: 0 };

  // Rules read the normalised paste; findings point back at (and show) the pasted lines.
  const text = normalized.text;
  const starts = lineStartsOf(text);
  const pastedLines = new PastedLines(pasted, normalized);
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
  // Cut lines whose rule failed only on what may lie past the cut: line → rule indexes.
  const survivors = new Map<number, number[]>();

  const claim = (ruleIndex: number, line: number, original: string, cutShort: boolean) => {
    claimed[line] = ruleIndex + 1;
    const prose = readsAsProse(original);
    const seen = parseTimestamp(original, now) ?? pastedLines.timestamp(line, now);
    const key = groupKey(ruleIndex, prose, cutShort);
    const pastedLine = normalized.firstOriginal[line]!;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        ruleIndex,
        count: 1,
        firstLine: line,
        lastOriginal: pastedLine,
        lastText: original,
        containerOriginal: normalized.container[line] === 1 ? pastedLine : -1,
        firstSeen: seen,
        lastSeen: seen,
        prose,
        cutShort,
      });
      return;
    }
    const isContainer = normalized.container[line] === 1;
    if (!isContainer && group.containerOriginal === pastedLine) {
      // A message inside a JSON line this rule already matched whole: the same evidence,
      // and the clearer line to show.
      if (normalized.firstOriginal[group.firstLine] === pastedLine) group.firstLine = line;
      group.containerOriginal = -1;
    } else if (group.lastOriginal !== pastedLine || group.lastText !== original) {
      // The same message in two fields of one JSON line is one line of evidence, not two.
      group.count++;
    }
    if (isContainer) group.containerOriginal = pastedLine;
    group.lastOriginal = pastedLine;
    group.lastText = original;
    if (seen) {
      if (!group.firstSeen || seen.time < group.firstSeen.time) group.firstSeen = seen;
      if (!group.lastSeen || seen.time >= group.lastSeen.time) group.lastSeen = seen;
    }
  };

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
        const original = text.slice(start, stop);
        const anchored = rest.every((anchor) => lowerLine.includes(anchor));
        if (anchored && (!rule.pattern || rule.pattern.test(original))) {
          claim(ruleIndex, line, original, false);
        } else if (!anchored && normalized.cut[line] === 1) {
          // The rest of the rule's words may have been on the part the pager cut off. (A
          // rule whose words are all there but whose pattern failed is another format.)
          const list = survivors.get(line);
          if (list) list.push(ruleIndex);
          else survivors.set(line, [ruleIndex]);
        }
      }
    }
  });

  // A cut line that no rule claimed in full goes to the rule its surviving words name, but
  // only when every rule it could be agrees on the cause. Of those, the one with the most of
  // its anchors left speaks (the general "upstream timed out" over the read-timeout variant
  // whose "while reading…" was cut), the earlier in catalog order on a tie.
  for (const [line, ruleIndexes] of survivors) {
    if (claimed[line] !== 0) continue;
    const cause = catalog[ruleIndexes[0]!]!.cause;
    if (!ruleIndexes.every((index) => catalog[index]!.cause === cause)) continue;
    const start = starts[line]!;
    const stop = Math.min(lineEnd(line), start + MAX_LINE_CHARS);
    const lowerLine = lower.slice(start, stop);
    const survived = (index: number) => {
      const { anchors } = catalog[index]!;
      return anchors.filter((anchor) => lowerLine.includes(anchor)).length / anchors.length;
    };
    let best = ruleIndexes[0]!;
    for (const index of ruleIndexes) if (survived(index) > survived(best)) best = index;
    claim(best, line, text.slice(start, stop), true);
  }

  const findings: Finding[] = [];
  let matchedLines = 0;
  // Lines of one rule read in full; a cut line of the same rule joins them, and a sentence
  // naming the same cause adds nothing beside them.
  const fullGroups = new Map<number, LineGroup>();
  for (const group of groups.values())
    if (!group.prose && !group.cutShort) fullGroups.set(group.ruleIndex, group);
  for (const group of groups.values()) {
    const full = fullGroups.get(group.ruleIndex);
    if (full && full !== group && !group.prose) {
      full.count += group.count;
      continue;
    }
  }
  const hasEvidence = new Set<number>();
  for (const group of groups.values()) if (!group.prose) hasEvidence.add(group.ruleIndex);
  for (const group of groups.values()) {
    const full = fullGroups.get(group.ruleIndex);
    if (full && full !== group && !group.prose) continue;
    if (group.prose && hasEvidence.has(group.ruleIndex)) continue;
    const rule = catalog[group.ruleIndex]!;
    matchedLines += group.count;
    const start = starts[group.firstLine]!;
    const read = text.slice(start, Math.min(lineEnd(group.firstLine), start + MAX_LINE_CHARS));
    findings.push(
      toFinding(rule, linkFor, {
        count: group.count,
        firstLine: normalized.firstOriginal[group.firstLine]! + 1,
        sample: pastedLines.sample(group.firstLine),
        readAs: normalized.changed[group.firstLine] === 1 ? sampleOf(read) : null,
        firstSeen: group.firstSeen,
        lastSeen: group.lastSeen,
        reference: null,
        fromProse: group.prose,
        cutShort: group.cutShort,
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
    const context = sampleAround(page.text, start, end, shown);
    // Entity decoding keeps line breaks, so the page's lines are the normalised paste's.
    const changed = normalized.changed[line] === 1;
    return toFinding(rule, linkFor, {
      count: 1,
      firstLine: normalized.firstOriginal[line]! + 1,
      sample: changed ? pastedLines.sample(line) : context,
      readAs: changed ? context : null,
      firstSeen: null,
      lastSeen: null,
      reference: findReference(rule, page.text, page.lower),
      fromProse: false,
      cutShort: false,
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
  // A bare status speaks only when nothing else was recognised, prose aside: a question
  // that mentions a cause is no reason to hide the status the page itself shows.
  if (findings.every((finding) => finding.fromProse)) {
    for (const rule of catalog) {
      if (isLineRule(rule) || !rule.fallback) continue;
      const finding = pageFinding(rule);
      if (finding) findings.push(finding);
    }
  }

  const order = new Map(catalog.map((rule, index) => [rule.id, index]));
  // Real evidence first; a sentence that merely mentions a cause comes last. A bare
  // status (an access-log 502) is a symptom; however many lines show it, the causes found
  // beside it come first.
  const weight = (finding: Finding) =>
    (finding.fromProse ? 2 : 0) + (finding.cause === "status-only" ? 1 : 0);
  findings.sort(
    (a, b) =>
      weight(a) - weight(b) ||
      b.count - a.count ||
      CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
      (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0),
  );

  return { ...base, longLines, findings, matchedLines };
}

/** The pasted lines behind each normalised line, for showing what the person pasted. */
class PastedLines {
  constructor(
    private readonly pasted: string,
    private readonly normalized: NormalizedPaste,
  ) {}

  private span(line: number): { from: number; to: number } {
    const { firstOriginal, lastOriginal, originalStarts } = this.normalized;
    const from = originalStarts[firstOriginal[line]!]!;
    const next = originalStarts[lastOriginal[line]! + 1];
    const to =
      next === undefined ? this.pasted.length - (this.pasted.endsWith("\n") ? 1 : 0) : next - 1;
    return { from, to };
  }

  /** The pasted line (or rejoined lines) behind a normalised line, shortened for display. */
  sample(line: number): string {
    const { from, to } = this.span(line);
    return sampleOf(
      this.pasted.slice(from, Math.min(to, from + MAX_LINE_CHARS)).replace(/\r\n/g, "\n"),
    );
  }

  /** The time a tool's prefix gave the line (syslog, kubectl), when the line has none of its own. */
  timestamp(line: number, now: Date): SeenAt | null {
    const { from, to } = this.span(line);
    return parseTimestamp(this.pasted.slice(from, Math.min(to, from + 200)), now);
  }
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
  | "count"
  | "firstLine"
  | "sample"
  | "readAs"
  | "firstSeen"
  | "lastSeen"
  | "reference"
  | "fromProse"
  | "cutShort"
>;

/** Why a finding from a sentence ranks last, whatever its rule's confidence. */
const PROSE_REASON =
  "The words appear in a sentence (a question or a quoted explanation), not in a log line or an error page, so they show what someone wrote, not what the server did.";
/** Why a finding from a cut line is less sure than its rule. */
const CUT_REASON =
  "The line was cut short by a pager or the terminal's width; it was recognised from the part that survived, and the rest might have said something more specific.";
/** Why a bare status names no cause. */
const STATUS_ONLY_REASON =
  "The paste shows the status code only; many different causes end in the same code, so none is guessed.";

/** The finding's confidence: the rule's, lowered for what the evidence lacks. */
function confidenceOf(rule: Rule, evidence: Evidence): { confidence: Confidence; reason: string } {
  if (rule.cause === "status-only")
    return { confidence: "status-only", reason: `${STATUS_ONLY_REASON} ${rule.confidenceReason}` };
  if (evidence.fromProse) return { confidence: "low", reason: PROSE_REASON };
  if (evidence.cutShort && rule.confidence === "high")
    return { confidence: "medium", reason: `${CUT_REASON} ${rule.confidenceReason}` };
  if (evidence.cutShort)
    return { confidence: rule.confidence, reason: `${CUT_REASON} ${rule.confidenceReason}` };
  return { confidence: rule.confidence, reason: rule.confidenceReason };
}

function toFinding(rule: Rule, linkFor: LinkFor, evidence: Evidence): Finding {
  const product = productById(rule.product);
  const link = linkFor(rule.state, rule.status ?? null, {
    cause: rule.cause,
    kind: rule.kind,
    product: rule.product,
    rule: rule.id,
  });
  const { confidence, reason } = confidenceOf(rule, evidence);
  return {
    ruleId: rule.id,
    kind: rule.kind,
    product: { id: rule.product, name: product.name, role: product.role },
    layer: rule.layer,
    cause: rule.cause,
    status: rule.status ?? null,
    title: rule.title ?? CAUSE_LABELS[rule.cause],
    meaning: rule.meaning,
    confidence,
    confidenceReason: reason,
    state: rule.state,
    href: link?.href ?? null,
    markedHref: link ? `${link.href}${link.query ?? ""}` : null,
    answers: link?.answers ?? [],
    supported: link?.supported ?? (link?.answers ?? []).map(() => false),
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
