import type { HarReport } from "@/lib/analyzer/har";
import { shownHeaders } from "@/lib/analyzer/har/shown-headers";
import { AnalysisResult } from "./analysis-result";

const number = new Intl.NumberFormat("en");

function plural(count: number, one: string, many: string): string {
  return `${number.format(count)} ${count === 1 ? one : many}`;
}

/** "3 cookies, 1 credential header and 2 URL tokens", or null when nothing was removed. */
function removedSummary(removed: HarReport["removed"]): string | null {
  const parts = [
    removed.cookies > 0 ? plural(removed.cookies, "cookie", "cookies") : null,
    removed.headers > 0 ? plural(removed.headers, "credential header", "credential headers") : null,
    removed.urlParts > 0 ? plural(removed.urlParts, "token in a URL", "tokens in URLs") : null,
    removed.bodySecrets > 0
      ? plural(removed.bodySecrets, "secret in a response", "secrets in responses")
      : null,
    removed.requestBodies > 0
      ? plural(removed.requestBodies, "request body", "request bodies")
      : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  return parts.length === 1
    ? parts[0]!
    : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function milliseconds(value: number | null): string {
  return value === null ? "–" : `${number.format(Math.round(value))} ms`;
}

/**
 * What a HAR file showed: what was removed before reading it, then each way requests failed,
 * with the request, who answered, the browser's timings and the analyzer's findings. Rendered
 * by the browser for a dropped file and by the server for a no-JavaScript upload.
 */
export function HarResult({ report, fileName }: { report: HarReport; fileName: string }) {
  const removed = removedSummary(report.removed);
  return (
    <section className="space-y-4" data-testid="har-result" aria-labelledby="har-result-title">
      <h2 id="har-result-title" className="text-xl font-semibold">
        {fileName}: {plural(report.totalEntries, "request", "requests")},{" "}
        {report.failureCount === 0
          ? "none failed with a 5xx status"
          : `${number.format(report.failureCount)} failed with a 5xx status`}
      </h2>
      <p className="rounded-lg border-l-4 border-tip bg-tip-soft px-4 py-3 text-sm">
        {removed
          ? `Removed before reading: ${removed}.`
          : "The file held no cookies, credential headers or tokens that needed removing."}{" "}
        Request bodies and cookie lists are never read; only each response&apos;s status, headers,
        timings and the start of its page are.
      </p>
      {report.readEntries < report.totalEntries && (
        <p className="text-sm text-muted">
          Only the first {number.format(report.readEntries)} requests were read.
        </p>
      )}
      {report.noResponse.length > 0 && (
        <p className="text-sm">
          {plural(report.noResponse.length, "request", "requests")} got no answer at all (
          {[...new Set(report.noResponse.map((item) => item.error))].join(", ")}): the browser could
          not connect, so no server answered with a status.
        </p>
      )}
      {report.groups.length > 0 && (
        <ol className="space-y-6" aria-label="Failed requests">
          {report.groups.map((group, index) => {
            const { first } = group;
            const headers = shownHeaders(first);
            return (
              <li
                key={`${index}-${first.url}`}
                className="space-y-3 rounded-xl border border-line p-4"
                data-testid="har-failure"
              >
                <h3 className="font-semibold break-all">
                  {first.status} {first.statusText} · {first.method} {first.url}
                </h3>
                {group.count > 1 && (
                  <p className="text-sm text-muted">
                    {plural(group.count, "request", "requests")} failed this way
                    {group.urls.length > 1 ? `, among them ${group.urls.slice(1).join(", ")}` : ""}.
                  </p>
                )}
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-xs">
                  {headers.map((header) => (
                    <div key={header.name} className="contents">
                      <dt className="text-muted">{header.name}</dt>
                      <dd className="break-all">{header.value}</dd>
                    </div>
                  ))}
                  <div className="contents">
                    <dt className="text-muted">waited for first byte</dt>
                    <dd>{milliseconds(first.timings.wait)}</dd>
                  </div>
                  <div className="contents">
                    <dt className="text-muted">total</dt>
                    <dd>{milliseconds(first.time)}</dd>
                  </div>
                </dl>
                <AnalysisResult analysis={group.analysis} compact />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
