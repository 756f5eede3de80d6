import Link from "next/link";
import type { Analysis, Finding } from "@/lib/analyzer";
import { CONFIDENCE_LABELS, LAYER_LABELS } from "@/lib/analyzer/labels";
import { CopyButton } from "../copy-button";

const number = new Intl.NumberFormat("en");

const confidenceStyle: Record<Finding["confidence"], string> = {
  high: "border-tip bg-tip-soft",
  medium: "border-accent bg-accent-soft",
  low: "border-warn bg-warn-soft",
  "status-only": "border-line bg-surface",
};

/** Where to find evidence worth pasting, shown when nothing in a paste was recognised. */
const WHERE_TO_LOOK: { what: string; how: string }[] = [
  {
    what: "The error page",
    how: "select all the text on the page and copy it, or paste its source (Ctrl+U).",
  },
  {
    what: "Response headers",
    how: "open developer tools, Network tab, reload, click the failing request and copy its response headers; or run curl -sSI https://your-site/",
  },
  {
    what: "nginx",
    how: "sudo tail -n 200 /var/log/nginx/error.log (the access log only shows status codes; the error log shows why).",
  },
  {
    what: "Apache",
    how: "sudo tail -n 200 /var/log/apache2/error.log, or /var/log/httpd/error_log on Red Hat family systems.",
  },
  { what: "HAProxy", how: "sudo journalctl -u haproxy -n 200, or /var/log/haproxy.log." },
  {
    what: "PHP-FPM",
    how: "sudo journalctl -u 'php*-fpm' -n 200, or the file named by error_log in php-fpm.conf.",
  },
  {
    what: "Gunicorn, Node.js, PM2",
    how: "sudo journalctl -u your-app -n 200, or pm2 logs --lines 200.",
  },
  { what: "Out-of-memory kills", how: "sudo dmesg -T | grep -i -E 'killed process|out of memory'" },
];

function plural(count: number, one: string, many: string): string {
  return `${number.format(count)} ${count === 1 ? one : many}`;
}

/** Notes about what was not read, so nobody trusts a result built on half the paste. */
function Notices({ analysis }: { analysis: Analysis }) {
  const notes: string[] = [];
  if (analysis.droppedChars > 0) {
    notes.push(
      `The paste was longer than ${number.format(analysis.charCount)} characters, so only its last part was read; the first ${plural(analysis.droppedChars, "character was", "characters were")} skipped. Paste the lines from around the time of the error.`,
    );
  }
  if (analysis.longLines > 0) {
    notes.push(
      `${plural(analysis.longLines, "line was", "lines were")} longer than 8,192 characters; only the start of each was read for log messages.`,
    );
  }
  if (analysis.binary) {
    notes.push(
      "This looks like binary data rather than text (a compressed log or a file?). Decompress it first, for example with zcat error.log.1.gz, and paste the text.",
    );
  }
  if (notes.length === 0) return null;
  return (
    <ul
      className="space-y-2 rounded-lg border-l-4 border-warn bg-warn-soft px-4 py-3 text-sm"
      aria-label="What was not read"
    >
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

function NothingRecognised({ analysis }: { analysis: Analysis }) {
  return (
    <div
      className="space-y-3 rounded-lg border border-line bg-surface p-4"
      data-testid="analyzer-nothing"
    >
      <h3 className="text-lg font-semibold">Nothing recognised</h3>
      <p>
        None of the {plural(analysis.lineCount, "line", "lines")} matched an error page, header or
        log message the analyzer knows. The right lines are usually in one of these places:
      </p>
      <dl className="space-y-2 text-sm">
        {WHERE_TO_LOOK.map((place) => (
          <div key={place.what}>
            <dt className="font-semibold">{place.what}</dt>
            <dd className="text-muted">{place.how}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm">
        Or answer a few questions instead:{" "}
        <Link href="/diagnose/owner" className="underline">
          start the owner&apos;s checklist
        </Link>
        .
      </p>
    </div>
  );
}

function FindingCard({ finding, compact }: { finding: Finding; compact: boolean }) {
  const seen =
    finding.firstSeen && finding.lastSeen
      ? finding.firstSeen.text === finding.lastSeen.text
        ? `Seen at ${finding.firstSeen.text}`
        : `First seen ${finding.firstSeen.text}, last seen ${finding.lastSeen.text}`
      : null;
  return (
    <li className="space-y-3 rounded-xl border border-line bg-bg p-4" data-rule={finding.ruleId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-lg font-semibold">{finding.title}</h3>
        <span
          className={`rounded-md border px-2 py-0.5 text-xs font-medium ${confidenceStyle[finding.confidence]}`}
        >
          {CONFIDENCE_LABELS[finding.confidence]}
        </span>
      </div>
      <p className="text-sm text-muted">
        {finding.kind === "log" || finding.kind === "client"
          ? `${plural(finding.count, "line", "lines")} from ${finding.product.name} (${finding.product.role})`
          : `${finding.kind === "header" ? "Headers" : "A page"} from ${finding.product.name} (${finding.product.role})`}
        {finding.status !== null ? ` · visitors see ${finding.status}` : ""} · points at{" "}
        {LAYER_LABELS[finding.layer]}
      </p>
      {finding.confidence === "status-only" && (
        <p className="font-medium" data-testid="finding-status-only">
          This shows only that requests failed with {finding.status ?? "an error status"}, not why.
          The server&apos;s error log from the same moment names the cause.
        </p>
      )}
      {finding.fromProse && (
        <p className="font-medium" data-testid="finding-prose">
          Only mentioned in a sentence in your paste, not shown by a log line or an error page.
        </p>
      )}
      <p>{finding.meaning}</p>
      {!compact && (
        <p className="text-sm text-muted">Why this confidence: {finding.confidenceReason}</p>
      )}
      {seen && <p className="text-sm">{seen}</p>}
      {finding.reference && (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span>
            {finding.reference.label}: <code className="font-mono">{finding.reference.value}</code>
          </span>
          <CopyButton text={finding.reference.value} label={finding.reference.label} />
          <span className="text-muted">Quote it when you contact {finding.product.name}.</span>
        </p>
      )}
      <figure className="overflow-hidden rounded-lg border border-line bg-code">
        <figcaption className="border-b border-line px-3 py-1 text-xs text-muted">
          Line {number.format(finding.firstLine)} of your paste
        </figcaption>
        <pre
          className="m-0 overflow-x-auto p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all"
          tabIndex={0}
        >
          <code>{finding.sample}</code>
        </pre>
        {finding.readAs !== null && (
          <>
            <p className="border-t border-line px-3 py-1 text-xs text-muted">
              Read as (tool prefixes, wrapping and escapes undone)
            </p>
            <pre
              className="m-0 overflow-x-auto p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all"
              tabIndex={0}
              data-testid="finding-read-as"
            >
              <code>{finding.readAs}</code>
            </pre>
          </>
        )}
      </figure>
      {finding.href && (
        <div className="space-y-1">
          <Link
            href={finding.markedHref ?? finding.href}
            className="inline-block rounded-md bg-accent px-3 py-1.5 font-medium text-bg no-underline hover:bg-accent-strong hover:text-bg"
          >
            Go to the step that fixes this
            {/* Every card has this link; the hidden end tells them apart in a list of links. */}
            <span className="sr-only">: {finding.title}</span>
          </Link>
          {finding.answers.length > 0 && (
            <p className="text-xs text-muted" data-testid="finding-answers">
              Answers given for you:{" "}
              {finding.answers.map((answer, index) => (
                <span key={`${index}-${answer}`}>
                  {index > 0 ? " › " : ""}
                  {answer}
                  {finding.supported[index] ? " (shown by your paste)" : " (assumed)"}
                </span>
              ))}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

/** The findings for one paste, dominant cause first, or help finding better evidence. */
export function AnalysisResult({
  analysis,
  compact = false,
}: {
  analysis: Analysis;
  compact?: boolean;
}) {
  const { findings } = analysis;
  return (
    <div className="space-y-4" data-testid="analyzer-result">
      <Notices analysis={analysis} />
      {findings.length === 0 ? (
        <NothingRecognised analysis={analysis} />
      ) : (
        <>
          <p className="font-medium" data-testid="analyzer-summary">
            {findings.every((finding) => finding.confidence === "status-only")
              ? "Status only: the paste shows an error code but not its cause"
              : findings.length === 1
                ? "Found one cause"
                : `Found ${number.format(findings.length)} causes, the most frequent first`}
            {analysis.matchedLines > 0
              ? ` (${plural(analysis.matchedLines, "log line", "log lines")} of ${number.format(analysis.lineCount)} recognised).`
              : "."}
          </p>
          <ol className="space-y-4" aria-label="Causes found">
            {findings.map((finding, index) => (
              <FindingCard key={`${index}-${finding.ruleId}`} finding={finding} compact={compact} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
