/**
 * An HTTP/1.1 client on a bare socket (node:net), for recording what a gateway really sends:
 * the status line byte for byte (reason phrase included), headers in order and case as sent,
 * an answer with no status line at all (HTTP/0.9), and a connection closed or reset before a
 * byte arrived. fetch() and node:http hide or reject all of these.
 */
import { connect } from "node:net";

/** How an exchange ended. */
export type RawEnding = "response" | "closed without response" | "reset" | "timeout";

/** One request's outcome, as the bytes on the wire showed it. */
export interface RawSample {
  /** The first line when the answer starts with "HTTP/", else null (HTTP/0.9 or no answer). */
  statusLine: string | null;
  /** "1.1", "1.0", "0.9" (bytes without a status line) or null (no bytes at all). */
  httpVersion: string | null;
  status: number | null;
  /** The reason phrase exactly as sent ("" when the status line has none). */
  reason: string | null;
  /** Header fields in the order and spelling they were sent. */
  headers: [string, string][];
  /** The first 8 KiB of the body (de-chunked), as text. */
  body: string;
  /** True when the body holds bytes that are not text; `body` is then latin1, byte for byte. */
  bodyBinary: boolean;
  /** Body bytes received in all (before de-chunking). */
  bodyBytes: number;
  /** Milliseconds from connecting to the end of the exchange. */
  elapsedMs: number;
  ended: RawEnding;
}

const BODY_LIMIT = 8 * 1024;

/** Decodes a chunked body as far as it goes (a truncated one keeps what arrived). */
function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const lineEnd = raw.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(at, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(raw.subarray(lineEnd + 2, Math.min(raw.length, lineEnd + 2 + size)));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

// Control bytes other than tab, CR and LF mean the body is not text.
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Splits the bytes received into status line, headers and body. */
export function parseRaw(bytes: Buffer): Omit<RawSample, "elapsedMs" | "ended"> {
  if (bytes.length === 0)
    return {
      statusLine: null,
      httpVersion: null,
      status: null,
      reason: null,
      headers: [],
      body: "",
      bodyBinary: false,
      bodyBytes: 0,
    };
  const head = bytes.subarray(0, 5).toString("latin1");
  if (head !== "HTTP/") return { ...bodyOf(bytes), ...noStatus };
  const headEnd = bytes.indexOf("\r\n\r\n");
  const headText = bytes.subarray(0, headEnd < 0 ? bytes.length : headEnd).toString("latin1");
  const [statusLine = "", ...fieldLines] = headText.split("\r\n");
  const match = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine);
  const headers = fieldLines
    .filter((line) => line.length > 0)
    .map((line): [string, string] => {
      const colon = line.indexOf(":");
      return colon < 0 ? [line, ""] : [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
  let body = headEnd < 0 ? Buffer.alloc(0) : bytes.subarray(headEnd + 4);
  const bodyBytes = body.length;
  const chunked = headers.some(
    ([name, value]) => name.toLowerCase() === "transfer-encoding" && /chunked/i.test(value),
  );
  if (chunked) body = dechunk(body);
  return {
    statusLine,
    httpVersion: match?.[1] ?? null,
    status: match ? Number(match[2]) : null,
    reason: match ? (match[3] ?? "") : null,
    headers,
    ...bodyOf(body),
    bodyBytes,
  };
}

const noStatus = { statusLine: null, httpVersion: "0.9", status: null, reason: null, headers: [] };

function bodyOf(bytes: Buffer): { body: string; bodyBinary: boolean; bodyBytes: number } {
  const excerpt = bytes.subarray(0, BODY_LIMIT);
  const text = excerpt.toString("utf8");
  const bodyBinary = BINARY.test(text) || text.includes("\ufffd");
  return {
    body: bodyBinary ? excerpt.toString("latin1") : text,
    bodyBinary,
    bodyBytes: bytes.length,
  };
}

/** Options for rawGet. */
export interface RawGetOptions {
  host?: string;
  port: number;
  path: string;
  /** Host header (default host:port). */
  hostHeader?: string;
  /** Give up after this many milliseconds (default 20 s). */
  timeoutMs?: number;
}

/**
 * Sends one `GET` with `Connection: close` and records everything until the server closes,
 * resets, or the time runs out.
 */
export function rawGet(options: RawGetOptions): Promise<RawSample> {
  const host = options.host ?? "127.0.0.1";
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host, port: options.port });
    const finish = (ended: RawEnding) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      const parsed = parseRaw(bytes);
      resolve({
        ...parsed,
        elapsedMs: Math.round(performance.now() - started),
        ended: ended === "response" && bytes.length === 0 ? "closed without response" : ended,
      });
    };
    const timer = setTimeout(() => finish("timeout"), options.timeoutMs ?? 20_000);
    socket.on("connect", () =>
      socket.write(
        `GET ${options.path} HTTP/1.1\r\nHost: ${options.hostHeader ?? `${host}:${options.port}`}\r\n` +
          "User-Agent: gateway-doctor-lab\r\nAccept: */*\r\nConnection: close\r\n\r\n",
      ),
    );
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => finish("response"));
    socket.on("error", (error: NodeJS.ErrnoException) =>
      finish(
        error.code === "ECONNRESET" && chunks.length === 0
          ? "reset"
          : chunks.length > 0
            ? "response"
            : "closed without response",
      ),
    );
  });
}
