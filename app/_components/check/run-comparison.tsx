import type { EvidenceDigest } from "@/lib/evidence/digest";
import { compareRuns } from "@/lib/evidence/compare";

// No hooks: rendered in the browser after a streamed re-run and on the server after a form post.

/** The link's run and this re-run of it, side by side, with what changed marked. */
export function RunComparisonView({
  before,
  after,
}: {
  before: EvidenceDigest;
  after: EvidenceDigest;
}) {
  const comparison = compareRuns(before, after);
  return (
    <section className="space-y-2 text-sm" data-testid="run-comparison">
      <h4 className="font-semibold">
        Compared with the run in the link:{" "}
        {comparison.changes === 0
          ? "nothing changed"
          : `${comparison.changes} change${comparison.changes === 1 ? "" : "s"}`}
      </h4>
      <div
        className="overflow-x-auto"
        role="region"
        aria-label="The link's run and this one, side by side"
        tabIndex={0}
      >
        <table className="w-full text-left text-xs">
          <thead>
            <tr>
              <th scope="col" className="pr-2">
                <span className="sr-only">What</span>
              </th>
              <th scope="col" className="pr-2">
                In the link ({comparison.beforeAt})
              </th>
              <th scope="col">Now ({comparison.afterAt})</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr
                key={row.label}
                data-row={row.label}
                data-changed={row.changed ? "true" : "false"}
                className={row.changed ? "bg-warn-soft font-semibold" : ""}
              >
                <th scope="row" className="pr-2 font-medium">
                  {row.label}
                  {row.changed ? <span className="sr-only"> (changed)</span> : null}
                </th>
                <td className="pr-2 break-words">{row.before}</td>
                <td className="break-words">{row.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
