/**
 * Servers that misbehave on purpose, on loopback ports picked at run time:
 * raw TCP servers for protocol-level failures, a listener that never
 * accepts, TLS servers with the lab's certificates, and pages worded the way
 * Cloudflare, CloudFront, AWS load balancers, Fastly and Akamai word theirs.
 */
import { spawn } from "node:child_process";
import { createServer as createHttpServer, type RequestListener } from "node:http";
import { connect, createServer as createTcpServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer, type SecureVersion } from "node:tls";
import { killOnExit } from "./process";
import type { ServerCredentials } from "./certs";

/** A running fixture. */
export interface Fixture {
  /** Loopback address it listens on. */
  host: string;
  /** Its port. */
  port: number;
  /** Stops listening and drops every open connection. */
  stop: () => Promise<void>;
}

/** Listens on `host`:`port` (0: any free one) and tracks connections so stop() can drop them. */
export async function listen(server: Server, host: string, port = 0): Promise<Fixture> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.once("close", () => sockets.delete(socket));
  });
  // Raw TLS servers report their sockets on secureConnection; track those too.
  server.on("secureConnection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("fixture did not bind");
  return {
    host,
    port: address.port,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Ways a raw server can answer (or fail to answer) an HTTP request. */
export type FailureKind =
  | "garbage"
  | "bad-header-byte"
  | "premature-close"
  | "reset"
  | "hang"
  | "hang-after-headers"
  | "truncated-body"
  | "slow-drip"
  | "huge-headers"
  | "huge-body"
  | "intermittent";

/** `connection` counts the server's accepted connections from 0, for kinds that alternate. */
const BEHAVIOURS: Record<FailureKind, (socket: Socket, connection: number) => void> = {
  /** Bytes that are not HTTP at all, as a database or SSH port would send. */
  garbage: (socket) => socket.end("\u0000\u0001\u0002 this is not HTTP \r\n\r\n"),
  /** A control character inside a header name. */
  "bad-header-byte": (socket) =>
    socket.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Bro\u0001ken: yes\r\n\r\nok"),
  /** Reads the request, then closes without a byte of response. */
  "premature-close": (socket) => socket.end(),
  /** Reads the request, then resets the connection (RST). */
  reset: (socket) => socket.resetAndDestroy(),
  /** Reads the request and never answers. */
  hang: () => undefined,
  /** Sends a status line and headers promising a body that never comes. */
  "hang-after-headers": (socket) =>
    socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"),
  /** Promises 1000 body bytes, sends 10, then closes. */
  "truncated-body": (socket) =>
    socket.end(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nonly this.",
    ),
  /** Sends the status line one byte every 100 ms, so the headers never finish in time. */
  "slow-drip": (socket) => {
    const text = `HTTP/1.1 200 OK\r\nX-Slow: ${"d".repeat(2000)}\r\n\r\n`;
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= text.length) return clearInterval(timer);
      socket.write(text[i++]!);
    }, 100);
    socket.once("close", () => clearInterval(timer));
  },
  /** 64 KiB of response headers. */
  "huge-headers": (socket) => {
    const headers = Array.from(
      { length: 64 },
      (_, i) => `X-Filler-${i}: ${"h".repeat(1000)}\r\n`,
    ).join("");
    socket.end(`HTTP/1.1 200 OK\r\n${headers}Content-Length: 2\r\n\r\nok`);
  },
  /** A 10 MB body, written as fast as the client reads. */
  "huge-body": (socket) => {
    const size = 10 * 1024 * 1024;
    socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${size}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    const pump = () => {
      while (sent < size && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
      if (!socket.destroyed) socket.end();
    };
    pump();
  },
  /**
   * One bad node behind a balancer, made deterministic: even-numbered connections get a 200
   * (no-store, so no cache in front can serve it again, and closed so the next request needs a
   * new connection), odd-numbered ones are closed without a byte of response.
   */
  intermittent: (socket, connection) => {
    if (connection % 2 === 1) return void socket.end();
    const body = "hello from the intermittent upstream\n";
    socket.end(
      `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nCache-Control: no-store\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  },
};

/** A raw TCP server that behaves as `kind` once the request's first bytes arrive (port 0: any free one). */
export function startFailureServer(
  kind: FailureKind,
  host = "127.0.0.1",
  port = 0,
): Promise<Fixture> {
  let connections = 0;
  const server = createTcpServer((socket) => {
    const connection = connections++;
    socket.once("data", () => BEHAVIOURS[kind](socket, connection));
  });
  return listen(server, host, port);
}

/** A plain HTTP server with the given handler (port 0: any free one). */
export function startHttpServer(
  handler: RequestListener,
  host = "127.0.0.1",
  port = 0,
): Promise<Fixture> {
  return listen(createHttpServer(handler), host, port);
}

/** Options for startTlsServer. */
export interface TlsServerOptions {
  /** Oldest protocol the server accepts. */
  minVersion?: SecureVersion;
  /** Newest protocol the server accepts. */
  maxVersion?: SecureVersion;
  /** OpenSSL cipher string (needed to allow TLS 1.0/1.1 at all). */
  ciphers?: string;
  /** Body of the 200 response. */
  body?: string;
}

/** A TLS server presenting the given credentials and answering every request with 200. */
export function startTlsServer(
  credentials: ServerCredentials,
  options: TlsServerOptions = {},
  host = "127.0.0.1",
  port = 0,
): Promise<Fixture> {
  const body = options.body ?? "hello over TLS\n";
  const server = createTlsServer(
    {
      key: credentials.key,
      cert: credentials.cert,
      minVersion: options.minVersion,
      maxVersion: options.maxVersion,
      ciphers: options.ciphers,
      ALPNProtocols: ["http/1.1"],
    },
    (socket) => {
      socket.once("data", () =>
        socket.end(
          `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        ),
      );
    },
  );
  return listen(server, host, port);
}

/**
 * Where refused ports are picked when none is wanted: below Linux's ephemeral range (32768 and
 * up), where listen(0) and outgoing connections take their ports, so a server another test
 * starts meanwhile cannot land on it and turn "refused" into an answer; and below 26100, where
 * the browser suite's fixed-port labs start.
 */
const REFUSED_RANGE = { from: 20_000, to: 26_000 };

/** True when nothing accepts connections on 127.0.0.1:`port`. */
function nothingListens(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/**
 * A loopback port with nothing listening, so connections are refused: `wanted` when it is
 * free (the lab on fixed ports), otherwise a random one outside the ephemeral range.
 */
export async function refusedPort(wanted?: number): Promise<number> {
  if (wanted === undefined) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port =
        REFUSED_RANGE.from + Math.floor(Math.random() * (REFUSED_RANGE.to - REFUSED_RANGE.from));
      if (await nothingListens(port)) return port;
    }
    throw new Error("no port without a listener found for the refused scenario");
  }
  const free = await nothingListens(wanted);
  if (!free)
    throw new Error(
      `port ${wanted} should be free for the refused scenario, but something listens there`,
    );
  return wanted;
}

/**
 * A listener whose accept queue is full: a child process listens with the
 * smallest backlog and is then stopped (SIGSTOP), and the queue is filled,
 * so the kernel drops further SYNs and connecting times out, as it does
 * behind a firewall that silently drops packets.
 */
export async function startUnacceptingServer(wanted = 0): Promise<Fixture> {
  // The port is written as a plain string: console.log colours numbers when FORCE_COLOR is set
  // (Playwright sets it for its web servers), and "\x1b[33m3599\x1b[39m" is no port.
  const child = spawn(process.execPath, [
    "-e",
    `const s=require('net').createServer();s.listen({port:${Number(wanted)},host:'127.0.0.1',backlog:1},()=>process.stdout.write(s.address().port+'\\n'))`,
  ]);
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  killOnExit(child, "SIGKILL");
  child.kill("SIGSTOP");
  const fillers: Socket[] = [];
  for (let i = 0; i < 16; i++) {
    const socket = connect({ host: "127.0.0.1", port });
    socket.on("error", () => undefined);
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 200);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) break;
  }
  return {
    host: "127.0.0.1",
    port,
    stop: async () => {
      for (const socket of fillers) socket.destroy();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** One vendor-style error page. */
export interface EdgePage {
  /** Path on the edge fixture, e.g. "/cloudflare/521". */
  path: string;
  /** Status code sent. */
  status: number;
  /** Response headers sent. */
  headers: Record<string, string>;
  /** HTML body sent. */
  body: string;
}

const RAY = "8f3a2c1d4b5e6f70";

function cloudflarePage(status: number, title: string, extra = ""): EdgePage {
  return {
    path: `/cloudflare/${status}${extra ? "-" + extra.split(" ")[0] : ""}`,
    status,
    headers: {
      server: "cloudflare",
      "cf-ray": `${RAY}-LHR`,
      "content-type": "text/html; charset=UTF-8",
    },
    body: `<!DOCTYPE html><html lang="en"><head><title>edge.lab.test | ${status}: ${title}</title><link rel="stylesheet" href="/cdn-cgi/styles/cf.errors.css"></head><body><div id="cf-wrapper"><div id="cf-error-details"><h1>${title}</h1><span>Error code ${status}</span>${extra ? `<p>${extra}</p>` : ""}<p>Visit cloudflare.com for more information.</p><p>Cloudflare Ray ID: <strong>${RAY}</strong></p></div></div></body></html>`,
  };
}

function cloudfrontPage(status: number): EdgePage {
  return {
    path: `/cloudfront/${status}`,
    status,
    headers: {
      server: "CloudFront",
      "x-cache": "Error from cloudfront",
      via: "1.1 5d1c0ffee0f8c9a1.cloudfront.net (CloudFront)",
      "x-amz-cf-pop": "LHR61-P2",
      "x-amz-cf-id": "Qm9ndXNJZEZvclRoZUxhYk9ubHlfX18xMjM0NTY3OA==",
      "content-type": "text/html",
    },
    body: `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>${status} ERROR</H1><H2>The request could not be satisfied.</H2><HR noshade size="1px">CloudFront attempted to reach the origin and failed.<BR clear="all"><HR noshade size="1px"><PRE>Generated by cloudfront (CloudFront)</PRE></BODY></HTML>`,
  };
}

const REASONS: Record<number, string> = {
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

function albPage(status: number): EdgePage {
  return {
    path: `/alb/${status}`,
    status,
    headers: { server: "awselb/2.0", "content-type": "text/html" },
    body: `<html>\r\n<head><title>${status} ${REASONS[status]}</title></head>\r\n<body>\r\n<center><h1>${status} ${REASONS[status]}</h1></center>\r\n<hr><center>awselb/2.0</center>\r\n</body>\r\n</html>\r\n`,
  };
}

/** Every page the edge fixture serves, by path. */
export const EDGE_PAGES: EdgePage[] = [
  cloudflarePage(502, "Bad gateway"),
  cloudflarePage(521, "Web server is down"),
  cloudflarePage(522, "Connection timed out"),
  cloudflarePage(524, "A timeout occurred"),
  cloudflarePage(525, "SSL handshake failed"),
  cloudflarePage(526, "Invalid SSL certificate"),
  cloudflarePage(530, "Origin DNS error", "Error 1016"),
  { ...cloudflarePage(403, "Sorry, you have been blocked"), path: "/cloudflare/403-blocked" },
  cloudfrontPage(502),
  cloudfrontPage(504),
  albPage(502),
  albPage(503),
  albPage(504),
  {
    path: "/fastly/503",
    status: 503,
    headers: {
      "x-served-by": "cache-lhr7361-LHR",
      via: "1.1 varnish",
      "x-cache": "MISS",
      "content-type": "text/html",
    },
    body: "<html><head><title>503 first byte timeout</title></head><body><h1>Error 503 first byte timeout</h1><p>first byte timeout</p><h3>Guru Mediation:</h3><p>Details: cache-lhr7361-LHR 1732153215 2271234567</p><hr><p>Varnish cache server</p></body></html>",
  },
  {
    path: "/akamai/403-blocked",
    status: 403,
    headers: { server: "AkamaiGHost", "content-type": "text/html" },
    body: '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don\'t have permission to access "http&#58;&#47;&#47;edge&#46;lab&#46;test&#47;" on this server.<P>Reference&#32;&#35;18&#46;4a1b2c3d&#46;1732153215&#46;9f8e7d6</BODY></HTML>',
  },
];

/** An HTTP server answering each EDGE_PAGES path with its page, and 404 otherwise. */
export function startEdgeServer(host = "127.0.0.1", port = 0): Promise<Fixture> {
  const byPath = new Map(EDGE_PAGES.map((page) => [page.path, page]));
  return startHttpServer(
    (req, res) => {
      const page = byPath.get((req.url ?? "/").split("?")[0]!);
      if (!page) {
        res.writeHead(404, { "content-type": "text/plain" }).end("no such edge page\n");
        return;
      }
      res.writeHead(page.status, page.headers).end(page.body);
    },
    host,
    port,
  );
}
