"use client";

import {
  lazy,
  Suspense,
  useActionState,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { analyzeAction } from "@/app/analyze/actions";
import type { Analysis } from "@/lib/analyzer";
import type { AnalyzeState } from "@/lib/analyzer/form";
import type { HarReport } from "@/lib/analyzer/har";
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
  /**
   * The HAR file field, rendered by the server (har-picker.tsx), or null where the box takes
   * no files. A file chosen in it is read through the form's change event.
   */
  harPicker: ReactNode;
}

type AnalyzePaste = (text: string) => Analysis;

const IDLE: AnalyzeState = { status: "idle" };

/**
 * Pastes up to this long are analysed on every keystroke (a few milliseconds each). Past it,
 * typing is read when it pauses: analysing 200 KB on every key made each key take ~150 ms
 * (issue 13), and React cannot interrupt one long analysis to handle the next key.
 */
export const TYPE_AHEAD_CHARS = 20_000;

/** How long typing in a long paste must pause before the paste is analysed again. */
export const SETTLE_MS = 400;

/**
 * The HAR result's markup. On the server it renders at once, so a no-JavaScript upload's answer
 * is complete HTML. In the browser it loads with the HAR code, when a file is chosen: Next.js's
 * compiler replaces `typeof window` in each bundle, and the browser's, left with `false ?
 * require(…) : lazy(…)`, never references the module, so the page's first load carries none
 * of it (the first-load JavaScript budget). A static import would stay in the browser's chunk
 * for its side effects, used or not (observed in the build, Next.js 16.4 with Turbopack).
 */
const HarResult: typeof import("./har-result").HarResult =
  typeof window === "undefined"
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- server bundle only, see above
      (require("./har-result") as typeof import("./har-result")).HarResult
    : (lazy(() =>
        import("./har-result").then((module) => ({ default: module.HarResult })),
      ) as unknown as typeof import("./har-result").HarResult);

/** Largest HAR file read in the browser; past this the tab's memory is the limit. */
const MAX_HAR_BYTES_IN_BROWSER = 100 * 1024 * 1024;

/** A HAR file's result as the browser has it. */
type HarView =
  | { status: "reading"; fileName: string }
  | { status: "done"; report: HarReport; fileName: string }
  | { status: "error"; message: string };

/**
 * Read, sanitise and analyse a HAR file in the browser. The sanitiser and the analyzer load
 * now, on demand, never with the page (the first-load budget). The result's markup is in the
 * page: without JavaScript the server sends a HAR's result in the form's state, as data.
 */
async function readHarFile(file: File): Promise<HarView> {
  if (file.size > MAX_HAR_BYTES_IN_BROWSER)
    return {
      status: "error",
      message: `This file is ${(file.size / 1024 / 1024).toFixed(0)} MB; the most read in the browser is ${MAX_HAR_BYTES_IN_BROWSER / 1024 / 1024} MB. Save a HAR of only the failing page.`,
    };
  // The result's markup loads beside the HAR code rather than after it.
  const [har] = await Promise.all([import("@/lib/analyzer/har"), import("./har-result")]);
  try {
    return { status: "done", report: har.readHar(await file.text()), fileName: file.name };
  } catch (error) {
    if (error instanceof har.HarError) return { status: "error", message: error.message };
    throw error;
  }
}

/** True for a file to read as a HAR rather than as text for the box. */
function isHarFile(file: File): boolean {
  return /\.har$/i.test(file.name) || /json/i.test(file.type);
}

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
export function AnalyzerBox({ compact, title, emptyPasteMessage, harPicker }: AnalyzerBoxProps) {
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
  const [settling, setSettling] = useState(false);
  const settleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [har, setHar] = useState<HarView | null>(null);
  useEffect(
    () => () => {
      if (settleTimer.current) clearTimeout(settleTimer.current);
    },
    [],
  );
  /** Take the box's text for analysis: at once, or when typing in a long paste pauses. */
  const takeText = (value: string, atOnce: boolean) => {
    if (settleTimer.current) clearTimeout(settleTimer.current);
    settleTimer.current = null;
    if (atOnce || value.length <= TYPE_AHEAD_CHARS) {
      setSettling(false);
      setText(value);
      return;
    }
    setSettling(true);
    settleTimer.current = setTimeout(() => {
      settleTimer.current = null;
      setSettling(false);
      setText(value);
    }, SETTLE_MS);
  };
  const takeFile = (file: File) => {
    if (!isHarFile(file)) {
      // A dropped log file goes into the box as if pasted.
      void file.text().then((content) => {
        if (textarea.current) textarea.current.value = content;
        takeText(content, true);
      });
      return;
    }
    setHar({ status: "reading", fileName: file.name });
    readHarFile(file).then(setHar, () =>
      setHar({
        status: "error",
        message: "The file could not be read. Check your connection and try again.",
      }),
    );
  };
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
  const harShown = har?.status === "done" ? har : serverState.status === "har" ? serverState : null;
  const echoCut = local === null && serverState.status === "done" ? serverState.echoCut : 0;
  const error =
    local === null
      ? serverState.status === "error"
        ? serverState.message
        : null
      : emptySubmit
        ? emptyPasteMessage
        : null;

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-4"
      data-testid="analyzer"
      onDragOver={(event) => {
        // Accepting the drag is what lets a file be dropped here instead of opened by the browser.
        if (harPicker && event.dataTransfer.types.includes("Files")) event.preventDefault();
      }}
      onDrop={(event) => {
        const file = harPicker ? event.dataTransfer.files[0] : undefined;
        if (!file) return;
        event.preventDefault();
        takeFile(file);
      }}
    >
      <form
        action={formAction}
        onChange={(event) => {
          // The HAR field is server-rendered markup (harPicker); its change bubbles to here.
          const field = event.target;
          if (!(field instanceof HTMLInputElement) || field.type !== "file") return;
          const file = field.files?.[0];
          if (file) takeFile(file);
        }}
        onSubmit={(event) => {
          // With JavaScript the result is already on screen; there is nothing to post. If the
          // analyzer's code could not load, the form posts as it would without JavaScript.
          if (loadFailed) return;
          event.preventDefault();
          const field = event.currentTarget.elements.namedItem("paste");
          if (field instanceof HTMLTextAreaElement) {
            takeText(field.value, true);
            setEmptySubmit(field.value.trim() === "" && har === null);
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
          ref={textarea}
          defaultValue={
            serverState.status === "done" || serverState.status === "har" ? serverState.echo : ""
          }
          // Without JavaScript the paste is posted, so cap it at what the server reads; with
          // JavaScript the analyzer caps it itself and says what it skipped.
          maxLength={hydrated ? undefined : MAX_INPUT_CHARS}
          // Focus starts loading the analyzer, so it is usually there by the time text is.
          onFocus={() => void loadEngine().catch(() => (engine = null))}
          onChange={(event) => {
            // A paste, a drop or a cut is one change however large, and is read at once;
            // typing into a long paste is read when the typing pauses.
            const { inputType } = event.nativeEvent as InputEvent;
            takeText(
              event.target.value,
              inputType === "insertFromPaste" ||
                inputType === "insertFromDrop" ||
                inputType === "deleteByCut",
            );
            setEmptySubmit(false);
          }}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          className="block w-full rounded-lg border border-line bg-code p-3 font-mono text-sm text-fg"
          placeholder="2026/11/21 01:02:03 [error] 1187#1187: *42 connect() failed (111: Connection refused) while connecting to upstream…"
        />
        {echoCut > 0 && (
          <p className="text-sm" data-testid="analyzer-echo-cut">
            The box holds the last part of your paste, the part that was read; the first{" "}
            {echoCut.toLocaleString("en")} characters were cut.
          </p>
        )}
        {harPicker}
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
          {settling && (
            <span className="text-sm text-muted" data-testid="analyzer-settling">
              Long paste: results update when you pause typing.
            </span>
          )}
        </div>
      </form>
      {/* Only a one-line summary is announced; reading out every finding on each keystroke
          would drown a screen-reader user. The findings follow in normal reading order. */}
      <p role="status" className="sr-only">
        {analysis && !analysis.empty ? announce(analysis) : ""}
      </p>
      <div
        aria-busy={
          settling ||
          har?.status === "reading" ||
          text !== deferredText ||
          (text !== null && !analyzePaste && !loadFailed)
        }
        // How much of the box the shown result read: lets a test see when analysis ran.
        data-chars-analysed={analysis?.charCount ?? 0}
      >
        {error && (
          <p role="alert" className="rounded-lg border-l-4 border-warn bg-warn-soft px-4 py-3">
            {error}
          </p>
        )}
        {analysis && !analysis.empty && <AnalysisResult analysis={analysis} compact={compact} />}
        {har?.status === "reading" && <p>Reading {har.fileName}…</p>}
        {har?.status === "error" && (
          <p role="alert" className="rounded-lg border-l-4 border-warn bg-warn-soft px-4 py-3">
            {har.message}
          </p>
        )}
        {harShown &&
          // The server renders the result in place: React's server renderer sends a Suspense
          // boundary's content over ~12 kB after the rest of the page, revealed by a script,
          // so without JavaScript it would stay hidden. In the browser the markup loads lazily.
          (typeof window === "undefined" ? (
            <HarResult report={harShown.report} fileName={harShown.fileName} />
          ) : (
            <Suspense fallback={<p>Reading {harShown.fileName}…</p>}>
              <HarResult report={harShown.report} fileName={harShown.fileName} />
            </Suspense>
          ))}
      </div>
    </section>
  );
}
