/**
 * The "copy summary" text: a Markdown account of a diagnosis that can be
 * pasted into a support ticket or a chat, so whoever picks it up sees the
 * path taken, where it stands and what to run, without asking again.
 */
import type { FencedBlock } from "./commands";

/** One question answered on the way. */
export interface SummaryAnswer {
  /** The question (the title of the step where it was answered). */
  question: string;
  /** The answer given, as its label read. */
  answer: string;
  /** Why a live check inferred this answer, when it did rather than the person. */
  inferredFrom?: string | null;
  /**
   * "paste" when a pasted log or page showed the answer rather than a live check; "assumed"
   * when nothing observed it and it only lies on the way to where the check points.
   */
  inferredBy?: "check" | "paste" | "assumed";
}

/** Everything a summary says. */
export interface SummaryInput {
  /** Absolute permalink of the current step. */
  url: string;
  /**
   * When the summary was made, printed in UTC with the zone named; null leaves the line out,
   * for a page rendered once and served from cache, where any time would be the first visit's.
   */
  generatedAt: Date | null;
  /** The answers given, in order. */
  answers: readonly SummaryAnswer[];
  /**
   * Markdown list lines describing a live check that led here (what was checked and when,
   * status, vendor, reference id, timings, certificate expiry), or absent when none did.
   */
  evidence?: readonly string[];
  /** The current step. */
  current: {
    /** Its title. */
    title: string;
    /** Its one-sentence summary, or null when its content is missing. */
    summary: string | null;
    /** True when the diagnosis has reached an outcome. */
    outcome: boolean;
    /** Commands the step asks to run, in page order. */
    commands: readonly FencedBlock[];
  };
}

/** "2026-03-01 14:05 UTC": unambiguous for a reader in any time zone. */
export function formatUtc(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A fence longer than any backtick run in the code, so the code cannot close it early. */
function fenceFor(code: string): string {
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (run) => run[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

/** Folds a text onto one line, so it stays inside its list item or heading when pasted. */
function inline(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Builds the Markdown summary. Pure: the same input always gives the same text. */
export function buildSummary(input: SummaryInput): string {
  const { current } = input;
  const lines: string[] = [
    `# Gateway Doctor diagnosis: ${inline(current.title)}`,
    "",
    `- Link: ${input.url}`,
    ...(input.generatedAt ? [`- Generated: ${formatUtc(input.generatedAt)}`] : []),
    "",
  ];
  if (input.evidence && input.evidence.length > 0) {
    lines.push("## Evidence from a live check", "", ...input.evidence.map(inline), "");
  }
  lines.push("## Answers so far", "");
  if (input.answers.length === 0) {
    lines.push("None yet: this is the first question.");
  } else {
    input.answers.forEach(({ question, answer, inferredFrom, inferredBy }, index) => {
      const why = !inferredFrom
        ? ""
        : inferredBy === "paste"
          ? ` (shown by ${inline(inferredFrom)})`
          : inferredBy === "assumed"
            ? " (assumed, not checked)"
            : ` (seen by the check: ${inline(inferredFrom)})`;
      lines.push(`${index + 1}. ${inline(question)} → ${inline(answer)}${why}`);
    });
  }
  lines.push(
    "",
    `## ${current.outcome ? "Outcome" : "Current step"}: ${inline(current.title)}`,
    "",
  );
  if (current.summary) lines.push(inline(current.summary), "");
  if (current.commands.length > 0) {
    lines.push("### Commands", "");
    let lastHeading: string | null = null;
    for (const block of current.commands) {
      if (block.heading && block.heading !== lastHeading) {
        lines.push(`${inline(block.heading)}:`, "");
        lastHeading = block.heading;
      }
      const fence = fenceFor(block.code);
      lines.push(`${fence}${block.language ?? ""}`, block.code, fence, "");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
