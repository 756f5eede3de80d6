import Link from "next/link";
import type { TrailItem } from "./wizard-model";

/** The answers given so far, each with a link back to the step where it can be changed. */
export function Trail({ items }: { items: readonly TrailItem[] }) {
  if (items.length === 0) return null;
  return (
    <nav
      aria-labelledby="trail-title"
      className="wizard-trail rounded-lg border border-line bg-surface p-4 text-sm"
    >
      <h2 id="trail-title" className="text-sm font-semibold">
        Your answers so far
      </h2>
      <ol className="mt-2 space-y-2">
        {items.map((item, index) => (
          <li key={item.href} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
            <span className="text-muted">
              <span className="sr-only">Question {index + 1}: </span>
              {item.question}
            </span>
            <span className="font-medium">
              <span className="sr-only">
                {item.inferredBy === "paste"
                  ? "Your paste shows: "
                  : item.inferredBy === "check"
                    ? "The live check answered: "
                    : item.inferredBy === "assumed"
                      ? "Assumed, not checked: "
                      : "You answered: "}
              </span>
              {item.answer}
            </span>
            {item.inferredFrom ? (
              <span className="basis-full text-xs text-muted" data-testid="trail-inferred">
                {item.inferredBy === "paste"
                  ? item.inferredFrom
                  : `${item.inferredBy === "assumed" ? "assumed" : "seen"}: ${item.inferredFrom}`}
              </span>
            ) : null}
            {/* Going back replays only the answers before this one, so later ones are dropped. */}
            <Link href={item.href} className="underline print:hidden">
              Change<span className="sr-only"> your answer to “{item.question}”</span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
