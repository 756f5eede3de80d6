import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

/*
 * Envoy and Istio access logs. Line shapes follow Envoy's default format and Istio's
 * default format and JSON encoding
 * (https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage,
 * https://istio.io/latest/docs/tasks/observability/logs/access-log/).
 */

const TIME = "[2026-11-21T01:02:03.118Z]";
/** Envoy's default text format: flags right after the status code, no details field. */
const envoyLine = (status: number, flags: string, request = "GET /cart HTTP/1.1") =>
  `${TIME} "${request}" ${status} ${flags} 0 91 3 - "203.0.113.9" "Mozilla/5.0" "5b7c2e9a-61d4-4c1e-9a0b-2f3e4d5c6b7a" "shop.example.com" "10.244.1.7:8080"`;
/** Istio's default format: details, termination details and transport failure after the flags. */
const istioLine = (status: number, flags: string, details: string, transport = "-") =>
  `${TIME} "GET /productpage HTTP/1.1" ${status} ${flags} ${details} - "${transport}" 0 91 2 - "-" "curl/8.5.0" "0a6c0c7e-8a1d-4f5e-9b3c-6d2e1f0a9b8c" "productpage:9080" "10.244.0.12:9080" outbound|9080||productpage.default.svc.cluster.local - 10.96.1.5:9080 10.244.0.9:45678 - default`;
/** Istio's JSON encoding (meshConfig.accessLogEncoding: JSON). */
const istioJson = (status: number, flags: string, details: string) =>
  `{"authority":"shop.example.com","bytes_received":0,"bytes_sent":91,"downstream_remote_address":"10.244.0.9:45678","duration":3,"method":"GET","path":"/cart","protocol":"HTTP/1.1","request_id":"5b7c2e9a-61d4","response_code":${status},"response_code_details":"${details}","response_flags":"${flags}","start_time":"2026-11-21T01:02:03.118Z","upstream_cluster":"outbound|8080||shop.default.svc.cluster.local","upstream_host":"10.244.1.7:8080","upstream_transport_failure_reason":null}`;

const top = (text: string) => analyzePaste(text).findings[0];

describe("Envoy text access logs, by response flag", () => {
  it.each([
    [503, "UH", "envoy-flag-no-healthy-upstream", "no-healthy-upstream", "appDown"],
    [503, "UF", "envoy-flag-connection-failure", "upstream-refused", "appDown"],
    [503, "UO", "envoy-flag-overflow", "connection-limits", "connectionLimits"],
    [404, "NR", "envoy-flag-no-route", "proxy-config", "configRevert"],
    [504, "UT", "envoy-flag-upstream-timeout", "upstream-timeout", "timeoutProxyRead"],
    [503, "UC", "envoy-flag-connection-termination", "connection-reset", "keepAliveMismatch"],
    [
      502,
      "UPE",
      "envoy-flag-upstream-protocol-error",
      "upstream-invalid-response",
      "malformedInvalidResponse",
    ],
    [429, "RL", "envoy-flag-rate-limited", "edge-blocked", "wafRules"],
    [500, "RLSE", "envoy-flag-rate-limit-service-error", "proxy-config", "wafRules"],
    [503, "DF", "envoy-flag-dns-failed", "upstream-dns", "dnsUpstreamResolver"],
  ])("reads %i %s", (status, flags, ruleId, cause, state) => {
    const finding = top(envoyLine(status, flags));
    expect(finding?.ruleId).toBe(ruleId);
    expect(finding?.cause).toBe(cause);
    expect(finding?.state).toBe(state);
  });

  it("reads a sidecar's line pasted from kubectl logs with its pod prefix", () => {
    const line = `[pod/shop-7c9f5d8b6-x2x9q/istio-proxy] ${envoyLine(503, "UH")}`;
    expect(top(line)?.ruleId).toBe("envoy-flag-no-healthy-upstream");
  });

  it("reads a TCP proxy line, whose request field is three dashes", () => {
    expect(top(envoyLine(0, "UF", "- - -"))?.ruleId).toBe("envoy-flag-connection-failure");
  });

  it("reads the cause in a combined field, not the retry that followed it", () => {
    expect(top(envoyLine(503, "UF,URX"))?.ruleId).toBe("envoy-flag-connection-failure");
    expect(top(envoyLine(503, "URX"))?.ruleId).toBe("envoy-flag-retry-limit");
  });

  it("calls a client that hung up a client-side event, not a server fault", () => {
    const finding = top(envoyLine(0, "DC"));
    expect(finding?.ruleId).toBe("envoy-flag-downstream-disconnect");
    expect(finding?.cause).toBe("client-gave-up");
    // A server-side flag in the same field is the one that matters.
    expect(top(envoyLine(504, "UT,DC"))?.cause).toBe("upstream-timeout");
  });

  it("does not read flags out of the path, a longer flag, or a sentence", () => {
    expect(top(envoyLine(200, "-", "GET /UF HTTP/1.1"))).toBeUndefined();
    expect(top(envoyLine(200, "-", "GET /search?q=UF+UH HTTP/1.1"))).toBeUndefined();
    // RLSE is its own flag, not RL.
    expect(top(envoyLine(500, "RLSE"))?.ruleId).not.toBe("envoy-flag-rate-limited");
    expect(
      analyzePaste("In Envoy logs, UF means an upstream connection failure.").findings,
    ).toEqual([]);
  });
});

describe("Istio access logs: the details name the exact failure", () => {
  it("reads a refused connect from the transport failure reason", () => {
    const finding = top(
      istioLine(
        503,
        "UF",
        "upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111}",
        "delayed_connect_error:_111",
      ),
    );
    expect(finding?.ruleId).toBe("envoy-upstream-refused");
    expect(finding?.confidence).toBe("high");
  });

  it("reads a certificate rejected by the sidecar as a TLS problem, not a refused connection", () => {
    const reason = "TLS_error:_268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED";
    const finding = top(
      istioLine(
        503,
        "UF",
        `upstream_reset_before_response_started{connection_failure,${reason}}`,
        reason,
      ),
    );
    expect(finding?.ruleId).toBe("envoy-upstream-tls-certificate");
    expect(finding?.state).toBe("tlsUpstream");
  });

  it("says a 503 with no flag and via_upstream came from the app itself", () => {
    const finding = top(istioLine(503, "-", "via_upstream"));
    expect(finding?.ruleId).toBe("envoy-via-upstream-5xx");
    expect(finding?.cause).toBe("origin-error-passed-on");
  });
});

describe("Envoy JSON access logs", () => {
  it.each([
    [504, "UT", "upstream_response_timeout", "envoy-details-upstream-timeout", "timeoutProxyRead"],
    [503, "UH", "no_healthy_upstream", "envoy-details-no-healthy-upstream", "appDown"],
    [404, "NR", "route_not_found", "envoy-details-no-route", "configRevert"],
    [
      503,
      "UC",
      "upstream_reset_before_response_started{connection_termination}",
      "envoy-details-connection-termination",
      "keepAliveMismatch",
    ],
    [
      503,
      "UO",
      "upstream_reset_before_response_started{overflow}",
      "envoy-details-overflow",
      "connectionLimits",
    ],
  ])("reads %i %s by its details token", (status, flags, details, ruleId, state) => {
    const finding = top(istioJson(status, flags, details));
    expect(finding?.ruleId).toBe(ruleId);
    expect(finding?.state).toBe(state);
  });

  it("reads %RESPONSE_FLAGS_LONG% names, alone or comma-joined", () => {
    const withLong = (long: string) =>
      `{"response_code":503,"response_flags":"-","response_flags_long":"${long}","upstream_host":"10.244.1.7:8080"}`;
    expect(top(withLong("UpstreamConnectionFailure"))?.ruleId).toBe(
      "envoy-long-connection-failure",
    );
    expect(top(withLong("UpstreamConnectionFailure,UpstreamRetryLimitExceeded"))?.ruleId).toBe(
      "envoy-long-connection-failure",
    );
    expect(top(withLong("DownstreamConnectionTermination"))?.cause).toBe("client-gave-up");
    // A longer identifier that contains a flag name is not the flag.
    expect(top(withLong("NoHealthyUpstreamCount"))).toBeUndefined();
  });

  it("groups many JSON lines of one failure into one finding", () => {
    const lines = Array.from({ length: 4 }, () =>
      istioJson(504, "UT", "upstream_response_timeout"),
    ).join("\n");
    const { findings } = analyzePaste(lines);
    expect(findings.map((f) => [f.ruleId, f.count])).toEqual([
      ["envoy-details-upstream-timeout", 4],
    ]);
  });

  it("finds nothing in a successful request's JSON line", () => {
    expect(analyzePaste(istioJson(200, "-", "via_upstream")).findings).toEqual([]);
  });
});
