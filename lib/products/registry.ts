/**
 * The one product registry: every gateway, platform and app server Gateway Doctor
 * recognises, with the signatures it leaves in a response and the upstream timeouts it
 * applies by default. The probe detects vendors and causes from it, the diagnosis
 * machine derives its CDN and load-balancer lists from the roles, and the analyzer
 * names products by the same ids.
 *
 * Weights: 10 for a header only that product sends, 7–9 for a Server or Via token a
 * CDN in front could relay, 2–6 for page text. Each product cites its sources.
 */
import type { Product, ProductRole } from "./types";

export type { Product, ProductRole } from "./types";
export { PRODUCT_ROLES } from "./types";

const server = (value: RegExp, weight = 7) => ({ header: "server", value, weight });

const PRODUCT_LIST: readonly Product[] = [
  // ── CDNs and edge firewalls ─────────────────────────────────────────────
  {
    id: "cloudflare",
    name: "Cloudflare",
    role: "cdn",
    headers: [
      { header: "cf-ray", value: /./, weight: 10 },
      server(/^cloudflare/i, 10),
      { header: "cf-error-type", value: /./, weight: 10 },
    ],
    bodyMarkers: [
      {
        pattern: /id="cf-wrapper"|cf-error-details|\/cdn-cgi\/styles\//i,
        weight: 4,
        label: "Cloudflare error page markup",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [{ pattern: /Error 1016|Origin DNS error/i, cause: "upstream-dns" }],
    causeHeaders: ["cf-error-type"],
    referenceHeaders: ["cf-ray"],
    timeouts: [
      // 524 after 100 s without a response; 522 when the TCP handshake takes over 15 s (doc below).
      { setting: "Proxy Read Timeout", seconds: 100, cause: "upstream-timeout" },
      { setting: "origin TCP connect", seconds: 15, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/",
    ],
  },
  {
    id: "cloudfront",
    name: "Amazon CloudFront",
    role: "cdn",
    headers: [
      { header: "x-amz-cf-id", value: /./, weight: 10 },
      { header: "x-cache", value: /cloudfront/i, weight: 10 },
      { header: "via", value: /cloudfront/i, weight: 9 },
    ],
    bodyMarkers: [
      {
        pattern: /The request could not be satisfied/i,
        weight: 4,
        label: 'CloudFront\'s "The request could not be satisfied" page',
      },
    ],
    reasonPhrases: [],
    bodyCauses: [],
    referenceHeaders: ["x-amz-cf-id"],
    timeouts: [
      { setting: "Response timeout (origin read timeout)", seconds: 30, cause: "upstream-timeout" },
      { setting: "Connection timeout", seconds: 10, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html",
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-502-bad-gateway.html",
    ],
  },
  {
    id: "fastly",
    name: "Fastly",
    role: "cdn",
    headers: [
      { header: "x-served-by", value: /cache-/i, weight: 9 },
      { header: "x-fastly-request-id", value: /./, weight: 10 },
    ],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [
      { pattern: /first byte timeout/i, cause: "upstream-timeout" },
      { pattern: /All backends failed or unhealthy/i, cause: "no-healthy-upstream" },
      { pattern: /backend read error/i, cause: "upstream-closed" },
    ],
    referenceHeaders: ["x-fastly-request-id"],
    timeouts: [
      { setting: "first_byte_timeout", seconds: 15, cause: "upstream-timeout" },
      { setting: "connect_timeout", seconds: 1, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://docs.fastly.com/en/guides/common-503-errors",
      "https://www.fastly.com/documentation/reference/api/services/backend/",
    ],
  },
  {
    id: "akamai",
    name: "Akamai",
    role: "cdn",
    headers: [server(/AkamaiGHost|AkamaiNetStorage/i, 10)],
    bodyMarkers: [
      {
        pattern: /Reference #\d+\.[0-9a-f]+\.\d+/i,
        weight: 6,
        label: "Akamai reference number in the page",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [{ setting: "Origin read timeout", seconds: 120, cause: "upstream-timeout" }],
    sources: [
      "https://techdocs.akamai.com/property-mgr/docs/timeouts",
      "https://techdocs.akamai.com/edge-diagnostics/docs/translate-error-string",
    ],
  },
  {
    id: "azure-front-door",
    name: "Azure Front Door",
    role: "cdn",
    headers: [
      { header: "x-azure-ref", value: /./, weight: 10 },
      { header: "x-msedge-ref", value: /./, weight: 10 },
    ],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [{ pattern: /OriginTimeout/i, cause: "upstream-timeout" }],
    referenceHeaders: ["x-azure-ref", "x-msedge-ref"],
    timeouts: [{ setting: "Origin response timeout", seconds: 60, cause: "upstream-timeout" }],
    sources: [
      "https://learn.microsoft.com/en-us/azure/frontdoor/troubleshoot-issues",
      "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-faq",
    ],
  },
  {
    id: "imperva",
    name: "Imperva (Incapsula)",
    role: "cdn",
    headers: [{ header: "x-iinfo", value: /./, weight: 10 }],
    bodyMarkers: [
      { pattern: /Incapsula incident ID/i, weight: 6, label: "Incapsula incident page" },
    ],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [],
    sources: [
      "https://docs.imperva.com/bundle/cloud-application-security/page/settings/incapsula-error-codes.htm",
    ],
  },
  {
    id: "sucuri",
    name: "Sucuri firewall",
    role: "cdn",
    headers: [{ header: "x-sucuri-id", value: /./, weight: 10 }],
    bodyMarkers: [
      { pattern: /Sucuri WebSite Firewall/i, weight: 6, label: "Sucuri firewall page" },
    ],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [],
    sources: ["https://docs.sucuri.net/website-firewall/troubleshooting/"],
  },
  {
    id: "aws-waf",
    name: "AWS WAF",
    role: "cdn",
    headers: [{ header: "x-amzn-waf-action", value: /./, weight: 10 }],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [],
    sources: [
      "https://docs.aws.amazon.com/waf/latest/developerguide/waf-captcha-and-challenge-how-it-works.html",
    ],
  },

  // ── Managed load balancers ──────────────────────────────────────────────
  {
    id: "aws-alb",
    name: "AWS Application Load Balancer",
    aliases: ["Classic Load Balancer (ELB)"],
    role: "load-balancer",
    headers: [server(/^awselb/i, 10)],
    bodyMarkers: [
      {
        pattern: /<center>awselb\/[\d.]+<\/center>/i,
        weight: 5,
        label: "awselb signature in the page",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [
      { setting: "idle_timeout.timeout_seconds", seconds: 60, cause: "upstream-timeout" },
      { setting: "target connection (fixed)", seconds: 10, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout",
    ],
  },
  {
    id: "aws-api-gateway",
    name: "Amazon API Gateway",
    role: "load-balancer",
    headers: [
      { header: "x-amz-apigw-id", value: /./, weight: 10 },
      { header: "x-amzn-errortype", value: /./, weight: 8 },
    ],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [{ pattern: /Endpoint request timed out/i, cause: "upstream-timeout" }],
    causeHeaders: ["x-amzn-errortype"],
    referenceHeaders: ["x-amzn-requestid"],
    timeouts: [{ setting: "integration timeout", seconds: 29, cause: "upstream-timeout" }],
    sources: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html"],
  },
  {
    id: "azure-app-gateway",
    name: "Azure Application Gateway",
    role: "load-balancer",
    headers: [server(/Microsoft-Azure-Application-Gateway/i, 10)],
    bodyMarkers: [
      {
        pattern: /Microsoft-Azure-Application-Gateway/i,
        weight: 6,
        label: "Azure Application Gateway page",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [
      { setting: "Request time-out (backend setting)", seconds: 20, cause: "upstream-timeout" },
    ],
    sources: [
      "https://learn.microsoft.com/en-us/azure/application-gateway/configuration-http-settings",
      "https://learn.microsoft.com/en-us/azure/application-gateway/application-gateway-troubleshooting-502",
    ],
  },
  {
    id: "google",
    name: "Google Cloud load balancing",
    role: "load-balancer",
    headers: [{ header: "via", value: /\bgoogle\b/i, weight: 9 }],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [
      { pattern: /backend_timeout/i, cause: "upstream-timeout" },
      { pattern: /failed_to_connect_to_backend/i, cause: "upstream-refused" },
      { pattern: /backend_connection_closed/i, cause: "upstream-closed" },
    ],
    timeouts: [{ setting: "backend service timeout", seconds: 30, cause: "upstream-timeout" }],
    sources: [
      "https://cloud.google.com/load-balancing/docs/backend-service#timeout-setting",
      "https://cloud.google.com/load-balancing/docs/https/https-logging-monitoring#failure-messages",
    ],
  },

  // ── Reverse proxies and web servers ─────────────────────────────────────
  {
    id: "nginx",
    name: "nginx",
    aliases: ["OpenResty", "Tengine", "ingress-nginx"],
    role: "reverse-proxy",
    roleLabel: "web server / reverse proxy",
    headers: [server(/^(nginx|openresty|tengine)/i)],
    bodyMarkers: [
      {
        pattern: /<center>(nginx|openresty|tengine)(\/[\d.]+)?<\/center>/i,
        weight: 5,
        label: "nginx error page signature",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [{ pattern: /no live upstreams/i, cause: "no-healthy-upstream" }],
    timeouts: [
      { setting: "proxy_read_timeout", seconds: 60, cause: "upstream-timeout" },
      { setting: "proxy_connect_timeout", seconds: 60, cause: "upstream-connect-timeout" },
      // ingress-nginx lowers the connect timeout to 5 s in its ConfigMap defaults.
      {
        setting: "ingress-nginx proxy-connect-timeout",
        seconds: 5,
        cause: "upstream-connect-timeout",
      },
    ],
    sources: [
      "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout",
      "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/",
      "https://openresty.org/en/",
    ],
  },
  {
    id: "apache",
    name: "Apache httpd",
    role: "reverse-proxy",
    roleLabel: "web server / reverse proxy",
    headers: [server(/^Apache/i)],
    bodyMarkers: [
      {
        pattern: /The proxy server (received an invalid|could not handle)|<address>Apache/i,
        weight: 5,
        label: "Apache mod_proxy error page",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [
      { pattern: /All workers are in error state/i, cause: "no-healthy-upstream" },
      { pattern: /DNS lookup failure for/i, cause: "upstream-dns" },
      // mod_proxy's reason line for APR 70007, an expired ProxyTimeout.
      { pattern: /The timeout specified has expired/i, cause: "upstream-timeout" },
      // A 500 "Proxy Error" (observed in the lab, Apache 2.4.71 with SSLProxyEngine).
      { pattern: /Error during SSL Handshake with remote server/i, cause: "upstream-tls" },
      // Observed in the lab, Apache 2.4 (Debian): the same reason for a closed connection, a
      // reset, garbage and an expired ProxyTimeout; only timing tells the last apart.
      { pattern: /Error reading from remote server/i, cause: null },
    ],
    // Observed in the lab: mod_proxy answers a backend it cannot connect to with a plain 503.
    statusCauses: { 503: "upstream-refused" },
    timeouts: [
      // ProxyTimeout inherits Timeout: 60 s compiled in, 300 s in Debian's apache2.conf.
      { setting: "ProxyTimeout (= Timeout)", seconds: 60, cause: "upstream-timeout" },
      { setting: "Timeout (Debian apache2.conf)", seconds: 300, cause: "upstream-timeout" },
    ],
    sources: [
      "https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxytimeout",
      "https://httpd.apache.org/docs/2.4/mod/core.html#timeout",
      "observed in the lab, Apache 2.4.71: 503 for refused, 502 Proxy Error otherwise, 500 for upstream TLS",
    ],
  },
  {
    id: "haproxy",
    name: "HAProxy",
    // Self-run, so "reverse-proxy": the machine's "load-balancer" means a managed one set in a console.
    role: "reverse-proxy",
    roleLabel: "load balancer / reverse proxy",
    headers: [],
    bodyMarkers: [
      {
        pattern:
          /<h1>50[234] [^<]+<\/h1>\s*(The server returned an invalid or incomplete response|No server is available to handle this request|The server didn't respond in time)/i,
        weight: 5,
        label: "HAProxy error page",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [
      { pattern: /No server is available to handle this request/i, cause: "no-healthy-upstream" },
      { pattern: /The server didn't respond in time/i, cause: "upstream-timeout" },
      // One page for a closed, reset or garbled answer (observed in the lab, HAProxy 2.6): no
      // cause of its own. Its log tells them apart (PH-- vs SH--).
      { pattern: /The server returned an invalid or incomplete response/i, cause: null },
    ],
    timeouts: [
      // HAProxy has no built-in default; these are the values Debian's haproxy.cfg ships.
      { setting: "timeout server (Debian haproxy.cfg)", seconds: 50, cause: "upstream-timeout" },
      {
        setting: "timeout connect (Debian haproxy.cfg)",
        seconds: 5,
        cause: "upstream-connect-timeout",
      },
    ],
    sources: [
      "https://docs.haproxy.org/2.8/configuration.html#4-timeout%20server",
      "https://docs.haproxy.org/2.8/configuration.html#8.5",
      "observed in the lab, HAProxy 2.6.12: 503 after three 1 s connect retries to a refused server",
    ],
  },
  {
    id: "caddy",
    name: "Caddy",
    role: "reverse-proxy",
    roleLabel: "web server / reverse proxy",
    headers: [server(/^Caddy/i)],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [
      { setting: "transport http dial_timeout", seconds: 3, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://caddyserver.com/docs/caddyfile/directives/reverse_proxy#the-http-transport",
      "observed in the lab, Caddy 2.6.2: empty 502 for every fast failure, 504 on response_header_timeout",
    ],
  },
  {
    id: "go-proxy",
    name: "Caddy, Traefik or another Go proxy",
    role: "reverse-proxy",
    headers: [],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [],
    sources: ["https://pkg.go.dev/net/http/httputil#ReverseProxy"],
  },
  {
    id: "traefik",
    name: "Traefik",
    role: "reverse-proxy",
    headers: [],
    bodyMarkers: [
      {
        pattern: /^(Bad Gateway|Gateway Timeout|Service Unavailable)$/,
        weight: 2,
        label: "Traefik's bare status text",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [
      {
        setting: "serversTransport forwardingTimeouts.dialTimeout",
        seconds: 30,
        cause: "upstream-connect-timeout",
      },
    ],
    sources: ["https://doc.traefik.io/traefik/routing/overview/#forwardingtimeouts"],
  },
  {
    id: "varnish",
    name: "Varnish",
    role: "reverse-proxy",
    roleLabel: "caching proxy",
    headers: [
      { header: "via", value: /varnish/i, weight: 6 },
      { header: "x-varnish", value: /^\d+/, weight: 6 },
    ],
    bodyMarkers: [
      { pattern: /Guru Meditation|Varnish cache server/i, weight: 5, label: "Varnish error page" },
    ],
    // Varnish answers 503 "Backend fetch failed" for every upstream failure: no cause in it.
    // The built-in vcl_backend_error writes that page; the lab saw it for refused, slow,
    // garbage, closed and reset upstreams alike.
    upstreamFailureStatuses: [503],
    reasonPhrases: [],
    bodyCauses: [],
    referenceHeaders: ["x-varnish"],
    timeouts: [
      { setting: "first_byte_timeout", seconds: 60, cause: "upstream-timeout" },
      { setting: "between_bytes_timeout", seconds: 60, cause: "upstream-timeout" },
      { setting: "connect_timeout", seconds: 3.5, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://varnish-cache.org/docs/trunk/reference/varnishd.html#first-byte-timeout",
      "https://varnish-cache.org/docs/trunk/users-guide/vcl-built-in-subs.html#vcl-backend-error",
      "observed in the lab, Varnish 7.1: 503 Backend fetch failed for refused, slow, garbage and closed",
    ],
  },
  {
    id: "lighttpd",
    name: "lighttpd",
    role: "reverse-proxy",
    roleLabel: "web server / reverse proxy",
    headers: [server(/^lighttpd/i)],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    // Observed in the lab, lighttpd 1.4.69 mod_proxy: a bare page whose status is the only clue.
    statusCauses: {
      503: "upstream-refused",
      502: "upstream-invalid-response",
      500: "upstream-closed",
    },
    timeouts: [
      { setting: "proxy.server connect-timeout", seconds: 8, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://redmine.lighttpd.net/projects/lighttpd/wiki/Mod_proxy",
      "observed in the lab, lighttpd 1.4.69: 503 refused, 502 garbage, 500 closed or reset, 504 after twice read-timeout",
    ],
  },
  {
    id: "squid",
    name: "Squid",
    role: "reverse-proxy",
    roleLabel: "caching proxy",
    headers: [
      server(/^squid/i),
      { header: "x-squid-error", value: /./, weight: 10 },
      { header: "via", value: /\(squid\b/i, weight: 7 },
      { header: "x-cache", value: /from /i, weight: 3 },
      // Squid relays an upstream that sent no status line as HTTP/0.9 and says so here.
      { header: "x-transformed-from", value: /HTTP\/0\.9/i, weight: 5 },
    ],
    causeHeaders: ["x-squid-error"],
    bodyMarkers: [
      {
        pattern: /Generated .* by .* \(squid\/[\d.]+\)/i,
        weight: 5,
        label: "Squid error page footer",
      },
    ],
    reasonPhrases: [],
    // Squid's error page and X-Squid-Error name the failure by template.
    bodyCauses: [
      {
        pattern: /ERR_CONNECT_FAIL 110|ERR_CONNECT_FAIL.*timed out/i,
        cause: "upstream-connect-timeout",
      },
      { pattern: /ERR_CONNECT_FAIL/, cause: "upstream-refused" },
      { pattern: /ERR_READ_TIMEOUT/, cause: "upstream-timeout" },
      { pattern: /ERR_ZERO_SIZE_OBJECT/, cause: "upstream-closed" },
      // errno 104 is ECONNRESET. "ERR_READ_ERROR 0" ([No Error]) came for a refused
      // connection and a failed TLS handshake alike (observed in the lab, Squid 5.7): no cause.
      { pattern: /ERR_READ_ERROR 104|Connection reset by peer/, cause: "upstream-closed" },
      { pattern: /ERR_READ_ERROR 0\b|\[No Error\]/, cause: null },
      { pattern: /ERR_INVALID_RESP/, cause: "upstream-invalid-response" },
      { pattern: /ERR_DNS_FAIL/, cause: "upstream-dns" },
      { pattern: /ERR_SECURE_CONNECT_FAIL/, cause: "upstream-tls" },
    ],
    timeouts: [
      { setting: "read_timeout", seconds: 900, cause: "upstream-timeout" },
      { setting: "connect_timeout", seconds: 60, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://www.squid-cache.org/Doc/config/read_timeout/",
      "https://www.squid-cache.org/Doc/config/connect_timeout/",
      "https://wiki.squid-cache.org/SquidFaq/SquidLogs",
      "observed in the lab, Squid 5.7: X-Squid-Error per failure, X-Transformed-From: HTTP/0.9 for garbage",
    ],
  },
  {
    id: "trafficserver",
    name: "Apache Traffic Server",
    role: "reverse-proxy",
    roleLabel: "caching proxy",
    headers: [server(/^ATS\//i), { header: "via", value: /ApacheTrafficServer/i, weight: 7 }],
    bodyMarkers: [
      {
        pattern: /<BODY BGCOLOR="white" FGCOLOR="black">\s*<H1>/i,
        weight: 5,
        label: "Traffic Server error page",
      },
    ],
    // Reason phrases observed in the lab, Traffic Server 9.2: "502 Connection refused",
    // "502 Invalid HTTP Response" for garbage, "502 Malformed Server Response Status" for a
    // connection closed or reset before the status line, "504 Connection Timed Out".
    reasonPhrases: [
      { pattern: /Connection refused/i, cause: "upstream-refused" },
      { pattern: /Invalid HTTP Response/i, cause: "upstream-invalid-response" },
      { pattern: /Malformed Server Response Status/i, cause: "upstream-closed" },
      { pattern: /Connection Timed Out|Inactivity Timeout/i, cause: "upstream-timeout" },
    ],
    // Titles of the default body_factory templates shipped in Debian's trafficserver package.
    // "Could Not Connect" also covers a failed TLS handshake to the origin (observed in the
    // lab), so it names no cause on its own.
    bodyCauses: [
      { pattern: /Could Not Connect/i, cause: null },
      { pattern: /Server Connection Closed/i, cause: "upstream-closed" },
      { pattern: /Inactivity Timeout|Activity Timeout/i, cause: "upstream-timeout" },
      { pattern: /Unknown Host/i, cause: "upstream-dns" },
    ],
    timeouts: [
      {
        setting: "proxy.config.http.transaction_no_activity_timeout_out",
        seconds: 30,
        cause: "upstream-timeout",
      },
      {
        setting: "proxy.config.http.connect_attempts_timeout",
        seconds: 30,
        cause: "upstream-connect-timeout",
      },
    ],
    sources: [
      "https://docs.trafficserver.apache.org/en/latest/admin-guide/files/records.yaml.en.html",
      "https://docs.trafficserver.apache.org/en/latest/admin-guide/monitoring/error-messages.en.html",
      "observed in the lab: /etc/trafficserver/body_factory/default, trafficserver (Debian 12)",
    ],
  },
  {
    id: "h2o",
    name: "H2O",
    role: "reverse-proxy",
    roleLabel: "web server / reverse proxy",
    headers: [server(/^h2o/i)],
    bodyMarkers: [],
    // Observed in the lab, h2o 2.2.5: "502 Gateway Error" whatever the failure.
    reasonPhrases: [],
    // h2o's proxy writes the failure as the whole body of its "502 Gateway Error"
    // (observed in the lab, h2o 2.2.5).
    bodyCauses: [
      { pattern: /^connection (failed|refused)$/i, cause: "upstream-refused" },
      { pattern: /^(I\/O|connection) timeout$/i, cause: "upstream-timeout" },
      { pattern: /^failed to parse the response$/i, cause: "upstream-invalid-response" },
      { pattern: /^I\/O error/i, cause: "upstream-closed" },
      // "certificate has expired" for an expired upstream certificate (observed in the lab).
      { pattern: /^certificate /i, cause: "upstream-tls-invalid-certificate" },
      { pattern: /^(SSL|TLS) handshake/i, cause: "upstream-tls" },
    ],
    timeouts: [
      { setting: "proxy.timeout.io", seconds: 30, cause: "upstream-timeout" },
      { setting: "proxy.timeout.connect", seconds: 30, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://h2o.examp1e.net/configure/proxy_directives.html",
      "observed in the lab, h2o 2.2.5: 502 Gateway Error with the failure as the body",
    ],
  },
  {
    id: "envoy",
    name: "Envoy",
    aliases: ["Istio", "Kubernetes ingress (Envoy-based)"],
    role: "reverse-proxy",
    headers: [
      server(/^(istio-)?envoy/i, 8),
      { header: "x-envoy-upstream-service-time", value: /./, weight: 6 },
    ],
    bodyMarkers: [
      {
        pattern:
          /upstream connect error or disconnect\/reset before headers|^no healthy upstream$/i,
        weight: 5,
        label: "Envoy upstream error text",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [
      { pattern: /upstream request timeout/i, cause: "upstream-timeout" },
      { pattern: /no healthy upstream/i, cause: "no-healthy-upstream" },
      {
        pattern: /upstream connect error or disconnect\/reset before headers/i,
        cause: "upstream-closed",
      },
    ],
    timeouts: [
      { setting: "route timeout", seconds: 15, cause: "upstream-timeout" },
      { setting: "cluster connect_timeout", seconds: 5, cause: "upstream-connect-timeout" },
    ],
    sources: [
      "https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#envoy-v3-api-field-config-route-v3-routeaction-timeout",
      "https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/cluster.proto#envoy-v3-api-field-config-cluster-v3-cluster-connect-timeout",
    ],
  },
  {
    id: "iis",
    name: "IIS",
    aliases: ["Application Request Routing", "ASP.NET Core Module"],
    role: "reverse-proxy",
    roleLabel: "web server",
    headers: [server(/^Microsoft-IIS/i)],
    bodyMarkers: [
      {
        pattern:
          /Web server received an invalid response while acting as a gateway or proxy server/i,
        weight: 5,
        label: "IIS ARR error page",
      },
    ],
    reasonPhrases: [],
    bodyCauses: [{ pattern: /502\.3|The operation timed out/i, cause: "upstream-timeout" }],
    timeouts: [{ setting: "aspNetCore requestTimeout", seconds: 120, cause: "upstream-timeout" }],
    sources: [
      "https://learn.microsoft.com/en-us/iis/extensions/troubleshooting-application-request-routing/troubleshooting-502-errors-in-arr",
      "https://learn.microsoft.com/en-us/aspnet/core/host-and-deploy/iis/web-config#attributes-of-the-aspnetcore-element",
    ],
  },
  {
    id: "litespeed",
    name: "LiteSpeed",
    role: "reverse-proxy",
    roleLabel: "web server",
    headers: [server(/^LiteSpeed/i)],
    bodyMarkers: [
      { pattern: /Powered By LiteSpeed Web Server/i, weight: 5, label: "LiteSpeed error page" },
    ],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [
      { setting: "External App Initial Request Timeout", seconds: 60, cause: "upstream-timeout" },
    ],
    sources: ["https://docs.litespeedtech.com/lsws/cp/cpanel/503-errors/"],
  },
  {
    id: "kong",
    name: "Kong",
    role: "reverse-proxy",
    roleLabel: "API gateway",
    headers: [
      server(/^kong/i, 8),
      { header: "via", value: /\bkong\//i, weight: 8 },
      { header: "x-kong-proxy-latency", value: /./, weight: 9 },
      { header: "x-kong-upstream-latency", value: /./, weight: 9 },
    ],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [
      { pattern: /The upstream server is timing out/i, cause: "upstream-timeout" },
      {
        pattern: /An invalid response was received from the upstream server/i,
        cause: "upstream-invalid-response",
      },
      { pattern: /failure to get a peer from the ring-balancer/i, cause: "no-healthy-upstream" },
      { pattern: /name resolution failed/i, cause: "upstream-dns" },
    ],
    referenceHeaders: ["x-kong-request-id"],
    timeouts: [
      { setting: "read_timeout", seconds: 60, cause: "upstream-timeout" },
      { setting: "connect_timeout", seconds: 60, cause: "upstream-connect-timeout" },
    ],
    sources: ["https://docs.konghq.com/gateway/latest/key-concepts/services/"],
  },

  // ── Platforms ────────────────────────────────────────────────────────────
  {
    id: "heroku",
    name: "Heroku router",
    role: "platform",
    roleLabel: "platform router",
    headers: [{ header: "via", value: /vegur|heroku-router/i, weight: 9 }],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [{ setting: "router request timeout (H12)", seconds: 30, cause: "upstream-timeout" }],
    sources: [
      "https://devcenter.heroku.com/articles/request-timeout",
      "https://devcenter.heroku.com/articles/http-routing#heroku-headers",
    ],
  },
  {
    id: "vercel",
    name: "Vercel",
    role: "platform",
    roleLabel: "hosting platform",
    headers: [{ header: "x-vercel-error", value: /./, weight: 10 }, server(/^Vercel/i, 9)],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [{ pattern: /FUNCTION_INVOCATION_TIMEOUT/, cause: "upstream-timeout" }],
    causeHeaders: ["x-vercel-error"],
    referenceHeaders: ["x-vercel-id"],
    timeouts: [],
    sources: ["https://vercel.com/docs/errors"],
  },
  {
    id: "netlify",
    name: "Netlify",
    role: "platform",
    headers: [server(/^Netlify/i, 9), { header: "x-nf-request-id", value: /./, weight: 10 }],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    referenceHeaders: ["x-nf-request-id"],
    timeouts: [{ setting: "synchronous function timeout", seconds: 10, cause: "upstream-timeout" }],
    sources: ["https://docs.netlify.com/functions/overview/#default-deployment-options"],
  },
  {
    id: "fly",
    name: "Fly.io",
    role: "platform",
    headers: [server(/^Fly\//i, 9), { header: "fly-request-id", value: /./, weight: 10 }],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    referenceHeaders: ["fly-request-id"],
    timeouts: [],
    sources: ["https://fly.io/docs/networking/request-headers/"],
  },
  {
    id: "render",
    name: "Render",
    role: "platform",
    headers: [
      { header: "rndr-id", value: /./, weight: 10 },
      { header: "x-render-origin-server", value: /./, weight: 10 },
    ],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    referenceHeaders: ["rndr-id"],
    timeouts: [],
    sources: ["https://render.com/docs/web-services#connecting-to-your-web-service"],
  },

  // ── App servers (they answer for the app; they are not gateways) ─────────
  {
    id: "gunicorn",
    name: "Gunicorn",
    role: "app-server",
    roleLabel: "Python app server",
    headers: [server(/^gunicorn/i, 6)],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [{ setting: "timeout (worker)", seconds: 30, cause: "upstream-timeout" }],
    sources: ["https://docs.gunicorn.org/en/stable/settings.html#timeout"],
  },
  {
    id: "uwsgi",
    name: "uWSGI",
    role: "app-server",
    roleLabel: "Python app server",
    headers: [],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [],
    sources: ["https://uwsgi-docs.readthedocs.io/en/latest/Options.html#harakiri"],
  },
  {
    id: "puma",
    name: "Puma",
    role: "app-server",
    roleLabel: "Ruby app server",
    headers: [server(/^puma/i, 6)],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [],
    sources: ["https://github.com/puma/puma/blob/master/docs/kubernetes.md"],
  },
  {
    id: "node",
    name: "Node.js",
    role: "app-server",
    roleLabel: "application",
    headers: [],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    // keepAliveTimeout shorter than a load balancer's idle timeout gives intermittent 502s.
    timeouts: [],
    sources: ["https://nodejs.org/api/http.html#serverkeepalivetimeout"],
  },
  {
    id: "pm2",
    name: "PM2",
    role: "app-server",
    roleLabel: "Node.js process manager",
    headers: [],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [],
    sources: ["https://pm2.keymetrics.io/docs/usage/log-management/"],
  },
  {
    id: "php-fpm",
    name: "PHP-FPM",
    role: "app-server",
    roleLabel: "PHP app server",
    headers: [],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [],
    sources: ["https://www.php.net/manual/en/install.fpm.configuration.php"],
  },
  {
    id: "php",
    name: "PHP",
    role: "app-server",
    roleLabel: "application",
    // No signature: X-Powered-By: PHP rides on the application's own pages, and naming PHP as
    // the vendor would make the wizard infer a proxy that is not there.
    headers: [],
    bodyMarkers: [],
    reasonPhrases: [],
    bodyCauses: [],
    timeouts: [{ setting: "max_execution_time", seconds: 30, cause: "upstream-timeout" }],
    sources: ["https://www.php.net/manual/en/info.configuration.php#ini.max-execution-time"],
  },
];

/** Every product, by id. */
export const PRODUCTS: ReadonlyMap<string, Product> = new Map(PRODUCT_LIST.map((p) => [p.id, p]));

/** Every product, in registry order (CDNs first, app servers last). */
export function allProducts(): readonly Product[] {
  return PRODUCT_LIST;
}

/** The product with this id, or undefined. */
export function product(id: string): Product | undefined {
  return PRODUCTS.get(id);
}

/** The role of a product id, or null for an id the registry does not know. */
export function productRole(id: string | null): ProductRole | null {
  return id === null ? null : (PRODUCTS.get(id)?.role ?? null);
}

/** Ids of every product with this role, in registry order. */
export function productIdsWithRole(role: ProductRole): string[] {
  return PRODUCT_LIST.filter((p) => p.role === role).map((p) => p.id);
}

/** Ids of products whose own answer with `status` means "the server behind me failed". */
export function productIdsWithUpstreamFailureStatus(status: number): string[] {
  return PRODUCT_LIST.filter((p) => p.upstreamFailureStatuses?.includes(status)).map((p) => p.id);
}

/** Roles of products that stand in front of the application and answer for it when it fails. */
const GATEWAY_ROLES: ReadonlySet<ProductRole> = new Set([
  "cdn",
  "load-balancer",
  "reverse-proxy",
  "platform",
]);

/** Whether a product sits in front of the application (anything but an app server). */
export function isGateway(id: string | null): boolean {
  const role = productRole(id);
  return role !== null && GATEWAY_ROLES.has(role);
}
