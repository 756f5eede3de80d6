/**
 * One sample: TCP connect to an address the guard checked, TLS with the
 * site's name as SNI, one HTTP/1.1 GET with the site's Host header. The
 * socket is opened here and handed to node:http, so the HTTP client never
 * resolves a name itself and DNS rebinding cannot slip in between check and
 * connect. Every outcome, including every failure, comes back as data.
 */
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { asProbeErrorCode, type ProbeError } from "./errors";
import { readHttpResponse, type NodeError, type ProbeResponse } from "./http-reader";
import {
  PhaseRecorder,
  PhaseTimer,
  type PhaseEvent,
  type ProbePhase,
  type SamplePhases,
} from "./phase-recorder";
import { inspectTls, type TlsReport, type TrustStore } from "./tls-inspect";

export type { PhaseEvent, ProbePhase, SamplePhases } from "./phase-recorder";
export {
  BODY_READ_LIMIT,
  EXCERPT_BYTES,
  MAX_HEADER_BYTES,
  SELECTED_HEADERS,
  type ProbeResponse,
} from "./http-reader";

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

/** Runs one sample. Resolves with a result in every case and by options.deadlineAt at the latest. */
export function runSample(options: SampleOptions): Promise<ProbeSample> {
  return new Promise((resolve) => {
    const isHttps = options.url.protocol === "https:";
    const recorder = new PhaseRecorder(options.dnsMs, options.onPhase);
    const { phases } = recorder;
    let tls: TlsReport | null = null;
    let response: ProbeResponse | null = null;
    let allHeaders: Record<string, string> | undefined;
    let socket: Socket | TLSSocket | undefined;
    let socketError: NodeError | undefined;
    let done = false;

    const finish = (failedPhase: ProbePhase | null, error: ProbeError | null) => {
      if (done) return;
      done = true;
      timer.clear();
      options.signal?.removeEventListener("abort", onAbort);
      recorder.close(failedPhase, error);
      socket?.destroy();
      resolve({ address: options.address, phases, failedPhase, error, tls, response, allHeaders });
    };
    const timer = new PhaseTimer(options.deadlineAt, options.phaseTimeoutMs, finish);

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

    const onAbort = () =>
      finish(recorder.current, { code: "EABORTED", message: "The check was cancelled." });
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });

    const sendRequest = (connected: Socket) =>
      readHttpResponse(connected, {
        url: options.url,
        userAgent: options.userAgent,
        recorder,
        timer,
        socketError: () => socketError,
        onResponse: (received, headers) => {
          response = received;
          allHeaders = headers;
        },
        finish,
        safely,
      });

    recorder.begin("connect");
    timer.arm(
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
        phases.connect = recorder.lap();
        recorder.end("connect", phases.connect);
        if (!isHttps) {
          sendRequest(raw);
          return;
        }
        recorder.begin("tls");
        timer.arm("tls", "ETIMEDOUT", "The TLS handshake did not finish");
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
            phases.tls = recorder.lap();
            recorder.end("tls", phases.tls);
            tls = inspectTls(secure, options.servername ?? options.address, options.trust);
            sendRequest(secure);
          }),
        );
      }),
    );
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
