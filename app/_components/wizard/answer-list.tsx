import Link from "next/link";
import { permalinkFor } from "@/machines/paths";
import type { StepKind } from "@/machines/diagnosis.machine";
import type { Step } from "@/machines/steps";

// The heading over the answers says what kind of reply the step expects.
const headings: Record<StepKind, string> = {
  question: "Choose your answer",
  check: "What did you find?",
  fix: "Did it work?",
  info: "Which fits you?",
  outcome: "Where to go from here",
};

// Where the answers send a reader who cannot answer yet: the explanation below them.
// Fix steps put their explanation first and outcomes have no answers, so neither points down.
const helpLinks: Partial<Record<StepKind, string>> = {
  question: "Not sure? Why we ask, and how to tell, is below.",
  check: "Not sure what you see? How to check is below.",
  info: "Not sure? More about each choice is below.",
};

/**
 * The answers of a step as plain links to the next permalink, so the wizard works without
 * JavaScript. With JavaScript, next/link prefetches each next step in full, so a click swaps the
 * page without waiting for the network.
 *
 * `sticky` turns the list into a bar stuck to the bottom of the screen until the reader scrolls
 * to its place, for fix steps, whose long fix comes first: "Did it work?" stays one tap away
 * without JavaScript (CSS position: sticky).
 */
export function AnswerList({
  step,
  answers,
  base,
  query = "",
  sticky = false,
  helpId = null,
}: {
  step: Step;
  /** The answers given so far, to which each option's slug is appended. */
  answers: readonly string[];
  base: string;
  /** A query string ("?…") every answer link carries on, such as a live check's evidence. */
  query?: string;
  /** Stick to the bottom of the screen until scrolled to (fix steps). */
  sticky?: boolean;
  /** Id of the explanation to point to for those who cannot answer yet, or null for none. */
  helpId?: string | null;
}) {
  return (
    <section
      id="answers"
      aria-labelledby="answers-title"
      data-sticky={sticky || undefined}
      className={
        sticky
          ? "wizard-answers-bar sticky bottom-0 z-10 -mx-2 scroll-mt-4 space-y-2 rounded-t-lg border-2 border-b-0 border-line bg-bg px-2 pt-2 pb-3 shadow-[0_-6px_16px_-8px_rgb(0_0_0/0.35)] sm:-mx-3 sm:px-3 print:static print:shadow-none"
          : "scroll-mt-4 space-y-3"
      }
    >
      <h2
        id="answers-title"
        className={sticky ? "text-base font-semibold" : "text-lg font-semibold sm:text-xl"}
      >
        {headings[step.kind]}
      </h2>
      <ul className={sticky ? "flex flex-wrap gap-2" : "grid gap-2 sm:gap-3"} data-testid="answers">
        {step.answers.map((option) => (
          <li key={option.answer} className={sticky ? "min-w-[9rem] flex-1" : undefined}>
            <Link
              href={`${permalinkFor([...answers, option.answer], base)}${query}`}
              prefetch={true}
              data-answer={option.answer}
              className={`wizard-answer group flex h-full items-center justify-between gap-3 rounded-lg border-2 border-line bg-surface px-4 font-medium text-fg no-underline hover:border-accent hover:text-fg focus-visible:border-accent ${
                sticky ? "py-2" : "py-3"
              }`}
            >
              <span>{option.label}</span>
              <svg
                aria-hidden="true"
                viewBox="0 0 20 20"
                className="h-5 w-5 shrink-0 text-muted group-hover:text-accent print:hidden"
                fill="none"
              >
                <path
                  d="M7 4l6 6-6 6"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
            </Link>
          </li>
        ))}
      </ul>
      {helpId && helpLinks[step.kind] ? (
        <p className="text-sm print:hidden">
          <a href={`#${helpId}`} className="underline">
            {helpLinks[step.kind]}
          </a>
        </p>
      ) : null}
    </section>
  );
}
