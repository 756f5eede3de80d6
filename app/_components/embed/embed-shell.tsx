"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type ReactNode,
} from "react";
import { isEmbedPath } from "@/lib/embed/frame-policy.mjs";
import { OPTION_PARAMS, parseEmbedOptions } from "@/lib/embed/options";
import { accentProperties, EMBED_ROOT_CLASS, themeAttribute } from "@/lib/embed/theme";
import { EmbedBridge, type CheckResult, type ReportedStep } from "./bridge";
import { CHECK_RESULT_EVENT } from "./check-signal";
import { EmbedContext, type EmbedContextValue } from "./embed-context";
import { EmbedBar } from "./embed-bar";

const STORAGE_PREFIX = "gateway-doctor:embed-options:";

/** Id of the root layout's <main>, and the name it gets inside a frame. */
const MAIN_ID = "main";
const MAIN_LABEL = "Gateway Doctor troubleshooter";

// The snippet names each iframe uniquely, and a frame keeps its name across reloads, so two
// embeds on one help-center page never read each other's options.
function storageKey(): string {
  return STORAGE_PREFIX + window.name;
}

function readStoredQuery(): string | null {
  try {
    return window.sessionStorage.getItem(storageKey());
  } catch {
    // Storage can be blocked in third-party frames; the options then last until a reload.
    return null;
  }
}

function storeQuery(query: string): void {
  try {
    window.sessionStorage.setItem(storageKey(), query);
  } catch {
    // See readStoredQuery.
  }
}

// Stored options only change when this frame writes them, so there is nothing to subscribe to.
const subscribeToNothing = () => () => {};

/**
 * Links that leave the embed (the analyzer, another site) would load a page into the frame that
 * refuses to be framed, or someone else's site inside the help center; they open in a new tab.
 */
function openOutsideLinksInNewTab(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  const anchor = target?.closest("a[href]");
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("download")) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin === window.location.origin && isEmbedPath(url.pathname)) return;
  // Set before next/link's own click handler runs (this listener captures), so it leaves the
  // click to the browser.
  anchor.target = "_blank";
  anchor.rel = "noopener noreferrer";
}

/**
 * The frame around an embedded wizard: applies the host's theme and accent, keeps the options
 * for the life of the frame, talks to the host page through an EmbedBridge, and adds the bar with
 * "open in a new tab" and, when the host asked for it, "contact support".
 */
export function EmbedShell({ children }: { children: ReactNode }) {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();

  // The snippet puts the options in the URL the iframe first loads; answering moves on to
  // permalinks without them, so they are captured once and kept while the frame lives.
  const [initialQuery] = useState(() => params.toString());
  const [startPath] = useState(pathname);
  const storedQuery = useSyncExternalStore(subscribeToNothing, readStoredQuery, () => null);
  // The snippet always announces the parent; a query without it is a reload inside the frame
  // (or a permalink carrying a check's evidence), and the options kept in session storage
  // apply. Until hydration ends the server's view (nothing stored) is used.
  const fromSnippet = new URLSearchParams(initialQuery).has(OPTION_PARAMS.parentOrigin);
  const query = fromSnippet || storedQuery === null ? initialQuery : storedQuery;
  const options = useMemo(() => parseEmbedOptions(new URLSearchParams(query)), [query]);

  const [bridge] = useState(
    () =>
      new EmbedBridge({
        parent: null,
        parentOrigin: null,
        shareCheckDetails: false,
        restart: () => {},
      }),
  );

  useEffect(() => {
    if (fromSnippet) storeQuery(initialQuery);
  }, [fromSnippet, initialQuery]);

  useEffect(() => {
    bridge.configure({
      parent: window.parent === window ? null : window.parent,
      parentOrigin: options.parentOrigin,
      shareCheckDetails: options.shareCheckDetails,
      restart: () => router.push(startPath),
    });
  }, [bridge, options, router, startPath]);

  useEffect(() => {
    // The host page has a main landmark of its own, and the frame's content counts as part of
    // that page; a second unnamed "main" is ambiguous to screen readers (axe: landmark-unique).
    // The root layout renders the <main>, so the embed names it here.
    document.getElementById(MAIN_ID)?.setAttribute("aria-label", MAIN_LABEL);
  }, []);

  useEffect(() => {
    bridge.start();
    const onMessage = (event: MessageEvent) => bridge.receive(event);
    const onCheck = (event: Event) => bridge.check((event as CustomEvent<CheckResult>).detail);
    const body = document.body;
    const observer = new ResizeObserver(() => bridge.resize(body.getBoundingClientRect().height));
    observer.observe(body);
    window.addEventListener("message", onMessage);
    window.addEventListener(CHECK_RESULT_EVENT, onCheck);
    document.addEventListener("click", openOutsideLinksInNewTab, true);
    return () => {
      observer.disconnect();
      window.removeEventListener("message", onMessage);
      window.removeEventListener(CHECK_RESULT_EVENT, onCheck);
      document.removeEventListener("click", openOutsideLinksInNewTab, true);
    };
  }, [bridge]);

  const report = useCallback((step: ReportedStep) => bridge.report(step), [bridge]);
  const context = useMemo<EmbedContextValue>(() => ({ options, report }), [options, report]);
  const escalate = useCallback(() => bridge.escalate(), [bridge]);

  return (
    <EmbedContext value={context}>
      <div
        className={`${EMBED_ROOT_CLASS} mx-auto max-w-3xl px-4 pt-4 pb-3`}
        data-theme={themeAttribute(options.theme)}
        data-accent={options.accent ?? undefined}
        data-live-check={options.liveCheck ? "on" : "off"}
        style={accentProperties(options.accent) as CSSProperties}
      >
        {children}
        <EmbedBar
          pathname={pathname}
          escalateLabel={options.parentOrigin ? options.escalateLabel : null}
          onEscalate={escalate}
        />
      </div>
    </EmbedContext>
  );
}
