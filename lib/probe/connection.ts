/**
 * One sample: TCP connect to an address the guard checked, TLS with the
 * site's name as SNI, one HTTP/1.1 GET with the site's Host header. The
 * socket is opened here and handed to node:http, so the HTTP client never
 * resolves a name itself and DNS rebinding cannot slip in between check and
 * connect. Every outcome, including every failure, comes back as data.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { connect as netConnect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { asProbeErrorCode, type ProbeError } from "./errors";
import { inspectTls, type TlsReport, type TrustStore } from "./tls-inspect";

/** Phases a sample can fail in. */
export type ProbePhase = "dns" | "connect" | "tls" | "firstByte" | "headers" | "body";

/** A phase of one sample starting, ending or failing, as it happens. */
export interface PhaseEvent {
  /** The phase. */
  phase: ProbePhase;
  /** "start" when it begins; "end" when it completed; "fail" when the sample ended in it. */
  status: "start" | "end" | "fail";
  /** How long the phase took, for "end" and "fail"; null for "start". */
  ms: number | null;
  /** What went wrong, for "fail". */
  error?: ProbeError;
}

/** Durations of each phase in milliseconds (segments, not cumulative); null when the phase did not run. */
export interface SamplePhases {
  /** Name resolution; null on samples that reused the first sample's resolution. */
  dns: number | null;
  /** TCP handshake. */
  connect: number | null;
  /** TLS handshake; null for http URLs. */
  tls: number | null;
  /** From sending the request to the first response byte (server processing). */
  firstByte: number | null;
  /** The whole sample, from its start to the last byte read. */
  total: number;
}

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

/** One attempt against one address. */
export interface ProbeSample {
  /** The address connected to. */
  address: string;
  /** Phase timings. */
  phases: SamplePhases;
  /** The phase that failed, or null when the exchange completed. */
  failedPhase: ProbePhase | null;
  /** What went wrong, with Node's or the parser's code (ECONNREFUSED, HPE_INVALID_CONSTANT, …). */
  error: ProbeError | null;
  /** TLS details for https targets whose handshake completed. */
  tls: TlsReport | null;
  /** The response, when a status line arrived. */
  response: ProbeResponse | null;
  /** Every response header, lower-cased; used for vendor detection and not sent to clients in full. */
  allHeaders?: Record<string, string>;
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

/** Everything a sample needs; the address must already have passed the guard. */
export interface SampleOptions {
  /** Target URL (path and query are requested). */
  url: URL;
  /** Name for SNI and certificate checks; null for an IP-literal URL. */
  servername: string | null;
  /** Checked address to connect to. */
  address: string;
  /** Destination port. */
  port: number;
  /** Time the DNS lookup took, reported on the first sample only. */
  dnsMs: number | null;
  /** performance.now() value by which everything must have ended. */
  deadlineAt: number;
  /** Longest any one phase may take. */
  phaseTimeoutMs: number;
  /** Trusted roots for verification. */
  trust: TrustStore;
  /** User-Agent header. */
  userAgent: string;
  /**
   * Told about each phase as it starts and ends, so a caller can show progress live. Called
   * synchronously from socket events; anything it throws is ignored.
   */
  onPhase?: (event: PhaseEvent) => void;
  /** Ends the sample at once (in the phase it is in, with code EABORTED) when aborted. */
  signal?: AbortSignal;
}

/** Header block limit; larger headers are a failure in themselves (Cloudflare answers 520 past 16 KB). */
export const MAX_HEADER_BYTES = 16 * 1024;
/** Largest body excerpt kept. */
export const EXCERPT_BYTES = 4 * 1024;
/** Body bytes read before the probe stops reading a healthy response. */
export const BODY_READ_LIMIT = 1024 * 1024;

interface NodeError extends Error {
  code?: string;
}

const PLAIN_HTTP_CODES = new Set([
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_PACKET_LENGTH_TOO_LONG",
  "ERR_SSL_HTTP_REQUEST",
]);

/**
 * Whether a sample's TLS handshake was answered by plain HTTP: OpenSSL reads the server's
 * "HTTP/1.1 400" as a record with a wrong version number or an absurd length.
 */
export function spokePlainHttp(sample: ProbeSample): boolean {
  return sample.failedPhase === "tls" && PLAIN_HTTP_CODES.has(sample.error?.code ?? "");
}

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

/** Runs one sample. Resolves with a result in every case and by options.deadlineAt at the latest. */
export function runSample(options: SampleOptions): Promise<ProbeSample> {
  return new Promise((resolve) => {
    const started = performance.now();
    const isHttps = options.url.protocol === "https:";
    const phases: SamplePhases = {
      dns: options.dnsMs,
      connect: null,
      tls: null,
      firstByte: null,
      total: 0,
    };
    let tls: TlsReport | null = null;
    let response: ProbeResponse | null = null;
    let allHeaders: Record<string, string> | undefined;
    let socket: Socket | TLSSocket | undefined;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    let mark = started;
    let socketError: NodeError | undefined;
    let peerEnded = false;
    let bytesReceived = 0;

    const elapsed = () => {
      const now = performance.now();
      const span = now - mark;
      mark = now;
      return span;
    };

    // The phase under way, for progress events and for naming where an abort struck.
    let current: ProbePhase = "connect";
    let currentStarted = started;
    const emit = (event: PhaseEvent) => {
      try {
        options.onPhase?.(event);
      } catch {
        // A progress listener must never change the outcome of the sample.
      }
    };
    const begin = (phase: ProbePhase) => {
      current = phase;
      currentStarted = performance.now();
      emit({ phase, status: "start", ms: null });
    };
    const end = (phase: ProbePhase, ms: number) => emit({ phase, status: "end", ms });

    const finish = (failedPhase: ProbePhase | null, error: ProbeError | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      phases.total = performance.now() - started + (options.dnsMs ?? 0);
      socket?.destroy();
      if (failedPhase && error) {
        emit({ phase: failedPhase, status: "fail", ms: performance.now() - currentStarted, error });
      } else if (current === "body") {
        end("body", performance.now() - currentStarted);
      }
      resolve({ address: options.address, phases, failedPhase, error, tls, response, allHeaders });
    };

    // Event handlers run outside the promise: anything they throw must become a
    // result here, or it would crash the whole server.
    const safely =
      <A extends unknown[]>(phase: ProbePhase, handler: (...args: A) => void) =>
      (...args: A) => {
        try {
          handler(...args);
        } catch (error) {
          finish(phase, {
            code: "EPROBE",
            message: `The probe could not read this answer: ${(error as Error).message}`,
          });
        }
      };

    // Each phase gets its own budget, never beyond the probe's overall deadline.
    const arm = (
      phase: ProbePhase,
      code: ProbeError["code"],
      message: string,
      budget = options.phaseTimeoutMs,
    ) => {
      clearTimeout(timer);
      const ms = Math.max(0, Math.min(budget, options.deadlineAt - performance.now()));
      timer = setTimeout(
        () => finish(phase, { code, message: `${message} (after ${Math.round(ms)} ms)` }),
        ms,
      );
    };

    const onAbort = () =>
      finish(current, { code: "EABORTED", message: "The check was cancelled." });
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });

    begin("connect");
    arm(
      "connect",
      "ETIMEDOUT",
      `No answer to the TCP connection attempt to ${options.address} port ${options.port}`,
    );
    const raw = netConnect({ host: options.address, port: options.port, noDelay: true });
    socket = raw;
    raw.on("error", (error: NodeError) => {
      socketError = error;
    });
    raw.once("error", (error: NodeError) => {
      if (phases.connect === null) finish("connect", describeConnectError(error, options));
    });
    raw.once(
      "connect",
      safely("connect", () => {
        phases.connect = elapsed();
        end("connect", phases.connect);
        if (!isHttps) {
          sendRequest(raw);
          return;
        }
        begin("tls");
        arm("tls", "ETIMEDOUT", "The TLS handshake did not finish");
        const secure = tlsConnect({
          socket: raw,
          servername: options.servername ?? undefined,
          secureContext: options.trust.context,
          ALPNProtocols: ["http/1.1"],
          // Verification is judged below so a bad certificate is reported, not just refused.
          rejectUnauthorized: false,
        });
        socket = secure;
        secure.on("error", (error: NodeError) => {
          socketError = error;
        });
        secure.once("error", (error: NodeError) => {
          if (phases.tls === null) finish("tls", describeTlsError(error));
        });
        secure.once(
          "secureConnect",
          safely("tls", () => {
            phases.tls = elapsed();
            end("tls", phases.tls);
            tls = inspectTls(secure, options.servername ?? options.address, options.trust);
            sendRequest(secure);
          }),
        );
      }),
    );

    const sendRequest = (connected: Socket) => {
      connected.once("end", () => {
        peerEnded = true;
      });
      connected.on("data", (chunk: Buffer) => {
        if (bytesReceived === 0) {
          phases.firstByte = elapsed();
          end("firstByte", phases.firstByte);
          begin("headers");
          arm("headers", "ETIMEDOUT", "The response headers did not finish arriving");
        }
        bytesReceived += chunk.length;
      });
      begin("firstByte");
      arm("firstByte", "ETIMEDOUT", "The server accepted the request but sent no response");
      const req = httpRequest({
        createConnection: () => connected,
        method: "GET",
        path: `${options.url.pathname}${options.url.search}`,
        headers: {
          Host: options.url.host,
          "User-Agent": options.userAgent,
          Accept: "*/*",
          "Accept-Encoding": "identity",
          Connection: "close",
        },
        maxHeaderSize: MAX_HEADER_BYTES,
        insecureHTTPParser: false,
      });
      req.once("error", (error: NodeError) => {
        if (response) return;
        const phase: ProbePhase = bytesReceived === 0 ? "firstByte" : "headers";
        finish(phase, describeHttpError(error, socketError, peerEnded, bytesReceived));
      });
      req.once(
        "response",
        safely("headers", (res: IncomingMessage) => {
          const picked = pickHeaders(res.headers);
          allHeaders = picked.all;
          const chunks: Buffer[] = [];
          let kept = 0;
          response = {
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            httpVersion: res.httpVersion,
            headers: picked.selected,
            bodyExcerpt: "",
            bodyBytes: 0,
            bodyComplete: false,
          };
          const received = response;
          end("headers", performance.now() - currentStarted);
          begin("body");
          const excerpt = () => {
            received.bodyExcerpt = new TextDecoder("utf-8", { fatal: false })
              .decode(Buffer.concat(chunks))
              .replace(/\uFFFD+$/, "");
          };
          arm("body", "ETIMEDOUT", "The response body did not finish before the time limit");
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
              code: socketError?.code === "ECONNRESET" ? "ECONNRESET" : "premature-close",
              message: `The connection closed after ${received.bodyBytes} body bytes, before the body was complete.`,
            });
          });
        }),
      );
      req.end();
    };
  });
}

function describeConnectError(error: NodeError, options: SampleOptions): ProbeError {
  const where = `${options.address} port ${options.port}`;
  switch (error.code) {
    case "ECONNREFUSED":
      return {
        code: "ECONNREFUSED",
        message: `Connection refused by ${where}: nothing is listening there, or a firewall rejects it.`,
      };
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return { code: error.code, message: `No route to ${where} (${error.code}).` };
    case "ECONNRESET":
      return {
        code: "ECONNRESET",
        message: `The connection to ${where} was reset during the TCP handshake.`,
      };
    default:
      return {
        code: asProbeErrorCode(error.code, "ECONNECT"),
        message: `Could not connect to ${where}: ${error.message}`,
      };
  }
}

function describeTlsError(error: NodeError): ProbeError {
  const code = asProbeErrorCode(error.code, "ERR_TLS");
  if (PLAIN_HTTP_CODES.has(code)) {
    return {
      code,
      message:
        "The server answered the TLS handshake with something else, most likely plain HTTP on a port the URL says is TLS.",
    };
  }
  if (code === "ECONNRESET" || /socket disconnected/i.test(error.message)) {
    return {
      code: code === "ECONNRESET" ? code : "ERR_TLS_CLOSED",
      message:
        "The server closed the connection during the TLS handshake (often no certificate for this name, or no common protocol).",
    };
  }
  return { code, message: `The TLS handshake failed: ${error.message}` };
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
