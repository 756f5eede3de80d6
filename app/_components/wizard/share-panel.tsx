import Link from "next/link";
import { CopyButton } from "@/app/_components/copy-button";

/**
 * Start over, copy the link, copy the Markdown summary. The summary is also shown in a
 * disclosure, so it can be selected and copied by hand where the copy buttons cannot run
 * (no JavaScript, clipboard blocked).
 */
export function SharePanel({ base, url, summary }: { base: string; url: string; summary: string }) {
  return (
    <section
      aria-labelledby="share-title"
      className="wizard-share space-y-3 rounded-lg border border-line p-4 print:hidden"
    >
      <h2 id="share-title" className="text-base font-semibold">
        Save or share this diagnosis
      </h2>
      <ul className="flex flex-wrap items-center gap-x-6 gap-y-3 text-sm">
        <li>
          <Link href={base} className="font-medium underline">
            Start over
          </Link>
        </li>
        <li className="flex items-center gap-2">
          <CopyButton text={url} label="link" caption="Link to this step" />
        </li>
        <li className="flex items-center gap-2">
          <CopyButton text={summary} label="summary" caption="Summary for a support ticket" />
        </li>
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Show the summary</summary>
        <pre
          className="mt-2 max-h-96 overflow-auto rounded-md border border-line bg-code p-3 font-mono text-xs whitespace-pre-wrap wrap-anywhere"
          tabIndex={0}
          aria-label="Summary of this diagnosis in Markdown"
          data-testid="wizard-summary"
        >
          {summary}
        </pre>
      </details>
    </section>
  );
}
