/**
 * The HTTP half of a sample: one GET on a socket that is already connected (and through TLS
 * when the URL says so), read as far as the response goes. node:http parses; this module
 * times the first byte, keeps the headers that tell who answered, an excerpt of the body,
 * and turns every way the exchange can break into a ProbeError.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { asProbeErrorCode, type ProbeError } from "./errors";
import type { PhaseRecorder, PhaseTimer, ProbePhase } from "./phase-recorder";
import { PROBE_METHOD, probeRequestHeaders } from "./request-headers";

/** The response as far as it arrived. */
export interface ProbeResponse {
  /** Status code. */
  status: number;
  /** Reason phrase as the server sent it. */
  statusText: string;
  /** "1.1" or "1.0". */
  httpVersion: string;
  /** The headers that tell who answered and why (see SELECTED_HEADERS). */
  headers: Record<string, string>;
  /** Up to 4 KiB of the body, decoded as UTF-8. */
  bodyExcerpt: string;
  /** Body bytes read (reading stops at the body limit). */
  bodyBytes: number;
  /** Whether the body was complete when reading stopped. */
  bodyComplete: boolean;
}

/** Headers copied into the report. */
export const SELECTED_HEADERS = [
  "server",
  "via",
  "cf-ray",
  "cf-error-type",
  "cf-mitigated",
  "x-cache",
  "x-amz-cf-id",
  "x-amz-cf-pop",
  "x-served-by",
  "x-azure-ref",
  "x-vercel-error",
  "content-type",
  "content-length",
  "retry-after",
  "location",
] as const;

/** Header block limit; larger headers are a failure in themselves (Cloudflare answers 520 past 16 KB). */
export const MAX_HEADER_BYTES = 16 * 1024;
/** Largest body excerpt kept. */
export const EXCERPT_BYTES = 4 * 1024;
/** Body bytes read before the probe stops reading a healthy response. */
export const BODY_READ_LIMIT = 1024 * 1024;

function pickHeaders(headers: IncomingHttpHeaders): {
  selected: Record<string, string>;
  all: Record<string, string>;
} {
  const all: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    all[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  const selected: Record<string, string> = {};
  for (const name of SELECTED_HEADERS) {
    const value = all[name];
    if (value !== undefined) selected[name] = value.slice(0, 512);
  }
  return { selected, all };
}

/** A socket error as Node gives it. */
export interface NodeError extends Error {
  code?: string;
}

/** What the reader needs from the sample it belongs to. */
export interface HttpExchange {
  /** Target URL (path and query are requested). */
  url: URL;
  /** User-Agent header. */
  userAgent: string;
  /** Phases and progress events. */
  recorder: PhaseRecorder;
  /** The timer bounding the phase under way. */
  timer: PhaseTimer;
  /** The latest error the socket reported, if any (a reset shows here before the request fails). */
  socketError: () => NodeError | undefined;
  /** Told once, as soon as the status line and headers arrived. */
  onResponse: (response: ProbeResponse, allHeaders: Record<string, string>) => void;
  /** Ends the sample: null/null when the exchange completed, else where and why it failed. */
  finish: (failedPhase: ProbePhase | null, error: ProbeError | null) => void;
  /** Wraps an event handler so that anything it throws ends the sample instead of the server. */
  safely: <A extends unknown[]>(
    phase: ProbePhase,
    handler: (...args: A) => void,
  ) => (...args: A) => void;
}

/** Sends the GET on `connected` and reads the answer, reporting through `exchange`. */
export function readHttpResponse(connected: Socket, exchange: HttpExchange): void {
  const { recorder, timer, finish, safely } = exchange;
  let peerEnded = false;
  let bytesReceived = 0;
  let answered = false;
  connected.once("end", () => {
    peerEnded = true;
  });
  connected.on("data", (chunk: Buffer) => {
    if (bytesReceived === 0) {
      recorder.phases.firstByte = recorder.lap();
      recorder.end("firstByte", recorder.phases.firstByte);
      recorder.begin("headers");
      timer.arm("headers", "ETIMEDOUT", "The response headers did not finish arriving");
    }
    bytesReceived += chunk.length;
  });
  recorder.begin("firstByte");
  timer.arm("firstByte", "ETIMEDOUT", "The server accepted the request but sent no response");
  const req = httpRequest({
    createConnection: () => connected,
    method: PROBE_METHOD,
    path: `${exchange.url.pathname}${exchange.url.search}`,
    headers: {
      Host: exchange.url.host,
      ...Object.fromEntries(probeRequestHeaders(exchange.userAgent)),
    },
    maxHeaderSize: MAX_HEADER_BYTES,
    insecureHTTPParser: false,
  });
  req.once("error", (error: NodeError) => {
    if (answered) return;
    const phase: ProbePhase = bytesReceived === 0 ? "firstByte" : "headers";
    finish(phase, describeHttpError(error, exchange.socketError(), peerEnded, bytesReceived));
  });
  req.once(
    "response",
    safely("headers", (res: IncomingMessage) => {
      answered = true;
      const picked = pickHeaders(res.headers);
      const chunks: Buffer[] = [];
      let kept = 0;
      const received: ProbeResponse = {
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? "",
        httpVersion: res.httpVersion,
        headers: picked.selected,
        bodyExcerpt: "",
        bodyBytes: 0,
        bodyComplete: false,
      };
      exchange.onResponse(received, picked.all);
      recorder.end("headers", recorder.inCurrent());
      recorder.begin("body");
      const excerpt = () => {
        received.bodyExcerpt = new TextDecoder("utf-8", { fatal: false })
          .decode(Buffer.concat(chunks))
          .replace(/\uFFFD+$/, "");
      };
      timer.arm("body", "ETIMEDOUT", "The response body did not finish before the time limit");
      res.on("data", (chunk: Buffer) => {
        received.bodyBytes += chunk.length;
        if (kept < EXCERPT_BYTES) {
          const part = chunk.subarray(0, EXCERPT_BYTES - kept);
          chunks.push(part);
          kept += part.length;
        }
        if (received.bodyBytes >= BODY_READ_LIMIT) {
          excerpt();
          finish(null, null);
        }
      });
      res.once("end", () => {
        received.bodyComplete = true;
        excerpt();
        finish(null, null);
      });
      // A cut-off body surfaces as an error and then close; close alone is enough to report it.
      res.once("error", () => undefined);
      res.once("close", () => {
        if (received.bodyComplete) return;
        excerpt();
        finish("body", {
          code: exchange.socketError()?.code === "ECONNRESET" ? "ECONNRESET" : "premature-close",
          message: `The connection closed after ${received.bodyBytes} body bytes, before the body was complete.`,
        });
      });
    }),
  );
  req.end();
}

function describeHttpError(
  error: NodeError,
  socketError: NodeError | undefined,
  peerEnded: boolean,
  bytesReceived: number,
): ProbeError {
  const code = asProbeErrorCode(error.code, "EHTTP");
  if (code === "HPE_HEADER_OVERFLOW") {
    return {
      code,
      message: `The response headers are larger than ${MAX_HEADER_BYTES / 1024} KiB.`,
    };
  }
  if (code.startsWith("HPE_")) {
    const reason = (error as NodeError & { reason?: string }).reason ?? error.message;
    return { code, message: `The response is not valid HTTP/1.x (${code}: ${reason}).` };
  }
  if (socketError?.code === "ECONNRESET") {
    return {
      code: "ECONNRESET",
      message: `The server reset the connection after ${bytesReceived} response bytes.`,
    };
  }
  if (peerEnded || code === "ECONNRESET") {
    return {
      code: "premature-close",
      message:
        bytesReceived === 0
          ? "The server closed the connection without sending any response."
          : `The server closed the connection after ${bytesReceived} bytes, before the headers were complete.`,
    };
  }
  return { code, message: `The request failed: ${error.message}` };
}
