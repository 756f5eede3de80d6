/**
 * The HTTP/2 sample: one extra request, taken when the server offers h2 in ALPN, because a
 * front server can fail over HTTP/2 while HTTP/1.1 works (a CDN or load balancer that speaks
 * h2 to browsers and a different path to the origin; browsers all use h2). Like every sample it
 * connects to an address the guard checked, with the site's name as SNI: node:http2 gets the
 * already-open TLS socket, so it never resolves a name itself.
 *
 * node:http2 (https://nodejs.org/api/http2.html): http2.connect(authority, { createConnection })
 * uses the given socket; the response's pseudo-header ":status" carries the status.
 */
import { connect as http2Connect, constants as h2, type IncomingHttpHeaders } from "node:http2";
import { connect as netConnect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { asProbeErrorCode, type ProbeError } from "./errors";
import { SELECTED_HEADERS } from "./http-reader";
import { PROBE_METHOD, probeRequestHeaders } from "./request-headers";
import type { TrustStore } from "./tls-inspect";

/** What the HTTP/2 attempt found. */
export interface Http2Sample {
  /** The address connected to (the first sample's). */
  address: string;
  /** Whether the server chose h2 when offered h2 and http/1.1; no request is sent otherwise. */
  offered: boolean;
  /** The protocol the server chose in ALPN, or null when it chose none or the handshake failed. */
  alpn: string | null;
  /** The status of the h2 answer, or null. */
  status: number | null;
  /** The headers that tell who answered (as in an HTTP/1.1 sample). */
  headers: Record<string, string>;
  /** Why the h2 exchange failed, or null. */
  error: ProbeError | null;
  /** From the start of the connection to the end of the answer, in milliseconds. */
  totalMs: number;
}

/** How the HTTP/2 sample differs from the HTTP/1.1 samples, as one evidence line; null when it does not. */
export function protocolDifference(
  sample: Http2Sample,
  http1: { status: number | null; failed: boolean },
): string | null {
  if (!sample.offered) return null;
  if (sample.status === null && http1.status !== null) {
    return `HTTP/2: the server offers h2, but the request over HTTP/2 failed (${sample.error?.code ?? "no answer"}: ${sample.error?.message ?? "no response"}) while HTTP/1.1 answered ${http1.status}; browsers use HTTP/2, so they may fail where curl and older clients work`;
  }
  if (sample.status !== null && http1.status !== null && sample.status !== http1.status) {
    return `HTTP/2: the same request answered ${sample.status} over HTTP/2 but ${http1.status} over HTTP/1.1; browsers use HTTP/2, so what they see follows the HTTP/2 answer`;
  }
  if (sample.status !== null && http1.status === null && http1.failed) {
    return `HTTP/2: the request over HTTP/2 answered ${sample.status} while the HTTP/1.1 samples got no answer`;
  }
  return null;
}

/** What one HTTP/2 sample needs; the address must already have passed the guard. */
export interface Http2SampleOptions {
  url: URL;
  /** Name for SNI; null for an IP-literal URL. */
  servername: string | null;
  address: string;
  port: number;
  trust: TrustStore;
  userAgent: string;
  /** performance.now() value by which it must have ended. */
  deadlineAt: number;
  /** Longest the whole sample may take. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Body bytes read before the sample stops: the status and headers are what it compares. */
const BODY_LIMIT = 64 * 1024;

function pick(headers: IncomingHttpHeaders): Record<string, string> {
  const selected: Record<string, string> = {};
  for (const name of SELECTED_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    selected[name] = (Array.isArray(value) ? value.join(", ") : String(value)).slice(0, 512);
  }
  return selected;
}

/** Runs the HTTP/2 sample. Resolves in every case, by the deadline at the latest. */
export function runHttp2Sample(options: Http2SampleOptions): Promise<Http2Sample> {
  return new Promise((resolve) => {
    const started = performance.now();
    const result: Http2Sample = {
      address: options.address,
      offered: false,
      alpn: null,
      status: null,
      headers: {},
      error: null,
      totalMs: 0,
    };
    // Everything opened so far, closed together when the sample ends.
    const opened: { destroy(): void }[] = [];
    let done = false;
    const finish = (error: ProbeError | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (error && result.error === null) result.error = error;
      result.totalMs = performance.now() - started;
      for (const item of opened.reverse()) item.destroy();
      resolve(result);
    };
    const limit = Math.max(1, Math.min(options.timeoutMs, options.deadlineAt - started));
    const timer = setTimeout(
      () => finish({ code: "ETIMEDOUT", message: "The HTTP/2 request did not finish in time." }),
      limit,
    );
    const onAbort = () => finish({ code: "EABORTED", message: "The check was cancelled." });
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const failed = (error: Error & { code?: string }) =>
      finish({
        code: asProbeErrorCode(error.code, "EHTTP"),
        message: `The HTTP/2 exchange failed: ${error.message}`,
      });

    const raw: Socket = netConnect({ host: options.address, port: options.port, noDelay: true });
    opened.push(raw);
    raw.once("error", failed);
    raw.once("connect", () => {
      const secure: TLSSocket = tlsConnect({
        socket: raw,
        servername: options.servername ?? undefined,
        secureContext: options.trust.context,
        ALPNProtocols: ["h2", "http/1.1"],
        // The HTTP/1.1 samples judge the certificate; this one compares protocols only.
        rejectUnauthorized: false,
      });
      opened.push(secure);
      secure.once("error", failed);
      secure.once("secureConnect", () => {
        const chosen = secure.alpnProtocol;
        result.alpn = typeof chosen === "string" ? chosen : null;
        if (result.alpn !== "h2") return finish(null);
        result.offered = true;
        const session = http2Connect(`https://${options.url.host}`, {
          createConnection: () => secure,
        });
        opened.push(session);
        session.once("error", failed);
        // Headers after Host, minus Connection: HTTP/2 forbids connection-specific headers (RFC 9113 §8.2.2).
        const headers = Object.fromEntries(
          probeRequestHeaders(options.userAgent)
            .filter(([name]) => name !== "Connection")
            .map(([name, value]) => [name.toLowerCase(), value]),
        );
        const request = session.request({
          [h2.HTTP2_HEADER_METHOD]: PROBE_METHOD,
          [h2.HTTP2_HEADER_PATH]: `${options.url.pathname}${options.url.search}`,
          [h2.HTTP2_HEADER_AUTHORITY]: options.url.host,
          [h2.HTTP2_HEADER_SCHEME]: "https",
          ...headers,
        });
        request.once("error", failed);
        request.once("response", (responseHeaders) => {
          result.status = Number(responseHeaders[h2.HTTP2_HEADER_STATUS]) || null;
          result.headers = pick(responseHeaders);
        });
        let read = 0;
        request.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read >= BODY_LIMIT) finish(null);
        });
        request.once("end", () => finish(null));
        request.once("close", () => {
          if (result.status !== null) return finish(null);
          const code = request.rstCode;
          finish({
            code: "ERR_HTTP2_STREAM_ERROR",
            message: `The server closed the HTTP/2 stream without an answer (RST_STREAM code ${code}).`,
          });
        });
        request.end();
      });
    });
  });
}
