/**
 * Turns a recorded gateway exchange (test/lab/gateways/captures) into the sample shape the
 * probe's classifier reads, the way lib/probe/connection.ts would have recorded the same bytes:
 * selected headers lower-cased, a 4 KiB body excerpt, and an answer without a status line
 * (HTTP/0.9) as the parse error Node's HTTP parser raises for it.
 */
import { EXCERPT_BYTES, SELECTED_HEADERS, type ProbeSample } from "@/lib/probe/connection";
import type { ProbeError } from "@/lib/probe/errors";
import type { RawSample } from "@/test/lab/gateways/raw-client";

/** What node:http reports for bytes that do not start with "HTTP/" (checked against Node 20). */
const NO_STATUS_LINE: ProbeError = {
  code: "HPE_INVALID_CONSTANT",
  message: "The response is not valid HTTP/1.x (HPE_INVALID_CONSTANT: Expected HTTP/).",
};

function headerMaps(raw: RawSample): {
  selected: Record<string, string>;
  all: Record<string, string>;
} {
  const all: Record<string, string> = {};
  for (const [name, value] of raw.headers) {
    const key = name.toLowerCase();
    // node:http joins repeated fields with ", ", as connection.ts's pickHeaders keeps them.
    all[key] = all[key] === undefined ? value : `${all[key]}, ${value}`;
  }
  const selected: Record<string, string> = {};
  for (const name of SELECTED_HEADERS) {
    const value = all[name];
    if (value !== undefined) selected[name] = value.slice(0, 512);
  }
  return { selected, all };
}

/** One raw exchange as a probe sample (plain HTTP on loopback, so no DNS and no TLS phase). */
export function captureToSample(raw: RawSample): ProbeSample {
  const connect = 0.2;
  const phases = {
    dns: null,
    connect,
    tls: null,
    firstByte: raw.httpVersion === null ? null : Math.max(0, raw.elapsedMs - connect),
    total: raw.elapsedMs,
  };
  const base = { address: "127.0.0.1", phases, tls: null };
  if (raw.httpVersion === "0.9")
    return { ...base, failedPhase: "headers", error: NO_STATUS_LINE, response: null };
  if (raw.status === null) {
    const error: ProbeError =
      raw.ended === "reset"
        ? { code: "ECONNRESET", message: "The server reset the connection after 0 response bytes." }
        : raw.ended === "timeout"
          ? { code: "ETIMEDOUT", message: "The server accepted the request but sent no response" }
          : {
              code: "premature-close",
              message: "The server closed the connection without sending any response.",
            };
    return { ...base, failedPhase: "firstByte", error, response: null };
  }
  const { selected, all } = headerMaps(raw);
  const complete = raw.ended === "response";
  return {
    ...base,
    failedPhase: complete ? null : "body",
    error: complete ? null : { code: "premature-close", message: "The body was cut off." },
    response: {
      status: raw.status,
      statusText: raw.reason ?? "",
      httpVersion: raw.httpVersion ?? "1.1",
      headers: selected,
      bodyExcerpt: raw.body.slice(0, EXCERPT_BYTES),
      bodyBytes: raw.bodyBytes,
      bodyComplete: complete,
    },
    allHeaders: all,
  };
}
