"use client";

import { useState } from "react";
import { segmentsUnder } from "@/lib/wizard/path-encoding";
import { DIAGNOSE_BASE } from "@/machines/paths";
import { EMBED_BASE } from "@/lib/embed/frame-policy.mjs";

/** The full-site address of an embed path: "/embed/owner/502" → "/diagnose/owner/502". */
export function fullSitePath(pathname: string): string {
  const segments = segmentsUnder(pathname, EMBED_BASE);
  if (segments === null) return DIAGNOSE_BASE;
  // The segments stay percent-encoded as they are in the address bar.
  return [DIAGNOSE_BASE, ...segments].join("/");
}

/**
 * The strip under an embedded wizard: a link that opens the current step on the full site in a
 * new tab, and — when the host asked for it — a button that hands the diagnosis summary to the
 * host's support form.
 */
export function EmbedBar({
  pathname,
  escalateLabel,
  onEscalate,
}: {
  /** The embed path shown now. */
  pathname: string;
  /** Label of the support button, or null to leave it out. */
  escalateLabel: string | null;
  /** Sends the escalate event; false when there was nothing to send yet. */
  onEscalate: () => boolean;
}) {
  const [sent, setSent] = useState<string | null>(null);
  return (
    <div className="embed-bar mt-8 flex flex-wrap items-center justify-between gap-x-6 gap-y-3 border-t border-line pt-3 text-sm">
      <a
        href={fullSitePath(pathname)}
        target="_blank"
        rel="noopener"
        className="font-medium underline"
        data-testid="embed-open-full"
      >
        Open in full
        <span className="sr-only"> on the Gateway Doctor site (opens in a new tab)</span>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="ml-1 inline h-3.5 w-3.5" fill="none">
          <path
            d="M9 3h4v4M13 3L7 9M11 10v3H3V5h3"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </a>
      {escalateLabel ? (
        <span className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={() => setSent(onEscalate() ? pathname : null)}
            className="rounded-md bg-accent px-3 py-1.5 font-semibold text-bg hover:bg-accent-strong"
            data-testid="embed-escalate"
          >
            {escalateLabel}
          </button>
          <span role="status" className="text-muted">
            {sent === pathname ? "Your summary was passed on to support." : ""}
          </span>
        </span>
      ) : null}
    </div>
  );
}
