"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";

type CopyState = "idle" | "copied" | "failed";

// Nothing to subscribe to: whether scripts run never changes during a page's life.
const noSubscription = () => () => {};

/**
 * False in the server's HTML and during hydration, true once the page's scripts run. A copy
 * button needs JavaScript, so without it the button must not show and do nothing.
 */
function useScriptsRun(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * Copies `text` to the clipboard; the result is announced to screen readers. Hidden until the
 * page's scripts run: without JavaScript a click would do nothing.
 */
export function CopyButton({
  text,
  label,
  caption,
}: {
  text: string;
  label: string;
  /** Words shown before the button, which say what it copies; hidden with it. */
  caption?: string;
}) {
  const [state, setState] = useState<CopyState>("idle");
  const scriptsRun = useScriptsRun();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    const ok = await writeClipboard(text);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2500);
  }

  return (
    <>
      {caption ? <span hidden={!scriptsRun}>{caption}</span> : null}
      <button
        type="button"
        hidden={!scriptsRun}
        onClick={copy}
        className="rounded-md border border-line bg-surface px-2.5 py-1 text-xs font-medium text-fg hover:bg-surface-strong"
        // The accessible name must contain the visible word (WCAG 2.5.3), so it follows the state.
        aria-label={state === "copied" ? `Copied ${label}` : `Copy ${label}`}
      >
        {state === "copied" ? "Copied" : "Copy"}
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === "copied"
          ? "Copied to clipboard"
          : state === "failed"
            ? "Copy failed; select the text and copy it by hand"
            : ""}
      </span>
    </>
  );
}

async function writeClipboard(text: string): Promise<boolean> {
  // The async Clipboard API only exists in secure contexts (https or localhost); a wizard
  // served over plain http on a LAN address falls back to the older selection-based copy.
  if (typeof navigator !== "undefined" && navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission denied or document not focused: try the fallback below.
    }
  }
  return legacyCopy(text);
}

function legacyCopy(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  const previous = document.activeElement as HTMLElement | null;
  // execCommand copies the focused selection; select() alone does not always move focus.
  area.focus();
  area.select();
  let ok = false;
  try {
    ok = typeof document.execCommand === "function" && document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus();
  return ok;
}
