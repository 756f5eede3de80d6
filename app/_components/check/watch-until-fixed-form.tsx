"use client";

import { useState, useSyncExternalStore, type ComponentType, type FormEvent } from "react";
import type { CheckInput } from "@/lib/check/state";
import { MAX_CHECK_URL_CHARS } from "@/lib/probe/check-limits";
import type { WatchPanelProps } from "./watch-panel";

const noSubscription = () => () => undefined;

/** Samples per run: enough that a fix which works only some of the time is not called done. */
const WATCH_SAMPLES = 3;

/** The URL a check that led to this step was for (`?url=` in the link), or "". */
function checkedUrl(): string {
  const url = new URLSearchParams(window.location.search).get("url") ?? "";
  return url.length <= MAX_CHECK_URL_CHARS ? url : "";
}

/**
 * "Watch until it works" in a fix step's "Check that it worked": the URL to watch (prefilled
 * from the check that led here, when one did), then the same watch panel as a check result's
 * "Watch this URL", loaded on submit. Without JavaScript it is not rendered: it could do
 * nothing, and the section's commands still tell the person how to check by hand.
 */
export function WatchUntilFixedForm({ intervalMs }: { intervalMs: number }) {
  // Also read in the browser only: the page is served from cache, so the query is not in it.
  const initialUrl = useSyncExternalStore(noSubscription, checkedUrl, () => "");
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [typed, setTyped] = useState<string | null>(null);
  const [watching, setWatching] = useState<CheckInput | null>(null);
  const [Panel, setPanel] = useState<ComponentType<WatchPanelProps> | null>(null);
  const [failed, setFailed] = useState(false);
  if (!scripted) return null;
  const url = typed ?? initialUrl;

  if (Panel && watching)
    return (
      <Panel
        input={watching}
        intervalMs={intervalMs}
        onClose={() => {
          setWatching(null);
          setPanel(null);
        }}
      />
    );

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { url: url.trim(), originIp: "", samples: WATCH_SAMPLES };
    import("./watch-panel").then(
      (module) => {
        setWatching(input);
        setPanel(() => module.WatchPanel);
      },
      () => setFailed(true),
    );
  }

  return (
    <form
      onSubmit={start}
      className="not-prose my-4 space-y-2 rounded-lg border border-line bg-surface p-4"
      aria-labelledby="watch-until-fixed-title"
    >
      <p id="watch-until-fixed-title" className="font-medium">
        Or let Gateway Doctor watch it for you
      </p>
      <p className="text-sm text-muted">
        It checks the address every {Math.round(intervalMs / 1000)} s, {WATCH_SAMPLES} requests each
        time, for up to 15 minutes, and says when every request gets a good answer.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
          Address to watch
          <input
            type="url"
            required
            maxLength={MAX_CHECK_URL_CHARS}
            value={url}
            onChange={(event) => setTyped(event.target.value)}
            placeholder="https://example.com/"
            className="min-w-0 rounded-md border border-line bg-bg px-3 py-2 font-normal"
          />
        </label>
        <button
          type="submit"
          className="rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium text-fg hover:bg-surface-strong"
        >
          Watch until it works
        </button>
      </div>
      {failed ? (
        <p role="alert" className="text-sm">
          The watch could not load; reload the page and try again.
        </p>
      ) : null}
    </form>
  );
}
