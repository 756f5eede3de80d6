"use client";

import dynamic from "next/dynamic";
import { useActionState, useEffect, useId, useReducer, useRef, type Ref } from "react";
import { reportCheckResult } from "@/app/_components/embed/check-signal";
import { useEmbedOptions } from "@/app/_components/embed/embed-context";
import {
  failureFromApi,
  IDLE_CHECK,
  type CheckFailure,
  type CheckInput,
  type CheckState,
  type NextLink,
} from "@/lib/check/state";
import type { Audience } from "@/lib/check/audience";
import type { CheckRequest, EvidenceDigest } from "@/lib/evidence/digest";
import {
  describeProgress,
  initialProgress,
  reduceProgress,
  type CheckProgress as Progress,
} from "@/lib/check/progress";
import { SAMPLE_CHOICES } from "@/lib/probe/check-limits";
import { readStreamEvents, type ProbeStreamEvent } from "@/lib/probe/stream-protocol";
import type { ProbeReport } from "@/lib/probe/probe";
import type { CheckOffer } from "@/machines/diagnosis.machine";
import { checkFormAction } from "./actions";
import { CheckProgressView } from "./check-progress";

// A finished check's view is most of this component's code (the report, the evidence digest
// and the product registry); it loads when a check starts, not with the step (issue 15).
// Rendered on the server too, for a check posted without JavaScript.
const loadResultView = () => import("./check-result-view");
const ResultView = dynamic(() => loadResultView().then((module) => module.ResultView));

// Every state's title by id, for "Go to: <title>" once the browser has applied a verdict: the
// verdict may lead to any state, and sending every title with every step cost ~3 kB of HTML.
// Fetched when a check starts, once per page (app/step-titles.json/route.ts).
let stepTitles: Promise<Readonly<Record<string, string>>> | null = null;
function loadStepTitles(): Promise<Readonly<Record<string, string>>> {
  stepTitles ??= fetch("/step-titles.json").then((response) =>
    response.ok
      ? (response.json() as Promise<Record<string, string>>)
      : Promise.reject(new Error(`step titles: ${response.status}`)),
  );
  // Not kept when it failed: the next check asks again.
  stepTitles.catch(() => (stepTitles = null));
  return stepTitles;
}

/** Props of `<LiveCheck>`. */
export interface LiveCheckProps {
  /** How the check presents itself here, as the state declares it in machines/flow. */
  offer: CheckOffer;
  /** The answers of the current permalink; the verdict is applied after them. */
  answers: readonly string[];
  /** Where the wizard is mounted ("/diagnose" or "/embed"). */
  base: string;
  /** The current step's path: the no-JavaScript form posts here. */
  path: string;
  /** This site's origin, for the absolute link in the copied summary. */
  origin: string;
  /** A check named by the page's query (?url=…), to offer again; never run without a click. */
  prefill: CheckRequest | null;
  /** Who reads the result: owners get the probe's words, visitors what it means for them. */
  audience: Audience;
  /** Whether the server trusts a private CA besides the public ones (PROBE_EXTRA_CA_FILE). */
  extraCa: boolean;
  /** Wait between the runs of "Watch this URL". */
  watchIntervalMs: number;
  /** What the link's run found, to compare a re-run with. */
  baseline: EvidenceDigest | null;
}

/** What the browser shows while and after it runs a check itself. */
type ClientView =
  | { kind: "none" }
  | { kind: "running"; input: CheckInput; progress: Progress }
  | { kind: "settled"; state: CheckState; next: NextLink | null | "pending" | "unknown" };

type Action =
  | { type: "run"; input: CheckInput }
  | { type: "event"; event: ProbeStreamEvent }
  | { type: "settle"; state: CheckState; next: NextLink | null | "pending" }
  | { type: "next"; next: NextLink | null | "unknown" };

function reducer(view: ClientView, action: Action): ClientView {
  switch (action.type) {
    case "run":
      return {
        kind: "running",
        input: action.input,
        progress: initialProgress(action.input.samples),
      };
    case "event":
      return view.kind === "running"
        ? { ...view, progress: reduceProgress(view.progress, action.event) }
        : view;
    case "settle":
      return { kind: "settled", state: action.state, next: action.next };
    case "next":
      return view.kind === "settled" && view.next === "pending"
        ? { ...view, next: action.next }
        : view;
  }
}

/**
 * "Check it for me": runs the probe from our server against the URL the person gives, shows
 * each phase as it happens (streamed from /api/probe/stream), then the evidence and a link to
 * the step the verdict points to. Without JavaScript the same form posts to a server action
 * and the page renders the result.
 */
export function LiveCheck({
  offer,
  answers,
  base,
  path,
  origin,
  prefill,
  audience,
  extraCa,
  watchIntervalMs,
  baseline,
}: LiveCheckProps) {
  const embed = useEmbedOptions();
  const [serverState, formAction, posting] = useActionState(checkFormAction, IDLE_CHECK, path);
  const [view, dispatch] = useReducer(reducer, { kind: "none" });
  const controller = useRef<AbortController | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const id = useId();

  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    if (view.kind === "settled") resultHeading.current?.focus();
  }, [view.kind]);

  if (embed && !embed.liveCheck) return null;

  const state: CheckState = view.kind === "settled" ? view.state : serverState;
  const next: NextLink | null | "pending" | "unknown" =
    view.kind === "settled" ? view.next : serverState.status === "done" ? serverState.next : null;
  const running = view.kind === "running" || posting;
  const echo = state.status === "idle" ? null : state.input;
  // A link with a check's findings offers to run it again; one with only an address (the home
  // page's "Paste the URL that fails") offers a first check.
  const rerun = prefill !== null && baseline !== null;
  const initialUrl = echo?.url ?? prefill?.url ?? embed?.prefillUrl ?? "";
  const initialOrigin = echo?.originIp ?? prefill?.originIp ?? "";
  const initialSamples = echo?.samples ?? prefill?.samples ?? offer.samples;

  async function run(input: CheckInput) {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    dispatch({ type: "run", input });
    const fail = (failure: CheckFailure) =>
      dispatch({ type: "settle", state: { status: "error", input, failure }, next: null });

    let normalizeCheckUrl: (typeof import("@/lib/evidence/digest"))["normalizeCheckUrl"];
    try {
      // The result's view is fetched while the check runs, so it is there when the check ends.
      void loadResultView().catch(() => undefined);
      void loadStepTitles().catch(() => undefined);
      ({ normalizeCheckUrl } = await import("@/lib/evidence/digest"));
    } catch {
      return fail({
        kind: "network",
        message:
          "Part of this page could not load (offline, or the site was updated); reload it and run the check again.",
      });
    }
    if (controller.current !== abort) return;
    const url = normalizeCheckUrl(input.url);
    if (input.url.trim() === "")
      return fail({
        kind: "invalid",
        message: "Enter the address that fails, such as https://www.example.com/.",
      });
    if (!url)
      return fail({
        kind: "invalid",
        message: `“${input.url.slice(0, 200)}” is not a web address. Enter one such as https://www.example.com/.`,
      });
    if (offer.originIp === "required" && input.originIp === "")
      return fail({
        kind: "invalid",
        message:
          "Enter your origin server's IP address, or choose “I don't know the origin's address” below.",
      });

    let report: ProbeReport | null = null;
    let failure: CheckFailure | null = null;
    try {
      const response = await fetch("/api/probe/stream", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          // Typed without a scheme, the address goes as typed: the probe tries HTTPS and falls
          // back to HTTP when the port speaks plain HTTP (lib/probe/probe.ts targetUrl).
          url: /^[a-z][a-z0-9+.-]*:\/\//i.test(input.url.trim()) ? url : input.url.trim(),
          originIp: input.originIp || undefined,
          samples: input.samples,
          followRedirects: true,
        }),
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as {
          error?: { code?: string; message?: string; stage?: string };
        } | null;
        failure = failureFromApi(
          response.status,
          body?.error ?? null,
          response.headers.get("retry-after"),
        );
      } else {
        await readStreamEvents(response.body, (event) => {
          if (event.type === "report") report = event.report;
          else if (event.type === "error")
            failure = failureFromApi(event.status, event.error, null);
          else dispatch({ type: "event", event });
        });
      }
    } catch {
      failure = abort.signal.aborted
        ? { kind: "cancelled", message: "Check cancelled." }
        : {
            kind: "network",
            message:
              "The connection to Gateway Doctor's server broke off before the check finished (offline, or the server restarted).",
          };
    }
    if (controller.current !== abort) return;
    const finished = report as ProbeReport | null;
    if (!finished) {
      return fail(
        failure ?? {
          kind: "network",
          message: "The check ended without a result; the connection to our server was cut.",
        },
      );
    }

    dispatch({
      type: "settle",
      state: { status: "done", input, report: finished, next: null },
      next: "pending",
    });
    reportCheckResult(finished.verdict, finished.target.requestedUrl);
    try {
      // The browser runs the diagnosis machine itself to apply the verdict: the same EVIDENCE
      // rules and answer inference as the server's no-JavaScript path. Loaded only now, so the
      // machine never weighs on a step's first-load JavaScript.
      const { nextStepFor } = await import("@/machines/next-step");
      const next = nextStepFor(finished, answers, base, input.samples);
      // Without the titles the link still works, named by its state id.
      const titles = next ? await loadStepTitles().catch(() => ({}) as Record<string, string>) : {};
      const link: NextLink | null = next && {
        stepId: next.stepId,
        title: titles[next.stepId] ?? next.stepId,
        href: next.href,
        inferredCount: next.answers.length - next.given,
      };
      if (controller.current === abort) dispatch({ type: "next", next: link });
    } catch {
      if (controller.current === abort) dispatch({ type: "next", next: "unknown" });
    }
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="live-check space-y-4 rounded-lg border-2 border-accent bg-accent-soft p-4"
      data-testid="live-check"
    >
      <div className="space-y-1">
        <h2 id={`${id}-title`} className="text-xl font-semibold">
          {offer.title}
        </h2>
        <p className="text-sm">{offer.intro}</p>
      </div>
      <form
        action={formAction}
        onSubmit={(event) => {
          // With JavaScript the browser streams the check itself; nothing is posted.
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const samples = Number(form.get("samples") ?? offer.samples);
          void run({
            url: String(form.get("url") ?? ""),
            originIp: String(form.get("origin") ?? "").trim(),
            samples: Number.isInteger(samples) ? samples : offer.samples,
          });
        }}
        className="space-y-3"
        noValidate
      >
        <input type="hidden" name="answers" value={answers.join("/")} />
        <input type="hidden" name="base" value={base} />
        {offer.originIp === "required" ? (
          <input type="hidden" name="origin-required" value="1" />
        ) : null}
        <div className="space-y-1">
          <label htmlFor={`${id}-url`} className="block text-sm font-medium">
            Address (URL) of the page that fails
          </label>
          <input
            id={`${id}-url`}
            name="url"
            type="text"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            autoCapitalize="off"
            defaultValue={initialUrl}
            key={initialUrl}
            placeholder="https://www.example.com/checkout"
            className="block w-full rounded-md border border-line bg-bg px-3 py-2 font-mono text-sm text-fg"
          />
        </div>
        {offer.originIp !== "none" ? (
          <div className="space-y-1">
            <label htmlFor={`${id}-origin`} className="block text-sm font-medium">
              Origin server&apos;s IP address{offer.originIp === "optional" ? " (optional)" : ""}
            </label>
            <input
              id={`${id}-origin`}
              name="origin"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              defaultValue={initialOrigin}
              key={`origin-${initialOrigin}`}
              aria-describedby={`${id}-origin-hint`}
              placeholder="203.0.113.10"
              className="block w-full max-w-xs rounded-md border border-line bg-bg px-3 py-2 font-mono text-sm text-fg"
            />
            <p id={`${id}-origin-hint`} className="text-xs text-muted">
              The request goes to this address with your site&apos;s name, like{" "}
              <code className="font-mono">curl --resolve</code>, skipping the CDN.
            </p>
          </div>
        ) : null}
        {offer.chooseSamples ? (
          <div className="flex items-center gap-2">
            <label htmlFor={`${id}-samples`} className="text-sm font-medium">
              Requests to send
            </label>
            <select
              id={`${id}-samples`}
              name="samples"
              defaultValue={String(initialSamples)}
              key={`samples-${initialSamples}`}
              className="rounded-md border border-line bg-bg px-2 py-1 text-sm text-fg"
            >
              {SAMPLE_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="samples" value={offer.samples} />
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={running}
            className="rounded-md bg-accent px-4 py-2 font-medium text-bg hover:bg-accent-strong disabled:opacity-60"
          >
            {rerun && state.status === "idle" ? "Re-run this check" : offer.button}
          </button>
          {view.kind === "running" ? (
            <button
              type="button"
              onClick={() => controller.current?.abort()}
              className="rounded-md border border-line bg-surface px-4 py-2 font-medium text-fg hover:bg-surface-strong"
            >
              Cancel
            </button>
          ) : null}
          {prefill && state.status === "idle" ? (
            <span className="text-sm text-muted">
              {rerun
                ? "This link names a check; our server runs it only when you click."
                : "This link names the address to check; our server checks it only when you click."}
            </span>
          ) : null}
        </div>
      </form>

      <p role="status" className="sr-only">
        {view.kind === "running"
          ? describeProgress(view.progress)
          : state.status === "done"
            ? `Check finished: ${state.report.verdict.title}.`
            : state.status === "error"
              ? `Check did not run: ${state.failure.message}`
              : ""}
      </p>

      {view.kind === "running" ? <CheckProgressView progress={view.progress} /> : null}
      {view.kind !== "running" && state.status === "error" ? (
        <FailureView failure={state.failure} offer={offer} headingRef={resultHeading} />
      ) : null}
      {view.kind !== "running" && state.status === "done" ? (
        <ResultView
          report={state.report}
          input={state.input}
          next={next}
          focusOnShow={view.kind === "settled"}
          origin={origin}
          base={base}
          audience={audience}
          extraCa={extraCa}
          watchIntervalMs={watchIntervalMs}
          baseline={baseline && prefill ? { url: prefill.url, digest: baseline } : null}
        />
      ) : null}
    </section>
  );
}

function FailureView({
  failure,
  offer,
  headingRef,
}: {
  failure: CheckFailure;
  offer: CheckOffer;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const titles: Record<CheckFailure["kind"], string> = {
    invalid: "Check the address",
    refused: "We can't check this address",
    "rate-limited": "Too many checks for now",
    busy: "The checker is busy",
    unavailable: "The check is unavailable",
    network: "The check was interrupted",
    cancelled: "Check cancelled",
  };
  const nextSteps: Record<CheckFailure["kind"], string> = {
    invalid: "Correct it and run the check again, or answer the question below yourself.",
    refused:
      "Our server only checks public web addresses on the usual web ports, so it cannot reach private networks or unusual ports. Answer the question below yourself, using the commands on this page from a machine that can reach the site.",
    "rate-limited":
      "Wait, then run it again; meanwhile you can answer the question below yourself.",
    busy: "Wait a few seconds and run it again, or answer the question below yourself.",
    unavailable: "Try again in a minute, or answer the question below yourself.",
    network: "Check your connection and run it again, or answer the question below yourself.",
    cancelled: "Run it again when you are ready, or answer the question below yourself.",
  };
  return (
    <div
      className="space-y-1 rounded-lg border-l-4 border-warn bg-warn-soft px-4 py-3"
      data-testid="check-failure"
      data-kind={failure.kind}
    >
      <h3 ref={headingRef} tabIndex={-1} className="font-semibold">
        {titles[failure.kind]}
      </h3>
      <p>{failure.message}</p>
      {failure.retryAfterS !== undefined ? (
        <p data-testid="retry-after">
          Try again in {failure.retryAfterS} second{failure.retryAfterS === 1 ? "" : "s"}.
        </p>
      ) : null}
      <p>{nextSteps[failure.kind]}</p>
      {offer.originIp === "required" && failure.kind === "invalid" ? null : (
        <p>
          <a href="#answers" className="underline">
            Go to the answers
          </a>
        </p>
      )}
    </div>
  );
}
