/**
 * The combined verdict of a check from several places. Pure: no I/O. Each claim it makes lists
 * the observation per place it rests on, as the single check's verdict does.
 *
 * - every place that answered saw the site fail → the failure is at the site (origin or edge),
 *   unless the origin answered directly while every place through the CDN failed → the edge's
 *   configuration;
 * - some places saw it fail and others did not → regional: the places resolved the name to
 *   different addresses (DNS not yet propagated everywhere), or the failing places could not
 *   connect or were refused with 403/451 (a firewall or geo-block by country, or a routing
 *   hole), or they got error answers from the edge where the others got pages (a point of
 *   presence failing);
 * - every place saw it work → the site is up; the trouble is between the visitor and the site.
 * A place that did not answer in time is unavailable: it counts for nothing either way.
 */
import type { ProbeReport } from "@/lib/probe/probe";

/** Where a check ran from. */
export type PlaceKind = "region" | "origin";

/** What one place reported. */
export interface PlaceResult {
  /** The region's name, or "origin" for the direct check of the owner's origin address. */
  place: string;
  kind: PlaceKind;
  /** answered: a report came back; unavailable: the place did not answer in time; refused: the guard there refused the target. */
  outcome: "answered" | "unavailable" | "refused";
  /** Why a place is unavailable or refused, in words. */
  reason?: string;
  /** The worker that answered. */
  workerId?: string;
  /** The place's report when it answered. */
  report?: ProbeReport;
}

/** The kinds of combined verdict. */
export type CombinedKind =
  | "works-everywhere"
  | "fails-everywhere"
  | "edge-config"
  | "regional-dns"
  | "regional-block"
  | "regional-pop"
  | "no-answer";

/** The conclusion over every place. */
export interface CombinedVerdict {
  kind: CombinedKind;
  /** One-line headline, e.g. "Fails only from ap-south". */
  title: string;
  /** Places (through the site's public address) where the site failed. */
  failing: string[];
  /** Places where it worked. */
  working: string[];
  /** Places that did not answer. */
  unavailable: string[];
  /** One line per place: what it saw. */
  evidence: string[];
  /** The wizard state the verdict leads to. */
  stateId: string;
  /** The permalink of that state, when the route was given a way to work it out. */
  permalink?: string;
}

const failed = (result: PlaceResult) => result.report!.verdict.code !== "ok";

/** Addresses a place's resolver returned, sorted, or null for no lookup. */
function resolved(report: ProbeReport): string | null {
  if (!report.dns || report.dns.addresses.length === 0) return null;
  return report.dns.addresses
    .map((a) => a.address)
    .sort()
    .join(", ");
}

/** What one place saw, as an evidence line. */
export function placeLine(result: PlaceResult): string {
  const label = result.kind === "origin" ? "origin, directly" : result.place;
  if (result.outcome !== "answered" || !result.report)
    return `${label}: ${result.outcome === "refused" ? "refused" : "unavailable"}${result.reason ? ` (${result.reason})` : ""}`;
  const { verdict, dns, samples } = result.report;
  const parts = [verdict.status !== null ? `HTTP ${verdict.status}` : verdict.code];
  if (verdict.vendor) parts.push(`from ${verdict.vendor}`);
  const total = samples.at(-1)?.phases.total;
  if (total !== undefined) parts.push(`in ${Math.round(total)} ms`);
  if (verdict.status !== null && verdict.code !== "ok") parts.push(`(${verdict.code})`);
  const addresses = dns ? resolved(result.report) : null;
  if (addresses) parts.push(`— resolved to ${addresses}`);
  return `${label}: ${parts.join(" ")}`;
}

/** The combined verdict of the places' results. */
export function combinePlaces(results: readonly PlaceResult[]): CombinedVerdict {
  const answered = results.filter((r) => r.outcome === "answered" && r.report);
  const regions = answered.filter((r) => r.kind === "region");
  const origin = answered.find((r) => r.kind === "origin");
  const failing = regions.filter(failed).map((r) => r.place);
  const working = regions.filter((r) => !failed(r)).map((r) => r.place);
  const unavailable = results.filter((r) => r.outcome !== "answered").map((r) => r.place);
  const evidence = results.map(placeLine);
  const base = { failing, working, unavailable, evidence };

  if (regions.length === 0)
    return {
      ...base,
      kind: "no-answer",
      title: "No place answered in time, so nothing is known about the site",
      stateId: "visitorCheckScope",
    };
  if (failing.length === 0)
    return {
      ...base,
      kind: "works-everywhere",
      title: `From ${plural(working.length, "place")} the site answers; the problem is between you and the site`,
      stateId: "visitorHardRefresh",
    };
  if (working.length === 0) {
    if (origin && !failed(origin))
      return {
        ...base,
        kind: "edge-config",
        title: `Fails through the public address from ${plural(failing.length, "place")}, but the origin answers directly`,
        stateId: "edgeCannotReachOrigin",
      };
    return {
      ...base,
      kind: "fails-everywhere",
      title: `Fails from all ${plural(failing.length, "place")}`,
      stateId: "visitorSiteDown",
    };
  }
  const only = `Fails only from ${failing.join(", ")}`;
  const byPlace = new Map(regions.map((r) => [r.place, r.report!]));
  const failingReports = failing.map((p) => byPlace.get(p)!);
  const workingAnswers = new Set(working.map((p) => resolved(byPlace.get(p)!)));
  const dnsDiffers = failingReports.some(
    (r) => r.verdict.code.startsWith("dns-") || !workingAnswers.has(resolved(r)),
  );
  if (dnsDiffers)
    return {
      ...base,
      kind: "regional-dns",
      title: `${only}: those places resolved the name to other addresses`,
      stateId: "regionalDns",
    };
  const blocked = failingReports.every(
    (r) =>
      !r.verdict.observed?.connected ||
      r.verdict.status === 403 ||
      r.verdict.status === 451 ||
      r.verdict.code === "blocked",
  );
  if (blocked)
    return {
      ...base,
      kind: "regional-block",
      title: `${only}: the connection is refused, dropped or blocked there`,
      stateId: "regionalBlock",
    };
  return {
    ...base,
    kind: "regional-pop",
    title: `${only}: error answers there, pages elsewhere`,
    stateId: "regionalPop",
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
