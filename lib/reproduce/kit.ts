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
  /** The same over HTTP/2, when the check's h2 sample found the server offers it; else null. */
  curlHttp2: string | null;
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
    curlHttp2: report.http2?.offered
      ? curlCommand(
          // The h2 sample went to the first sample's address.
          { ...target, address: report.http2.address },
          { ...options, protocol: "http2" },
        )
      : null,
    hurl: hurlFile(target, observedAnswer(report)),
  };
}
