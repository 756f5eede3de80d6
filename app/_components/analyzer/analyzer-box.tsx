"use client";

import {
  useActionState,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";
import { analyzeAction } from "@/app/analyze/actions";
import type { Analysis } from "@/lib/analyzer";
import type { AnalyzeState } from "@/lib/analyzer/form";
import { MAX_INPUT_CHARS } from "@/lib/analyzer/input";
import { AnalysisResult } from "./analysis-result";

/** Props of `<AnalyzerBox>`. */
export interface AnalyzerBoxProps {
  /**
   * A smaller box for embedding in a wizard step: shorter textarea, no confidence
   * explanations, and a heading one level down.
   */
  compact: boolean;
  /** Heading text above the box. */
  title: string;
  /** What to say when the box is submitted empty (lib/analyzer/form.ts, kept on the server). */
  emptyPasteMessage: string;
}

type AnalyzePaste = (text: string) => Analysis;

const IDLE: AnalyzeState = { status: "idle" };

// The rule catalog (hundreds of rules) and the wizard links it resolves are most of the
// analyzer's code and most pages never use them, so they load on demand: when the person
// first focuses or types in the box, not with the page (issue 15, first-load JavaScript).
let engine: Promise<AnalyzePaste> | null = null;
function loadEngine(): Promise<AnalyzePaste> {
  engine ??= import("@/lib/analyzer").then((module) => module.analyzePaste);
  return engine;
}

function announce(analysis: Analysis): string {
  const [top] = analysis.findings;
  if (!top) return "Nothing recognised in the paste.";
  const more = analysis.findings.length - 1;
  // A bare status names no cause; say so rather than read its heading as one.
  const lead = top.confidence === "status-only" ? `Status only: ${top.title}` : top.title;
  return `${lead}${more > 0 ? `, and ${more} more ${more === 1 ? "cause" : "causes"}` : ""}.`;
}

const subscribeNever = () => () => undefined;

/**
 * The paste-your-error box. With JavaScript it analyses in the browser as the person types
 * or pastes; without, the form posts to the server action and /analyze renders the result.
 */
export function AnalyzerBox({ compact, title, emptyPasteMessage }: AnalyzerBoxProps) {
  // The permalink sends a no-JavaScript post from any page to /analyze, which renders this
  // same component with the server's result.
  const [serverState, formAction, pending] = useActionState(analyzeAction, IDLE, "/analyze");
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const [text, setText] = useState<string | null>(null);
  const [emptySubmit, setEmptySubmit] = useState(false);
  // Typing stays responsive on a large paste: React analyses the deferred copy in the background.
  const deferredText = useDeferredValue(text);
  const [analyzePaste, setAnalyzePaste] = useState<AnalyzePaste | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const wantEngine = text !== null;
  useEffect(() => {
    if (!wantEngine || analyzePaste) return;
    let current = true;
    loadEngine().then(
      (loaded) => current && setAnalyzePaste(() => loaded),
      () => {
        // A failed chunk load (offline, a deploy in between) must not stay cached as failed.
        engine = null;
        if (current) setLoadFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [wantEngine, analyzePaste]);
  const local = useMemo(
    () => (deferredText === null || !analyzePaste ? null : analyzePaste(deferredText)),
    [deferredText, analyzePaste],
  );
  const id = useId();

  const analysis = local ?? (serverState.status === "done" ? serverState.analysis : null);
  const error =
    local === null
      ? serverState.status === "error"
        ? serverState.message
        : null
      : emptySubmit
        ? emptyPasteMessage
        : null;

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4" data-testid="analyzer">
      <form
        action={formAction}
        onSubmit={(event) => {
          // With JavaScript the result is already on screen; there is nothing to post. If the
          // analyzer's code could not load, the form posts as it would without JavaScript.
          if (loadFailed) return;
          event.preventDefault();
          const field = event.currentTarget.elements.namedItem("paste");
          if (field instanceof HTMLTextAreaElement) {
            setText(field.value);
            setEmptySubmit(field.value.trim() === "");
          }
        }}
        className="space-y-3"
      >
        <h2
          id={`${id}-title`}
          className={compact ? "text-lg font-semibold" : "text-xl font-semibold"}
        >
          <label htmlFor={`${id}-paste`}>{title}</label>
        </h2>
        <p id={`${id}-hint`} className="text-sm text-muted">
          An error page (its text or source), response headers, or lines from a server log: nginx,
          Apache, HAProxy, PHP-FPM, Gunicorn, Node.js, or a curl error. Nothing leaves your browser
          unless JavaScript is off.
        </p>
        <textarea
          id={`${id}-paste`}
          name="paste"
          aria-describedby={`${id}-hint`}
          rows={compact ? 6 : 12}
          defaultValue={serverState.status === "done" ? serverState.echo : ""}
          // Without JavaScript the paste is posted, so cap it at what the server reads; with
          // JavaScript the analyzer caps it itself and says what it skipped.
          maxLength={hydrated ? undefined : MAX_INPUT_CHARS}
          // Focus starts loading the analyzer, so it is usually there by the time text is.
          onFocus={() => void loadEngine().catch(() => (engine = null))}
          onChange={(event) => {
            setText(event.target.value);
            setEmptySubmit(false);
          }}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          className="block w-full rounded-lg border border-line bg-code p-3 font-mono text-sm text-fg"
          placeholder="2026/11/21 01:02:03 [error] 1187#1187: *42 connect() failed (111: Connection refused) while connecting to upstream…"
        />
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-accent px-4 py-2 font-medium text-bg hover:bg-accent-strong disabled:opacity-60"
          >
            Analyse
          </button>
          {hydrated && (
            <span className="text-sm text-muted">Results update as you type or paste.</span>
          )}
        </div>
      </form>
      {/* Only a one-line summary is announced; reading out every finding on each keystroke
          would drown a screen-reader user. The findings follow in normal reading order. */}
      <p role="status" className="sr-only">
        {analysis && !analysis.empty ? announce(analysis) : ""}
      </p>
      <div aria-busy={text !== deferredText || (text !== null && !analyzePaste && !loadFailed)}>
        {error && (
          <p role="alert" className="rounded-lg border-l-4 border-warn bg-warn-soft px-4 py-3">
            {error}
          </p>
        )}
        {analysis && !analysis.empty && <AnalysisResult analysis={analysis} compact={compact} />}
      </div>
    </section>
  );
}
