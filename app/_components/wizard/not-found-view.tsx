import Link from "next/link";
import {
  decodeNotUnderstood,
  NOT_UNDERSTOOD_PARAM,
  segmentsUnder,
} from "@/lib/wizard/path-encoding";
import { MAX_ANSWERS, resolvePermalink, type PermalinkError } from "@/machines/permalink";
import { DIAGNOSE_BASE, permalinkFor } from "@/machines/paths";
import { loadStepText } from "./step-text";

/** The sentence that names what was not understood. Every echoed part is React text, never HTML. */
function Problem({ error, stepTitle }: { error: PermalinkError; stepTitle: string }) {
  const number = error.index + 1;
  // Literal quotes (not <q>), so the sentence reads and copies the same everywhere.
  const part =
    error.part === "" ? (
      <em>an empty part</em>
    ) : (
      <>
        “<span className="font-mono">{error.part}</span>”
      </>
    );
  const quoted = <>“{stepTitle}”</>;
  switch (error.problem) {
    case "unknown-answer":
      return (
        <>
          We did not understand part {number} of the link, {part}: it is not one of the answers to{" "}
          {quoted}.
        </>
      );
    case "after-outcome":
      return (
        <>
          The diagnosis had already ended at {quoted}, so part {number} of the link, {part}, has
          nothing to answer.
        </>
      );
    case "bad-encoding":
      return (
        <>
          Part {number} of the link, {part}, is not valid text: it holds a broken %-escape.
        </>
      );
    case "too-long":
      return (
        <>
          Part {number} of the link is longer than any answer: {part}.
        </>
      );
    case "too-many":
      return (
        <>
          The link has more than {MAX_ANSWERS} parts. No diagnosis takes that many answers, so we
          stopped reading there.
        </>
      );
  }
}

/**
 * The 404 for a permalink the wizard cannot follow: it names the part not understood, links to
 * the longest valid prefix (and, for an unknown answer, to the answers that step does offer),
 * and offers to start over. `pathname` is the raw request path; when it is unknown or actually
 * valid (the page was not found for another reason), a general explanation is shown.
 */
export async function WizardNotFoundView({
  base,
  pathname,
}: {
  base: string;
  pathname: string | null;
}) {
  const segments = pathname === null ? null : segmentsUnder(pathname, base);
  const result = segments === null ? null : resolvePermalink(segments);
  const error = result && !result.ok ? result.error : null;
  const stepTitle = error ? (await loadStepText(error.step)).title : null;

  return (
    <div className="space-y-6" data-testid="wizard-not-found">
      <h1 className="text-3xl font-bold tracking-tight">This diagnosis link does not work</h1>
      {error && stepTitle !== null ? (
        <>
          <p className="text-lg" data-testid="wizard-not-found-problem">
            <Problem error={error} stepTitle={stepTitle} />
          </p>
          <p>
            Links can break when a step of the wizard changes, or when an address is copied only in
            part. The answers before that point still work.
          </p>
          <ul className="space-y-2">
            <li>
              <Link
                href={permalinkFor(error.validPrefix, base)}
                className="font-medium underline"
                data-testid="valid-prefix-link"
              >
                {error.validPrefix.length === 0
                  ? `Go to the first question: “${stepTitle}”`
                  : `Continue from “${stepTitle}”, where the link still made sense`}
              </Link>
            </li>
            <li>
              <Link href={base} className="font-medium underline">
                Start over
              </Link>
            </li>
          </ul>
          {error.problem === "unknown-answer" && error.step.answers.length > 0 ? (
            <section aria-labelledby="did-you-mean" className="space-y-2">
              <h2 id="did-you-mean" className="text-xl font-semibold">
                Answers to “{stepTitle}”
              </h2>
              <ul className="list-disc space-y-1 pl-6">
                {error.step.answers.map((option) => (
                  <li key={option.answer}>
                    <Link
                      href={permalinkFor([...error.validPrefix, option.answer], base)}
                      className="underline"
                    >
                      {option.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : (
        <>
          <p className="text-lg">
            There is no step of the diagnosis at this address. It may come from an older version of
            the wizard.
          </p>
          <p>
            <Link href={base} className="font-medium underline">
              Start over
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

/** The query a page receives from Next.js. */
type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The /diagnose path proxy.ts sent to Next's not-found route, or null. app/not-found.tsx only
 * gets `searchParams` when Next renders it as the page of that route; as the not-found boundary
 * every route carries it gets none, so it stays static there.
 */
export async function notUnderstoodPath(
  searchParams?: Promise<SearchParams>,
): Promise<string | null> {
  if (!searchParams) return null;
  const value = (await searchParams)[NOT_UNDERSTOOD_PARAM];
  const pathname = typeof value === "string" ? decodeNotUnderstood(value) : null;
  return pathname?.startsWith(`${DIAGNOSE_BASE}/`) ? pathname : null;
}
