/**
 * Two things the app cannot do from proxy.ts, done where Node hands requests to Next.js.
 *
 * 1. Methods it cannot serve. Next.js turns every request that reaches proxy.ts or a route
 *    handler into a Fetch API Request, and the Fetch standard forbids CONNECT, TRACE and TRACK
 *    (https://fetch.spec.whatwg.org/#forbidden-method): `new Request(url, { method: "TRACE" })`
 *    throws "'TRACE' HTTP method is unsupported", which Next.js answers with a 500 (observed in
 *    the lab, Next.js 16.4.6). Node delivers CONNECT as its own event, which Next.js does not
 *    listen to, and Node's parser answers TRACK with 400 itself; TRACE arrives as an ordinary
 *    request and is answered here with 405.
 *
 * 2. Internal URLs in response headers. A rewrite in proxy.ts is reported to the client as
 *    x-middleware-rewrite. Next.js names loopback hosts "localhost" in that URL
 *    (next/dist/server/web/next-url.js), so on a server started with --hostname 127.0.0.1 the
 *    URL no longer matches the server's own origin: Next.js proxies the request to itself and
 *    the client receives "x-middleware-rewrite: http://localhost:PORT/_not-found?…" (observed in
 *    the lab, Next.js 16.4.6). The App Router's client reads rewrites from its own headers
 *    (x-nextjs-rewritten-path), not this one, so it is dropped from every response.
 *
 * It also gives server code a signal that fires when the client goes away before its answer is
 * sent: route handlers have request.signal, but server actions get no request in Next.js 16
 * (vercel/next.js#81418), so the no-JavaScript check would keep probing after the browser left.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";

/** Methods a Fetch API Request cannot carry that Node hands over as requests. */
export const UNSERVABLE_METHODS: ReadonlySet<string> = new Set(["TRACE"]);

/** Response headers that only describe the server's inner routing. */
export const INTERNAL_RESPONSE_HEADERS: ReadonlySet<string> = new Set(["x-middleware-rewrite"]);

const INSTALLED = Symbol.for("gateway-doctor.server-hardening");
const SIGNALS = Symbol.for("gateway-doctor.request-signals");

/** One store for the process: Next.js bundles this module into several chunks. */
function signalStore(): AsyncLocalStorage<AbortSignal> {
  const holder = globalThis as typeof globalThis & { [SIGNALS]?: AsyncLocalStorage<AbortSignal> };
  holder[SIGNALS] ??= new AsyncLocalStorage<AbortSignal>();
  return holder[SIGNALS];
}

/**
 * Aborts when the client of the request being served closes the connection before the answer
 * was sent; undefined outside a request (or when hardenHttpServers was not installed).
 */
export function currentRequestSignal(): AbortSignal | undefined {
  return signalStore().getStore();
}

function isInternal(name: unknown): boolean {
  return typeof name === "string" && INTERNAL_RESPONSE_HEADERS.has(name.toLowerCase());
}

/** Keeps INTERNAL_RESPONSE_HEADERS out of one response, however Next.js sets them. */
function withoutInternalHeaders(response: http.ServerResponse): void {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = ((name: string, value: number | string | readonly string[]) =>
    isInternal(name) ? response : setHeader(name, value)) as typeof response.setHeader;
  const writeHead = response.writeHead.bind(response) as (
    ...args: unknown[]
  ) => http.ServerResponse;
  response.writeHead = ((...args: unknown[]) => {
    for (const name of response.getHeaderNames()) if (isInternal(name)) response.removeHeader(name);
    const last = args[args.length - 1];
    if (last && typeof last === "object" && !Array.isArray(last)) {
      args[args.length - 1] = Object.fromEntries(
        Object.entries(last as Record<string, unknown>).filter(([name]) => !isInternal(name)),
      );
    }
    return writeHead(...args);
  }) as typeof response.writeHead;
}

/**
 * Installs both rules for every HTTP server in this process, before the servers' own request
 * listeners run. Safe to call more than once.
 */
export function hardenHttpServers(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (
    this: http.Server,
    event: string | symbol,
    ...rest: unknown[]
  ) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      const method = (request.method ?? "").toUpperCase();
      if (UNSERVABLE_METHODS.has(method)) {
        response.writeHead(405, {
          allow: "GET, HEAD, POST, OPTIONS",
          "content-type": "text/plain; charset=utf-8",
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
        });
        response.end(`This server does not answer ${method} requests.\n`);
        // Drain whatever body came with it so the connection can be reused.
        request.resume();
        return true;
      }
      withoutInternalHeaders(response);
      const gone = new AbortController();
      response.once("close", () => {
        if (!response.writableFinished) gone.abort(new Error("The client closed the connection."));
      });
      // Everything Next.js does for this request runs inside this call, so its async work
      // (the server action included) sees the signal.
      return signalStore().run(gone.signal, () => emit.apply(this, [event, ...args]));
    }
    return emit.apply(this, [event, ...args]);
  } as typeof proto.emit;
}
