/** Faults the analyzer's gateway lab puts behind each product. */
export const CORPUS_FAULTS = [
  "refused",
  "unaccepting",
  "slow",
  "garbage",
  "premature-close",
  "reset",
] as const;
export type CorpusFault = (typeof CORPUS_FAULTS)[number];

/** What test/lab/corpus/gateways/<product>.json holds. */
export interface GatewayCorpus {
  product: CorpusProduct;
  version: string;
  errorLog: string[];
  accessLog: string[];
  /** The response to each request, as pasted from developer tools, by fault (or variant). */
  pages: Record<string, string>;
  /** Whole transactions, where the product logs one block per request (varnishlog). */
  transactions?: string[];
}

export type CorpusProduct =
  "squid" | "trafficserver" | "h2o" | "lighttpd" | "varnish" | "apache-modules";

/** Apache's AJP and FastCGI proxy modules in front of the lab's faults, in capture order. */
export const APACHE_MODULE_ROUTES = [
  ["fcgi", "refused"],
  ["fcgi", "garbage"],
  ["fcgi", "premature-close"],
  ["fcgi", "slow"],
  ["ajp", "refused"],
  ["ajp", "garbage"],
  ["ajp", "premature-close"],
  ["ajp", "slow"],
] as const satisfies readonly (readonly [string, CorpusFault])[];

/** Expected rule per page, and per error/access-log line (found by a substring). */
export interface Expectations {
  pages: Record<string, string>;
  errorLog: [needle: string, rule: string][];
  accessLog: [needle: string, rule: string][];
}

/**
 * What the analyzer must read in each product's captured output (observed in the lab: the
 * versions are in each JSON file). A page is found by the fault behind it; a log line by a
 * substring that only that failure's line contains. Lines that record no failure (start-up
 * notes, a client that connected and sent nothing) are not listed.
 */
export const EXPECTED: Record<CorpusProduct, Expectations> = {
  squid: {
    pages: {
      // X-Squid-Error: ERR_CONNECT_FAIL 111, "The system returned: (111) Connection refused"
      refused: "squid-page-connect-refused",
      // ERR_CONNECT_FAIL 110, "(110) Connection timed out"
      unaccepting: "squid-page-connect-timeout",
      // ERR_READ_TIMEOUT 0, "A Timeout occurred while waiting to read data from the network"
      slow: "squid-page-read-timeout",
      // ERR_ZERO_SIZE_OBJECT 0, "Squid did not receive any data for this request"
      "premature-close": "squid-page-zero-size",
      // ERR_READ_ERROR 104, "(104) Connection reset by peer"
      reset: "squid-page-read-reset",
      // Reverse proxy, parent marked dead: ERR_READ_ERROR 0, "Read Error … [No Error]"
      "accel-refused": "squid-page-no-path",
      "accel-slow": "squid-page-read-timeout",
      "accel-premature-close": "squid-page-zero-size",
      // An app that crashed after Squid started: refused twice, then the parent is dead.
      "crashed-1": "squid-page-connect-refused",
      "crashed-2": "squid-page-connect-refused",
      "crashed-3": "squid-page-no-path",
      // garbage: Squid relays a non-HTTP answer as HTTP/0.9 with 200, so there is no failure.
    },
    errorLog: [
      // cache.log: "WARNING: HTTP: Invalid Response: No object data received for …"
      ["No object data received", "squid-zero-size-reply"],
      // "TCP connection to 127.0.0.1/<port> failed", once per refused attempt
      ["TCP connection to", "squid-tcp-connection-failed"],
      // "Detected DEAD Parent: crashing" after connect-fail-limit failures
      ["Detected DEAD Parent", "squid-dead-parent"],
    ],
    accessLog: [
      // "TCP_MISS/503 … HIER_DIRECT": ERR_CONNECT_FAIL behind it (refused and unaccepting)
      ["/refused - HIER_DIRECT", "squid-access-503"],
      ["/unaccepting - HIER_DIRECT", "squid-access-503"],
      // "TCP_MISS/504": the read timeout
      ["TCP_MISS/504", "squid-access-504"],
      // "TCP_MISS/502 … /premature-close", "/reset": the origin closed or reset
      ["/premature-close - ", "squid-access-502"],
      ["/reset - HIER_DIRECT", "squid-access-502"],
      // "TCP_MISS/502 … HIER_NONE/-": the dead parent, nothing forwarded
      ["/refused - HIER_NONE", "squid-access-no-path"],
      // The crashed app: 503 while Squid still tries it, then HIER_NONE once it is dead
      ["/crash-1 - FIRSTUP_PARENT", "squid-access-503"],
      ["/crash-3 - HIER_NONE", "squid-access-no-path"],
    ],
  },
  trafficserver: {
    pages: {
      // "502 Connection refused" with the "Could Not Connect" template
      refused: "ats-page-refused",
      // "502 connect failed" with the same template
      unaccepting: "ats-page-could-not-connect",
      // "504 Connection Timed Out", "Inactivity Timeout"
      slow: "ats-page-inactivity-timeout",
      // "502 Invalid HTTP Response", "Web Server Error"
      garbage: "ats-page-invalid-response",
      // "502 Malformed Server Response Status", "Web Server Error"
      "premature-close": "ats-page-malformed-status",
      reset: "ats-page-malformed-status",
    },
    errorLog: [
      // "CONNECT: … Connection refused [111]" (attempt fail and marking down)
      ["Connection refused [111]", "ats-connect-refused"],
      // "CONNECT: … Connection timed out [110]"
      ["Connection timed out [110]", "ats-connect-timeout"],
    ],
    accessLog: [
      // Traffic Server logs ERR_CONNECT_FAIL for refused, timed-out, garbage, closed and reset
      ["ERR_CONNECT_FAIL/502", "ats-access-connect-fail"],
      // "ERR_READ_TIMEOUT/504 … TIMEOUT_DIRECT"
      ["ERR_READ_TIMEOUT/504", "ats-access-read-timeout"],
    ],
  },
  h2o: {
    pages: {
      // "502 Gateway Error" with the client error as the body
      refused: "h2o-page-refused", // "connection failed"
      unaccepting: "h2o-page-connect-timeout", // "connection timeout"
      slow: "h2o-page-io-timeout", // "I/O timeout"
      garbage: "h2o-page-parse-failed", // "failed to parse the response"
      "premature-close": "h2o-page-io-error", // "I/O error (head)"
      reset: "h2o-page-io-error", // "I/O error (head)"
    },
    errorLog: [
      // "[lib/core/proxy.c] in request:/<path>:<error>"
      [":connection failed", "h2o-connect-refused"],
      [":connection timeout", "h2o-connect-timeout"],
      [":I/O timeout", "h2o-io-timeout"],
      [":failed to parse the response", "h2o-parse-failed"],
      [":I/O error", "h2o-io-error"],
    ],
    accessLog: [
      // Combined-format access log: the 502 is the only clue.
      ['" 502 ', "access-log-502"],
    ],
  },
  lighttpd: {
    pages: {
      // Bare XHTML page; "server: lighttpd" and the status are the only clues.
      refused: "lighttpd-page-503",
      unaccepting: "lighttpd-page-503",
      slow: "lighttpd-page-504",
      garbage: "lighttpd-page-502",
      "premature-close": "lighttpd-page-500",
      reset: "lighttpd-page-500",
    },
    errorLog: [
      // "(gw_backend.c.274) establishing connection failed: socket: tcp:…: Connection refused"
      [": Connection refused", "lighttpd-connect-refused"],
      // "… establishing connection failed: …: Connection timed out"
      [": Connection timed out", "lighttpd-connect-timeout"],
      // "(gw_backend.c.960) all handlers for /<path>? on  are down."
      ["all handlers for", "lighttpd-all-handlers-down"],
      // "(gw_backend.c.2708) read timeout on socket: …"
      ["read timeout on socket", "lighttpd-read-timeout"],
      // "(http-header-glue.c.1341) read() 10 11: Connection reset by peer"
      ["Connection reset by peer", "lighttpd-read-reset"],
      // "(gw_backend.c.2389) response not received, request sent: …"
      ["response not received", "lighttpd-response-not-received"],
      // garbage and premature-close: lighttpd 1.4.69 logs nothing at the default level.
    ],
    accessLog: [
      ['" 503 ', "access-log-503"],
      ['" 504 ', "access-log-504"],
      ['" 502 ', "access-log-502"],
    ],
  },
  varnish: {
    pages: {
      // "Error 503 Backend fetch failed … Guru Meditation: XID: …" for every fault alike
      refused: "varnish-backend-fetch-failed",
      unaccepting: "varnish-backend-fetch-failed",
      slow: "varnish-backend-fetch-failed",
      garbage: "varnish-backend-fetch-failed",
      "premature-close": "varnish-backend-fetch-failed",
      reset: "varnish-backend-fetch-failed",
      sick: "varnish-backend-fetch-failed",
    },
    errorLog: [
      // varnishlog "-   FetchError     <text>"
      ["errno 111", "varnish-fetch-refused"],
      ["errno 110", "varnish-fetch-connect-timeout"],
      ["first byte timeout", "varnish-fetch-first-byte-timeout"],
      ["http format error", "varnish-fetch-http-format"],
      ["HTC eof", "varnish-fetch-htc-eof"],
      // varnishlog -g raw: "FetchError b backend default: unhealthy" for a sick backend
      ["unhealthy", "varnish-fetch-sick"],
      // "Backend_health - default Went sick / Still sick … Open error 111 (Connection refused)"
      ["Backend_health", "varnish-health-sick"],
    ],
    accessLog: [],
  },
  "apache-modules": {
    // Apache's pages here are its generic 503/504 ("Service Unavailable", "Gateway Timeout").
    pages: {},
    errorLog: [
      // "(111)Connection refused: AH00957: FCGI: attempt to connect to …" (and AJP:)
      ["AH00957", "apache-connect-failed"],
      // "AH01079: failed to make connection to backend" (FastCGI), "AH00896: …" (AJP)
      ["AH01079", "apache-module-connect-failed"],
      ["AH00896", "apache-module-connect-failed"],
      // FastCGI against bytes that are not FastCGI: "AH01068: Got bogus version 0"
      ["AH01068", "apache-fcgi-bogus-version"],
      // FastCGI against a close: "AH01067: Failed to read FastCGI header"
      ["AH01067", "apache-fcgi-dispatch"],
      // "(70014)End of file found: …" for a close, in both modules
      ["(70014)", "apache-eof-70014"],
      // "(70007)The timeout specified has expired: …" for a silent backend, in both modules
      ["(70007)", "apache-timeout-70007"],
      // AJP against bytes that are not AJP: "AH01080: ajp_msg_check_header() got bad signature"
      ["AH01080", "apache-ajp-bad-response"],
      ["AH01031", "apache-ajp-bad-response"],
      // The follow-up "AH00992: ajp_read_header: ajp_ilink_receive failed"
      ["AH00992", "apache-ajp-no-header"],
    ],
    accessLog: [],
  },
};
