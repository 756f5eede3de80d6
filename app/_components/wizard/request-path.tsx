import type { ReactNode } from "react";
import { HOPS, type Hop } from "@/machines/diagnosis.machine";

/** How each hop of the request path is named on the page. */
export const HOP_LABELS: Record<Hop, string> = {
  browser: "Browser",
  dns: "DNS",
  edge: "CDN / edge",
  proxy: "Load balancer / proxy",
  app: "App",
  database: "Database",
};

// Simple line icons, 24×24, drawn with the current text colour.
const icons: Record<Hop, ReactNode> = {
  browser: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 9h18M6.5 6.5h.01M9 6.5h.01" />
    </>
  ),
  dns: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </>
  ),
  edge: <path d="M7 18a4 4 0 0 1-.6-7.95A6 6 0 0 1 18 9a4.5 4.5 0 0 1-.5 9z" />,
  proxy: <path d="M4 7h10m0 0-3-3m3 3-3 3M20 17H10m0 0 3-3m-3 3 3 3" />,
  app: (
    <>
      <rect x="4" y="4" width="16" height="16" rx="2" />
      <path d="m9 10-2 2 2 2m6-4 2 2-2 2" />
    </>
  ),
  database: (
    <>
      <ellipse cx="12" cy="6" rx="7" ry="3" />
      <path d="M5 6v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3" />
    </>
  ),
};

/**
 * The path a request takes, browser to database, with the hop the current step suspects
 * outlined and labelled "suspected" (never colour alone). The ordered list is its own text
 * alternative; the caption names the suspect in a sentence.
 */
export function RequestPath({ hop, outcome = false }: { hop: Hop | null; outcome?: boolean }) {
  return (
    <figure
      aria-labelledby="request-path-caption"
      className="request-path space-y-3"
      data-hop={hop ?? "none"}
    >
      <figcaption id="request-path-caption" className="text-sm text-muted">
        {hop ? (
          <>
            {outcome
              ? "Where the problem was: the "
              : "Where the request breaks: this step suspects the "}
            <strong className="text-fg">{HOP_LABELS[hop]}</strong>.
          </>
        ) : (
          <>The path every request takes. This step does not point at one hop yet.</>
        )}
      </figcaption>
      {/* On a phone the caption alone says where the request breaks, in one line, so the
          picture does not push the step's text a screen down; wider screens show it whole. */}
      <ol className="hidden gap-x-5 gap-y-3 text-sm sm:grid sm:grid-cols-6">
        {HOPS.map((item, index) => {
          const suspected = item === hop;
          return (
            <li
              key={item}
              className={`relative flex flex-col items-center justify-center gap-1 rounded-md px-1 py-2 text-center leading-tight ${
                suspected
                  ? "border-2 border-accent bg-accent-soft font-semibold text-fg outline-2 outline-offset-2 outline-accent outline-dashed"
                  : "border border-line text-muted"
              }`}
              data-hop={item}
              data-suspected={suspected || undefined}
            >
              {/* Arrows sit in the gap before each hop. */}
              {index > 0 ? (
                <svg
                  aria-hidden="true"
                  viewBox="0 0 16 16"
                  className="absolute top-1/2 -left-[1.15rem] h-3.5 w-3.5 -translate-y-1/2 text-muted"
                  fill="none"
                >
                  <path
                    d="M2 8h11m0 0-4-4m4 4-4 4"
                    stroke="currentColor"
                    strokeWidth="1.75"
                    strokeLinecap="round"
                    strokeLinejoin="round"
                  />
                </svg>
              ) : null}
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className="h-5 w-5 shrink-0"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.75"
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                {icons[item]}
              </svg>
              <span>{HOP_LABELS[item]}</span>
              {suspected ? (
                <span className="text-xs font-bold tracking-wide uppercase">Suspected</span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
