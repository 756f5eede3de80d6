import type { Rule } from "../types";

/*
 * Gateways beyond nginx: Squid, Apache Traffic Server, h2o, lighttpd, Varnish's own log
 * (FetchError), older and alternative formats of products the main catalog knows
 * (Cloudflare's older 52x pages, Apache 2.2 proxy lines without AH codes, Apache's AJP,
 * FastCGI and balancer modules, Caddy v1) and Go proxies' remaining transport errors.
 *
 * Every rule cites the page its wording comes from; "observed in the lab" means the text
 * was captured from the real product (test/lab/corpus/gateways/, lab-gateways.test.ts).
 * catalog.ts places the log rules after the main ones, so a line an existing rule already
 * reads (an AH01102 timeout, a Go "dial tcp") keeps its rule, and the page rules after the
 * main page rules, so a product's current page format speaks before its older one.
 */

const SQUID_ACCESS = "1763686923.118   2996 203.0.113.9";
const SQUID_CACHE = "2026/11/21 01:02:03 kid1|";
const ATS_ERROR = "20261121.01h02m03s";
const LIGHTTPD = "2026-11-21 01:02:03:";
const APACHE22 = "[Sat Nov 21 01:02:03 2026] [error]";
const APACHE24 = "[Sat Nov 21 01:02:03.412345 2026]";
const VARNISHLOG = "-   FetchError     ";

// --- Varnish: varnishlog's FetchError names the failure behind "Backend fetch failed" ----
// https://varnish-cache.org/docs/trunk/reference/vsl.html (FetchError) and
// https://varnish-cache.org/docs/trunk/users-guide/troubleshooting.html; wording observed
// in the lab, Varnish 7.1.
const varnishRules: Rule[] = [
  {
    id: "varnish-fetch-refused",
    kind: "log",
    product: "varnish",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Varnish tried to open a connection to the backend and was refused (errno 111): nothing listens on the backend's address and port. The app is stopped, crashed, or the VCL backend points at the wrong port.",
    confidence: "high",
    confidenceReason: "errno 111 is ECONNREFUSED: no process listens there.",
    anchors: ["fetcherror", "errno 111"],
    example: `${VARNISHLOG}backend default: fail errno 111 (Connection refused)`,
  },
  {
    id: "varnish-fetch-connect-timeout",
    kind: "log",
    product: "varnish",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 503,
    state: "firewallOrigin",
    meaning:
      "Varnish could not open a connection to the backend within connect_timeout (3.5 s unless changed): packets are dropped on the way, or the backend host is down or overloaded.",
    confidence: "medium",
    confidenceReason:
      "A firewall dropping packets is the usual reason; a host too busy to accept looks the same.",
    anchors: ["fetcherror", "errno 110"],
    example: `${VARNISHLOG}backend default: fail errno 110 (Connection timed out)`,
  },
  {
    id: "varnish-fetch-unreachable",
    kind: "log",
    product: "varnish",
    layer: "network",
    cause: "upstream-unreachable",
    status: 503,
    state: "firewallOrigin",
    meaning:
      "There is no network path from Varnish to the backend address (errno 113 or 101): the host is gone, the address is wrong, or a firewall rejects the traffic.",
    confidence: "medium",
    confidenceReason: "A rejecting firewall and a missing host both produce this.",
    anchors: ["fetcherror", "errno 11"],
    pattern: /errno (?:113|101)\b/,
    example: `${VARNISHLOG}backend default: fail errno 113 (No route to host)`,
  },
  {
    id: "varnish-fetch-first-byte-timeout",
    kind: "log",
    product: "varnish",
    layer: "app",
    cause: "upstream-timeout",
    status: 503,
    state: "timeoutProxyRead",
    meaning:
      "Varnish connected to the backend and sent the request, but the first byte of the answer did not come within first_byte_timeout (60 s unless changed): the app is slow or stuck on this request.",
    confidence: "high",
    confidenceReason: "Varnish writes this only when first_byte_timeout expires.",
    anchors: ["fetcherror", "first byte timeout"],
    example: `${VARNISHLOG}first byte timeout`,
  },
  {
    id: "varnish-fetch-between-bytes-timeout",
    kind: "log",
    product: "varnish",
    layer: "app",
    cause: "upstream-timeout",
    status: 503,
    state: "timeoutProxyRead",
    meaning:
      "The backend started answering and then went quiet for longer than between_bytes_timeout: the app stalled part-way through the response.",
    confidence: "medium",
    confidenceReason: "A stalled app is usual; a slow network between the two looks the same.",
    anchors: ["fetcherror", "between bytes timeout"],
    example: `${VARNISHLOG}between bytes timeout`,
  },
  {
    id: "varnish-fetch-http-format",
    kind: "log",
    product: "varnish",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 503,
    state: "malformedInvalidResponse",
    meaning:
      "The backend answered with bytes that are not an HTTP response: the backend port belongs to another protocol (TLS, a database, FastCGI) or the app wrote something before its headers.",
    confidence: "high",
    confidenceReason:
      "Varnish writes this when the backend's status line or headers cannot be parsed.",
    anchors: ["fetcherror", "http format error"],
    example: `${VARNISHLOG}http format error`,
  },
  {
    id: "varnish-fetch-htc-eof",
    kind: "log",
    product: "varnish",
    layer: "app",
    cause: "upstream-closed",
    status: 503,
    state: "appCrashing",
    meaning:
      "The backend accepted the request and then closed (or reset) the connection before sending a complete answer: the app crashed or was killed handling it, or it closed an idle keep-alive connection Varnish had just reused.",
    confidence: "medium",
    confidenceReason:
      "In the lab a close and a reset both gave 'HTC eof'; a keep-alive race looks the same.",
    anchors: ["fetcherror", "htc eof"],
    example: `${VARNISHLOG}HTC eof (-1)`,
  },
  {
    id: "varnish-fetch-sick",
    kind: "log",
    product: "varnish",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "badNode",
    meaning:
      "Varnish did not even try the backend: its health probe has marked it sick. The probe's own failures (varnishlog -g raw -i Backend_health) show why.",
    confidence: "high",
    confidenceReason: "Varnish writes this only for a backend its probe marked unhealthy.",
    anchors: ["fetcherror", "unhealthy"],
    example: `${VARNISHLOG}backend boot.default: unhealthy`,
  },
  {
    id: "varnish-fetch-no-backend-connection",
    kind: "log",
    product: "varnish",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Varnish could not get a connection to the backend (older Varnish versions' wording): it refused, timed out, was marked sick, or max_connections was reached.",
    confidence: "medium",
    confidenceReason:
      "Older Varnish uses these words for several connection failures; the Backend_health lines tell them apart.",
    anchors: ["fetcherror", "no backend connection"],
    example: `${VARNISHLOG}no backend connection`,
  },
  {
    id: "varnish-fetch-busy",
    kind: "log",
    product: "varnish",
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "Varnish did not open another connection to the backend because the backend's .max_connections limit was reached: raise it, or find why requests to the backend pile up.",
    confidence: "high",
    confidenceReason: "Varnish writes 'busy' only when the backend's connection limit is reached.",
    anchors: ["fetcherror", ": busy"],
    example: `${VARNISHLOG}backend boot.default: busy`,
  },
  {
    id: "varnish-fetch-write-error",
    kind: "log",
    product: "varnish",
    layer: "app",
    cause: "connection-reset",
    status: 503,
    state: "keepAliveMismatch",
    meaning:
      "Varnish could not send the request to the backend: the connection broke under it, usually because the backend closed a keep-alive connection Varnish was reusing.",
    confidence: "medium",
    confidenceReason:
      "A keep-alive timeout on the backend shorter than Varnish's is usual; a crashing backend looks the same.",
    anchors: ["fetcherror", "backend write error"],
    example: `${VARNISHLOG}backend write error: 104 (Connection reset by peer)`,
  },
  {
    id: "varnish-health-sick",
    kind: "log",
    product: "varnish",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "badNode",
    meaning:
      "Varnish's health probe finds the backend sick, so Varnish stops sending it requests; the end of the line says what the probe got (for example 'Open error 111', a refused connection).",
    confidence: "medium",
    confidenceReason:
      "The probe's own check may differ from real traffic (a wrong probe URL fails too).",
    anchors: ["backend_health", " sick"],
    example:
      "-   Backend_health default Still sick -------- 0 3 5 0.000000 0.000000 Open error 111 (Connection refused)",
  },
  {
    id: "varnish-fetch-storage",
    kind: "log",
    product: "varnish",
    layer: "proxy",
    cause: "out-of-memory",
    status: 503,
    state: "resourcesCheck",
    meaning:
      "Varnish had no room left in its storage to hold the response (Transient or the -s malloc size is full), so it failed the fetch even though the backend answered.",
    confidence: "high",
    confidenceReason: "Varnish writes this only when its storage allocator fails.",
    anchors: ["could not get storage"],
    example: `${VARNISHLOG}Could not get storage`,
  },
];

// --- Squid: cache.log and access.log ------------------------------------------------------
// https://wiki.squid-cache.org/SquidFaq/SquidLogs (access.log result codes),
// https://wiki.squid-cache.org/KnowledgeBase/TcpConnectionFailed and
// https://wiki.squid-cache.org/SquidFaq/TroubleShooting (cache.log messages).
const squidLogRules: Rule[] = [
  {
    id: "squid-dead-parent",
    kind: "log",
    product: "squid",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "badNode",
    meaning:
      "Squid has marked the parent (the origin server of a reverse proxy, or an upstream proxy) dead after repeated failed connections and stopped sending requests to it. The 'TCP connection … failed' lines before it show why.",
    confidence: "high",
    confidenceReason: "Squid writes this only when it gives up on a peer.",
    anchors: ["detected dead "],
    example: `${SQUID_CACHE} Detected DEAD Parent: app`,
  },
  {
    id: "squid-tcp-connection-failed",
    kind: "log",
    product: "squid",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Squid could not open a connection to the peer at that address and port: the origin server is down or does not listen there, or a firewall is in the way.",
    confidence: "medium",
    confidenceReason:
      "The line does not say whether the connection was refused or timed out; a stopped origin is the usual reason.",
    anchors: ["tcp connection to ", " failed"],
    pattern: /TCP connection to \S{1,255} failed/,
    example: `${SQUID_CACHE} TCP connection to 127.0.0.1/8080 failed`,
  },
  {
    id: "squid-zero-size-reply",
    kind: "log",
    product: "squid",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The origin accepted Squid's request and closed the connection without sending a byte back: the app crashed or was killed handling it.",
    confidence: "high",
    confidenceReason:
      "Squid writes this when the server's reply was empty (observed in the lab, Squid 5.7).",
    anchors: ["invalid response: no object data received"],
    example: `${SQUID_CACHE} WARNING: HTTP: Invalid Response: No object data received for http://shop.example.com/cart AKA shop.example.com/cart`,
  },
  {
    id: "squid-invalid-response",
    kind: "log",
    product: "squid",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "The origin's answer was not valid HTTP (a broken header, a bad status line): the port belongs to another protocol or the app writes output before its headers.",
    confidence: "high",
    confidenceReason: "Squid writes this when it cannot parse the server's reply.",
    anchors: ["http: invalid response:"],
    example: `${SQUID_CACHE} WARNING: HTTP: Invalid Response: Bad header encountered from http://shop.example.com/cart AKA shop.example.com/cart`,
  },
  {
    id: "squid-forwarding-loop",
    kind: "log",
    product: "squid",
    layer: "proxy",
    cause: "proxy-config",
    status: 403,
    state: "configRevert",
    meaning:
      "Squid received a request it had already forwarded itself: its configuration (cache_peer, or an origin pointing back at Squid) makes requests go round in a circle.",
    confidence: "high",
    confidenceReason: "Squid detects the loop from its own Via header.",
    anchors: ["forwarding loop detected"],
    example: `${SQUID_CACHE} WARNING: Forwarding loop detected for:`,
  },
  {
    id: "squid-out-of-fds",
    kind: "log",
    product: "squid",
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "Squid ran out of file descriptors, so it cannot open new connections to clients or servers. Raise max_filedescriptors and the process's open-files limit.",
    confidence: "high",
    confidenceReason: "Squid writes this exactly when its descriptor table is nearly full.",
    anchors: ["running out of filedescriptors"],
    example: `${SQUID_CACHE} WARNING! Your cache is running out of filedescriptors`,
  },
];

// --- Apache Traffic Server: error.log and its squid-format access log ---------------------
// https://docs.trafficserver.apache.org/en/latest/admin-guide/logging/cache-results.en.html
// (ERR_* result codes) and
// https://docs.trafficserver.apache.org/en/latest/admin-guide/monitoring/error-messages.en.html;
// wording observed in the lab, Traffic Server 9.2.
const trafficServerLogRules: Rule[] = [
  {
    id: "ats-ssl-connect-failed",
    kind: "log",
    product: "trafficserver",
    layer: "tls",
    cause: "upstream-tls",
    status: 502,
    state: "tlsUpstream",
    meaning:
      "Traffic Server's TLS handshake with the origin failed: a certificate it rejects (verify.server.policy), a name mismatch, or no protocol or cipher in common. diags.log names the OpenSSL error.",
    confidence: "high",
    confidenceReason: "ENET_SSL_CONNECT_FAILED is written only for a failed origin handshake.",
    anchors: ["enet_ssl_connect_failed"],
    example: `${ATS_ERROR} CONNECT: attempt fail [CONNECTION_ERROR] to 10.0.0.12:443 for host='shop.example.com' connection_result=ENET_SSL_CONNECT_FAILED [-20104] error=ENET_SSL_CONNECT_FAILED [-20104] attempts=0 url='https://shop.example.com/cart'`,
  },
  {
    id: "ats-connect-refused",
    kind: "log",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "Traffic Server tried to connect to the origin and was refused: nothing listens on that address and port. The origin is stopped, crashed, or remap.config points at the wrong port.",
    confidence: "high",
    confidenceReason: "Error 111 is ECONNREFUSED: no process listens there.",
    anchors: ["connection refused [111]", "connect"],
    example: `${ATS_ERROR} CONNECT: attempt fail [CONNECTION_ERROR] to 10.0.0.12:8080 for host='shop.example.com' connection_result=Connection refused [111] error=Connection refused [111] attempts=0 url='http://shop.example.com/cart'`,
  },
  {
    id: "ats-connect-timeout",
    kind: "log",
    product: "trafficserver",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 502,
    state: "firewallOrigin",
    meaning:
      "Traffic Server could not open a connection to the origin within connect_attempts_timeout: packets are dropped by a firewall, or the origin host is down or overloaded.",
    confidence: "medium",
    confidenceReason:
      "A firewall dropping packets is the usual reason; an overloaded origin looks the same.",
    anchors: ["connection timed out [110]", "connect"],
    example: `${ATS_ERROR} CONNECT: Connection timed out [110] connecting to 10.0.0.12:8080 for host='shop.example.com' url='http://shop.example.com/cart' marking down`,
  },
  {
    id: "ats-connect-unreachable",
    kind: "log",
    product: "trafficserver",
    layer: "network",
    cause: "upstream-unreachable",
    status: 502,
    state: "firewallOrigin",
    meaning:
      "There is no network path from Traffic Server to the origin address: the host is gone, the address is wrong, or a firewall rejects the traffic.",
    confidence: "medium",
    confidenceReason: "A rejecting firewall and a missing host both produce this.",
    anchors: ["connect: ", "unreachable ["],
    example: `${ATS_ERROR} CONNECT: attempt fail [CONNECTION_ERROR] to 10.0.0.12:8080 for host='shop.example.com' connection_result=No route to host [113] error=Host is unreachable [113] attempts=0 url='http://shop.example.com/cart'`,
  },
  {
    id: "ats-access-read-timeout",
    kind: "log",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "Traffic Server connected to the origin but got no answer before transaction_no_activity_timeout_out (30 s unless changed): the app is slow or stuck on this request.",
    confidence: "high",
    confidenceReason: "ERR_READ_TIMEOUT is the code for an origin that went silent.",
    anchors: ["err_read_timeout/"],
    example: `${SQUID_ACCESS} ERR_READ_TIMEOUT/504 475 GET http://shop.example.com/cart - TIMEOUT_DIRECT/10.0.0.12 text/html`,
  },
  {
    id: "ats-access-dns-fail",
    kind: "log",
    product: "trafficserver",
    layer: "dns",
    cause: "upstream-dns",
    status: 502,
    state: "dnsUpstreamResolver",
    meaning:
      "Traffic Server could not resolve the origin's host name, so it had nowhere to send the request. Check the name in remap.config and the resolver Traffic Server uses.",
    confidence: "high",
    confidenceReason: "ERR_DNS_FAIL is the code for a failed lookup of the origin.",
    anchors: ["err_dns_fail/"],
    example: `${SQUID_ACCESS} ERR_DNS_FAIL/502 470 GET http://app.internal/cart - NONE/- text/html`,
  },
  {
    id: "ats-access-connect-fail",
    kind: "log",
    product: "trafficserver",
    layer: "proxy",
    cause: "status-only",
    status: 502,
    state: "proxyUpstream",
    title: "Traffic Server got no usable answer from the origin (ERR_CONNECT_FAIL)",
    meaning:
      "Traffic Server logs ERR_CONNECT_FAIL for any failure on the origin connection: in the lab it did so for a refused and a timed-out connection, and also for an origin that closed, reset or answered with garbage. Its error.log CONNECT line, or the error page's title and reason phrase, says which.",
    confidence: "low",
    confidenceReason:
      "Observed in the lab, Traffic Server 9.2, for five different failures alike, so the code alone names none of them.",
    anchors: ["err_connect_fail/"],
    example: `${SQUID_ACCESS} ERR_CONNECT_FAIL/502 455 GET http://shop.example.com/cart - DIRECT/10.0.0.12 text/html`,
  },
  {
    id: "ats-access-loop",
    kind: "log",
    product: "trafficserver",
    layer: "proxy",
    cause: "proxy-config",
    status: 400,
    state: "configRevert",
    meaning:
      "Traffic Server detected that forwarding the request would send it back to itself: remap.config or a parent points at the proxy.",
    confidence: "high",
    confidenceReason:
      "ERR_LOOP_DETECTED is the code for a request that came back through the proxy.",
    anchors: ["err_loop_detected/"],
    example: `${SQUID_ACCESS} ERR_LOOP_DETECTED/400 390 GET http://shop.example.com/cart - NONE/- text/html`,
  },
  {
    id: "ats-access-proxy-denied",
    kind: "log",
    product: "trafficserver",
    layer: "proxy",
    cause: "edge-blocked",
    status: 403,
    state: "wafRules",
    meaning:
      "Traffic Server refused the request by its own access rules (ip_allow.yaml or a plugin): it never reached the origin.",
    confidence: "high",
    confidenceReason: "ERR_PROXY_DENIED is the code for a request the proxy's rules deny.",
    anchors: ["err_proxy_denied/"],
    example: `${SQUID_ACCESS} ERR_PROXY_DENIED/403 402 GET http://shop.example.com/cart - NONE/- text/html`,
  },
  {
    id: "ats-access-client-abort",
    kind: "log",
    product: "trafficserver",
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "The client closed its connection before Traffic Server answered: the visitor (or a load balancer in front) gave up waiting, which points at a slow origin.",
    confidence: "low",
    confidenceReason: "Visitors also leave for reasons that have nothing to do with the server.",
    anchors: ["err_client_abort/"],
    example: `${SQUID_ACCESS} ERR_CLIENT_ABORT/000 0 GET http://shop.example.com/cart - DIRECT/10.0.0.12 -`,
  },
];

/** Squid's access.log (Traffic Server's squid format reuses it, so its own codes come first). */
const squidAccessRules: Rule[] = [
  {
    id: "squid-access-no-path",
    kind: "log",
    product: "squid",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 502,
    state: "appDown",
    meaning:
      "Squid answered with an error without forwarding the request anywhere (HIER_NONE): every parent it could use was marked dead after failed connections, or the origin's name did not resolve. cache.log shows which.",
    confidence: "low",
    confidenceReason:
      "Observed in the lab, Squid 5.7, for a dead parent; a failed DNS lookup logs the same.",
    anchors: ["hier_none/"],
    pattern: /\s(?:TCP_MISS|NONE|NONE_NONE|TCP_REFRESH_MISS)\/50[234] /,
    example: `${SQUID_ACCESS} TCP_MISS/502 3418 GET http://shop.example.com/cart - HIER_NONE/- text/html`,
  },
  {
    id: "squid-access-504",
    kind: "log",
    product: "squid",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "Squid forwarded the request and the origin did not answer before read_timeout (15 minutes unless changed): the app is slow or stuck.",
    confidence: "medium",
    confidenceReason:
      "A 504 from Squid is a read timeout in most cases (observed in the lab, Squid 5.7).",
    anchors: ["/504 "],
    pattern: /\s(?:TCP|NONE)_[A-Z_]{0,30}\/504 /,
    example: `${SQUID_ACCESS} TCP_MISS/504 3471 GET http://shop.example.com/cart - FIRSTUP_PARENT/10.0.0.12 text/html`,
  },
  {
    id: "squid-access-503",
    kind: "log",
    product: "squid",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Squid could not connect to the origin: it refused the connection or did not accept it in time (Squid answers both with 503 ERR_CONNECT_FAIL).",
    confidence: "low",
    confidenceReason:
      "Observed in the lab, Squid 5.7, for a refused and a timed-out connection; the error page's ERR_ code tells them apart.",
    anchors: ["/503 "],
    pattern: /\s(?:TCP|NONE)_[A-Z_]{0,30}\/503 /,
    example: `${SQUID_ACCESS} TCP_MISS/503 3448 GET http://shop.example.com/cart - HIER_DIRECT/10.0.0.12 text/html`,
  },
  {
    id: "squid-access-502",
    kind: "log",
    product: "squid",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "Squid reached the origin but got no usable answer: it closed or reset the connection without a reply, or sent something that is not HTTP.",
    confidence: "low",
    confidenceReason:
      "Observed in the lab, Squid 5.7, for a close and a reset; an invalid reply logs the same.",
    anchors: ["/502 "],
    pattern: /\s(?:TCP|NONE)_[A-Z_]{0,30}\/502 /,
    example: `${SQUID_ACCESS} TCP_MISS/502 3356 GET http://shop.example.com/cart - HIER_DIRECT/10.0.0.12 text/html`,
  },
  {
    id: "squid-access-aborted",
    kind: "log",
    product: "squid",
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "The client closed its connection before Squid finished (an _ABORTED result): the visitor or a load balancer in front gave up waiting, which often points at a slow origin.",
    confidence: "low",
    confidenceReason: "Visitors also leave for reasons that have nothing to do with the server.",
    anchors: ["_aborted/"],
    pattern: /\s(?:TCP|NONE)_[A-Z_]{0,30}_ABORTED\/\d{3} /,
    example: `${SQUID_ACCESS} TCP_MISS_ABORTED/000 0 GET http://shop.example.com/cart - HIER_DIRECT/10.0.0.12 -`,
  },
];

// --- h2o: lib/core/proxy.c writes the HTTP client's error to the error log ---------------
// https://h2o.examp1e.net/configure/proxy_directives.html (proxy.timeout.*); the messages
// are lib/common/httpclient.c's error strings, observed in the lab, h2o 2.2.5.
const H2O_LINE = "[lib/core/proxy.c] in request:shop.example.com/cart:";
const h2oLogRules: Rule[] = [
  {
    id: "h2o-connect-refused",
    kind: "log",
    product: "h2o",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "h2o could not connect to the upstream: it refused the connection, or the address cannot be reached. The app is stopped, crashed, or proxy.reverse.url points at the wrong port.",
    confidence: "medium",
    confidenceReason:
      "h2o 2.2 says 'connection failed' for any failed connect other than a timeout; a refused connection is the usual one.",
    anchors: ["lib/core/proxy.c]"],
    pattern: /:connection (?:failed|refused|failure)\s{0,4}$/,
    example: `${H2O_LINE}connection failed`,
  },
  {
    id: "h2o-connect-timeout",
    kind: "log",
    product: "h2o",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 502,
    state: "firewallOrigin",
    meaning:
      "h2o could not open a connection to the upstream within proxy.timeout.connect: packets are dropped by a firewall, or the host is down or overloaded.",
    confidence: "medium",
    confidenceReason:
      "A firewall dropping packets is the usual reason; an overloaded host looks the same.",
    anchors: ["lib/core/proxy.c]"],
    pattern: /:connection (?:timeout|timed out)\s{0,4}$/,
    example: `${H2O_LINE}connection timeout`,
  },
  {
    id: "h2o-unreachable",
    kind: "log",
    product: "h2o",
    layer: "network",
    cause: "upstream-unreachable",
    status: 502,
    state: "firewallOrigin",
    meaning:
      "There is no network path from h2o to the upstream: the host is gone, the address is wrong, or a firewall rejects the traffic.",
    confidence: "medium",
    confidenceReason: "A rejecting firewall and a missing host both produce this.",
    anchors: ["lib/core/proxy.c]", " unreachable"],
    example: `${H2O_LINE}host unreachable`,
  },
  {
    id: "h2o-cert-expired",
    kind: "log",
    product: "h2o",
    layer: "tls",
    cause: "upstream-tls-invalid-certificate",
    status: 502,
    state: "tlsRenew",
    meaning:
      "h2o rejected the upstream's TLS certificate because it has expired: renew the upstream's certificate.",
    confidence: "high",
    confidenceReason:
      "The line names the failed certificate check (observed in the lab, h2o 2.2.5).",
    anchors: ["lib/core/proxy.c]", "certificate has expired"],
    example: `${H2O_LINE}certificate has expired`,
  },
  {
    id: "h2o-tls-failed",
    kind: "log",
    product: "h2o",
    layer: "tls",
    cause: "upstream-tls",
    status: 502,
    state: "tlsUpstream",
    meaning:
      "The TLS handshake between h2o and the upstream failed: a certificate h2o rejects (proxy.ssl.verify-peer), a name mismatch, or no protocol in common.",
    confidence: "medium",
    confidenceReason: "The words after 'certificate' or 'ssl' say which check failed.",
    anchors: ["lib/core/proxy.c]"],
    pattern: /:(?:[\w ]{0,40}certificate[\w ]{0,60}|ssl[\w ]{0,60}|hostname mismatch)\s{0,4}$/i,
    example: `${H2O_LINE}certificate verify failed`,
  },
  {
    id: "h2o-io-timeout",
    kind: "log",
    product: "h2o",
    layer: "app",
    cause: "upstream-timeout",
    status: 502,
    state: "timeoutProxyRead",
    meaning:
      "h2o connected to the upstream and sent the request, but the answer did not come within proxy.timeout.io (30 s unless changed): the app is slow or stuck.",
    confidence: "high",
    confidenceReason: "h2o writes this only when its upstream I/O or first-byte timeout expires.",
    anchors: ["lib/core/proxy.c]"],
    pattern: /:(?:I\/O|first byte) timeout\s{0,4}$/,
    example: `${H2O_LINE}I/O timeout`,
  },
  {
    id: "h2o-parse-failed",
    kind: "log",
    product: "h2o",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "The upstream's answer was not valid HTTP: the port speaks another protocol (TLS, a database, FastCGI) or the app writes output before its headers.",
    confidence: "high",
    confidenceReason:
      "h2o writes this when the upstream's status line or headers cannot be parsed.",
    anchors: ["lib/core/proxy.c]"],
    pattern:
      /:(?:failed to parse the response|invalid content-length|line folding of header fields not supported)\s{0,4}$/,
    example: `${H2O_LINE}failed to parse the response`,
  },
  {
    id: "h2o-io-error",
    kind: "log",
    product: "h2o",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The upstream closed or reset the connection before its answer was complete: the app crashed or was killed handling the request, or it closed a keep-alive connection h2o had just reused.",
    confidence: "medium",
    confidenceReason:
      "In the lab a close and a reset both gave 'I/O error (head)'; a keep-alive race looks the same.",
    anchors: ["lib/core/proxy.c]", "i/o error"],
    example: `${H2O_LINE}I/O error (head)`,
  },
];

// --- lighttpd: mod_proxy and the gw_backend it shares with FastCGI and SCGI ---------------
// https://redmine.lighttpd.net/projects/lighttpd/wiki/Mod_proxy and
// https://redmine.lighttpd.net/projects/lighttpd/wiki/Docs_ModFastCGI; wording observed in
// the lab, lighttpd 1.4.69 (older releases print the same words from mod_proxy.c).
const lighttpdLogRules: Rule[] = [
  {
    id: "lighttpd-connect-refused",
    kind: "log",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "lighttpd could not connect to the backend: nothing listens on its address and port (or its Unix socket is missing). The app is stopped, crashed, or proxy.server points elsewhere.",
    confidence: "high",
    confidenceReason: "Connection refused means no process is listening there.",
    // The distinctive words first: a pager may cut a line after them, and the matcher then
    // accepts the rule on its first anchor alone.
    anchors: ["establishing connection failed", "connection refused"],
    example: `${LIGHTTPD} (gw_backend.c.274) establishing connection failed: socket: tcp:10.0.0.12:8080: Connection refused`,
  },
  {
    id: "lighttpd-connect-timeout",
    kind: "log",
    product: "lighttpd",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 503,
    state: "firewallOrigin",
    meaning:
      "lighttpd could not open a connection to the backend within connect-timeout: packets are dropped by a firewall, or the backend host is down or overloaded.",
    confidence: "medium",
    confidenceReason:
      "A firewall dropping packets is the usual reason; an overloaded backend looks the same.",
    anchors: ["establishing connection failed", "connection timed out"],
    example: `${LIGHTTPD} (gw_backend.c.274) establishing connection failed: socket: tcp:10.0.0.12:8080: Connection timed out`,
  },
  {
    id: "lighttpd-old-connect-failed",
    kind: "log",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "lighttpd (releases before 1.4.46, whose mod_proxy had its own connect code) could not connect to the backend: a stopped backend is the usual reason, the error at the end of the line says which.",
    confidence: "medium",
    confidenceReason: "The same words cover refused and timed-out connections.",
    anchors: ["mod_proxy.c.", "connect failed"],
    example: `${LIGHTTPD} (mod_proxy.c.853) connect failed: 8 Connection refused 111`,
  },
  {
    id: "lighttpd-connect-failed",
    kind: "log",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "lighttpd could not connect to the backend named on the line. The error after the address (a missing socket file, a permission problem, no route) says why.",
    confidence: "medium",
    confidenceReason: "The reason varies; a backend that is not running is the most common.",
    anchors: ["establishing connection failed"],
    example: `${LIGHTTPD} (gw_backend.c.274) establishing connection failed: socket: unix:/run/app.sock: No such file or directory`,
  },
  {
    id: "lighttpd-read-timeout",
    kind: "log",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "lighttpd sent the request to the backend, which did not answer within read-timeout: the app is slow or stuck on this request.",
    confidence: "high",
    confidenceReason: "lighttpd writes this only when the backend's read timeout expires.",
    anchors: ["read timeout on socket"],
    example: `${LIGHTTPD} (gw_backend.c.2708) read timeout on socket: tcp:10.0.0.12:8080 (fd: 11)`,
  },
  {
    id: "lighttpd-headers-too-large",
    kind: "log",
    product: "lighttpd",
    layer: "app",
    cause: "headers-too-large",
    status: 502,
    state: "malformedHeadersTooBig",
    meaning:
      "The backend's response headers were bigger than lighttpd accepts (too many cookies or a huge header): shrink them or raise server.max-response-field-size.",
    confidence: "high",
    confidenceReason: "lighttpd writes this only for oversized response headers.",
    anchors: ["headers too large"],
    pattern: /\.c\.\d{1,5}\)/,
    example: `${LIGHTTPD} (http-header-glue.c.1208) response headers too large for /cart`,
  },
  {
    id: "lighttpd-read-reset",
    kind: "log",
    product: "lighttpd",
    layer: "app",
    cause: "connection-reset",
    status: 500,
    state: "keepAliveMismatch",
    meaning:
      "The backend reset the connection while lighttpd was reading its answer: the app crashed mid-request, or it closed a keep-alive connection lighttpd had just reused.",
    confidence: "medium",
    confidenceReason: "A crash and a keep-alive timeout mismatch both reset the connection.",
    anchors: ["connection reset by peer", "read()"],
    pattern: /\(http-header-glue\.c\.\d{1,5}\) read\(\)/,
    example: `${LIGHTTPD} (http-header-glue.c.1341) read() 10 11: Connection reset by peer`,
  },
  {
    id: "lighttpd-response-not-received",
    kind: "log",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-closed",
    status: 500,
    state: "appCrashing",
    meaning:
      "lighttpd sent the request but the backend closed the connection without answering: the app crashed or was killed handling it.",
    confidence: "medium",
    confidenceReason:
      "A crashing app is usual; a backend that resets idle keep-alive connections looks the same.",
    anchors: ["response not received, request sent"],
    example: `${LIGHTTPD} (gw_backend.c.2389) response not received, request sent: 283 on socket: tcp:10.0.0.12:8080 for /cart?, closing connection`,
  },
  {
    id: "lighttpd-all-handlers-down",
    kind: "log",
    product: "lighttpd",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "badNode",
    meaning:
      "lighttpd has disabled every backend for this path after failed connections and answers 503 until one is re-enabled. The connect errors just before this line say why they failed.",
    confidence: "medium",
    confidenceReason: "It follows any connect failure; the line before it names the actual error.",
    anchors: ["all handlers for", "are down"],
    example: `${LIGHTTPD} (gw_backend.c.960) all handlers for /cart? on  are down.`,
  },
  {
    id: "lighttpd-no-handler",
    kind: "log",
    product: "lighttpd",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "badNode",
    meaning:
      "lighttpd (older 1.4 releases) had no usable proxy backend left for the request: every server in proxy.server was disabled after failures.",
    confidence: "medium",
    confidenceReason: "It follows any backend failure; the lines before it name the error.",
    anchors: ["no proxy-handler found for"],
    example: `${LIGHTTPD} (mod_proxy.c.1378) no proxy-handler found for: /cart`,
  },
];

// --- Apache httpd: 2.2 wording without AH codes, AJP, FastCGI, balancer, (70007) ---------
// https://httpd.apache.org/docs/2.4/mod/mod_proxy.html, mod_proxy_ajp.html,
// mod_proxy_fcgi.html, mod_proxy_balancer.html; AH numbers from
// https://httpd.apache.org/docs/2.4/logs.html#errorlog (the log_message_ids list).
const apacheLogRules: Rule[] = [
  {
    id: "apache-timeout-70007",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "Apache's ProxyTimeout (or Timeout) expired while it waited for the backend, whatever the module (HTTP, AJP, FastCGI, uwsgi): the app is slow or stuck on this request.",
    confidence: "high",
    confidenceReason: "APR error 70007 means exactly 'the timeout specified has expired'.",
    anchors: ["(70007)"],
    example: `${APACHE24} [proxy_fcgi:error] [pid 2210:tid 140233] (70007)The timeout specified has expired: [client 203.0.113.9:51234] AH01075: Error dispatching request to : (polling)`,
  },
  {
    id: "apache-eof-70014",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The backend closed the connection while Apache waited for its answer (APR 70014, end of file), whatever the module (AJP, FastCGI, HTTP): the app crashed or was killed handling the request, or it closed a connection Apache was reusing.",
    confidence: "high",
    // Observed in the lab, Apache 2.4: mod_proxy_ajp and mod_proxy_fcgi against a backend
    // that reads the request and closes.
    confidenceReason: "APR error 70014 means exactly that the other side closed the connection.",
    anchors: ["(70014)"],
    example: `${APACHE24} [proxy_ajp:error] [pid 2210:tid 140233] (70014)End of file found: AH01030: ajp_ilink_receive() can't receive header`,
  },
  {
    id: "apache22-connect-refused",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Apache 2.2's mod_proxy could not connect to the backend: nothing listens on that address and port. The app is stopped, crashed, or ProxyPass points elsewhere.",
    confidence: "high",
    confidenceReason: "Error 111 is ECONNREFUSED: no process listens there.",
    anchors: ["proxy: ", "(111)connection refused"],
    example: `${APACHE22} (111)Connection refused: proxy: HTTP: attempt to connect to 127.0.0.1:8080 (localhost) failed`,
  },
  {
    id: "apache22-connect-failed",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Apache's mod_proxy could not connect to the backend and has put the worker in retry. The error before 'proxy:' says why; a stopped backend is the usual one.",
    confidence: "medium",
    confidenceReason: "The wording covers refused, unreachable and timed-out connections.",
    anchors: ["proxy: "],
    pattern:
      /proxy: \w{2,8}: (?:attempt to connect to \S{1,255} \(\S{1,255}\) failed|disabled connection for)|ap_proxy_connect_backend disabling worker/,
    example: `${APACHE22} proxy: HTTP: disabled connection for (localhost)`,
  },
  {
    id: "apache-module-connect-failed",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Apache's mod_proxy_fcgi (AH01079) or mod_proxy_ajp (AH00896) could not connect to the backend (PHP-FPM, Tomcat): it is stopped, listens on another address or socket, or refuses Apache.",
    confidence: "medium",
    confidenceReason:
      "The error before AH01079 says how the connection failed; a stopped PHP-FPM is usual.",
    anchors: ["failed to make connection to backend"],
    pattern: /AH01079|AH00896/,
    example: `${APACHE24} [proxy_fcgi:error] [pid 2210:tid 140233] [client 203.0.113.9:51234] AH01079: failed to make connection to backend: 127.0.0.1`,
  },
  {
    id: "apache-worker-disabled",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Apache put the backend worker in error after a failed connection and will not retry it until retry= seconds pass (60 by default): meanwhile every request gets 503.",
    confidence: "medium",
    confidenceReason: "It follows any failed connection; the AH00957 line before it says which.",
    anchors: ["ah009"],
    pattern: /AH00940|AH00959/,
    example: `${APACHE24} [proxy:error] [pid 2210:tid 140233] AH00940: HTTP: disabled connection for (127.0.0.1)`,
  },
  {
    id: "apache22-reset",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "connection-reset",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "The backend reset the connection while Apache 2.2 waited for its answer: the app crashed mid-request, or it closed a keep-alive connection Apache had just reused.",
    confidence: "medium",
    confidenceReason: "A crash and a keep-alive timeout mismatch both reset the connection.",
    anchors: ["proxy: error reading status line from remote server", "(104)"],
    example: `${APACHE22} [client 203.0.113.9] (104)Connection reset by peer: proxy: error reading status line from remote server 127.0.0.1:8080`,
  },
  {
    id: "apache22-status-line",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "Apache 2.2 sent the request but the backend closed the connection without a status line: the app crashed or was killed handling it.",
    confidence: "medium",
    confidenceReason: "A crashing app is usual; the error code before 'proxy:' can say otherwise.",
    anchors: ["proxy: error reading status line from remote server"],
    example: `${APACHE22} [client 203.0.113.9] proxy: error reading status line from remote server 127.0.0.1:8080`,
  },
  {
    id: "apache22-error-reading",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "Apache 2.2 lost the backend's answer part-way: the app closed the connection, crashed, or stalled.",
    confidence: "medium",
    confidenceReason: "Several failures produce this line; the error before it narrows it.",
    anchors: ["proxy: error reading from remote server"],
    example: `${APACHE22} [client 203.0.113.9] proxy: Error reading from remote server returned by /checkout`,
  },
  {
    id: "apache22-no-protocol-handler",
    kind: "log",
    product: "apache",
    layer: "proxy",
    cause: "proxy-config",
    status: 500,
    state: "configRevert",
    meaning:
      "Apache has no module loaded for the backend's scheme (mod_proxy_http, mod_proxy_fcgi, mod_proxy_ajp…), so it cannot forward the request at all.",
    confidence: "high",
    confidenceReason: "The message names the missing protocol handler.",
    anchors: ["no protocol handler was valid for the url"],
    example: `${APACHE22} proxy: No protocol handler was valid for the URL /app. If you are using a DSO version of mod_proxy, make sure the proxy submodules are included in the configuration using LoadModule.`,
  },
  {
    id: "apache-ajp-bad-response",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 503,
    state: "malformedInvalidResponse",
    meaning:
      "What came back on Apache's AJP connection is not AJP: the ajp:// address points at an HTTP port or another service instead of Tomcat's AJP connector.",
    confidence: "medium",
    // Observed in the lab, Apache 2.4, against a backend answering with non-AJP bytes.
    confidenceReason:
      "A bad signature or header means another protocol answered; a corrupted stream is rare.",
    anchors: ["proxy_ajp:"],
    pattern: /AH01080|AH01031/,
    example: `${APACHE24} [proxy_ajp:error] [pid 2210:tid 140233] AH01080: ajp_msg_check_header() got bad signature 4854`,
  },
  {
    id: "apache-ajp-no-header",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-closed",
    status: 503,
    state: "appCrashing",
    meaning:
      "Apache's AJP connection to the Java server (Tomcat) broke before a reply came back. The lines around it say how: an expired timeout (70007), a close (70014), or an answer that is not AJP.",
    confidence: "low",
    // Observed in the lab, Apache 2.4: AH00992 and AH00878 follow every AJP failure.
    confidenceReason:
      "Apache writes these follow-up lines for a timeout, a close and a bad answer alike.",
    anchors: ["proxy_ajp:"],
    pattern: /AH01030|AH00893|AH00878|AH00992/,
    example: `${APACHE24} [proxy_ajp:error] [pid 2210:tid 140233] [client 203.0.113.9:51234] AH00992: ajp_read_header: ajp_ilink_receive failed`,
  },
  {
    id: "apache-fcgi-dispatch",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-closed",
    status: 503,
    state: "appCrashing",
    meaning:
      "Apache's mod_proxy_fcgi lost the FastCGI backend (PHP-FPM) while handing it the request or reading its answer: the worker died, was killed for running too long, or closed the connection.",
    confidence: "low",
    // Observed in the lab, Apache 2.4: AH01075 follows a timeout, a close and a non-FastCGI
    // answer alike; its APR error (70007, 70014, 22) or the line before it tells them apart.
    confidenceReason:
      "AH01075 follows several failures; the error code before it, or the AH01067/AH01068 line, says which.",
    anchors: ["proxy_fcgi:"],
    pattern: /AH01075|AH01067/,
    example: `${APACHE24} [proxy_fcgi:error] [pid 2210:tid 140233] [client 203.0.113.9:51234] AH01075: Error dispatching request to :`,
  },
  {
    id: "apache-fcgi-bogus-version",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 503,
    state: "malformedInvalidResponse",
    meaning:
      "What came back on the FastCGI connection was not FastCGI: the address points at an HTTP server or another service instead of PHP-FPM.",
    confidence: "high",
    confidenceReason: "A wrong record version means the backend speaks another protocol.",
    anchors: ["ah01068"],
    example: `${APACHE24} [proxy_fcgi:error] [pid 2210:tid 140233] [client 203.0.113.9:51234] AH01068: Got bogus version 72`,
  },
  {
    id: "apache-uwsgi-failed",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "Apache's mod_proxy_uwsgi could not get an answer from the uWSGI server: it closed the connection, crashed, or its listen queue was full.",
    confidence: "medium",
    confidenceReason: "Several uWSGI failures end this way; the uWSGI log says which.",
    anchors: ["uwsgi: "],
    pattern: /\[proxy_uwsgi:error\]/,
    example: `${APACHE24} [proxy_uwsgi:error] [pid 2210:tid 140233] [client 203.0.113.9:51234] uwsgi: error reading response headers`,
  },
];

/**
 * Apache lines the main catalog would misread: it reads AH01102 as a closed connection and
 * AH00898 as a lost answer, but with these details they mean a non-HTTP answer or a failed
 * TLS handshake. catalog.ts places these before its own Apache rules.
 */
export const apacheFirstRules: Rule[] = [
  {
    id: "apache-status-line-invalid",
    kind: "log",
    product: "apache",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "Apache could not read an HTTP status line from the backend: what came back is not HTTP (another protocol on that port, or bytes before the headers).",
    confidence: "medium",
    confidenceReason:
      "Observed in the lab, Apache 2.4, for a backend answering with non-HTTP bytes; APR error 22 (EINVAL) is a line Apache could not parse.",
    anchors: ["ah01102", "(22)"],
    example: `${APACHE24} [proxy_http:error] [pid 2210:tid 140233] (22)Invalid argument: [client 203.0.113.9:51234] AH01102: error reading status line from remote server 127.0.0.1:8080`,
  },
  {
    id: "apache-upstream-cert-expired",
    kind: "log",
    product: "apache",
    layer: "tls",
    cause: "upstream-tls-invalid-certificate",
    status: 502,
    state: "tlsRenew",
    meaning:
      "Apache (SSLProxyEngine with SSLProxyCheckPeerExpire) rejected the backend's certificate because it has expired: renew the backend's certificate.",
    confidence: "high",
    confidenceReason: "The line names the certificate check that failed.",
    anchors: ["certificate verification", "certificate has expired"],
    example: `${APACHE24} [ssl:error] [pid 2210:tid 140233] [remote 10.0.0.12:443] AH02039: Certificate Verification: Error (10): certificate has expired`,
  },
  {
    id: "apache-upstream-cert-rejected",
    kind: "log",
    product: "apache",
    layer: "tls",
    cause: "upstream-tls-invalid-certificate",
    status: 502,
    state: "tlsChain",
    meaning:
      "Apache rejected the backend's certificate (SSLProxyVerify): it is not signed by a CA in SSLProxyCACertificateFile, or its chain is incomplete.",
    confidence: "medium",
    confidenceReason: "The OpenSSL error after 'Error (n)' says which check failed.",
    anchors: ["ah02039"],
    example: `${APACHE24} [ssl:error] [pid 2210:tid 140233] [remote 10.0.0.12:443] AH02039: Certificate Verification: Error (20): unable to get local issuer certificate`,
  },
  {
    id: "apache-upstream-handshake",
    kind: "log",
    product: "apache",
    layer: "tls",
    cause: "upstream-tls",
    status: 502,
    state: "tlsUpstream",
    meaning:
      "The TLS handshake between Apache and the backend failed: a certificate Apache rejects, no protocol or cipher in common, or a backend that does not speak TLS on that port.",
    confidence: "high",
    confidenceReason: "AH00898 with this wording is written only for a failed handshake.",
    anchors: ["error during ssl handshake with remote server"],
    example: `${APACHE24} [proxy:error] [pid 2210:tid 140233] [client 203.0.113.9:51234] AH00898: Error during SSL Handshake with remote server returned by /cart`,
  },
  {
    id: "apache-pass-body-internal-error",
    kind: "log",
    product: "apache",
    layer: "tls",
    cause: "upstream-tls",
    status: 502,
    state: "tlsUpstream",
    meaning:
      "Apache could not send the request to the backend because the connection failed underneath it with an unspecified error (APR 20014), which in practice follows a failed TLS handshake.",
    confidence: "low",
    confidenceReason:
      "Observed in the lab, Apache 2.4, after a backend certificate was rejected; other internal errors are possible.",
    anchors: ["(20014)", "ah01084"],
    example: `${APACHE24} [proxy:error] [pid 2210:tid 140233] (20014)Internal error (specific information not available): [client 203.0.113.9:51234] AH01084: pass request body failed to 10.0.0.12:443 (10.0.0.12)`,
  },
];

// --- Caddy v1 and Go's transport errors the main Go rules do not cover --------------------
// https://github.com/caddyserver/caddy/wiki (v1 proxy) and Go's net/http transport errors.
const goLogRules: Rule[] = [
  {
    id: "go-malformed-response",
    kind: "log",
    product: "go-proxy",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "The upstream's answer was not valid HTTP: the port speaks another protocol (TLS, a database) or the app writes output before its headers.",
    confidence: "high",
    confidenceReason: "Go's HTTP client says this only for an unparseable response.",
    anchors: ["malformed http "],
    example:
      '{"level":"error","ts":1763686923.118,"logger":"http.log.error","msg":"net/http: HTTP/1.x transport connection broken: malformed HTTP response \\"\\\\x00\\\\x01\\\\x02\\"","status":502}',
  },
  {
    id: "go-eof",
    kind: "log",
    product: "go-proxy",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The proxy sent the request but the upstream closed the connection without answering (Go reports a bare EOF): the app crashed or was killed handling it, or it closed a keep-alive connection the proxy had reused.",
    confidence: "medium",
    confidenceReason:
      "Observed in the lab, Caddy 2.6, for an upstream that closes unanswered; a keep-alive race looks the same.",
    // The normaliser unpacks a JSON log line into its strings, so "EOF" stands on its own line.
    anchors: ["eof"],
    pattern: /^\s{0,4}(?:unexpected )?EOF\s{0,4}$/,
    example:
      '{"level":"error","ts":1763686923.118,"logger":"http.log.error","msg":"EOF","request":{"method":"GET","host":"shop.example.com","uri":"/cart"},"duration":0.0012,"status":502}',
  },
  {
    id: "caddy1-eof",
    kind: "log",
    product: "caddy",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "Caddy sent the request but the upstream closed the connection without answering: the app crashed or was killed handling it, or it closed a keep-alive connection Caddy had reused.",
    confidence: "medium",
    confidenceReason: "A crash is usual; a keep-alive race looks the same.",
    anchors: ["[error 502 "],
    pattern: /\[ERROR 502 \S{1,500}\] (?:unexpected )?EOF\s{0,4}$/,
    example: "21/Nov/2026:01:02:03 +0000 [ERROR 502 /cart] unexpected EOF",
  },
  {
    id: "caddy1-proxy-error",
    kind: "log",
    product: "caddy",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "Caddy v1's proxy could not reach the upstream (no upstream available, or the connection failed). The text after the path says why.",
    confidence: "low",
    confidenceReason: "The bracket names only the status; the rest of the line carries the cause.",
    anchors: ["[error 502 "],
    pattern: /\[ERROR 502 \S{1,500}\] (?:no hosts available upstream|dial tcp)/,
    example: "21/Nov/2026:01:02:03 +0000 [ERROR 502 /cart] no hosts available upstream",
  },
];

/** Per-line rules, placed after the main catalog's log rules. */
export const gatewayLogRules: Rule[] = [
  ...varnishRules,
  ...squidLogRules,
  ...trafficServerLogRules,
  ...squidAccessRules,
  ...h2oLogRules,
  ...lighttpdLogRules,
  ...apacheLogRules,
  ...goLogRules,
];

// --- Pages -------------------------------------------------------------------------------
// Squid's error pages: the templates in /usr/share/squid/errors/ (Debian's squid package)
// and https://wiki.squid-cache.org/SquidFaq/SquidLogs; X-Squid-Error carries the same code.
// A Squid page (or header block) always names Squid in its footer or header, hence "squid".
const SQUID_PAGE = (code: string, system: string, extra = "") =>
  `HTTP/1.1 503 Service Unavailable\nServer: squid/5.7\nX-Squid-Error: ${code}\n\n<body id=${code.split(" ")[0]}>\nERROR\nThe requested URL could not be retrieved\n${extra}\nThe system returned: ${system}\nGenerated Sat, 21 Nov 2026 01:02:03 GMT by proxy1 (squid/5.7)\n<!-- ${code.split(" ")[0]} -->`;

const squidPageRules: Rule[] = [
  {
    id: "squid-page-connect-refused",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Squid tried to connect to the server behind it and was refused: nothing listens on that address and port. The origin (or the parent) is stopped, crashed, or listens elsewhere.",
    confidence: "high",
    confidenceReason: "ERR_CONNECT_FAIL with errno 111 is a refused connection.",
    anchors: ["squid"],
    pattern: /ERR_CONNECT_FAIL 111\b|\(111\) Connection refused/,
    example: SQUID_PAGE(
      "ERR_CONNECT_FAIL 111",
      "(111) Connection refused",
      "Connection to 10.0.0.12 failed.",
    ),
  },
  {
    id: "squid-page-connect-timeout",
    kind: "page",
    product: "squid",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 503,
    state: "firewallOrigin",
    meaning:
      "Squid could not open a connection to the server behind it within connect_timeout: packets are dropped by a firewall, or the host is down or overloaded.",
    confidence: "medium",
    confidenceReason:
      "A firewall dropping packets is the usual reason; an overloaded host looks the same.",
    anchors: ["squid"],
    pattern: /ERR_CONNECT_FAIL 110\b|\(110\) Connection timed out/,
    example: SQUID_PAGE(
      "ERR_CONNECT_FAIL 110",
      "(110) Connection timed out",
      "Connection to 10.0.0.12 failed.",
    ),
  },
  {
    id: "squid-page-unreachable",
    kind: "page",
    product: "squid",
    layer: "network",
    cause: "upstream-unreachable",
    status: 503,
    state: "firewallOrigin",
    meaning:
      "There is no network path from Squid to the server's address: the host is gone, the address is wrong, or a firewall rejects the traffic.",
    confidence: "medium",
    confidenceReason: "A rejecting firewall and a missing host both produce this.",
    anchors: ["squid"],
    pattern:
      /ERR_CONNECT_FAIL 1(?:13|01)\b|\((?:113|101)\) (?:No route to host|Network is unreachable|Host is unreachable)/,
    example: SQUID_PAGE(
      "ERR_CONNECT_FAIL 113",
      "(113) No route to host",
      "Connection to 10.0.0.12 failed.",
    ),
  },
  {
    id: "squid-page-connect-fail",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Squid could not connect to the server behind it. The 'system returned' line says why; a stopped origin is the most common reason.",
    confidence: "medium",
    confidenceReason: "The page without its system message does not say how the connection failed.",
    anchors: ["squid"],
    pattern: /ERR_CONNECT_FAIL(?!\/)|Connection to \S{1,255} failed\./,
    example: SQUID_PAGE("ERR_CONNECT_FAIL 0", "[No Error]", "Connection to 10.0.0.12 failed."),
  },
  {
    id: "squid-page-read-timeout",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "Squid connected to the server behind it and sent the request, but no answer came within read_timeout (15 minutes unless changed): the app is slow or stuck.",
    confidence: "high",
    confidenceReason: "ERR_READ_TIMEOUT is Squid's page for an expired read timeout.",
    anchors: ["squid"],
    pattern: /ERR_READ_TIMEOUT(?!\/)|waiting to read data from the network/,
    example: SQUID_PAGE("ERR_READ_TIMEOUT 0", "[No Error]", "Read Timeout"),
  },
  {
    id: "squid-page-zero-size",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The server behind Squid accepted the request and closed the connection without sending anything: the app crashed or was killed handling it.",
    confidence: "high",
    confidenceReason:
      "Squid shows this page only for an empty reply (observed in the lab, Squid 5.7).",
    anchors: ["squid"],
    pattern: /ERR_ZERO_SIZE_OBJECT(?!\/)|Squid did not receive any data for this request/,
    example: SQUID_PAGE("ERR_ZERO_SIZE_OBJECT 0", "[No Error]", "Zero Sized Reply"),
  },
  {
    id: "squid-page-read-reset",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "connection-reset",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "The server behind Squid reset the connection while Squid read its answer: the app crashed mid-request, or it closed a keep-alive connection Squid had just reused.",
    confidence: "medium",
    confidenceReason: "A crash and a keep-alive timeout mismatch both reset the connection.",
    anchors: ["squid"],
    pattern: /ERR_READ_ERROR 104\b|\(104\) Connection reset by peer/,
    example: SQUID_PAGE("ERR_READ_ERROR 104", "(104) Connection reset by peer", "Read Error"),
  },
  {
    id: "squid-page-no-path",
    kind: "page",
    product: "squid",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 502,
    state: "appDown",
    meaning:
      "Squid found nowhere to send the request: it had marked every parent (the origin server of a reverse proxy) dead after failed connections, or the origin's name did not resolve. Squid 5 shows this as a Read Error with no system error.",
    confidence: "low",
    confidenceReason:
      "Observed in the lab, Squid 5.7, for a dead parent; a failed DNS lookup shows the same page.",
    anchors: ["squid"],
    pattern: /ERR_READ_ERROR 0\b|Read Error[\s\S]{0,200}\[No Error\]/,
    example: SQUID_PAGE("ERR_READ_ERROR 0", "[No Error]", "Read Error"),
  },
  {
    id: "squid-page-read-error",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "Squid lost the connection to the server behind it while reading the answer: the app closed it or crashed part-way.",
    confidence: "medium",
    confidenceReason: "The system message on the page narrows down how the read failed.",
    anchors: ["squid"],
    pattern: /ERR_READ_ERROR(?!\/)|An error condition occurred while reading data from the network/,
    example: SQUID_PAGE("ERR_READ_ERROR 32", "(32) Broken pipe", "Read Error"),
  },
  {
    id: "squid-page-invalid-response",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "The server behind Squid answered with something that is not valid HTTP: its port speaks another protocol, or the app writes output before its headers.",
    confidence: "high",
    confidenceReason: "ERR_INVALID_RESP is Squid's page for an unparseable reply.",
    anchors: ["squid"],
    pattern: /ERR_INVALID_RESP(?!\/)|could not be understood or was otherwise malformed/,
    example: SQUID_PAGE("ERR_INVALID_RESP 0", "[No Error]", "Invalid Response"),
  },
  {
    id: "squid-page-dns-fail",
    kind: "page",
    product: "squid",
    layer: "dns",
    cause: "upstream-dns",
    status: 503,
    state: "dnsUpstreamResolver",
    meaning:
      "Squid could not resolve the host name of the server it should forward to. Check the name (cache_peer or the URL) and the DNS servers Squid uses (dns_nameservers).",
    confidence: "high",
    confidenceReason: "ERR_DNS_FAIL is Squid's page for a failed lookup.",
    anchors: ["squid"],
    pattern: /ERR_DNS_FAIL(?!\/)|Unable to determine IP address from host name/,
    example: SQUID_PAGE(
      "ERR_DNS_FAIL 0",
      "[No Error]",
      "Unable to determine IP address from host name app.internal",
    ),
  },
  {
    id: "squid-page-cannot-forward",
    kind: "page",
    product: "squid",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "badNode",
    meaning:
      "Squid could not forward the request to the origin or to any parent: every path it may use is down or not allowed (never_direct with all parents dead).",
    confidence: "medium",
    confidenceReason:
      "Dead parents are usual; a cache_peer_access or never_direct rule gives the same page.",
    anchors: ["squid"],
    pattern: /ERR_CANNOT_FORWARD(?!\/)|Unable to forward this request at this time/,
    example: SQUID_PAGE(
      "ERR_CANNOT_FORWARD 0",
      "[No Error]",
      "Unable to forward this request at this time.",
    ),
  },
  {
    id: "squid-page-secure-connect",
    kind: "page",
    product: "squid",
    layer: "tls",
    cause: "upstream-tls",
    status: 503,
    state: "tlsUpstream",
    meaning:
      "Squid's TLS handshake with the server behind it failed: a certificate Squid does not trust, a name mismatch, or no protocol or cipher in common.",
    confidence: "high",
    confidenceReason:
      "ERR_SECURE_CONNECT_FAIL is Squid's page for a failed upstream TLS handshake.",
    anchors: ["squid"],
    pattern: /ERR_SECURE_CONNECT_FAIL(?!\/)|Failed to establish a secure connection to/,
    example: SQUID_PAGE(
      "ERR_SECURE_CONNECT_FAIL 71",
      "(71) Protocol error (TLS code: SQUID_X509_V_ERR_DOMAIN_MISMATCH)",
      "Failed to establish a secure connection to 10.0.0.12",
    ),
  },
  {
    id: "squid-page-gateway-failure",
    kind: "page",
    product: "squid",
    layer: "proxy",
    cause: "proxy-config",
    status: 502,
    state: "configRevert",
    meaning:
      "Squid hit an internal failure or a configuration problem (Gateway Proxy Failure) that stops it forwarding the request.",
    confidence: "medium",
    confidenceReason: "Squid uses this page for several internal and configuration faults.",
    anchors: ["squid"],
    pattern: /ERR_GATEWAY_FAILURE(?!\/)|Gateway Proxy Failure/,
    example: SQUID_PAGE("ERR_GATEWAY_FAILURE 0", "[No Error]", "Gateway Proxy Failure"),
  },
  {
    id: "squid-page-too-big",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "headers-too-large",
    status: 502,
    state: "malformedHeadersTooBig",
    meaning:
      "The request or the reply was bigger than Squid's limits allow (request_header_max_size, reply_header_max_size, reply_body_max_size).",
    confidence: "medium",
    confidenceReason: "The page does not say whether headers or the body were too big.",
    anchors: ["squid"],
    pattern: /ERR_TOO_BIG(?!\/)|The request or reply is too large/,
    example: SQUID_PAGE("ERR_TOO_BIG 0", "[No Error]", "The request or reply is too large."),
  },
  {
    id: "squid-page-socket-failure",
    kind: "page",
    product: "squid",
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "Squid could not create a socket for the outgoing connection, usually because it ran out of file descriptors under load.",
    confidence: "medium",
    confidenceReason: "Descriptor exhaustion is the usual reason; the system message says which.",
    anchors: ["squid"],
    pattern: /ERR_SOCKET_FAILURE(?!\/)|Squid is unable to create a TCP socket/,
    example: SQUID_PAGE("ERR_SOCKET_FAILURE 24", "(24) Too many open files", "Socket Failure"),
  },
  {
    id: "squid-page-write-error",
    kind: "page",
    product: "squid",
    layer: "app",
    cause: "connection-reset",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "Squid could not send the request to the server behind it: the connection broke while writing, usually a server that closed a connection Squid was reusing, or one that crashed.",
    confidence: "medium",
    confidenceReason: "The system message says how the write failed; a closed keep-alive is usual.",
    anchors: ["squid"],
    pattern: /ERR_WRITE_ERROR(?!\/)|An error condition occurred while writing to the network/,
    example: SQUID_PAGE("ERR_WRITE_ERROR 32", "(32) Broken pipe", "Write Error"),
  },
  {
    id: "squid-page-lifetime",
    kind: "page",
    product: "squid",
    layer: "proxy",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutRaiseLimits",
    meaning:
      "Squid ended the request because it ran longer than client_lifetime (a day unless changed) allows: a very long download or a request that never finished.",
    confidence: "medium",
    confidenceReason: "A stuck request is usual; a legitimately huge transfer hits the same limit.",
    anchors: ["squid"],
    pattern: /ERR_LIFETIME_EXP(?!\/)|exceeded the maximum connection lifetime/,
    example: SQUID_PAGE("ERR_LIFETIME_EXP 0", "[No Error]", "Connection Lifetime Expired"),
  },
  {
    id: "squid-page-icap-failure",
    kind: "page",
    product: "squid",
    layer: "proxy",
    cause: "proxy-config",
    status: 500,
    state: "configRevert",
    meaning:
      "The ICAP service Squid hands content to (an antivirus or filter) failed, so Squid could not complete the request even though the server behind it may be fine.",
    confidence: "high",
    confidenceReason: "ERR_ICAP_FAILURE names the adaptation service, not the origin.",
    anchors: ["squid"],
    pattern: /ERR_ICAP_FAILURE(?!\/)|ICAP protocol error/,
    example: SQUID_PAGE("ERR_ICAP_FAILURE 0", "[No Error]", "ICAP protocol error."),
  },
  {
    id: "squid-page-forwarding-denied",
    kind: "page",
    product: "squid",
    layer: "proxy",
    cause: "proxy-config",
    status: 403,
    state: "configRevert",
    meaning:
      "Squid will not forward the request because the client is itself a cache using Squid as a sibling: the peer relationship in cache_peer is set up the wrong way round.",
    confidence: "high",
    confidenceReason: "ERR_FORWARDING_DENIED is written only for a sibling asking to forward.",
    anchors: ["squid"],
    pattern: /ERR_FORWARDING_DENIED(?!\/)|This cache will not forward your request/,
    example: SQUID_PAGE("ERR_FORWARDING_DENIED 0", "[No Error]", "Forwarding Denied."),
  },
  {
    id: "squid-page-access-denied",
    kind: "page",
    product: "squid",
    layer: "proxy",
    cause: "edge-blocked",
    status: 403,
    state: "wafRules",
    meaning:
      "Squid refused the request because of its own access rules (http_access): the request never reached the server behind it.",
    confidence: "high",
    confidenceReason: "ERR_ACCESS_DENIED is Squid's page for a request its ACLs deny.",
    anchors: ["squid"],
    pattern:
      /ERR_(?:CACHE_)?ACCESS_DENIED(?!\/)|Access control configuration prevents your request/,
    example: SQUID_PAGE("ERR_ACCESS_DENIED 0", "[No Error]", "Access Denied."),
  },
];

// Traffic Server's pages: the default body_factory templates (Debian's trafficserver
// package, /etc/trafficserver/body_factory/default) and the reason phrases observed in the
// lab, Traffic Server 9.2. The pages carry no vendor name; their titles are distinctive.
const ATS_PAGE = (status: string, title: string, description: string) =>
  `HTTP/1.1 ${status}\nServer: ATS/9.2.9\nCache-Control: no-store\nContent-Type: text/html\n\n<HTML>\n<HEAD>\n<TITLE>${title}</TITLE>\n</HEAD>\n\n<BODY BGCOLOR="white" FGCOLOR="black">\n<H1>${title}</H1>\n<HR>\n\n<FONT FACE="Helvetica,Arial"><B>\nDescription: ${description}\n</B></FONT>\n<HR>\n</BODY>`;

const trafficServerPageRules: Rule[] = [
  {
    id: "ats-page-refused",
    kind: "page",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "Traffic Server tried to connect to the origin and was refused: nothing listens on that address and port. The origin is stopped, crashed, or remap.config points at the wrong port.",
    confidence: "high",
    confidenceReason: "The reason phrase 'Connection refused' names the failure.",
    anchors: ["could not connect to the requested server host", "connection refused"],
    pattern: /\b502 Connection refused\b/i,
    example: ATS_PAGE(
      "502 Connection refused",
      "Could Not Connect",
      "Could not connect to the requested server host.",
    ),
  },
  {
    id: "ats-page-could-not-connect",
    kind: "page",
    product: "trafficserver",
    layer: "proxy",
    // Observed in the lab, Traffic Server 9.2: this page (reason "connect failed" or none at
    // all) for a connection that timed out and for a rejected TLS certificate alike.
    cause: "status-only",
    status: 502,
    state: "proxyUpstream",
    title: "Traffic Server could not connect to the origin",
    meaning:
      "Traffic Server could not establish a usable connection to the origin: it was not accepted in time, or the TLS handshake failed. Its error.log CONNECT line names the failure.",
    confidence: "low",
    confidenceReason:
      "Without 'Connection refused' as the reason phrase, the page covers a timeout and a TLS failure alike.",
    anchors: ["could not connect to the requested server host"],
    example: ATS_PAGE(
      "502 connect failed",
      "Could Not Connect",
      "Could not connect to the requested server host.",
    ),
  },
  {
    id: "ats-page-inactivity-timeout",
    kind: "page",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "Traffic Server connected to the origin and sent the request, but the origin sent nothing before transaction_no_activity_timeout_out (30 s unless changed): the app is slow or stuck.",
    confidence: "high",
    confidenceReason: "Traffic Server shows this page only when its inactivity timeout expires.",
    anchors: ["too much time has passed without sending any data"],
    example: ATS_PAGE(
      "504 Connection Timed Out",
      "Inactivity Timeout",
      "Too much time has passed without sending any data for document.",
    ),
  },
  {
    id: "ats-page-activity-timeout",
    kind: "page",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "The whole transaction took longer than Traffic Server's transaction_active_timeout_out: the origin kept sending, but too slowly or for too long.",
    confidence: "medium",
    confidenceReason:
      "A slow origin is usual; a very large response on a slow link looks the same.",
    anchors: ["too much time has passed transmitting document"],
    example: ATS_PAGE(
      "504 Connection Timed Out",
      "Activity Timeout",
      "Too much time has passed transmitting document.",
    ),
  },
  {
    id: "ats-page-invalid-response",
    kind: "page",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "The origin answered with something that is not HTTP: its port speaks another protocol (TLS, a database) or the app writes output before its headers.",
    confidence: "high",
    confidenceReason: "The reason phrase 'Invalid HTTP Response' names the failure.",
    anchors: ["did not return the document correctly", "invalid http response"],
    example: ATS_PAGE(
      "502 Invalid HTTP Response",
      "Web Server Error",
      "The host requested did not return the document correctly.",
    ),
  },
  {
    id: "ats-page-malformed-status",
    kind: "page",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The origin closed or reset the connection before sending a status line: the app crashed or was killed handling the request, or it closed a keep-alive connection Traffic Server had reused.",
    confidence: "medium",
    confidenceReason:
      "Observed in the lab, Traffic Server 9.2, for a close and a reset; a truncated status line gives the same phrase.",
    anchors: ["did not return the document correctly", "malformed server response status"],
    example: ATS_PAGE(
      "502 Malformed Server Response Status",
      "Web Server Error",
      "The host requested did not return the document correctly.",
    ),
  },
  {
    id: "ats-page-web-server-error",
    kind: "page",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "Traffic Server could not use the origin's answer: it was not valid HTTP, or the connection broke before a full status line.",
    confidence: "low",
    confidenceReason:
      "Without the status line's reason phrase this page covers invalid, closed and reset answers alike.",
    anchors: ["did not return the document correctly"],
    example: ATS_PAGE(
      "502 Bad Gateway",
      "Web Server Error",
      "The host requested did not return the document correctly.",
    ),
  },
  {
    id: "ats-page-hangup",
    kind: "page",
    product: "trafficserver",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The origin closed the connection before the transaction completed: the app crashed or was killed handling the request.",
    confidence: "high",
    confidenceReason: "Traffic Server shows this page only when the origin hangs up.",
    anchors: ["closed the connection before the transaction was completed"],
    example: ATS_PAGE(
      "502 Server Hangup",
      "Server Connection Closed",
      "The server requested closed the connection before the transaction was completed.",
    ),
  },
  {
    id: "ats-page-unknown-host",
    kind: "page",
    product: "trafficserver",
    layer: "dns",
    cause: "upstream-dns",
    status: 502,
    state: "dnsUpstreamResolver",
    meaning:
      "Traffic Server could not resolve the origin's host name from remap.config: the name is wrong, or its resolver does not know it.",
    confidence: "high",
    confidenceReason: "Traffic Server shows this page only for a failed lookup.",
    anchors: ["unable to locate the server requested"],
    example: ATS_PAGE(
      "502 Cannot find server.",
      "Unknown Host",
      "Unable to locate the server requested --- the server does not have a DNS entry.",
    ),
  },
  {
    id: "ats-page-cycle",
    kind: "page",
    product: "trafficserver",
    layer: "proxy",
    cause: "proxy-config",
    status: 400,
    state: "configRevert",
    meaning:
      "Forwarding the request would send it back through Traffic Server itself: remap.config or a parent points at the proxy instead of the origin.",
    confidence: "high",
    confidenceReason: "Traffic Server detects the loop from its own Via header.",
    anchors: ["would cause an http proxy cycle"],
    example: ATS_PAGE(
      "400 Cycle Detected",
      "Cycle Prohibited",
      "Could not process your request for the document because it would cause an HTTP proxy cycle.",
    ),
  },
];

// h2o answers "502 Gateway Error" with the HTTP client's error as the whole body
// (lib/core/proxy.c, h2o_send_error_502; observed in the lab, h2o 2.2.5).
const H2O_PAGE = (message: string) =>
  `HTTP/1.1 502 Gateway Error\nconnection: keep-alive\ncontent-length: ${message.length}\nserver: h2o/2.2.5\ncontent-type: text/plain; charset=utf-8\n\n${message}`;

const h2oPageRules: Rule[] = [
  {
    id: "h2o-page-refused",
    kind: "page",
    product: "h2o",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "h2o could not connect to the upstream: it refused the connection or cannot be reached. The app is stopped, crashed, or proxy.reverse.url points elsewhere.",
    confidence: "medium",
    confidenceReason:
      "h2o 2.2 says 'connection failed' for any failed connect other than a timeout.",
    anchors: ["502 gateway error"],
    pattern: /^connection (?:failed|refused|failure)\s{0,4}$/m,
    example: H2O_PAGE("connection failed"),
  },
  {
    id: "h2o-page-connect-timeout",
    kind: "page",
    product: "h2o",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 502,
    state: "firewallOrigin",
    meaning:
      "h2o could not open a connection to the upstream in time: packets are dropped by a firewall, or the host is down or overloaded.",
    confidence: "medium",
    confidenceReason: "A firewall is usual; an overloaded host looks the same.",
    anchors: ["502 gateway error"],
    pattern: /^connection (?:timeout|timed out)\s{0,4}$/m,
    example: H2O_PAGE("connection timeout"),
  },
  {
    id: "h2o-page-cert-expired",
    kind: "page",
    product: "h2o",
    layer: "tls",
    cause: "upstream-tls-invalid-certificate",
    status: 502,
    state: "tlsRenew",
    meaning:
      "h2o rejected the upstream's TLS certificate because it has expired: renew the upstream's certificate.",
    confidence: "high",
    confidenceReason:
      "The page names the failed certificate check (observed in the lab, h2o 2.2.5).",
    anchors: ["502 gateway error", "certificate has expired"],
    example: H2O_PAGE("certificate has expired"),
  },
  {
    id: "h2o-page-io-timeout",
    kind: "page",
    product: "h2o",
    layer: "app",
    cause: "upstream-timeout",
    status: 502,
    state: "timeoutProxyRead",
    meaning:
      "h2o reached the upstream but the answer did not come within proxy.timeout.io: the app is slow or stuck.",
    confidence: "high",
    confidenceReason: "h2o writes this only when its upstream timeout expires.",
    anchors: ["502 gateway error"],
    pattern: /^(?:I\/O|first byte) timeout\s{0,4}$/m,
    example: H2O_PAGE("I/O timeout"),
  },
  {
    id: "h2o-page-parse-failed",
    kind: "page",
    product: "h2o",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "The upstream's answer was not valid HTTP: the port speaks another protocol or the app writes output before its headers.",
    confidence: "high",
    confidenceReason: "h2o writes this only for an unparseable upstream response.",
    anchors: ["502 gateway error", "failed to parse the response"],
    example: H2O_PAGE("failed to parse the response"),
  },
  {
    id: "h2o-page-io-error",
    kind: "page",
    product: "h2o",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The upstream closed or reset the connection before its answer was complete: the app crashed or was killed, or it closed a keep-alive connection h2o had reused.",
    confidence: "medium",
    confidenceReason: "In the lab a close and a reset both gave 'I/O error'.",
    anchors: ["502 gateway error", "i/o error"],
    example: H2O_PAGE("I/O error (head)"),
  },
];

// lighttpd's own error pages are a bare XHTML page with the status as title; only the
// Server header says lighttpd wrote it. Status to cause as observed in the lab, lighttpd
// 1.4.69 mod_proxy (https://redmine.lighttpd.net/projects/lighttpd/wiki/Mod_proxy).
const LIGHTTPD_PAGE = (status: string) =>
  `HTTP/1.1 ${status}\ncontent-type: text/html\ncontent-length: 361\nserver: lighttpd/1.4.69\n\n<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n <head>\n  <title>${status}</title>\n </head>\n <body>\n  <h1>${status}</h1>\n </body>\n</html>`;

const lighttpdPageRules: Rule[] = [
  {
    id: "lighttpd-page-503",
    kind: "page",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "lighttpd could not connect to the backend behind it (refused, or not accepted in time) and has disabled it for a moment. The error log's 'establishing connection failed' line says which.",
    confidence: "medium",
    confidenceReason:
      "Observed in the lab for a refused and a timed-out connection; an overloaded backend also gets 503.",
    anchors: ["lighttpd", "503 service unavailable"],
    pattern: /HTTP\/[\d.]{1,3} 503\b/,
    example: LIGHTTPD_PAGE("503 Service Unavailable"),
  },
  {
    id: "lighttpd-page-504",
    kind: "page",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "lighttpd sent the request to the backend, which did not answer within read-timeout: the app is slow or stuck.",
    confidence: "medium",
    confidenceReason: "lighttpd answers 504 for its backend read timeout (observed in the lab).",
    anchors: ["lighttpd", "504 gateway timeout"],
    pattern: /HTTP\/[\d.]{1,3} 504\b/,
    example: LIGHTTPD_PAGE("504 Gateway Timeout"),
  },
  {
    id: "lighttpd-page-502",
    kind: "page",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "lighttpd got an answer from the backend that is not valid HTTP: its port speaks another protocol or the app writes output before its headers.",
    confidence: "medium",
    confidenceReason: "Observed in the lab for a non-HTTP answer, which lighttpd does not log.",
    anchors: ["lighttpd", "502 bad gateway"],
    pattern: /HTTP\/[\d.]{1,3} 502\b/,
    example: LIGHTTPD_PAGE("502 Bad Gateway"),
  },
  {
    id: "lighttpd-page-500",
    kind: "page",
    product: "lighttpd",
    layer: "app",
    cause: "upstream-closed",
    status: 500,
    state: "appCrashing",
    meaning:
      "lighttpd answers 500 when the backend closes or resets the connection without a response: the app crashed or was killed handling the request. A lighttpd configuration error also gives 500.",
    confidence: "low",
    confidenceReason:
      "Observed in the lab for a closed and a reset backend connection; other server errors give the same page.",
    anchors: ["lighttpd", "500 internal server error"],
    pattern: /HTTP\/[\d.]{1,3} 500\b/,
    example: LIGHTTPD_PAGE("500 Internal Server Error"),
  },
];

// Cloudflare's older 52x pages: "Error 52x", a one-line heading, and "Ray ID: <hex> •
// <time>" at the bottom, with no "Cloudflare" word or "Error code" label
// (https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/).
const OLD_CLOUDFLARE = (code: number, heading: string) =>
  `Error ${code}\n${heading}\nshop.example.com\nWhat happened?\n...\nRay ID: 5b3f2a1c9d8e7f60 &bull; 2019-11-21 01:02:03 UTC`;
// The code may sit in its own <span> after "Error"; the Ray ID is what makes it Cloudflare's.
const legacyCode = (code: number) => new RegExp(`\\bError[^0-9\\n]{0,120}${code}\\b|\\| ${code}: `);

function oldCloudflare(
  code: number,
  heading: string,
  rule: Pick<Rule, "cause" | "state" | "layer" | "meaning" | "confidence" | "confidenceReason">,
): Rule {
  return {
    id: `cloudflare-legacy-${code}`,
    kind: "page",
    product: "cloudflare",
    status: code,
    ...rule,
    anchors: ["ray id", String(code)],
    pattern: legacyCode(code),
    example: OLD_CLOUDFLARE(code, heading),
  };
}

const oldCloudflareRules: Rule[] = [
  oldCloudflare(520, "Web server is returning an unknown error", {
    cause: "origin-unknown-response",
    state: "cf520",
    layer: "app",
    meaning:
      "Cloudflare reached your origin, but its answer was empty, broken or unexpected: the app crashed, reset the connection, or sent headers over 16 KB.",
    confidence: "high",
    confidenceReason: "The page names the 520 code and carries Cloudflare's Ray ID.",
  }),
  oldCloudflare(521, "Web server is down", {
    cause: "upstream-refused",
    state: "cf521",
    layer: "app",
    meaning:
      "Cloudflare's connection to your origin was refused: the web server is stopped, or a firewall rejects Cloudflare's addresses.",
    confidence: "high",
    confidenceReason: "The page names the 521 code and carries Cloudflare's Ray ID.",
  }),
  oldCloudflare(522, "Connection timed out", {
    cause: "upstream-connect-timeout",
    state: "cf522",
    layer: "network",
    meaning:
      "Cloudflare could not complete a TCP connection to your origin in time: a firewall drops its packets, the origin is overloaded, or the DNS record points at the wrong address.",
    confidence: "high",
    confidenceReason: "The page names the 522 code and carries Cloudflare's Ray ID.",
  }),
  oldCloudflare(523, "Origin is unreachable", {
    cause: "upstream-unreachable",
    state: "cf523",
    layer: "network",
    meaning:
      "Cloudflare has no route to your origin's address: the A/AAAA record is wrong or the network in front of the origin is down.",
    confidence: "high",
    confidenceReason: "The page names the 523 code and carries Cloudflare's Ray ID.",
  }),
  oldCloudflare(524, "A timeout occurred", {
    cause: "upstream-timeout",
    state: "cf524",
    layer: "app",
    meaning:
      "Cloudflare connected to your origin, but no HTTP answer came within 100 seconds: a slow request in the app.",
    confidence: "high",
    confidenceReason: "The page names the 524 code and carries Cloudflare's Ray ID.",
  }),
  oldCloudflare(525, "SSL handshake failed", {
    cause: "upstream-tls",
    state: "cf525",
    layer: "tls",
    meaning:
      "The TLS handshake between Cloudflare and your origin failed: no certificate on port 443, no common protocol or cipher, or SNI not configured.",
    confidence: "high",
    confidenceReason: "The page names the 525 code and carries Cloudflare's Ray ID.",
  }),
  oldCloudflare(526, "Invalid SSL certificate", {
    cause: "upstream-tls-invalid-certificate",
    state: "cf526",
    layer: "tls",
    meaning:
      "Cloudflare (in Full strict mode) rejected your origin's certificate: expired, self-signed, or for another name.",
    confidence: "high",
    confidenceReason: "The page names the 526 code and carries Cloudflare's Ray ID.",
  }),
];

/** Whole-paste rules, placed after the main catalog's page rules. */
export const gatewayPageRules: Rule[] = [
  ...squidPageRules,
  ...trafficServerPageRules,
  ...h2oPageRules,
  ...lighttpdPageRules,
  ...oldCloudflareRules,
];
