/**
 * Reading a permalink from a URL. A permalink's segments come straight from
 * whoever typed or pasted the address, so every segment is decoded
 * defensively and the list is capped before anything is replayed: a hostile
 * or mangled address must end in a 404 that explains itself, never in a 500.
 */
import { replayAnswers, type ReplayResult } from "@/machines/replay";
import type { Step } from "@/machines/steps";
import { safeDecode, segmentsUnder } from "@/lib/wizard/path-encoding";

/**
 * The most answers a permalink may hold. The longest shortest path is about a
 * dozen answers; fifty leaves room for loops (testing the origin again after
 * finding its address) while keeping a hostile URL cheap to reject.
 */
export const MAX_ANSWERS = 50;

/** The longest segment read; answer slugs are under twenty characters. */
export const MAX_SEGMENT_LENGTH = 64;

/** Why part of a permalink was not understood. */
export type PermalinkProblem =
  /** The segment is not valid percent-encoded UTF-8. */
  | "bad-encoding"
  /** The segment is longer than any answer could be. */
  | "too-long"
  /** The permalink holds more than MAX_ANSWERS segments. */
  | "too-many"
  /** The step reached so far offers no answer by that name. */
  | "unknown-answer"
  /** The diagnosis had already ended; nothing can follow an outcome. */
  | "after-outcome";

/** A permalink that does not lead to a state, with what is needed to explain it. */
export interface PermalinkError {
  problem: PermalinkProblem;
  /** 0-based position of the first segment not understood. */
  index: number;
  /**
   * That segment, decoded when it decodes, for display as text only (never as
   * HTML); cut to MAX_SEGMENT_LENGTH characters with invisible and control
   * characters replaced, so it cannot disguise itself or flood the page.
   */
  part: string;
  /** How many segments the permalink had. */
  segmentCount: number;
  /** The longest run of valid answers from the start: where the link still made sense. */
  validPrefix: string[];
  /** The step the valid prefix leads to, i.e. where the part was not understood. */
  step: Step;
}

/** A permalink that replays to a state. */
export interface ResolvedPermalink {
  ok: true;
  /** The decoded answers, in order. */
  answers: string[];
  /** The replay of those answers: the step reached and the trail to it. */
  replay: Extract<ReplayResult, { ok: true }>;
}

export type PermalinkResult = ResolvedPermalink | { ok: false; error: PermalinkError };

// C0/C1 controls, bidirectional overrides and zero-width characters: they could make the echoed
// text read differently from what the URL holds.
const invisible = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Makes a segment safe and short enough to show back to the person as plain text. */
export function displayPart(segment: string): string {
  const chars = [...segment.replace(invisible, "\ufffd")];
  return chars.length > MAX_SEGMENT_LENGTH
    ? `${chars.slice(0, MAX_SEGMENT_LENGTH).join("")}…`
    : chars.join("");
}

/** Replays a valid prefix; the prefix is known good, so this always succeeds. */
function stepAfter(validAnswers: readonly string[]): { step: Step; validPrefix: string[] } {
  const replayed = replayAnswers(validAnswers);
  if (replayed.ok) return { step: replayed.step, validPrefix: [...validAnswers] };
  // Cannot happen for answers already replayed, but keep the invariant local.
  return { step: replayed.error.step, validPrefix: replayed.error.validPrefix };
}

/**
 * Resolves the raw (still percent-encoded) segments of a permalink, as Next.js
 * passes them in `params` or as they appear in the request path. Never throws.
 */
export function resolvePermalink(rawSegments: readonly string[]): PermalinkResult {
  const segmentCount = rawSegments.length;
  const answers: string[] = [];
  let failure: { problem: PermalinkProblem; index: number; part: string } | null = null;

  for (const [index, raw] of rawSegments.entries()) {
    if (index >= MAX_ANSWERS) {
      failure = { problem: "too-many", index, part: raw };
      break;
    }
    // Checked on the raw form first so a megabyte segment is never decoded at all.
    if (raw.length > MAX_SEGMENT_LENGTH * 3) {
      failure = { problem: "too-long", index, part: raw };
      break;
    }
    const decoded = safeDecode(raw);
    if (decoded === null) {
      failure = { problem: "bad-encoding", index, part: raw };
      break;
    }
    if ([...decoded].length > MAX_SEGMENT_LENGTH) {
      failure = { problem: "too-long", index, part: decoded };
      break;
    }
    answers.push(decoded);
  }

  const replayed = replayAnswers(answers);
  if (!replayed.ok) {
    const { index, slug, step, validPrefix } = replayed.error;
    return {
      ok: false,
      error: {
        problem: step.final ? "after-outcome" : "unknown-answer",
        index,
        part: displayPart(slug),
        segmentCount,
        validPrefix,
        step,
      },
    };
  }
  if (failure) {
    return {
      ok: false,
      error: { ...failure, part: displayPart(failure.part), segmentCount, ...stepAfter(answers) },
    };
  }
  return { ok: true, answers, replay: replayed };
}

/**
 * Routes that live beside the wizard under its base and are not permalinks: `/diagnose/map`
 * is the map of every state, not an answer. Only the exact path is exempt; anything below it
 * is read as a permalink like any other.
 */
export const WIZARD_SIBLING_ROUTES: ReadonlySet<string> = new Set(["map"]);

/** What one replay says about a request path under a base (see readWizardPath). */
export interface WizardPathReading {
  /** Why it is not a permalink the wizard can follow, or null when it is one or a sibling route. */
  error: PermalinkError | null;
  /** The decoded answers when it is a permalink, else null. */
  answers: string[] | null;
  /**
   * The path cut to what is needed to explain it: a broken permalink up to and including its
   * first part not understood (that part cut to a length that still reads as too long). The
   * proxy passes paths on in a header or a query string, and a path of several kilobytes would
   * overflow Node's header limit (431) instead of reaching the wizard's 404.
   */
  report: string;
}

/**
 * Reads a request path under `base` with one replay of its answers, or returns null for a path
 * not under `base`. proxy.ts asks this before the page runs, so a broken permalink can be
 * answered with a server-rendered 404 and a valid one served from the step cache.
 */
export function readWizardPath(pathname: string, base: string): WizardPathReading | null {
  const segments = segmentsUnder(pathname, base);
  if (segments === null) return null;
  const result = resolvePermalink(segments);
  const kept = result.ok ? segments : segments.slice(0, result.error.index + 1);
  const report = [
    base,
    ...kept.map((segment) => segment.slice(0, MAX_SEGMENT_LENGTH * 3 + 1)),
  ].join("/");
  const sibling = segments.length === 1 && WIZARD_SIBLING_ROUTES.has(segments[0] ?? "");
  return {
    error: result.ok || sibling ? null : result.error,
    answers: result.ok ? result.answers : null,
    report,
  };
}

/**
 * Why a request path under `base` is not a permalink the wizard can follow, or null when it is
 * one (or is not the wizard's at all).
 */
export function permalinkPathError(pathname: string, base: string): PermalinkError | null {
  return readWizardPath(pathname, base)?.error ?? null;
}

/** The path cut to what explains it (WizardPathReading.report), or null for a path not under `base`. */
export function reportablePath(pathname: string, base: string): string | null {
  return readWizardPath(pathname, base)?.report ?? null;
}
