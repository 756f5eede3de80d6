/**
 * The reproduce kit of one finished check: the curl command and the Hurl file that repeat the
 * sample the verdict speaks for, from wherever the owner runs them.
 */
import { verdictSampleIndex } from "@/lib/evidence/digest";
import type { ProbeReport } from "@/lib/probe/probe";
import { curlCommand, type CurlOptions, type ReproduceTarget } from "./curl";
import { hurlFile, type ObservedAnswer } from "./hurl";

export { CURL_TIMING_LINES, CURL_WRITE_OUT } from "./curl";

/** The commands for one check. */
export interface ReproduceKit {
  /** Where they go. */
  target: ReproduceTarget;
  /** A curl command for a terminal. */
  curl: string;
  /** A Hurl file for CI. */
  hurl: string;
}

/** Where the verdict's sample went. */
export function reproduceTarget(report: ProbeReport): ReproduceTarget {
  const sample = report.samples[verdictSampleIndex(report)];
  return {
    url: report.target.url,
    hostname: report.target.hostname,
    port: report.target.port,
    address: sample?.address ?? null,
    originIp: report.target.originIp,
  };
}

/** What the verdict's sample saw. */
export function observedAnswer(report: ProbeReport): ObservedAnswer {
  const response = report.samples[verdictSampleIndex(report)]?.response ?? null;
  return {
    status: response?.status ?? null,
    ok: report.verdict.code === "ok",
    title: report.verdict.title,
    checkedAt: report.startedAt,
    server: response?.headers.server ?? null,
    via: response?.headers.via ?? null,
    bodyExcerpt: response?.bodyExcerpt ?? "",
  };
}

/** Both commands for a report. */
export function reproduceKit(report: ProbeReport, options: CurlOptions = {}): ReproduceKit {
  const target = reproduceTarget(report);
  return {
    target,
    curl: curlCommand(target, options),
    hurl: hurlFile(target, observedAnswer(report)),
  };
}
