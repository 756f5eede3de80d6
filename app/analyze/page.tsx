import type { Metadata } from "next";
import Link from "next/link";
import { Analyzer } from "@/app/_components/analyzer/analyzer";
import { CATALOG } from "@/lib/analyzer/catalog";
import { productById } from "@/lib/analyzer/products";
import type { EvidenceKind } from "@/lib/analyzer/types";

const KIND_WORDS: Record<EvidenceKind, string> = {
  page: "error pages",
  header: "headers",
  log: "log lines",
  client: "error messages",
};

/** What the catalog covers, per product, so the list never drifts from the rules. */
function coverage(): { name: string; kinds: string; rules: number }[] {
  const byProduct = new Map<string, { kinds: Set<EvidenceKind>; rules: number }>();
  for (const rule of CATALOG) {
    const entry = byProduct.get(rule.product) ?? { kinds: new Set(), rules: 0 };
    entry.kinds.add(rule.kind);
    entry.rules++;
    byProduct.set(rule.product, entry);
  }
  return [...byProduct.entries()].map(([id, entry]) => ({
    name: productById(id).name,
    kinds: [...entry.kinds].map((kind) => KIND_WORDS[kind]).join(", "),
    rules: entry.rules,
  }));
}

export const metadata: Metadata = {
  title: "Paste your error",
  description:
    "Paste an error page, response headers or server log lines and see what caused the 502, 503, 504 or Cloudflare 52x, and which step fixes it.",
};

export default function AnalyzePage() {
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight text-balance">Paste your error</h1>
        <p className="text-lg text-muted">
          You may already have the evidence: the error page on screen, the response headers in your
          browser&apos;s developer tools, or lines in the server&apos;s error log. Paste any of them
          and go straight to the cause and the step that fixes it.
        </p>
      </header>
      <Analyzer />
      <details className="rounded-lg border border-line bg-surface p-4">
        <summary className="cursor-pointer font-semibold">What the analyzer recognises</summary>
        <p className="mt-3 text-sm text-muted">
          {CATALOG.length} patterns from these products. Times are read from nginx, Apache, HAProxy,
          syslog, PHP-FPM, Gunicorn, ISO 8601 and JSON logs, and shown as the log wrote them.
        </p>
        <ul className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          {coverage().map((entry) => (
            <li key={entry.name}>
              <span className="font-medium">{entry.name}</span>{" "}
              <span className="text-muted">
                ({entry.kinds}; {entry.rules} {entry.rules === 1 ? "pattern" : "patterns"})
              </span>
            </li>
          ))}
        </ul>
      </details>
      <p className="text-sm text-muted">
        No evidence at hand?{" "}
        <Link href="/diagnose" className="underline">
          Answer a few questions instead.
        </Link>
      </p>
    </div>
  );
}
