"use client";

import { useEffect, useId, useRef, useState } from "react";
import { CodeBlock } from "@/app/_components/code-block";
import type { EmbedEventName } from "@/lib/embed/protocol";
import type {
  EmbeddedWizard,
  MountOptions,
  WindowWithGatewayDoctor,
} from "@/lib/embed/snippet-api";
import { snippetFor, type SnippetAttributes } from "@/lib/embed/snippet-text";
import type { StateId } from "@/machines/steps";

/** Starting points offered in the configurator. */
const STARTS = [
  { id: "first", label: "The first question", answers: "", start: "" },
  { id: "visitor", label: "Visitors: is it just me?", answers: "visitor", start: "" },
  { id: "owner-502", label: "Site owners with a 502", answers: "owner/502", start: "" },
  {
    id: "proxy-log",
    label: "Step: read the proxy's error log",
    answers: "",
    start: "proxyUpstream" satisfies StateId,
  },
] as const;

type Theme = "auto" | "light" | "dark";

interface LoggedEvent {
  /** Running number, for keys and for reading the order. */
  id: number;
  name: EmbedEventName;
  /** The detail as shown: JSON with long fields shortened. */
  text: string;
}

/** Most events kept in the log; older ones scroll away. */
const LOG_SIZE = 30;

function describeDetail(detail: unknown): string {
  return JSON.stringify(detail, (key, value: unknown) =>
    key === "markdown" && typeof value === "string" && value.length > 120
      ? `${value.slice(0, 120)}… (${value.length} characters)`
      : value,
  );
}

/** Loads /embed.js once without letting it embed anything by itself. */
function loadSnippet(origin: string): Promise<WindowWithGatewayDoctor["GatewayDoctor"]> {
  const host = window as unknown as Partial<WindowWithGatewayDoctor>;
  if (host.GatewayDoctor) return Promise.resolve(host.GatewayDoctor);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `${origin}/embed.js`;
    script.dataset.mount = "manual";
    script.onload = () =>
      host.GatewayDoctor ? resolve(host.GatewayDoctor) : reject(new Error("no API"));
    script.onerror = () => reject(new Error("embed.js did not load"));
    document.head.append(script);
  });
}

/**
 * The documentation's configurator: pick options, copy the snippet they make, and see the real
 * snippet embed the wizard with them, with the events it sends listed as they arrive.
 */
export function EmbedPlayground({ origin }: { origin: string }) {
  const id = useId();
  const [theme, setTheme] = useState<Theme>("auto");
  const [accentOn, setAccentOn] = useState(false);
  const [accent, setAccent] = useState("#0f766e");
  const [startId, setStartId] = useState<(typeof STARTS)[number]["id"]>("first");
  const [liveCheck, setLiveCheck] = useState(true);
  const [escalate, setEscalate] = useState(false);
  const [escalateLabel, setEscalateLabel] = useState("");
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const [failed, setFailed] = useState(false);
  const preview = useRef<HTMLDivElement>(null);

  const start = STARTS.find((candidate) => candidate.id === startId) ?? STARTS[0];
  const attributes: SnippetAttributes = {
    answers: start.answers,
    start: start.start,
    theme: theme === "auto" ? "" : theme,
    accent: accentOn ? accent : "",
    "live-check": liveCheck ? "" : "false",
    escalate: escalate ? "true" : "",
    "escalate-label": escalate ? escalateLabel.trim() : "",
  };
  const snippet = snippetFor(origin, attributes);

  const options: MountOptions = {
    answers: start.answers || undefined,
    start: start.start || undefined,
    theme,
    accent: accentOn ? accent : undefined,
    liveCheck,
    escalate,
    escalateLabel: escalateLabel.trim() || undefined,
    title: "Gateway Doctor preview",
    scroll: false,
  };
  // The preview is rebuilt when the options settle, not on every keystroke or color drag.
  const wanted = JSON.stringify(options);
  const [shown, setShown] = useState(wanted);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(wanted), 400);
    return () => window.clearTimeout(timer);
  }, [wanted]);

  useEffect(() => {
    const container = preview.current;
    if (!container) return;
    let embed: EmbeddedWizard | null = null;
    let cancelled = false;
    let counter = 0;
    loadSnippet(origin)
      .then((api) => {
        if (cancelled) return;
        setEvents([]);
        embed = api.mount(container, JSON.parse(shown) as MountOptions);
        for (const name of api.events) {
          embed?.on(name, (detail) => {
            counter += 1;
            const entry = { id: counter, name, text: describeDetail(detail) };
            setEvents((logged) => [entry, ...logged].slice(0, LOG_SIZE));
          });
        }
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      embed?.destroy();
    };
  }, [origin, shown]);

  return (
    <div className="space-y-6">
      <fieldset className="grid gap-4 rounded-lg border border-line p-4 sm:grid-cols-2">
        <legend className="px-1 font-semibold">Options</legend>

        <div className="space-y-1">
          <label htmlFor={`${id}-start`} className="block text-sm font-medium">
            Start at
          </label>
          <select
            id={`${id}-start`}
            value={startId}
            onChange={(event) => setStartId(event.target.value as typeof startId)}
            className="w-full rounded-md border border-line bg-bg px-2 py-1.5"
          >
            {STARTS.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </div>

        <div className="space-y-1">
          <label htmlFor={`${id}-theme`} className="block text-sm font-medium">
            Theme
          </label>
          <select
            id={`${id}-theme`}
            value={theme}
            onChange={(event) => setTheme(event.target.value as Theme)}
            className="w-full rounded-md border border-line bg-bg px-2 py-1.5"
          >
            <option value="auto">auto (follow the system)</option>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={accentOn}
              onChange={(event) => setAccentOn(event.target.checked)}
            />
            Accent color
          </label>
          <input
            type="color"
            value={accent}
            onChange={(event) => setAccent(event.target.value)}
            disabled={!accentOn}
            aria-label="Accent color value"
            className="h-8 w-12 rounded border border-line bg-bg"
          />
        </div>

        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={liveCheck}
            onChange={(event) => setLiveCheck(event.target.checked)}
          />
          Offer the live check
        </label>

        <div className="space-y-2 sm:col-span-2">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={escalate}
              onChange={(event) => setEscalate(event.target.checked)}
            />
            Show a support button (escalate event)
          </label>
          {escalate ? (
            <div className="space-y-1">
              <label htmlFor={`${id}-label`} className="block text-sm font-medium">
                Button label
              </label>
              <input
                id={`${id}-label`}
                type="text"
                value={escalateLabel}
                maxLength={40}
                placeholder="Contact support"
                onChange={(event) => setEscalateLabel(event.target.value)}
                className="w-full rounded-md border border-line bg-bg px-2 py-1.5 sm:w-80"
              />
            </div>
          ) : null}
        </div>
      </fieldset>

      <div data-testid="playground-snippet">
        <CodeBlock code={snippet} language="html" />
      </div>

      <section aria-labelledby={`${id}-preview`} className="space-y-2">
        <h3 id={`${id}-preview`} className="text-lg font-semibold">
          Live preview
        </h3>
        {failed ? (
          <p className="rounded-lg border-l-4 border-warn bg-warn-soft px-4 py-3">
            The preview needs JavaScript and /embed.js; the snippet above works regardless.
          </p>
        ) : null}
        <div
          ref={preview}
          className="overflow-hidden rounded-lg border border-line"
          data-testid="playground-preview"
        />
      </section>

      <section aria-labelledby={`${id}-events`} className="space-y-2">
        <h3 id={`${id}-events`} className="text-lg font-semibold">
          Events received by this page
        </h3>
        {events.length === 0 ? (
          <p className="text-sm text-muted">None yet: answer a question in the preview.</p>
        ) : (
          <ol
            className="max-h-72 space-y-1 overflow-auto rounded-md border border-line bg-code p-3 font-mono text-xs"
            tabIndex={0}
            aria-label="Events, newest first"
            data-testid="playground-events"
          >
            {events.map((event) => (
              <li key={event.id} className="break-all">
                <span className="font-semibold">{event.name}</span> {event.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
