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

/**
 * The answers of a step as plain links to the next permalink, so the wizard works without
 * JavaScript. With JavaScript, next/link prefetches each next step in full, so a click swaps the
 * page without waiting for the network.
 */
export function AnswerList({
  step,
  answers,
  base,
  query = "",
}: {
  step: Step;
  /** The answers given so far, to which each option's slug is appended. */
  answers: readonly string[];
  base: string;
  /** A query string ("?…") every answer link carries on, such as a live check's evidence. */
  query?: string;
}) {
  return (
    <section id="answers" aria-labelledby="answers-title" className="scroll-mt-4 space-y-3">
      <h2 id="answers-title" className="text-xl font-semibold">
        {headings[step.kind]}
      </h2>
      <ul className="grid gap-3" data-testid="answers">
        {step.answers.map((option) => (
          <li key={option.answer}>
            <Link
              href={`${permalinkFor([...answers, option.answer], base)}${query}`}
              prefetch={true}
              data-answer={option.answer}
              className="wizard-answer group flex items-center justify-between gap-3 rounded-lg border-2 border-line bg-surface px-4 py-3 font-medium text-fg no-underline hover:border-accent hover:text-fg focus-visible:border-accent"
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
    </section>
  );
}
