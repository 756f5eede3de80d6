import type { AnalyzerCause, Confidence, Rule } from "../types";
import type { VerdictLayer } from "@/lib/probe/verdict";

/*
 * Envoy and Istio access logs, read by their response flags.
 *
 * Source for every flag and its meaning: Envoy's access-log reference, "Command operators"
 * → %RESPONSE_FLAGS%,
 * https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage
 * and the reset reasons behind %RESPONSE_CODE_DETAILS%
 * (https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_conn_man/response_code_details).
 *
 * A flag is only read where the format puts it, never as any two capital letters:
 * - text: Envoy's default format and Istio's both write `[START_TIME] "METHOD PATH PROTO"
 *   CODE FLAGS …`; START_TIME is printed in UTC with a trailing Z, so `Z] "` marks a line
 *   of that format and the flags are the field right after the status code;
 * - JSON: a `"response_flags"` key (Istio's and Envoy Gateway's JSON formats).
 * Several flags are joined by commas ("UF,URX"). Envoy writes them in a fixed order with
 * the cause before the consequence, and the rules below are ordered the same way, so the
 * line is read by its most telling flag.
 */

const ENVOY_DOCS =
  "https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage";

const ISTIO_HEAD = '[2026-11-21T01:02:03.118Z] "GET /cart HTTP/1.1"';
const ISTIO_TAIL =
  '"-" "Mozilla/5.0" "5b7c2e9a-61d4-4c1e-9a0b-2f3e4d5c6b7a" "shop.example.com" "10.244.1.7:8080" outbound|8080||shop.default.svc.cluster.local 10.244.0.9:40122 10.96.12.4:8080 10.244.0.9:51234 - default';
const JSON_HEAD =
  '{"start_time":"2026-11-21T01:02:03.118Z","method":"GET","path":"/cart","protocol":"HTTP/1.1"';
const JSON_TAIL =
  '"bytes_received":0,"bytes_sent":91,"duration":3,"upstream_host":"10.244.1.7:8080","upstream_cluster":"outbound|8080||shop.default.svc.cluster.local","authority":"shop.example.com"}';

/** One documented flag and what it means for the person reading the log. */
interface FlagSpec {
  /** The short flag as Envoy prints it. */
  flag: string;
  /** Kebab-case part of the rule ids. */
  name: string;
  layer: VerdictLayer;
  cause: AnalyzerCause;
  status: number;
  state: Rule["state"];
  title?: string;
  meaning: string;
  confidence: Confidence;
  confidenceReason: string;
  /**
   * The RESPONSE_CODE_DETAILS value Envoy writes with this flag, or "-" where it is not
   * one fixed token. JSON access logs are read through their string values (the
   * normaliser unpacks JSON), where a lone "UF" means nothing but this token still names
   * the failure, so each token gets its own rule.
   */
  details: string;
}

/** Flags in the order Envoy prints them, cause before consequence. */
const FLAGS: FlagSpec[] = [
  {
    flag: "LH",
    name: "local-health-check-failed",
    layer: "app",
    cause: "no-healthy-upstream",
    status: 503,
    state: "appDown",
    meaning:
      "The service behind this sidecar is failing its own health check (LH), so Envoy answers 503 instead of passing requests to it.",
    confidence: "high",
    confidenceReason: "LH is set only when the local service failed its health check.",
    details: "-",
  },
  {
    flag: "UH",
    name: "no-healthy-upstream",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "appDown",
    meaning:
      "Envoy had no healthy endpoint for this service (UH): no pod is ready, every instance fails its health checks, or the service has no endpoints at all.",
    confidence: "high",
    confidenceReason: "UH is set only when the cluster has no healthy host to pick.",
    details: "no_healthy_upstream",
  },
  {
    flag: "UT",
    name: "upstream-timeout",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "The app did not answer within the route's timeout (UT; 15 s unless the route or VirtualService sets another).",
    confidence: "high",
    confidenceReason: "UT is Envoy's flag for an expired upstream request timeout.",
    details: "upstream_response_timeout",
  },
  {
    flag: "LR",
    name: "local-reset",
    layer: "proxy",
    cause: "connection-reset",
    status: 503,
    state: "proxyUpstream",
    meaning:
      "Envoy itself reset the stream to the upstream (LR), for example when a limit or timeout inside Envoy cut it. The response details say which.",
    confidence: "low",
    confidenceReason:
      "A local reset has several triggers inside Envoy; the flag alone does not name one.",
    details: "upstream_reset_before_response_started{local_reset}",
  },
  {
    flag: "UR",
    name: "remote-reset",
    layer: "app",
    cause: "connection-reset",
    status: 503,
    state: "appCrashing",
    meaning:
      "The upstream reset the stream (UR) before answering: the app crashed or was killed mid-request, or it rejected the protocol Envoy spoke (HTTP/2 to an HTTP/1 port).",
    confidence: "medium",
    confidenceReason: "A crash and a protocol mismatch both end in a remote reset.",
    details: "upstream_reset_before_response_started{remote_reset}",
  },
  {
    flag: "UF",
    name: "connection-failure",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Envoy could not open a connection to the upstream (UF): nothing listens on the port the service points at, the pod is gone, or the connection timed out or failed TLS. The transport failure reason on the same line says which.",
    confidence: "medium",
    confidenceReason:
      "UF covers a refused connect, a connect timeout and a failed TLS handshake alike.",
    details: "upstream_reset_before_response_started{connection_failure}",
  },
  {
    flag: "UC",
    name: "connection-termination",
    layer: "app",
    cause: "connection-reset",
    status: 503,
    state: "keepAliveMismatch",
    meaning:
      "The upstream closed the connection before answering (UC). When it comes and goes, the app's keep-alive timeout is shorter than Envoy's idle timeout and Envoy reused a connection the app had just closed.",
    confidence: "medium",
    confidenceReason: "Keep-alive races are the usual cause; an app that crashes looks the same.",
    details: "upstream_reset_before_response_started{connection_termination}",
  },
  {
    flag: "UO",
    name: "overflow",
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "A circuit breaker for this upstream was open (UO): too many connections, pending or active requests, so Envoy refused the request without trying.",
    confidence: "high",
    confidenceReason: "UO is set only by circuit breaking.",
    details: "upstream_reset_before_response_started{overflow}",
  },
  {
    flag: "NR",
    name: "no-route",
    layer: "proxy",
    cause: "proxy-config",
    status: 404,
    state: "configRevert",
    meaning:
      "Envoy has no route for this host and path (NR), or the route's cluster does not exist. The gateway's or VirtualService's host and path match needs fixing.",
    confidence: "high",
    confidenceReason: "NR is set only when route matching failed.",
    details: "route_not_found",
  },
  {
    flag: "DI",
    name: "delay-injected",
    layer: "proxy",
    cause: "proxy-config",
    status: 504,
    state: "configRevert",
    meaning:
      "Envoy delayed this request on purpose (DI): a fault-injection rule is active, often a test left behind in a VirtualService.",
    confidence: "medium",
    confidenceReason:
      "The delay is certain; whether it caused the failure depends on the timeouts around it.",
    details: "-",
  },
  {
    flag: "FI",
    name: "fault-injected",
    layer: "proxy",
    cause: "proxy-config",
    status: 503,
    state: "configRevert",
    meaning:
      "Envoy aborted this request on purpose (FI): a fault-injection rule answers with an error code. Remove or narrow the rule.",
    confidence: "high",
    confidenceReason: "FI is set only by fault injection.",
    details: "fault_filter_abort",
  },
  {
    flag: "RL",
    name: "rate-limited",
    layer: "proxy",
    cause: "edge-blocked",
    status: 429,
    state: "wafRules",
    title: "Envoy's rate limit refused the request",
    meaning:
      "The request was refused by a rate limit in Envoy (RL): a local or global rate-limit filter counted too many requests for this key.",
    confidence: "high",
    confidenceReason: "RL is set only by the rate-limit filters.",
    details: "request_rate_limited",
  },
  {
    flag: "UAEX",
    name: "ext-authz-denied",
    layer: "proxy",
    cause: "edge-blocked",
    status: 403,
    state: "wafRules",
    title: "The external authorization service refused the request",
    meaning:
      "Envoy's external authorization service refused this request (UAEX). If it should have been allowed, the authorization policy or the authorization service itself is failing.",
    confidence: "medium",
    confidenceReason:
      "A deliberate denial and an authorization service that is down can both be logged as UAEX.",
    details: "ext_authz_denied",
  },
  {
    flag: "RLSE",
    name: "rate-limit-service-error",
    layer: "proxy",
    cause: "proxy-config",
    status: 500,
    state: "wafRules",
    title: "Envoy's rate-limit service failed",
    meaning:
      "Envoy could not get an answer from its rate-limit service (RLSE) and refused the request. The rate-limit service is down or misconfigured.",
    confidence: "high",
    confidenceReason: "RLSE is set only when the rate-limit service call fails.",
    details: "-",
  },
  {
    flag: "DC",
    name: "downstream-disconnect",
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "The client closed its connection before Envoy finished (DC). That is the visitor's side, not a server fault; many at once mean clients wait longer than they are willing to.",
    confidence: "low",
    confidenceReason:
      "Visitors navigating away cause DC too; only many of them point at a slow upstream.",
    details: "downstream_remote_disconnect",
  },
  {
    flag: "URX",
    name: "retry-limit",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "proxyUpstream",
    title: "Envoy gave up after its retries failed",
    meaning:
      "Every retry (or, for TCP, every connect attempt) to the upstream failed (URX). The flags before it, or the upstream's own log, say why each attempt failed.",
    confidence: "low",
    confidenceReason: "URX says the retries ran out, not what made each attempt fail.",
    details: "via_upstream",
  },
  {
    flag: "SI",
    name: "stream-idle-timeout",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "Nothing moved on the stream for longer than Envoy's stream idle timeout (SI, 5 minutes by default): the app stalled mid-response, or a slow client stopped reading.",
    confidence: "medium",
    confidenceReason: "Both a stalled upstream and a stalled client end an idle stream.",
    details: "stream_idle_timeout",
  },
  {
    flag: "IH",
    name: "invalid-header",
    layer: "edge",
    cause: "edge-blocked",
    status: 400,
    state: "ownerWhichError",
    title: "A client sent a header Envoy refuses (not a server fault)",
    meaning:
      "The request set an invalid value for a header Envoy checks strictly (IH), so Envoy refused it with 400. It is the caller's request, not your servers, that needs fixing.",
    confidence: "high",
    confidenceReason: "IH is set only by Envoy's strict header check.",
    details: "request_headers_failed_strict_check",
  },
  {
    flag: "DPE",
    name: "downstream-protocol-error",
    layer: "edge",
    cause: "edge-blocked",
    status: 400,
    state: "ownerWhichError",
    title: "A client spoke broken HTTP (not a server fault)",
    meaning:
      "The client's request broke the HTTP protocol (DPE), so Envoy dropped it. It is the caller's request, not your servers, that needs fixing.",
    confidence: "high",
    confidenceReason: "DPE is set only for a protocol error on the client's side.",
    details: "http1.codec_error",
  },
  {
    flag: "UMSDR",
    name: "max-stream-duration",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "The upstream request ran longer than the route's max stream duration (UMSDR), so Envoy cut it.",
    confidence: "high",
    confidenceReason: "UMSDR is set only when that limit expires.",
    details: "upstream_max_stream_duration_reached",
  },
  {
    flag: "NFCF",
    name: "no-filter-config",
    layer: "proxy",
    cause: "proxy-config",
    status: 500,
    state: "configRevert",
    meaning:
      "A filter in Envoy's chain had no configuration when the request arrived (NFCF): its dynamic configuration was never delivered.",
    confidence: "high",
    confidenceReason: "NFCF is set only for a missing filter configuration.",
    details: "-",
  },
  {
    flag: "DT",
    name: "duration-timeout",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "The request or connection ran past Envoy's maximum duration (DT: max_stream_duration or a connection duration limit), so Envoy ended it.",
    confidence: "medium",
    confidenceReason:
      "The limit is certain; whether the app is slow or the limit too tight the line cannot tell.",
    details: "-",
  },
  {
    flag: "UPE",
    name: "upstream-protocol-error",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "The upstream's response broke the HTTP protocol (UPE): a malformed response, or the app speaks another protocol than Envoy expects on that port (HTTP/2 vs HTTP/1, TLS vs plain).",
    confidence: "high",
    confidenceReason: "UPE is set only for a protocol error on the upstream side.",
    details: "upstream_reset_before_response_started{protocol_error}",
  },
  {
    flag: "NC",
    name: "no-cluster",
    layer: "proxy",
    cause: "proxy-config",
    status: 503,
    state: "configRevert",
    meaning:
      "The route points at an upstream cluster Envoy does not have (NC): a misspelt service, or configuration that has not reached this proxy.",
    confidence: "high",
    confidenceReason: "NC is set only when the route's cluster is missing.",
    details: "cluster_not_found",
  },
  {
    flag: "OM",
    name: "overload-manager",
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "Envoy's overload manager refused the request (OM): the proxy itself is short of memory or connections.",
    confidence: "high",
    confidenceReason: "OM is set only by the overload manager.",
    details: "-",
  },
  {
    flag: "DF",
    name: "dns-failed",
    layer: "dns",
    cause: "upstream-dns",
    status: 503,
    state: "dnsUpstreamResolver",
    meaning: "Envoy could not resolve the upstream's host name (DF), so it had nowhere to connect.",
    confidence: "high",
    confidenceReason: "DF is set only for a failed DNS resolution.",
    details: "-",
  },
  {
    flag: "DO",
    name: "drop-overload",
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "The control plane told Envoy to shed a share of traffic (DO, drop_overloads), and this request was dropped.",
    confidence: "high",
    confidenceReason: "DO is set only by the drop-overload policy.",
    details: "-",
  },
  {
    flag: "DR",
    name: "downstream-reset",
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "The client reset the stream before Envoy finished (DR). That is the visitor's side, not a server fault.",
    confidence: "low",
    confidenceReason: "Clients reset streams for their own reasons; only many at once mean much.",
    details: "-",
  },
];

/*
 * %RESPONSE_FLAGS_LONG% prints each flag's PascalCase name instead (Envoy's
 * CORE_RESPONSE_FLAGS table, source/common/stream_info/utility.h). The distinctive ones
 * get a rule of their own; names that are ordinary words elsewhere (LocalReset,
 * RateLimited, DelayInjected, FaultInjected, DurationTimeout, DropOverload) are left to
 * the short flag and details rules.
 */
const LONG_NAMES: Record<string, string> = {
  LH: "FailedLocalHealthCheck",
  UH: "NoHealthyUpstream",
  UT: "UpstreamRequestTimeout",
  UR: "UpstreamRemoteReset",
  UF: "UpstreamConnectionFailure",
  UC: "UpstreamConnectionTermination",
  UO: "UpstreamOverflow",
  NR: "NoRouteFound",
  UAEX: "UnauthorizedExternalService",
  RLSE: "RateLimitServiceError",
  DC: "DownstreamConnectionTermination",
  URX: "UpstreamRetryLimitExceeded",
  SI: "StreamIdleTimeout",
  IH: "InvalidEnvoyRequestHeaders",
  DPE: "DownstreamProtocolError",
  UMSDR: "UpstreamMaxStreamDurationReached",
  NFCF: "NoFilterConfigFound",
  UPE: "UpstreamProtocolError",
  NC: "NoClusterFound",
  OM: "OverloadManagerTerminated",
  DF: "DnsResolutionFailed",
  DR: "DownstreamRemoteReset",
};

function longNameRule(spec: FlagSpec): Rule[] {
  const long = LONG_NAMES[spec.flag];
  if (!long) return [];
  const code = spec.status === 499 ? 0 : spec.status;
  return [
    {
      id: `envoy-long-${spec.name}`,
      kind: "log",
      product: "envoy",
      layer: spec.layer,
      cause: spec.cause,
      status: spec.status,
      state: spec.state,
      ...(spec.title ? { title: spec.title } : {}),
      meaning: spec.meaning,
      confidence: spec.confidence,
      confidenceReason: spec.confidenceReason,
      anchors: [long.toLowerCase()],
      pattern: new RegExp(`(?:^|[\\s",])${long}(?:[\\s",]|$)`),
      example: `${JSON_HEAD},"response_code":${code},"response_flags_long":"${long}",${JSON_TAIL}`,
    },
  ];
}

/** `…,X,…` where X is the flag: the flags field in the text format. */
function textPattern(flag: string): RegExp {
  return new RegExp(`Z\\] "[^"]{0,4096}" \\d{1,3} (?:[A-Z,]{0,60},)?${flag}[, ]`);
}

/** A details token as a whole field: alone on a line, quoted, or between spaces. */
function detailsPattern(details: string): RegExp {
  const escaped = details.replace(/[{}.|]/g, (c) => `\\${c}`);
  return new RegExp(`(?:^|[\\s"])${escaped}(?:[\\s"]|$)`);
}

function detailsRule(spec: FlagSpec): Rule[] {
  if (spec.details === "-" || spec.details === "via_upstream") return [];
  const code = spec.status === 499 ? 0 : spec.status;
  return [
    {
      id: `envoy-details-${spec.name}`,
      kind: "log",
      product: "envoy",
      layer: spec.layer,
      cause: spec.cause,
      status: spec.status,
      state: spec.state,
      ...(spec.title ? { title: spec.title } : {}),
      meaning: spec.meaning,
      confidence: spec.confidence,
      confidenceReason: spec.confidenceReason,
      anchors: [spec.details.toLowerCase()],
      pattern: detailsPattern(spec.details),
      example: `${JSON_HEAD},"response_code":${code},"response_flags":"${spec.flag}","response_code_details":"${spec.details}",${JSON_TAIL}`,
    },
  ];
}

function flagRules(spec: FlagSpec): Rule[] {
  const common = {
    kind: "log" as const,
    product: "envoy" as const,
    layer: spec.layer,
    cause: spec.cause,
    status: spec.status,
    state: spec.state,
    ...(spec.title ? { title: spec.title } : {}),
    meaning: spec.meaning,
    confidence: spec.confidence,
    confidenceReason: spec.confidenceReason,
  };
  const code = spec.status === 499 ? 0 : spec.status;
  const lower = spec.flag.toLowerCase();
  return [
    {
      ...common,
      id: `envoy-flag-${spec.name}`,
      anchors: ['z] "', lower],
      pattern: textPattern(spec.flag),
      example: `${ISTIO_HEAD} ${code} ${spec.flag} 0 91 3 - "203.0.113.9" "Mozilla/5.0" "5b7c2e9a-61d4-4c1e-9a0b-2f3e4d5c6b7a" "shop.example.com" "10.244.1.7:8080"`,
    },
  ];
}

/*
 * The reason behind a UF is in the upstream transport failure reason (Istio's format
 * prints it in quotes after the details) or inside the details' braces. These name the
 * exact failure, so they come before the flag rules.
 */
const detailRules: Rule[] = [
  {
    id: "envoy-upstream-tls-certificate",
    kind: "log",
    product: "envoy",
    layer: "tls",
    cause: "upstream-tls-invalid-certificate",
    status: 503,
    state: "tlsUpstream",
    meaning:
      "Envoy reached the upstream but rejected its TLS certificate (CERTIFICATE_VERIFY_FAILED): expired, for another name, or signed by a CA Envoy does not trust. With Istio, a DestinationRule asking for TLS (or mTLS) the workload does not serve gives the same line.",
    confidence: "high",
    confidenceReason: "The transport failure reason names the failed certificate check.",
    anchors: ["tls_error", "certificate_verify_failed"],
    example: `${ISTIO_HEAD} 503 UF upstream_reset_before_response_started{connection_failure,TLS_error:_268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED} - "TLS_error:_268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED" 0 91 3 - ${ISTIO_TAIL}`,
  },
  {
    id: "envoy-upstream-tls",
    kind: "log",
    product: "envoy",
    layer: "tls",
    cause: "upstream-tls",
    status: 503,
    state: "tlsUpstream",
    meaning:
      "The TLS handshake between Envoy and the upstream failed: no common protocol or cipher, plain HTTP on a port Envoy treats as TLS, or an mTLS setting on one side only.",
    confidence: "high",
    confidenceReason: "The transport failure reason is a TLS error.",
    anchors: ["tls_error"],
    pattern: /TLS_error:_?\d{0,12}:?SSL_routines/,
    example: `${ISTIO_HEAD} 503 UF upstream_reset_before_response_started{connection_failure,TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER} - "TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER" 0 91 3 - ${ISTIO_TAIL}`,
  },
  {
    id: "envoy-upstream-refused",
    kind: "log",
    product: "envoy",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "Envoy's connection to the upstream was refused (error 111): nothing listens on the port the service sends traffic to. The app is down, still starting, or listens on another port (or only on 127.0.0.1 inside the pod).",
    confidence: "high",
    confidenceReason: "A refused connect means no process is listening on that address.",
    anchors: ["delayed_connect_error:"],
    pattern: /delayed_connect_error:_?(?:111\b|Connection_refused)/,
    example: `${ISTIO_HEAD} 503 UF upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111} - "delayed_connect_error:_111" 0 91 1 - ${ISTIO_TAIL}`,
  },
  {
    id: "envoy-upstream-unreachable",
    kind: "log",
    product: "envoy",
    layer: "network",
    cause: "upstream-unreachable",
    status: 503,
    state: "firewallOrigin",
    meaning:
      "There is no network path from Envoy to the upstream address (error 113): the pod or host is gone, or a network policy rejects the traffic.",
    confidence: "medium",
    confidenceReason: "A vanished endpoint and a rejecting policy both produce it.",
    anchors: ["delayed_connect_error:"],
    pattern: /delayed_connect_error:_?(?:113\b|No_route_to_host|Host_is_unreachable)/,
    example: `${ISTIO_HEAD} 503 UF upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_113} - "delayed_connect_error:_113" 0 91 3001 - ${ISTIO_TAIL}`,
  },
  {
    id: "envoy-connect-timeout",
    kind: "log",
    product: "envoy",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 503,
    state: "firewallOrigin",
    meaning:
      "Envoy's connection attempt to the upstream got no answer within the cluster's connect timeout: packets are dropped by a firewall or network policy, or the address is wrong.",
    confidence: "medium",
    confidenceReason: "A dropped connect is usually a firewall, but a frozen host looks the same.",
    anchors: ["upstream_reset_before_response_started{", "connection_timeout"],
    pattern: /upstream_reset_before_response_started\{(?:remote_)?connection_timeout/,
    example: `${ISTIO_HEAD} 503 UF upstream_reset_before_response_started{connection_timeout} - "-" 0 91 10001 - ${ISTIO_TAIL}`,
  },
  {
    id: "envoy-via-upstream-5xx",
    kind: "log",
    product: "envoy",
    layer: "app",
    cause: "origin-error-passed-on",
    status: 503,
    state: "serverErrorApp",
    title: "The upstream itself answered with an error; Envoy passed it on",
    meaning:
      "Envoy set no failure flag and the details say via_upstream: the 5xx came from the app (or the next proxy), and Envoy only relayed it. The app's own log explains it.",
    confidence: "medium",
    confidenceReason:
      "The upstream produced the status; whether it is the app or another proxy behind Envoy the line cannot tell.",
    anchors: ["via_upstream"],
    pattern: /" 5\d\d - via_upstream |"response_code": ?5\d\d,[^{}]{0,200}"response_flags": ?"-"/,
    example: `${ISTIO_HEAD} 503 - via_upstream - "-" 0 19 2 2 ${ISTIO_TAIL}`,
  },
];

/** Envoy rules: exact failure reasons first, then each flag's details token, then the flags. */
export const envoyLogRules: Rule[] = [
  ...detailRules,
  ...FLAGS.flatMap(detailsRule),
  ...FLAGS.flatMap(longNameRule),
  ...FLAGS.flatMap(flagRules),
];

/** Where each rule's facts come from (kept beside the rules; see the header comment). */
export const ENVOY_SOURCES = [ENVOY_DOCS];
