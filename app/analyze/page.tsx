import type { Metadata } from "next";
import Link from "next/link";
import { Analyzer } from "@/app/_components/analyzer/analyzer";

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
      <p className="text-sm text-muted">
        No evidence at hand?{" "}
        <Link href="/diagnose" className="underline">
          Answer a few questions instead.
        </Link>
      </p>
    </div>
  );
}
