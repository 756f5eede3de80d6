"use client";
/**
 * "Check from N places": asks POST /api/probe/places to run the same check from every live
 * region at once and shows each place's answer side by side (status, who answered, time, what
 * it means) with the combined verdict and the wizard step it leads to. A place that did not
 * answer in time is shown as unavailable, never as the site failing. It needs JavaScript (the
 * answer arrives as JSON), so without it nothing is rendered and the single check stays.
 */
import { useId, useState, useSyncExternalStore, type FormEvent } from "react";
import type { PlacesAnswer } from "@/lib/workers/places";

/** Props of `<MultiPlaceCheck>`. */
export interface MultiPlaceCheckProps {
  /** The URL a check in the link already named, to start from. */
  defaultUrl?: string;
}

const noSubscription = () => () => undefined;

type State =
  | { phase: "idle" }
  | { phase: "running" }
  | { phase: "done"; answer: PlacesAnswer }
  | { phase: "failed"; message: string };

/** One place's answer in a table cell's words. */
function placeCells(place: PlacesAnswer["places"][number]): [string, string, string, string] {
  if (place.outcome !== "answered" || !place.report)
    return [place.outcome === "refused" ? "refused" : "unavailable", "—", "—", place.reason ?? ""];
  const { verdict, samples } = place.report;
  const total = samples.at(-1)?.phases.total;
  return [
    verdict.status === null ? verdict.code : String(verdict.status),
    verdict.vendor ?? "—",
    total === undefined ? "—" : `${Math.round(total)} ms`,
    verdict.title,
  ];
}

export function MultiPlaceCheck({ defaultUrl = "" }: MultiPlaceCheckProps) {
  const id = useId();
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [state, setState] = useState<State>({ phase: "idle" });
  if (!hydrated) return null;

  const run = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const url = String(new FormData(event.currentTarget).get("url") ?? "");
    setState({ phase: "running" });
    try {
      const response = await fetch("/api/probe/places", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url }),
      });
      const body = (await response.json()) as PlacesAnswer | { error: { message: string } };
      if ("error" in body) setState({ phase: "failed", message: body.error.message });
      else setState({ phase: "done", answer: body });
    } catch {
      setState({ phase: "failed", message: "The check could not be reached; try again." });
    }
  };

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-lg border border-line bg-surface p-4"
      data-testid="multi-place-check"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Check from several places
      </h2>
      <p className="text-sm">
        The same check from every place Gateway Doctor runs in, at once: if the site fails only from
        some of them, the trouble is on the way there, not at the site.
      </p>
      <form onSubmit={run} className="flex flex-wrap items-end gap-2">
        <label htmlFor={`${id}-url`} className="sr-only">
          Site address
        </label>
        <input
          id={`${id}-url`}
          name="url"
          required
          defaultValue={defaultUrl}
          placeholder="https://example.com/"
          className="min-w-0 flex-1 rounded-md border border-line bg-bg px-3 py-2 font-mono text-sm text-fg"
        />
        <button
          type="submit"
          disabled={state.phase === "running"}
          className="rounded-md border border-accent px-4 py-2 font-medium hover:bg-accent-soft disabled:opacity-60"
        >
          {state.phase === "running" ? "Checking…" : "Check from all places"}
        </button>
      </form>
      <div aria-live="polite">
        {state.phase === "failed" ? <p className="text-sm">{state.message}</p> : null}
        {state.phase === "done" ? (
          <div className="space-y-2">
            <p className="font-medium" data-testid="multi-place-verdict">
              {state.answer.combined.title}
            </p>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr>
                    <th scope="col">Place</th>
                    <th scope="col">Status</th>
                    <th scope="col">Answered by</th>
                    <th scope="col">Time</th>
                    <th scope="col">What it means</th>
                  </tr>
                </thead>
                <tbody>
                  {state.answer.places.map((place) => (
                    <tr key={place.place} className="border-t border-line align-top">
                      <th scope="row" className="pr-2 font-mono">
                        {place.kind === "origin" ? "origin (direct)" : place.place}
                      </th>
                      {placeCells(place).map((cell, index) => (
                        <td key={index} className="pr-2">
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details className="text-sm">
              <summary>What each place saw</summary>
              <ul className="list-disc pl-5 font-mono text-xs">
                {state.answer.combined.evidence.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </details>
            {state.answer.combined.permalink ? (
              <p>
                <a className="underline" href={state.answer.combined.permalink}>
                  Go to the step for this
                </a>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
