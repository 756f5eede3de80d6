import type { Metadata } from "next";
import Link from "next/link";
import { pathOfPoints } from "@/app/_lib/map/geometry";
import { GROUP_LABEL_HEIGHT, layoutDiagnosisMap, wrapTitle } from "@/app/_lib/map/layout";
import { readSearchQuery } from "@/app/_lib/map/search";
import { loadStepTexts } from "@/app/_lib/map/step-texts";
import { SymptomSearch } from "@/app/_components/map/symptom-search";
import { START_STATE_ID, type Step } from "@/machines/steps";
import { MapViewport } from "@/app/_components/map/map-viewport";

export const metadata: Metadata = {
  title: "Decision map",
  description:
    "Every question, check, fix and outcome of the Gateway Doctor diagnosis, grouped by topic, the answers that connect them, and a search for the step that fits your symptom.",
  alternates: { canonical: "/diagnose/map" },
};

/** How each kind of state is drawn; the legend reads from the same table. */
const KIND_STYLE: Record<Step["kind"], { label: string; box: string; dash?: string }> = {
  question: { label: "Question", box: "fill-accent-soft stroke-accent" },
  info: { label: "Explanation", box: "fill-accent-soft stroke-accent", dash: "2 3" },
  check: { label: "Check", box: "fill-surface stroke-muted", dash: "6 3" },
  fix: { label: "Fix", box: "fill-warn-soft stroke-warn" },
  outcome: { label: "Outcome", box: "fill-tip-soft stroke-tip" },
};

interface DecisionMapPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function DecisionMapPage({ searchParams }: DecisionMapPageProps) {
  const query = readSearchQuery((await searchParams).q);
  // The layout was computed ahead of time by ELK (layout.ts); the texts load once per server.
  const [layout, texts] = await Promise.all([layoutDiagnosisMap(), loadStepTexts()]);
  const textOf = new Map(texts.map((text) => [text.id, text]));
  const titleOf = (id: string) => textOf.get(id)?.title ?? id;
  const hrefOf = (id: string) => textOf.get(id)?.href ?? "/diagnose";
  const start = layout.nodes.find((node) => node.step.id === START_STATE_ID);

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Decision map</h1>
        <p className="text-muted">
          All {texts.length} steps of the diagnosis, grouped by topic, and the answers between them;
          select a box to open its step.
        </p>
      </header>

      <SymptomSearch query={query} headingLevel={2} />

      <section aria-labelledby="map-title" className="space-y-3">
        <h2 id="map-title" className="text-2xl font-semibold">
          The map
        </h2>
        <p className="text-sm">
          {/* Keyboard users would otherwise tab through every box before reaching the list. */}
          <a href="#all-steps" className="underline">
            Skip the map: every step as a list
          </a>
        </p>
        <MapViewport
          width={layout.width}
          height={layout.height}
          focusX={start ? start.x + start.width / 2 : 0}
          focusY={start ? start.y : 0}
          caption="Diagram of the diagnosis: steps as boxes grouped by topic, answers as arrows"
        >
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="fill-muted" />
            </marker>
          </defs>
          <g aria-hidden="true">
            {layout.groups.map(({ branch, x, y, width, height }) => (
              <g key={branch.id} data-group={branch.id}>
                <rect
                  x={x}
                  y={y}
                  width={width}
                  height={height}
                  rx="12"
                  className="fill-surface stroke-line"
                  strokeWidth="1"
                />
                <text
                  x={x + 10}
                  y={y + GROUP_LABEL_HEIGHT - 4}
                  className="fill-muted text-[13px] font-semibold"
                >
                  {branch.label}
                </text>
              </g>
            ))}
          </g>
          <g fill="none" strokeWidth="1.2" data-testid="map-edges">
            {layout.edges.map((edge) => (
              <path
                key={`${edge.fromId}-${edge.label}-${edge.toId}`}
                d={pathOfPoints(edge.points)}
                data-from={edge.fromId}
                data-to={edge.toId}
                className={edge.backward ? "stroke-line" : "stroke-muted"}
                strokeDasharray={edge.backward ? "4 4" : undefined}
                markerEnd="url(#arrow)"
              >
                <title>{`${titleOf(edge.fromId)} → “${edge.label}” → ${titleOf(edge.toId)}`}</title>
              </path>
            ))}
          </g>
          {layout.nodes.map(({ step, x, y, width, height }) => {
            const style = KIND_STYLE[step.kind];
            const title = titleOf(step.id);
            const lines = wrapTitle(title);
            // Two lines fill the box; a rare third shrinks the type rather than hide words.
            const size = lines.length > 2 ? 10.5 : 12;
            const leading = size + 3;
            const firstBaseline = y + height / 2 - ((lines.length - 1) * leading) / 2 + size / 3;
            return (
              <a
                key={step.id}
                href={hrefOf(step.id)}
                className="group"
                aria-label={`${title} (${style.label})`}
                data-step={step.id}
              >
                <rect
                  x={x}
                  y={y}
                  width={width}
                  height={height}
                  rx="8"
                  className={`${style.box} group-hover:stroke-accent-strong group-focus-visible:stroke-focus`}
                  strokeDasharray={style.dash}
                  strokeWidth="1.5"
                />
                {/* One text element, lines as tspans with spaces between them: its text is
                    the whole title, as the link's accessible name says it. */}
                <text className="fill-fg" style={{ fontSize: `${size}px` }}>
                  {lines.map((line, index) => (
                    <tspan key={index} x={x + 8} y={firstBaseline + index * leading}>
                      {line}
                      {index < lines.length - 1 ? " " : ""}
                    </tspan>
                  ))}
                </text>
              </a>
            );
          })}
        </MapViewport>
        <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm" aria-label="Legend">
          {Object.entries(KIND_STYLE).map(([kind, style]) => (
            <li key={kind} className="flex items-center gap-2">
              <svg width="22" height="14" aria-hidden="true">
                <rect
                  x="1"
                  y="1"
                  width="20"
                  height="12"
                  rx="3"
                  className={style.box}
                  strokeDasharray={style.dash}
                  strokeWidth="1.5"
                />
              </svg>
              {style.label}
            </li>
          ))}
          <li className="flex items-center gap-2">
            <svg width="22" height="14" aria-hidden="true">
              <path
                d="M 1 7 L 21 7"
                className="stroke-line"
                strokeDasharray="4 3"
                strokeWidth="2"
              />
            </svg>
            Back to an earlier step
          </li>
        </ul>
        <p className="text-sm text-muted">
          The flow runs from the top down. Arrows go around the boxes they do not connect; hover
          over one to read its answer, or use the list below.
        </p>
      </section>

      <section aria-labelledby="all-steps" className="space-y-4">
        <h2 id="all-steps" className="text-2xl font-semibold">
          Every step as a list
        </h2>
        <p className="text-muted">
          The same graph in text, by topic, with the content file that renders each step.
        </p>
        {layout.groups.map(({ branch }) => (
          <section key={branch.id} aria-labelledby={`branch-${branch.id}`} className="space-y-3">
            <h3 id={`branch-${branch.id}`} className="text-xl font-semibold">
              {branch.label}
            </h3>
            <ol className="space-y-4">
              {branch.stateIds.map((id) => {
                const text = textOf.get(id);
                if (!text) return null;
                const { step } = text;
                return (
                  <li key={id} id={id} className="rounded-lg border border-line p-4">
                    <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                      <Link href={text.href} className="font-semibold underline">
                        {text.title}
                      </Link>
                      <span className="text-sm text-muted">
                        {KIND_STYLE[step.kind].label}
                        {step.hop ? ` · suspects the ${step.hop}` : ""} ·{" "}
                        <code>content/{id}.mdx</code>
                      </span>
                    </p>
                    {step.answers.length ? (
                      <ul className="mt-2 space-y-1 text-sm">
                        {step.answers.map((option) => (
                          <li key={option.answer}>
                            “{option.label}” →{" "}
                            <a href={`#${option.target}`} className="underline">
                              {titleOf(option.target)}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="mt-2 text-sm text-muted">Ends the diagnosis.</p>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </section>
    </div>
  );
}
