import Link from "next/link";
import { MAX_QUERY_CHARS, searchSteps } from "@/app/_lib/map/search";
import { loadStepTexts } from "@/app/_lib/map/step-texts";

/** Props of `<SymptomSearch>`. */
export interface SymptomSearchProps {
  /** The query the page was asked with ("" for none). */
  query: string;
  /** Heading level of the form's title, to fit the page's outline. */
  headingLevel: 2 | 3;
}

/**
 * "Find the step for my symptom": a GET form to /diagnose/map?q=… and, when a query is given,
 * the matching steps as links. Server-rendered and JavaScript-free, so it works the same on the
 * home page (which ships no client code of its own) as on the map. The query is only ever
 * rendered as React text, so whatever someone types is shown, never interpreted as HTML.
 */
export async function SymptomSearch({ query, headingLevel }: SymptomSearchProps) {
  const Heading = `h${headingLevel}` as const;
  const hits = query ? searchSteps(query, await loadStepTexts()) : [];
  return (
    <section aria-labelledby="symptom-search-title" className="space-y-3">
      <Heading id="symptom-search-title" className="text-lg font-semibold">
        Find the step for your symptom
      </Heading>
      <form action="/diagnose/map" method="get" role="search" className="flex flex-wrap gap-2">
        <label htmlFor="symptom-search-q" className="sr-only">
          Symptom or error message
        </label>
        <input
          id="symptom-search-q"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={MAX_QUERY_CHARS}
          placeholder="e.g. connection refused, 504 after 60 seconds"
          autoComplete="off"
          className="min-w-0 flex-1 basis-56 rounded-md border border-line bg-bg px-3 py-2 text-fg"
        />
        <button
          type="submit"
          className="rounded-md bg-accent px-4 py-2 font-medium text-bg hover:bg-accent-strong"
        >
          Search
        </button>
      </form>
      {query ? (
        hits.length ? (
          <div className="space-y-2">
            <p className="text-sm text-muted" role="status">
              {hits.length} {hits.length === 1 ? "step matches" : "steps match"} “{query}”, best
              first.
            </p>
            <ol className="space-y-2" aria-label="Matching steps">
              {hits.map(({ step }) => (
                <li key={step.id}>
                  <Link href={step.href} className="font-medium underline">
                    {step.title}
                  </Link>
                  {step.summary ? <p className="text-sm text-muted">{step.summary}</p> : null}
                </li>
              ))}
            </ol>
          </div>
        ) : (
          <p className="rounded-md border border-line bg-surface p-3 text-sm" role="status">
            Nothing matches “{query}”. Try fewer or other words, such as the status code (502, 504)
            or words from the error message, or{" "}
            <Link href="/diagnose" className="underline">
              answer the wizard&apos;s questions
            </Link>{" "}
            instead.
          </p>
        )
      ) : null}
    </section>
  );
}
