import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

/*
 * AWS load balancer and CloudFront access logs. Field order and values from
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/access-log-collection.html and
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html
 * (the last one's own example lines are used below).
 */

const alb = (target: string, times: string, statuses: string, errorReason = "-") =>
  `h2 2026-11-21T01:02:03.118264Z app/shop-lb/50dc6c495c0c9188 203.0.113.9:51234 ${target} ${times} ${statuses} 234 580 "GET https://shop.example.com:443/cart HTTP/2.0" "Mozilla/5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/73e2d6bc24d8a067 "Root=1-673e8a0b-36d228ad5d99923122bbe354" "shop.example.com" "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012" 0 2026-11-21T01:02:03.100000Z "forward" "-" "${errorReason}" "${target}" "-" "-" "-"`;
const classicElb = (times: string, statuses: string) =>
  `2026-11-21T01:02:03.118264Z shop-elb 203.0.113.9:51234 10.0.3.7:80 ${times} ${statuses} 0 0 "GET http://shop.example.com:80/ HTTP/1.1" "curl/8.5.0" - -`;

const top = (text: string) => analyzePaste(text).findings[0];

describe("ALB and Classic ELB access logs", () => {
  it.each([
    [
      "alb 502 without a target answer",
      alb("10.0.3.7:8080", "0.000 -1 -1", "502 -"),
      "alb-log-target-closed",
      "upstream-closed",
    ],
    [
      "alb 504 without a target answer",
      alb("10.0.3.7:8080", "0.001 -1 -1", "504 -"),
      "alb-log-target-timeout",
      "upstream-timeout",
    ],
    [
      "alb 503 with no target at all",
      alb("-", "-1 -1 -1", "503 -"),
      "alb-log-no-targets",
      "no-healthy-upstream",
    ],
    [
      "classic 504 (backend status 0)",
      classicElb("0.000042 -1 -1", "504 0"),
      "alb-log-target-timeout",
      "upstream-timeout",
    ],
    [
      "classic 503 (no healthy instance)",
      classicElb("-1 -1 -1", "503 0"),
      "alb-log-no-targets",
      "no-healthy-upstream",
    ],
    [
      "a target's own 502",
      alb("10.0.3.7:8080", "0.000 0.012 0.000", "502 502"),
      "alb-log-target-5xx",
      "origin-error-passed-on",
    ],
    [
      "464 protocol mismatch",
      alb("-", "-1 -1 -1", "464 -"),
      "alb-log-protocol-mismatch",
      "proxy-config",
    ],
  ])("reads %s", (_name, line, ruleId, cause) => {
    const finding = top(line);
    expect(finding?.ruleId).toBe(ruleId);
    expect(finding?.cause).toBe(cause);
  });

  it("calls 460 the client leaving, not a server fault", () => {
    const finding = top(alb("10.0.3.7:8080", "0.000 -1 -1", "460 -"));
    expect(finding?.ruleId).toBe("alb-log-client-closed");
    expect(finding?.cause).toBe("client-gave-up");
  });

  it.each([
    ["LambdaUnhandled", "alb-lambda-unhandled"],
    ["LambdaInvalidResponse", "alb-lambda-invalid-response"],
    ["LambdaResponseTooLarge", "alb-lambda-invalid-response"],
    ["LambdaThrottling", "alb-lambda-throttled"],
    ["LambdaConnectionTimeout", "alb-lambda-connection-timeout"],
    ["LambdaAccessDenied", "alb-lambda-config"],
    ["LambdaResourceNotFound", "alb-lambda-config"],
    ["LambdaBadRequest", "alb-lambda-bad-request"],
    ["LambdaRequestTooLarge", "alb-lambda-bad-request"],
    ["LambdaServiceException", "alb-aws-internal"],
    ["LambdaUnhandledException", "alb-aws-internal"],
    ["LambdaEC2AccessDeniedException", "alb-lambda-setup-failed"],
    ["LambdaEC2ThrottledException", "alb-lambda-setup-failed"],
    ["LambdaEC2UnexpectedException", "alb-lambda-setup-failed"],
    ["LambdaENILimitReachedException", "alb-lambda-setup-failed"],
    ["LambdaInvalidRuntimeException", "alb-lambda-setup-failed"],
    ["LambdaInvalidSecurityGroupIDException", "alb-lambda-setup-failed"],
    ["LambdaInvalidSubnetIDException", "alb-lambda-setup-failed"],
    ["LambdaInvalidZipFileException", "alb-lambda-setup-failed"],
    ["LambdaKMSAccessDeniedException", "alb-lambda-setup-failed"],
    ["LambdaKMSDisabledException", "alb-lambda-setup-failed"],
    ["LambdaKMSInvalidStateException", "alb-lambda-setup-failed"],
    ["LambdaKMSNotFoundException", "alb-lambda-setup-failed"],
    ["LambdaSubnetIPAddressLimitReachedException", "alb-lambda-setup-failed"],
    ["WAFConnectionError", "alb-waf-unreachable"],
    ["WAFConnectionTimeout", "alb-waf-unreachable"],
    ["WAFResponseReadTimeout", "alb-waf-unreachable"],
    ["WAFServiceError", "alb-waf-unreachable"],
    ["WAFUnhandledException", "alb-waf-unreachable"],
    ["AuthTokenEpRequestTimeout", "alb-auth-idp-unreachable"],
    ["AuthUserinfoEpRequestTimeout", "alb-auth-idp-unreachable"],
    ["AuthTokenEpRequestFailed", "alb-auth-idp-error"],
    ["AuthUserinfoEpRequestFailed", "alb-auth-idp-error"],
    ["AuthInvalidTokenResponse", "alb-auth-idp-error"],
    ["AuthInvalidUserinfoResponse", "alb-auth-idp-error"],
    ["AuthInvalidGrantError", "alb-auth-idp-error"],
    ["AuthUserinfoResponseSizeExceeded", "alb-auth-claims-too-large"],
    ["AuthUnhandledException", "alb-aws-internal"],
    ["AuthInvalidCookie", "alb-auth-client-rejected"],
    ["AuthInvalidIdToken", "alb-auth-client-rejected"],
    ["AuthInvalidStateParam", "alb-auth-client-rejected"],
    ["AuthMissingCodeParam", "alb-auth-client-rejected"],
    ["AuthMissingHostHeader", "alb-auth-client-rejected"],
    ["AuthMissingStateParam", "alb-auth-client-rejected"],
    ["AWSALBTGCookieInvalid", "alb-weighted-cookie-invalid"],
    ["WeightedTargetGroupsUnhandledException", "alb-aws-internal"],
  ])("reads the documented error_reason %s", (reason, ruleId) => {
    expect(top(alb("-", "0.000 -1 -1", "502 -", reason))?.ruleId).toBe(ruleId);
  });

  it("does not read a status in a path or a successful line", () => {
    expect(top(alb("10.0.3.7:8080", "0.000 0.004 0.000", "200 200"))).toBeUndefined();
    const pathWith502 = alb("10.0.3.7:8080", "0.000 0.004 0.000", "200 200").replace(
      "/cart",
      "/errors/-1 502 -",
    );
    expect(top(pathWith502)).toBeUndefined();
    // A reason code inside a longer word is not the field.
    expect(
      top(alb("10.0.3.7:8080", "0.000 0.004 0.000", "200 200", "MyLambdaUnhandledCounter")),
    ).toBeUndefined();
  });
});

// The documentation's own example lines (tab-separated), one with OriginDnsError.
const CF_FIELDS =
  "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end";
const cf = (status: number, detailed: string, resultType = "Error") =>
  [
    "2019-12-13",
    "22:36:27",
    "SEA19-C1",
    "900",
    "192.0.2.200",
    "GET",
    "d111111abcdef8.cloudfront.net",
    "/favicon.ico",
    String(status),
    "http://www.example.com/",
    "Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)",
    "-",
    "-",
    resultType,
    "1pkpNfBQ39sYMnjjUQjmH2w1wdJnbHYTbag21o_3OfcQgPzdL2RSSQ==",
    "www.example.com",
    "http",
    "675",
    "0.102",
    "-",
    "-",
    "-",
    resultType,
    "HTTP/1.1",
    "-",
    "-",
    "25260",
    "0.102",
    detailed,
    "text/html",
    "507",
    "-",
    "-",
  ].join("\t");

describe("CloudFront standard logs", () => {
  it.each([
    ["OriginDnsError", 502, "origin-dns", "dnsCdnOriginSetting"],
    ["OriginConnectError", 502, "upstream-refused", "originDown"],
    ["OriginCommError", 504, "upstream-timeout", "timeoutCdnLimit"],
    ["OriginHeaderTooBigError", 502, "headers-too-large", "malformedHeadersTooBig"],
    ["OriginInvalidResponseError", 502, "upstream-invalid-response", "malformedInvalidResponse"],
    ["OriginContentRangeLengthError", 502, "upstream-invalid-response", "malformedInvalidResponse"],
    ["OriginZeroSizeObjectError", 502, "origin-unknown-response", "malformedInvalidResponse"],
    ["OriginReadError", 502, "upstream-closed", "originDirect"],
    ["OriginWriteError", 502, "upstream-closed", "originDirect"],
    ["OriginError", 502, "origin-unknown-response", "originDirect"],
    ["AbortedOrigin", 502, "origin-unknown-response", "originDirect"],
    ["SlowReaderOriginError", 502, "origin-unknown-response", "originDirect"],
    ["ClientGeoBlocked", 403, "edge-blocked", "wafRules"],
    ["InvalidRequestBlocked", 403, "edge-blocked", "wafRules"],
    ["InvalidRequestMethod", 403, "proxy-config", "configRevert"],
    ["InvalidRequest", 400, "edge-blocked", "ownerWhichError"],
    ["InvalidRequestHeader", 400, "edge-blocked", "ownerWhichError"],
    ["InvalidRequestCertificate", 421, "edge-blocked", "ownerWhichError"],
    ["ClientCommError", 200, "client-gave-up", "ownerWhichError"],
    ["ClientHungUpRequest", 400, "client-gave-up", "ownerWhichError"],
  ])("reads x-edge-detailed-result-type %s", (detailed, status, cause, state) => {
    const finding = top(`${CF_FIELDS}\n${cf(status, detailed)}`);
    expect(finding?.cause).toBe(cause);
    expect(finding?.state).toBe(state);
  });

  it("reads the generic Error type with a 5xx as the origin's error passed on, with low confidence", () => {
    const finding = top(cf(503, "Error"));
    expect(finding?.ruleId).toBe("cloudfront-log-5xx");
    expect(finding?.confidence).toBe("low");
  });

  it("counts every failing line and ignores the hits", () => {
    const log = [
      CF_FIELDS,
      cf(200, "Hit", "Hit"),
      cf(502, "OriginDnsError"),
      cf(502, "OriginDnsError"),
    ];
    expect(analyzePaste(log.join("\n")).findings.map((f) => [f.ruleId, f.count])).toEqual([
      ["cloudfront-log-origin-dns-error", 2],
    ]);
  });

  it("reads the same field in a v2 JSON log record", () => {
    const record =
      '{"timestamp":"1763686923118","DistributionId":"E1A2B3C4D5E6F7","date":"2026-11-21","time":"01:02:03","x-edge-location":"FRA56-P1","sc-status":"502","cs-method":"GET","cs-uri-stem":"/cart","x-edge-result-type":"Error","x-edge-detailed-result-type":"OriginConnectError","time-taken":"0.002"}';
    expect(top(record)?.ruleId).toBe("cloudfront-log-origin-connect-error");
  });

  it("does not take a metric name or prose for a result type", () => {
    expect(analyzePaste("OriginDnsErrorCount rose to 12 at 01:00").findings).toEqual([]);
    expect(top(cf(200, "Hit", "Hit"))).toBeUndefined();
  });
});
