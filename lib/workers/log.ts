/**
 * Structured JSON logs (pino) for the app's dispatch and the workers. Every line about a check
 * carries its request id, so one check can be followed from the app to the worker. A line
 * names the probed host and path at most: never the query string (it may hold tokens) and
 * never a header the visitor sent.
 */
import pino, { type Logger } from "pino";

const SHARED_LOGGER = Symbol.for("gateway-doctor.workers.logger");

/** The process's logger; LOG_LEVEL sets its level (info by default, silent in tests). */
export function logger(): Logger {
  const holder = globalThis as typeof globalThis & { [SHARED_LOGGER]?: Logger };
  holder[SHARED_LOGGER] ??= pino({
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
    base: { pid: process.pid },
  });
  return holder[SHARED_LOGGER];
}

/** The part of a URL a log line may carry: scheme, host, port and path, without query or fragment. */
export function loggableUrl(input: string): string {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim()) ? input : `https://${input}`);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}
