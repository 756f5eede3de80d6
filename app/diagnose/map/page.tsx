import type { Metadata } from "next";
import Link from "next/link";
import { loadContent } from "@/lib/content/load";
import {
  layoutDiagnosisMap,
  NODE_HEIGHT,
  NODE_WIDTH,
  wrapTitle,
  type MapEdge,
} from "@/app/_lib/map/layout";
import { permalinkForState } from "@/machines/paths";
import { listSteps, type Step } from "@/machines/steps";

export const metadata: Metadata = {
  title: "Decision map",
  description:
    "Every question, check, fix and outcome of the Gateway Doctor diagnosis, and the answers that connect them.",
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

function edgePath({ from, to, backward }: MapEdge): string {
  if (!backward) {
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const bend = (x2 - x1) / 2;
    return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
  }
  // Loops back to an earlier column leave from the bottom and arrive on top,
  // so they read as "go back" rather than crossing the boxes.
  const x1 = from.x + NODE_WIDTH / 2;
  const y1 = from.y + NODE_HEIGHT;
  const x2 = to.x + NODE_WIDTH / 2;
  const y2 = to.y;
  return `M ${x1} ${y1} C ${x1} ${y1 + 60}, ${x2} ${y2 - 60}, ${x2} ${y2}`;
}

export default async function DecisionMapPage() {
  const steps = listSteps();
  const layout = layoutDiagnosisMap();
  // A missing content file must not take the map down: fall back to the state id.
  const titles = new Map<string, string>(
    await Promise.all(
      steps.map(
        async (step) => [step.id, (await loadContent(step.id))?.metadata.title ?? step.id] as const,
      ),
    ),
  );
  const titleOf = (id: string) => titles.get(id) ?? id;

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Decision map</h1>
        <p className="text-muted">
          All {steps.length} steps of the diagnosis and the answers between them, drawn from the
          same state machine that runs the wizard. Columns follow the fewest answers from the start;
          dashed grey arrows loop back to an earlier step. Select a box to open that step.
        </p>
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
        </ul>
      </header>

      <div
        // Full-bleed: the diagram is wider than the reading column.
        className="relative left-1/2 w-[min(calc(100vw-2rem),1800px)] -translate-x-1/2 overflow-auto rounded-xl border border-line bg-bg"
        tabIndex={0}
        role="region"
        aria-label="Decision diagram; scroll sideways to see every column"
      >
        <svg
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          aria-labelledby="map-caption"
          className="block font-sans"
        >
          <title id="map-caption">
            Diagram of the diagnosis: steps as boxes, answers as arrows
          </title>
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
          <g fill="none" strokeWidth="1.2">
            {layout.edges.map((edge) => (
              <path
                key={`${edge.from.step.id}-${edge.label}-${edge.to.step.id}`}
                d={edgePath(edge)}
                className={edge.backward ? "stroke-line" : "stroke-muted"}
                strokeDasharray={edge.backward ? "4 4" : undefined}
                markerEnd="url(#arrow)"
              >
                <title>{`${titleOf(edge.from.step.id)} → “${edge.label}” → ${titleOf(edge.to.step.id)}`}</title>
              </path>
            ))}
          </g>
          {layout.nodes.map(({ step, x, y }) => {
            const style = KIND_STYLE[step.kind];
            const [line1, line2] = wrapTitle(titleOf(step.id));
            return (
              <a key={step.id} href={permalinkForState(step.id) ?? "/diagnose"} className="group">
                <rect
                  x={x}
                  y={y}
                  width={NODE_WIDTH}
                  height={NODE_HEIGHT}
                  rx="8"
                  className={`${style.box} group-hover:stroke-accent-strong group-focus-visible:stroke-focus`}
                  strokeDasharray={style.dash}
                  strokeWidth="1.5"
                />
                <text x={x + 10} y={y + (line2 ? 19 : 27)} className="fill-fg text-[12px]">
                  {line1}
                </text>
                {line2 ? (
                  <text x={x + 10} y={y + 35} className="fill-fg text-[12px]">
                    {line2}
                  </text>
                ) : null}
              </a>
            );
          })}
        </svg>
      </div>

      <section aria-labelledby="all-steps" className="space-y-4">
        <h2 id="all-steps" className="text-2xl font-semibold">
          Every step as a list
        </h2>
        <p className="text-muted">
          The same graph in text, in the order the machine declares it, with the content file that
          renders each step.
        </p>
        <ol className="space-y-4">
          {steps.map((step) => (
            <li key={step.id} id={step.id} className="rounded-lg border border-line p-4">
              <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <Link href={permalinkForState(step.id) ?? "/diagnose"} className="font-semibold">
                  {titleOf(step.id)}
                </Link>
                <span className="text-sm text-muted">
                  {KIND_STYLE[step.kind].label}
                  {step.hop ? ` · suspects the ${step.hop}` : ""} ·{" "}
                  <code>content/{step.id}.mdx</code>
                </span>
              </p>
              {step.answers.length ? (
                <ul className="mt-2 space-y-1 text-sm">
                  {step.answers.map((option) => (
                    <li key={option.answer}>
                      “{option.label}” → <a href={`#${option.target}`}>{titleOf(option.target)}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-2 text-sm text-muted">Ends the diagnosis.</p>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
