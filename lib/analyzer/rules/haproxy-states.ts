import type { Rule } from "../types";

/*
 * HAProxy termination states that catalog.ts does not read yet: the client-side ones, the
 * remaining server- and proxy-side ones, and every state in TCP-mode logs.
 *
 * Source: HAProxy configuration manual, section 8.5 "Session state at disconnection"
 * (https://docs.haproxy.org/2.8/configuration.html#8.5), and the log formats of 8.2.2
 * (option tcplog) and 8.2.3 (option httplog).
 *
 * The state is a field, not any two letters: in an HTTP log it is four characters (two
 * for the state, two for cookies, e.g. `CD--`) followed by the connection counters
 * `actconn/feconn/beconn/srv_conn/retries`; in a TCP log it is two characters followed by
 * the same counters. The first letter says who ended the session (C client, S server,
 * P proxy, R resource, c/s a client/server timeout), the second at which step (R request,
 * Q queue, C connect, H headers, D data).
 *
 * catalog.ts reads the HTTP-mode SC, sC, SH, sH, PH and sQ; the TCP-mode pattern below
 * needs a space right after the two letters, so it never reads those HTTP lines.
 */

const HAPROXY_DOCS = "https://docs.haproxy.org/2.8/configuration.html#8.5";

const HTTP_HEAD =
  "Nov 21 01:02:03 lb1 haproxy[2231]: 203.0.113.9:51234 [21/Nov/2026:01:02:03.118] www~ app/web1";
const TCP_HEAD =
  "Nov 21 01:02:03 lb1 haproxy[2231]: 203.0.113.9:51234 [21/Nov/2026:01:02:03.118] db-in db/pg1";

const COUNTERS = String.raw` \d{1,9}\/\d{1,9}\/\d{1,9}\/\d{1,9}\/\+?\d{1,9} \d{1,9}\/\d{1,9}`;
/** The state in an HTTP-mode line (two letters and two cookie characters). */
const httpState = (state: string) => new RegExp(` ${state}[A-Za-z-]{2}${COUNTERS}`);
/** The state in a TCP-mode line (two letters, nothing after). */
const tcpState = (state: string) => new RegExp(` ${state}${COUNTERS}`);

type StateSpec = Omit<Rule, "id" | "kind" | "product" | "anchors" | "pattern" | "example"> & {
  state2: string;
  name: string;
  /** Which log modes have this state: the H and R steps exist only in HTTP mode. */
  modes: ("http" | "tcp")[];
  /** Timers and status for the HTTP example (TR/Tw/Tc/Tr/Ta status bytes). */
  httpTimers?: string;
  /** Timers and bytes for the TCP example (Tw/Tc/Tt bytes). */
  tcpTimers?: string;
};

const STATES: StateSpec[] = [
  // --- server side -----------------------------------------------------------------------
  {
    state2: "SD",
    name: "server-aborted-data",
    modes: ["http", "tcp"],
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The server's connection broke while data was flowing (termination state SD): the app crashed or was killed part-way through its answer, or a firewall cut the connection.",
    confidence: "medium",
    confidenceReason: "A crash mid-response and a connection cut by the network both end in SD.",
    httpTimers: "0/0/0/12/340 200 16384",
    tcpTimers: "0/0/5012 1043",
  },
  {
    state2: "sD",
    name: "server-timeout-data",
    modes: ["http", "tcp"],
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "The server stopped sending part-way through its answer and timeout server expired (termination state sD). In TCP mode an idle connection (a database or WebSocket) hits the same limit.",
    confidence: "medium",
    confidenceReason: "A stalled app and an idle long-lived connection both reach the timeout.",
    httpTimers: "0/0/0/12/30012 200 8192",
    tcpTimers: "0/0/30001 2048",
  },
  {
    state2: "SC",
    name: "tcp-server-refused",
    modes: ["tcp"],
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "The server refused HAProxy's connection (termination state SC): nothing listens on its port.",
    confidence: "high",
    confidenceReason: "SC is HAProxy's code for a refused connect.",
    tcpTimers: "0/-1/0 0",
  },
  {
    state2: "sC",
    name: "tcp-connect-timeout",
    modes: ["tcp"],
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 503,
    state: "firewallOrigin",
    meaning:
      "HAProxy gave up connecting to the server when timeout connect expired (termination state sC): a firewall drops the packets, or the address is wrong or down.",
    confidence: "medium",
    confidenceReason: "A firewall is usual, but a saturated or powered-off server looks the same.",
    tcpTimers: "0/-1/5001 0",
  },
  {
    state2: "sQ",
    name: "tcp-queue-timeout",
    modes: ["tcp"],
    layer: "app",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "The connection waited in HAProxy's queue for a free server slot (maxconn) until timeout queue expired (termination state sQ).",
    confidence: "high",
    confidenceReason: "sQ means the connection never left the queue.",
    tcpTimers: "30000/-1/30000 0",
  },
  // --- proxy and resources ---------------------------------------------------------------
  {
    state2: "PC",
    name: "proxy-connection-limit",
    modes: ["http", "tcp"],
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "HAProxy refused to open the server connection because it reached its own socket limit (termination state PC): maxconn or the process's file-descriptor limit.",
    confidence: "high",
    confidenceReason: "PC is written only for HAProxy's own connection limit.",
    httpTimers: "0/0/-1/-1/0 503 217",
    tcpTimers: "0/-1/0 0",
  },
  {
    state2: "RC",
    name: "resource-exhausted",
    modes: ["http", "tcp"],
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "A resource on the HAProxy host ran out while connecting to the server (termination state RC): memory, sockets or source ports. The system log has the precise error.",
    confidence: "high",
    confidenceReason: "R states are written only when a local resource is exhausted.",
    httpTimers: "0/0/-1/-1/0 503 217",
    tcpTimers: "0/-1/0 0",
  },
  {
    state2: "PD",
    name: "proxy-blocked-data",
    modes: ["http"],
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "HAProxy cut the server's response during the body because it was malformed, typically bad chunked encoding (termination state PD).",
    confidence: "high",
    confidenceReason: "PD is written when HAProxy rejects the response body.",
    httpTimers: "0/0/0/12/14 200 4096",
  },
  {
    state2: "PR",
    name: "proxy-blocked-request",
    modes: ["http"],
    layer: "proxy",
    cause: "edge-blocked",
    status: 403,
    state: "wafRules",
    title: "HAProxy refused the request itself",
    meaning:
      "HAProxy refused the request before sending it anywhere (termination state PR): an http-request deny rule matched (403), or the request was malformed (400).",
    confidence: "medium",
    confidenceReason:
      "A deny rule and a malformed request both end in PR; the status tells them apart.",
    httpTimers: "0/-1/-1/-1/0 403 192",
  },
  {
    state2: "PT",
    name: "tarpit",
    modes: ["http"],
    layer: "proxy",
    cause: "edge-blocked",
    status: 500,
    state: "wafRules",
    title: "HAProxy tarpitted the request",
    meaning:
      "An http-request tarpit rule held this request and then answered with an error (termination state PT).",
    confidence: "high",
    confidenceReason: "PT is written only for tarpitted requests.",
    httpTimers: "0/-1/-1/-1/5000 500 194",
  },
  // --- client side: the visitor ended it, not the servers --------------------------------
  {
    state2: "CH",
    name: "client-gave-up-waiting",
    modes: ["http"],
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "The client closed the connection while HAProxy was still waiting for the server's answer (termination state CH). It is not a server error, but many of them mean the server is slower than clients (or a CDN in front) are willing to wait.",
    confidence: "medium",
    confidenceReason: "One impatient visitor gives CH; many point at a slow server.",
    httpTimers: "0/0/0/-1/29998 -1 0",
  },
  {
    state2: "CC",
    name: "client-gave-up-connecting",
    modes: ["http", "tcp"],
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "The client closed the connection while HAProxy was still connecting to the server (termination state CC). Not a server error; many of them mean connections to the server are slow to open.",
    confidence: "low",
    confidenceReason: "Clients leave for their own reasons; only many at once point at the server.",
    httpTimers: "0/0/-1/-1/3002 -1 0",
    tcpTimers: "0/-1/3002 0",
  },
  {
    state2: "CQ",
    name: "client-gave-up-queued",
    modes: ["http", "tcp"],
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "connectionLimits",
    meaning:
      "The client closed the connection while its request waited in HAProxy's queue for a free server slot (termination state CQ). Not a server error in itself, but the queue means maxconn is reached.",
    confidence: "low",
    confidenceReason: "The client left; the queue it left from is the part worth fixing.",
    httpTimers: "0/8000/-1/-1/8000 -1 0",
    tcpTimers: "8000/-1/8000 0",
  },
  {
    state2: "CD",
    name: "client-closed-data",
    modes: ["http", "tcp"],
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "ownerWhichError",
    title: "Clients closed connections mid-transfer (not a server fault)",
    meaning:
      "The client closed the connection while data was flowing (termination state CD): a visitor left the page or cancelled a download. This is normal in small numbers and not a server fault.",
    confidence: "low",
    confidenceReason: "CD describes the client only.",
    httpTimers: "0/0/0/14/1203 200 65536",
    tcpTimers: "0/0/1203 65536",
  },
  {
    state2: "cD",
    name: "client-timeout-data",
    modes: ["http", "tcp"],
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "ownerWhichError",
    title: "Idle clients timed out (not a server fault)",
    meaning:
      "The client stopped reading or sending and timeout client expired (termination state cD): an idle keep-alive, WebSocket or slow reader. Not a server fault; raise timeout client (or timeout tunnel) if long-lived connections are expected.",
    confidence: "medium",
    confidenceReason:
      "cD describes an idle client; it concerns the server only through the timeout setting.",
    httpTimers: "0/0/0/14/50001 200 1024",
    tcpTimers: "0/0/50001 1024",
  },
  {
    state2: "CR",
    name: "client-aborted-request",
    modes: ["http"],
    layer: "edge",
    cause: "client-gave-up",
    status: 400,
    state: "ownerWhichError",
    title: "Clients left before sending a request (not a server fault)",
    meaning:
      "The client closed the connection before sending a complete request (termination state CR), often a browser's pre-opened connection that it never used. Not a server fault.",
    confidence: "medium",
    confidenceReason: "CR describes the client only.",
    httpTimers: "-1/-1/-1/-1/2 400 0",
  },
  {
    state2: "cR",
    name: "client-request-timeout",
    modes: ["http"],
    layer: "edge",
    cause: "client-gave-up",
    status: 408,
    state: "ownerWhichError",
    title: "Clients sent no request in time (not a server fault)",
    meaning:
      "The client opened a connection and did not send a complete request before timeout http-request expired (termination state cR, answered with 408): pre-opened browser connections, or a slow-request attack.",
    confidence: "medium",
    confidenceReason: "cR describes the client only.",
    httpTimers: "-1/-1/-1/-1/5001 408 212",
  },
];

function stateRules(spec: StateSpec): Rule[] {
  const { state2, name, modes, httpTimers, tcpTimers, ...rest } = spec;
  const anchor = ` ${state2.toLowerCase()}`;
  return modes.map((mode): Rule =>
    mode === "http"
      ? {
          ...rest,
          id: `haproxy-state-${name}`,
          kind: "log",
          product: "haproxy",
          anchors: [anchor],
          pattern: httpState(state2),
          example: `${HTTP_HEAD} ${httpTimers} - - ${state2}-- 12/12/3/1/0 0/0 "GET /cart HTTP/1.1"`,
        }
      : {
          ...rest,
          id: `haproxy-tcp-${name.replace(/^tcp-/, "")}`,
          kind: "log",
          product: "haproxy",
          anchors: [anchor],
          pattern: tcpState(state2),
          example: `${TCP_HEAD} ${tcpTimers} ${state2} 3/3/2/1/0 0/0`,
        },
  );
}

/** HAProxy termination states not read by catalog.ts, in HTTP and TCP mode. */
export const haproxyStateLogRules: Rule[] = STATES.flatMap(stateRules);

/** Where each rule's facts come from. */
export const HAPROXY_SOURCES = [HAPROXY_DOCS];
