"use client";

import { useEffect } from "react";

/** Id of the current step's heading, which receives focus after each step change. */
export const STEP_HEADING_ID = "step-title";

const ANNOUNCER_ID = "wizard-announcer";

// The path of the step shown last, kept across client-side navigations (the module stays loaded
// while the page does); null until the first step mounts.
let shownPath: string | null = null;

/**
 * True when the browser opened this very page (a typed or pasted link, a reload): then the first
 * step must not steal focus, because a screen reader already starts at the top of a new
 * document. False when the wizard was reached by a client-side navigation (from the home page,
 * say), where focus would otherwise be lost with the link that was clicked.
 */
function openedByThisDocument(): boolean {
  const [entry] = performance.getEntriesByType("navigation");
  return entry !== undefined && new URL(entry.name).pathname === window.location.pathname;
}

/**
 * A polite live region that outlives the steps. A region inserted together with its text is
 * often not announced, so it is created once, empty, and only its text changes.
 */
function announcer(): HTMLElement {
  const existing = document.getElementById(ANNOUNCER_ID);
  if (existing) return existing;
  const region = document.createElement("div");
  region.id = ANNOUNCER_ID;
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.className = "sr-only";
  document.body.append(region);
  return region;
}

/** The router's part of a history entry: Next.js marks its own entries with `__NA`. */
interface RouterHistoryState {
  __NA?: boolean;
  [key: string]: unknown;
}

// The router's state of the entry shown last, kept so an entry the browser adds without the
// router (an in-page link) can be given the same state.
let routerState: RouterHistoryState | null = null;

function currentRouterState(): RouterHistoryState | null {
  const state = window.history.state as RouterHistoryState | null;
  return state?.__NA ? state : null;
}

/**
 * An in-page link ("#main", "#step-help") makes the browser add a history entry with no state.
 * Next.js ignores a Back or Forward that lands on such an entry (its popstate handler returns
 * when the state is null, next/dist/client/components/app-router.js), so Back from the next step
 * showed that step's content under the previous step's URL until a second Back. Giving the new
 * entry the router's state of the page it belongs to lets the router restore it like any other.
 */
function adoptFragmentEntry(): void {
  const own = currentRouterState();
  if (own) {
    routerState = own;
    return;
  }
  if (window.history.state === null && routerState) {
    // The state carries __NA, so Next's patched replaceState passes it through untouched.
    window.history.replaceState(routerState, "", window.location.href);
  }
}

/**
 * After a step change without a page load (an answer, a trail link, back or forward), moves
 * focus to the new step's heading, so keyboard and screen-reader users continue from the top
 * of the new step instead of from a link that no longer exists, and announces the progress.
 */
export function StepFocus({ path, announcement }: { path: string; announcement: string }) {
  useEffect(() => {
    // The router writes its history entry before effects run, so this is the new step's state.
    routerState = currentRouterState() ?? routerState;
    window.addEventListener("hashchange", adoptFragmentEntry);
    return () => window.removeEventListener("hashchange", adoptFragmentEntry);
  }, [path]);

  useEffect(() => {
    const region = announcer();
    const previous = shownPath;
    shownPath = path;
    if (previous === path || (previous === null && openedByThisDocument())) return;
    document.getElementById(STEP_HEADING_ID)?.focus();
    // Clearing first makes a repeated message ("Step 2 · about 3 more" after going back) count
    // as a change.
    region.textContent = "";
    const timer = window.setTimeout(() => {
      region.textContent = announcement;
    }, 100);
    return () => window.clearTimeout(timer);
  }, [path, announcement]);
  return null;
}
