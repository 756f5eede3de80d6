"use client";

import { useState, useSyncExternalStore, type ComponentType } from "react";
import type { CheckInput } from "@/lib/check/state";
import type { WatchPanelProps } from "./watch-panel";

const noSubscription = () => () => undefined;

/**
 * "Watch this URL": a button whose panel (watch-panel.tsx, with its timers and table) loads
 * on the click. Without JavaScript it is not rendered at all: it could do nothing.
 */
export function WatchButton({ input, intervalMs }: { input: CheckInput; intervalMs: number }) {
  // False in the server's HTML and during hydration, true once the browser runs this code.
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [Panel, setPanel] = useState<ComponentType<WatchPanelProps> | null>(null);
  const [failed, setFailed] = useState(false);
  if (!scripted) return null;
  if (Panel) return <Panel input={input} intervalMs={intervalMs} onClose={() => setPanel(null)} />;
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      <button
        type="button"
        onClick={() =>
          import("./watch-panel").then(
            (module) => setPanel(() => module.WatchPanel),
            () => setFailed(true),
          )
        }
        className="rounded-md border border-line bg-surface px-3 py-1 font-medium text-fg hover:bg-surface-strong"
      >
        Watch this URL
      </button>
      <span className="text-muted">
        {failed
          ? "The watch could not load; reload the page and try again."
          : `Runs the check again every ${Math.round(intervalMs / 1000)} s until it passes, and tells you when.`}
      </span>
    </p>
  );
}
