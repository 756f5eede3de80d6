import {
  VERDICT_CAUSES,
  type VerdictCause,
  type VerdictCode,
  type VerdictFacts,
} from "@/lib/probe/verdict";
import { observationFor } from "@/machines/observations";
import { answerPathsFrom, permalinkFor, shortestAnswersTo } from "@/machines/paths";
import { getStep, START_STATE_ID, type AnswerOption } from "@/machines/steps";
import type { QuerySource } from "@/lib/evidence/digest";
import { CATALOG } from "./catalog";
import { CAUSE_LABELS } from "./labels";
import type { AnalyzerCause, EvidenceKind } from "./types";

/** A link into the wizard, and the answers it stands for. */
export interface WizardLink {
  /** URL path of the wizard step, e.g. "/diagnose/owner/502/server-page/connection-refused". */
  href: string;
  /** The labels of the answers the link gives on the person's behalf, in order. */
  answers: string[];
  /**
   * For each answer: true when the evidence shows it (the status code the page or log
   * shows, the answer that picks the finding's cause), false when it is only assumed to
   * reach the step (who the person is, what their error page looks like, a detour).
   */
  supported: boolean[];
  /**
   * "?pasted=…&finding=…" naming the supported answers and the rule, for the wizard to mark
   * them as shown by the paste; "" when the paste showed none of them.
   */
  query: string;
}

/** What a finding shows, which decides which answers on its link it supports. */
export interface LinkEvidence {
  /** What the evidence says went wrong ("status-only" when it shows only a status). */
  cause: AnalyzerCause;
  /** Page, headers, log line or a client's message. */
  kind: EvidenceKind;
  /** The product that printed or rendered it (a key of the analyzer's products). */
  product: string;
  /** The catalog rule behind the finding, named in the link so the wizard can say what showed it. */
  rule?: string;
}

/**
 * Query parameters of a link from the analyzer: which answers the paste showed, as
 * `position-slug` pairs (`1-502/3-connection-refused`), and the rule that read it. The
 * wizard marks those answers "shown by your paste" and the rest as the person's own.
 */
export const PASTE_PARAMS = { shown: "pasted", rule: "finding" } as const;

/** Answers a paste showed, as a link from the analyzer carries them. */
export interface PasteMarks {
  /** Answer slug by its position in the permalink. */
  shown: ReadonlyMap<number, string>;
  /** The catalog rule whose finding the link came from. */
  rule: string;
  /** What showed them, in words ("your paste: The next server refused the connection"). */
  reason: string;
}

const SHOWN_ITEM = /^(\d{1,2})-([a-z0-9][a-z0-9-]{0,63})$/;

/** Reads a wizard link's paste marks; anything malformed or unknown leaves none. */
export function readPasteQuery(source: QuerySource): PasteMarks | null {
  const get = (name: string): string | null => {
    if (typeof (source as { get?: unknown }).get === "function")
      return (source as { get(name: string): string | null }).get(name);
    const value = (source as Record<string, string | string[] | undefined>)[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  const shownText = get(PASTE_PARAMS.shown);
  const rule = CATALOG.find((candidate) => candidate.id === get(PASTE_PARAMS.rule));
  if (!shownText || !rule) return null;
  const shown = new Map<number, string>();
  for (const item of shownText.split("/").slice(0, 50)) {
    const match = SHOWN_ITEM.exec(item);
    if (!match) return null;
    shown.set(Number(match[1]), match[2]!);
  }
  return { shown, rule: rule.id, reason: `your paste: ${rule.title ?? CAUSE_LABELS[rule.cause]}` };
}

/** Positions of a permalink's answers that the paste showed and the person has not changed since. */
export function pastedPositions(answers: readonly string[], marks: PasteMarks | null): Set<number> {
  const positions = new Set<number>();
  for (const [index, slug] of marks?.shown ?? []) if (answers[index] === slug) positions.add(index);
  return positions;
}

/** The query (without "?") that carries a link's paste marks, or "" when the paste showed none. */
export function pasteQueryString(marks: {
  shown: ReadonlyMap<number, string>;
  rule: string;
}): string {
  if (marks.shown.size === 0) return "";
  const query = new URLSearchParams();
  query.set(
    PASTE_PARAMS.shown,
    [...marks.shown].map(([index, slug]) => `${index}-${slug}`).join("/"),
  );
  query.set(PASTE_PARAMS.rule, marks.rule);
  return query.toString();
}

/** Products that name no layer: a bare status, an access log, the person's own client. */
const NO_LAYER = new Set(["http", "access-log", "browser", "curl"]);

/** The probe's code for a status, which is what a page or a proxy's log line amounts to. */
function codeForStatus(
  status: number | null,
  kind: EvidenceKind,
  cause: AnalyzerCause,
): VerdictCode {
  if (status === 504 || status === 524) return "gateway-timeout";
  if (status === 503) return "unavailable";
  if (status === 500) return "server-error";
  if (status !== null && (status === 502 || (status >= 520 && status <= 530))) return "bad-gateway";
  if (status !== null) return "server-error";
  // A client's own failed request (curl) is the probe's observation, made by hand.
  if (kind === "client" && cause === "upstream-refused") return "connect-refused";
  if (kind === "client" && cause === "upstream-connect-timeout") return "connect-timeout";
  if (kind === "client" && cause === "upstream-unreachable") return "unreachable";
  return "no-response";
}

/**
 * A finding as the facts of a verdict, so the wizard's own rule for what evidence supports
 * (machines/observations.ts, the rule the live check follows) decides here too. Only what
 * the paste shows goes in: the vendor only for a page or headers (who answered), the
 * response only where a page, headers or a proxy's log line show the status.
 */
function factsOf(status: number | null, evidence: LinkEvidence): VerdictFacts {
  const answered = !(evidence.kind === "client" && status === null);
  const vendor =
    (evidence.kind === "page" || evidence.kind === "header") && !NO_LAYER.has(evidence.product)
      ? evidence.product
      : null;
  const cause = (VERDICT_CAUSES as readonly string[]).includes(evidence.cause)
    ? (evidence.cause as VerdictCause)
    : null;
  return {
    code: codeForStatus(status, evidence.kind, evidence.cause),
    status,
    layer: "unknown",
    vendor,
    cause,
    intermittent: false,
    observed: {
      dnsResolved: false,
      connected: answered,
      tlsHandshake: false,
      httpResponse: answered,
      gateway: vendor,
    },
  };
}

/** The question where an owner says which error they see; evidence always starts there. */
const WHICH_ERROR = "ownerWhichError";

const pathsFrom = new Map<string, ReadonlyMap<string, readonly string[]>>();
function cachedPathsFrom(stateId: string): ReadonlyMap<string, readonly string[]> {
  let paths = pathsFrom.get(stateId);
  if (!paths) {
    paths = answerPathsFrom(stateId);
    pathsFrom.set(stateId, paths);
  }
  return paths;
}

/** Status codes with a branch of their own, most common first. */
const GATEWAY_CODES = [502, 504, 503, 500];

/**
 * A link along `answers`, each answer marked supported only where the evidence shows it
 * (observationFor finds an observation behind it); the rest are assumptions made to reach
 * the step, such as who the person is or which page they see beside a log line.
 */
function linkOf(answers: readonly string[], facts: VerdictFacts, rule?: string): WizardLink {
  const labels: string[] = [];
  const supported: boolean[] = [];
  let stateId: string | undefined = START_STATE_ID;
  for (const answer of answers) {
    const option: AnswerOption | undefined = stateId
      ? getStep(stateId)?.answers.find((o) => o.answer === answer)
      : undefined;
    labels.push(option?.label ?? answer);
    supported.push(stateId !== undefined && observationFor(stateId, answer, facts) !== null);
    stateId = option?.target;
  }
  const shown = new Map<number, string>();
  supported.forEach((isShown, index) => {
    if (isShown) shown.set(index, answers[index]!);
  });
  const query = rule ? pasteQueryString({ shown, rule }) : "";
  return {
    href: permalinkFor(answers),
    answers: labels,
    supported,
    query: query ? `?${query}` : "",
  };
}

/**
 * The wizard link for a finding. Evidence tells us the status code the visitor saw, so
 * the path goes through that answer ("502", then on to the cause) when the machine
 * offers it; the plain shortest path can cross an unrelated branch (reaching a TLS fix
 * by way of Cloudflare's 526, say), which reads as nonsense to someone who saw a 502.
 */
export function wizardLinkFor(
  stateId: string,
  status: number | null,
  evidence: LinkEvidence = { cause: "status-only", kind: "log", product: "http" },
): WizardLink | null {
  const facts = factsOf(status, evidence);
  const toWhichError = shortestAnswersTo(WHICH_ERROR);
  const whichError = getStep(WHICH_ERROR);
  if (toWhichError && whichError) {
    // A CDN's 503 page can still call for a step that sits under the 502 branch; the
    // gateway codes are tried in order of how often they carry such evidence.
    const codes =
      status === null ? [] : [status, ...GATEWAY_CODES.filter((code) => code !== status)];
    for (const code of codes) {
      const option = whichError.answers.find((o) => o.answer === String(code));
      const rest = option ? cachedPathsFrom(option.target).get(stateId) : undefined;
      if (option && rest)
        return linkOf([...toWhichError, option.answer, ...rest], facts, evidence.rule);
    }
    const direct = cachedPathsFrom(WHICH_ERROR).get(stateId);
    if (direct) return linkOf([...toWhichError, ...direct], facts, evidence.rule);
  }
  const answers = shortestAnswersTo(stateId);
  return answers ? linkOf(answers, facts, evidence.rule) : null;
}
