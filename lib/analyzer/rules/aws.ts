import type { Rule } from "../types";

/*
 * AWS load balancer and CloudFront access logs.
 *
 * ALB access log fields and error_reason codes:
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html
 * What each load-balancer status means (460, 502, 503, 504, 561 …):
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html
 * Classic Load Balancer log fields (same timing and status columns, backend status 0 or -):
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/access-log-collection.html
 * CloudFront standard log fields, x-edge-result-type and x-edge-detailed-result-type:
 *   https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html
 *
 * An ALB line reads `… client:port target:port request_time target_time response_time
 * elb_status target_status …`. A processing time of -1 means the load balancer never got
 * an answer from a target, so `-1 -1 <status> -` (or `0` on a Classic ELB) is how a
 * status the load balancer made up itself looks, and the rules key on that run of fields
 * rather than on the number alone.
 */

const ALB_HEAD = "https 2026-11-21T01:02:03.118264Z app/shop-lb/50dc6c495c0c9188 203.0.113.9:51234";
const ALB_REQUEST =
  '"GET https://shop.example.com:443/cart HTTP/1.1" "Mozilla/5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/73e2d6bc24d8a067 "Root=1-673e8a0b-36d228ad5d99923122bbe354" "shop.example.com" "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012" 0 2026-11-21T01:02:03.100000Z "forward" "-"';
const alb = (timesAndStatus: string, errorReason = "-", target = "10.0.3.7:8080") =>
  `${ALB_HEAD} ${target} ${timesAndStatus} 234 580 ${ALB_REQUEST} "${errorReason}" "${target}" "-" "-" "-" TID_9a0b1c2d3e4f`;
const LAMBDA = (reason: string, status: number) => alb(`0.000 -1 -1 ${status} -`, reason, "-");

/** Three processing times, the load balancer's status, then the target's. */
const TIME = String.raw`(?:-1|\d{1,6}\.\d{1,6})`;
function lbStatus(elb: string, target: string): RegExp {
  return new RegExp(`${TIME} ${TIME} ${TIME} ${elb} ${target} \\d{1,12} \\d{1,12} "`);
}

/** An error_reason value as the quoted field the ALB writes. */
function errorReason(codes: string): RegExp {
  return new RegExp(`"(?:${codes})"`);
}

const albRules: Rule[] = [
  // --- error_reason: Lambda targets ---------------------------------------------------------
  {
    id: "alb-lambda-unhandled",
    kind: "log",
    product: "aws-alb",
    layer: "app",
    cause: "app-crashed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The Lambda function behind the load balancer threw an exception it did not handle (LambdaUnhandled). Its CloudWatch log shows the stack trace.",
    confidence: "high",
    confidenceReason: "The load balancer writes this reason only for an unhandled function error.",
    anchors: ['"lambdaunhandled"'],
    example: LAMBDA("LambdaUnhandled", 502),
  },
  {
    id: "alb-lambda-invalid-response",
    kind: "log",
    product: "aws-alb",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "The Lambda function returned something the load balancer cannot turn into an HTTP response (LambdaInvalidResponse, or LambdaResponseTooLarge past 1 MB): a missing statusCode, a body that is not a string, or too much data.",
    confidence: "high",
    confidenceReason: "The reason names the bad response.",
    anchors: ['"lambda', "response"],
    pattern: errorReason("LambdaInvalidResponse|LambdaResponseTooLarge"),
    example: LAMBDA("LambdaInvalidResponse", 502),
  },
  {
    id: "alb-lambda-throttled",
    kind: "log",
    product: "aws-alb",
    layer: "app",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "Lambda throttled the function (LambdaThrottling): it reached its concurrency limit, so the load balancer could not invoke it.",
    confidence: "high",
    confidenceReason: "The reason names the throttling.",
    anchors: ['"lambdathrottling"'],
    example: LAMBDA("LambdaThrottling", 503),
  },
  {
    id: "alb-lambda-connection-timeout",
    kind: "log",
    product: "aws-alb",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 504,
    state: "timeoutLoadBalancer",
    meaning: "The load balancer's attempt to reach Lambda timed out (LambdaConnectionTimeout).",
    confidence: "medium",
    confidenceReason: "AWS counts this as an internal Lambda error; it is usually brief.",
    anchors: ['"lambdaconnectiontimeout"'],
    example: LAMBDA("LambdaConnectionTimeout", 504),
  },
  {
    id: "alb-lambda-setup-failed",
    kind: "log",
    product: "aws-alb",
    layer: "app",
    cause: "app-not-started",
    status: 502,
    state: "appDown",
    title: "The Lambda function could not start",
    meaning:
      "Lambda could not set the function up: a VPC network interface, subnet address, security group, KMS key, runtime or code package problem (the reason names which). The function never ran.",
    confidence: "high",
    confidenceReason: "Each of these reasons names a failed function initialisation.",
    anchors: ['"lambda', "exception"],
    pattern: errorReason(
      "LambdaEC2AccessDeniedException|LambdaEC2ThrottledException|LambdaEC2UnexpectedException|LambdaENILimitReachedException|LambdaInvalidRuntimeException|LambdaInvalidSecurityGroupIDException|LambdaInvalidSubnetIDException|LambdaInvalidZipFileException|LambdaKMSAccessDeniedException|LambdaKMSDisabledException|LambdaKMSInvalidStateException|LambdaKMSNotFoundException|LambdaSubnetIPAddressLimitReachedException",
    ),
    example: LAMBDA("LambdaENILimitReachedException", 502),
  },
  {
    id: "alb-lambda-config",
    kind: "log",
    product: "aws-alb",
    layer: "proxy",
    cause: "proxy-config",
    status: 502,
    state: "configRevert",
    meaning:
      "The load balancer may not invoke the function (LambdaAccessDenied) or the function does not exist (LambdaResourceNotFound): the target group points at a deleted function or lacks the permission to call it.",
    confidence: "high",
    confidenceReason: "The reason names the permission or the missing function.",
    anchors: ['"lambda'],
    pattern: errorReason("LambdaAccessDenied|LambdaResourceNotFound"),
    example: LAMBDA("LambdaResourceNotFound", 502),
  },
  {
    id: "alb-lambda-bad-request",
    kind: "log",
    product: "aws-alb",
    layer: "edge",
    cause: "edge-blocked",
    status: 400,
    state: "ownerWhichError",
    title: "A request Lambda cannot take (not a server fault)",
    meaning:
      "The request could not be passed to Lambda: its headers or body were not UTF-8 (LambdaBadRequest) or the body was over 1 MB (LambdaRequestTooLarge). The caller's request is the problem.",
    confidence: "high",
    confidenceReason: "The reason names what was wrong with the request.",
    anchors: ['"lambda', "request"],
    pattern: errorReason("LambdaBadRequest|LambdaRequestTooLarge"),
    example: LAMBDA("LambdaRequestTooLarge", 413),
  },
  {
    id: "alb-aws-internal",
    kind: "log",
    product: "aws-alb",
    layer: "edge",
    cause: "origin-unknown-response",
    status: 502,
    state: "cdnIncident",
    title: "An AWS-side failure in the load balancer or Lambda",
    meaning:
      "AWS reports a failure on its own side (LambdaServiceException, LambdaUnhandledException, or an unhandled exception in the load balancer's authentication or weighted routing). Check the AWS Health Dashboard; if it persists, open a support case with the trace id.",
    confidence: "medium",
    confidenceReason: "AWS names its own error, but not whether it is an incident or a one-off.",
    anchors: ["exception"],
    pattern: errorReason(
      "LambdaServiceException|LambdaUnhandledException|AuthUnhandledException|WeightedTargetGroupsUnhandledException",
    ),
    example: LAMBDA("LambdaServiceException", 502),
  },
  // --- error_reason: AWS WAF and authentication ---------------------------------------------
  {
    id: "alb-waf-unreachable",
    kind: "log",
    product: "aws-alb",
    layer: "edge",
    cause: "origin-unknown-response",
    status: 500,
    state: "cdnIncident",
    title: "The load balancer could not consult AWS WAF",
    meaning:
      "The load balancer could not get a verdict from AWS WAF (it could not connect, timed out, or WAF answered 5xx), so the request failed.",
    confidence: "high",
    confidenceReason: "The reason names the failed call to WAF.",
    anchors: ['"waf'],
    pattern: errorReason(
      "WAFConnectionError|WAFConnectionTimeout|WAFResponseReadTimeout|WAFServiceError|WAFUnhandledException",
    ),
    example: alb("0.001 -1 -1 500 -", "WAFConnectionTimeout"),
  },
  {
    id: "alb-auth-idp-unreachable",
    kind: "log",
    product: "aws-alb",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 500,
    state: "firewallOrigin",
    title: "The load balancer could not reach the identity provider",
    meaning:
      "The authenticate action could not reach the identity provider's token or user-info endpoint in time. The load balancer's security group or network ACL usually blocks outbound HTTPS, or the endpoint is down.",
    confidence: "medium",
    confidenceReason: "Blocked egress is usual; an identity provider outage looks the same.",
    anchors: ['"auth', "eprequesttimeout"],
    pattern: errorReason("AuthTokenEpRequestTimeout|AuthUserinfoEpRequestTimeout"),
    example: alb("0.001 -1 -1 500 -", "AuthTokenEpRequestTimeout"),
  },
  {
    id: "alb-auth-idp-error",
    kind: "log",
    product: "aws-alb",
    layer: "proxy",
    cause: "proxy-config",
    status: 561,
    state: "configRevert",
    title: "The identity provider refused the load balancer's authentication",
    meaning:
      "The identity provider answered the authenticate action with an error or an answer the load balancer could not use (wrong client secret, grant or endpoint URLs). The listener rule's OIDC or Cognito settings need checking.",
    confidence: "medium",
    confidenceReason:
      "A misconfiguration is usual; an identity provider incident gives the same reasons.",
    anchors: ['"auth'],
    pattern: errorReason(
      "AuthTokenEpRequestFailed|AuthUserinfoEpRequestFailed|AuthInvalidTokenResponse|AuthInvalidUserinfoResponse|AuthInvalidGrantError",
    ),
    example: alb("0.001 -1 -1 561 -", "AuthTokenEpRequestFailed"),
  },
  {
    id: "alb-auth-claims-too-large",
    kind: "log",
    product: "aws-alb",
    layer: "proxy",
    cause: "headers-too-large",
    status: 500,
    state: "malformedHeadersTooBig",
    meaning:
      "The user's claims from the identity provider are over the load balancer's 11 KB limit (AuthUserinfoResponseSizeExceeded). Ask the provider for fewer claims or scopes.",
    confidence: "high",
    confidenceReason: "The reason names the size limit.",
    anchors: ['"authuserinforesponsesizeexceeded"'],
    example: alb("0.001 -1 -1 500 -", "AuthUserinfoResponseSizeExceeded"),
  },
  {
    id: "alb-auth-client-rejected",
    kind: "log",
    product: "aws-alb",
    layer: "edge",
    cause: "edge-blocked",
    status: 401,
    state: "ownerWhichError",
    title: "A visitor failed the load balancer's sign-in (not a server fault)",
    meaning:
      "The visitor's sign-in did not complete: a stale or tampered session cookie, an expired ID token, or a callback without its code or state (the reason names which). It concerns that visitor's session, not your servers.",
    confidence: "medium",
    confidenceReason:
      "Usually one visitor's session; many at once point at the callback URL settings.",
    anchors: ['"auth'],
    pattern: errorReason(
      "AuthInvalidCookie|AuthInvalidIdToken|AuthInvalidStateParam|AuthMissingCodeParam|AuthMissingStateParam|AuthMissingHostHeader|AuthMissingAWSALBAuthNonce",
    ),
    example: alb("0.001 -1 -1 401 -", "AuthInvalidCookie"),
  },
  {
    id: "alb-weighted-cookie-invalid",
    kind: "log",
    product: "aws-alb",
    layer: "edge",
    cause: "edge-blocked",
    status: 400,
    state: "ownerWhichError",
    title: "A visitor sent a broken target-group cookie (not a server fault)",
    meaning:
      "The AWSALBTG cookie the load balancer uses for weighted target groups came back invalid, for example URL-encoded by the client (AWSALBTGCookieInvalid). It concerns that visitor's cookie, not your servers.",
    confidence: "high",
    confidenceReason: "The reason names the cookie check.",
    anchors: ['"awsalbtgcookieinvalid"'],
    example: alb("0.001 -1 -1 400 -", "AWSALBTGCookieInvalid"),
  },
  // --- Statuses the load balancer made up itself ----------------------------------------------
  {
    id: "alb-log-no-targets",
    kind: "log",
    product: "aws-alb",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "appDown",
    meaning:
      "The load balancer answered 503 without contacting a target: its target group has no registered or no healthy targets.",
    confidence: "high",
    confidenceReason:
      "A 503 with every processing time at -1 and no target status means no target was available.",
    anchors: ["-1 503 "],
    pattern: lbStatus("503", "(?:-|0)"),
    example: alb("-1 -1 -1 503 -", "-", "-"),
  },
  {
    id: "alb-log-target-timeout",
    kind: "log",
    product: "aws-alb",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutLoadBalancer",
    meaning:
      "The load balancer answered 504 because its target did not answer in time: it could not connect within 10 seconds, or the target sent nothing before the idle timeout (60 s by default).",
    confidence: "medium",
    confidenceReason:
      "A connect timeout (security group) and a slow app both log -1 and 504; the elapsed time tells them apart.",
    anchors: ["-1 504 "],
    pattern: lbStatus("504", "(?:-|0)"),
    example: alb("0.000 -1 -1 504 -"),
  },
  {
    id: "alb-log-target-closed",
    kind: "log",
    product: "aws-alb",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "The load balancer answered 502 because its target closed or reset the connection, or sent a response it could not read. Now and then, it is usually the target's keep-alive timeout being shorter than the load balancer's idle timeout; on every request, the app is crashing or speaking another protocol.",
    confidence: "medium",
    confidenceReason:
      "Keep-alive races, crashes, malformed responses and TLS failures all log -1 and 502.",
    anchors: ["-1 502 "],
    pattern: lbStatus("502", "(?:-|0)"),
    example: alb("0.000 -1 -1 502 -"),
  },
  {
    id: "alb-log-client-closed",
    kind: "log",
    product: "aws-alb",
    layer: "edge",
    cause: "client-gave-up",
    status: 460,
    state: "timeoutMeasure",
    meaning:
      "The client closed its connection before the load balancer could answer (460). That is the visitor's side; many at once mean the client's own timeout is shorter than your app's response time.",
    confidence: "low",
    confidenceReason: "Impatient visitors cause 460 too; only many of them point at a slow app.",
    anchors: [" 460 "],
    pattern: lbStatus("460", "(?:-|0)"),
    example: alb("0.000 -1 -1 460 -"),
  },
  {
    id: "alb-log-protocol-mismatch",
    kind: "log",
    product: "aws-alb",
    layer: "proxy",
    cause: "proxy-config",
    status: 464,
    state: "configRevert",
    meaning:
      "The request's protocol does not fit the target group's protocol version (464): an HTTP/1.1 request to a gRPC target group, or the reverse.",
    confidence: "high",
    confidenceReason: "The load balancer uses 464 only for this mismatch.",
    anchors: [" 464 "],
    pattern: lbStatus("464", "(?:-|0)"),
    example: alb("-1 -1 -1 464 -"),
  },
  {
    id: "alb-log-too-many-forwarded",
    kind: "log",
    product: "aws-alb",
    layer: "edge",
    cause: "edge-blocked",
    status: 463,
    state: "ownerWhichError",
    title: "A request with too many forwarding hops (not a server fault)",
    meaning:
      "The request's X-Forwarded-For header listed more than 30 addresses (463), so the load balancer refused it. A proxy loop or a client stuffing the header sends these.",
    confidence: "high",
    confidenceReason: "The load balancer uses 463 only for this header.",
    anchors: [" 463 "],
    pattern: lbStatus("463", "(?:-|0)"),
    example: alb("-1 -1 -1 463 -"),
  },
  {
    id: "alb-log-target-5xx",
    kind: "log",
    product: "aws-alb",
    layer: "app",
    cause: "origin-error-passed-on",
    status: 502,
    state: "proxyUpstream",
    title: "The target itself answered with an error; the load balancer passed it on",
    meaning:
      "The target answered with this 5xx and the load balancer relayed it (both status columns match and the target's processing time is real). The target's own logs explain it; if the target is nginx or another proxy, its error log names the cause.",
    confidence: "medium",
    confidenceReason:
      "The target produced the status; whether the app or a proxy in front of it the line cannot tell.",
    anchors: ["targetgroup/"],
    pattern: new RegExp(`${TIME} \\d{1,6}\\.\\d{1,6} ${TIME} (50[0-4]) \\1 \\d{1,12} \\d{1,12} "`),
    example: alb("0.000 0.012 0.000 502 502"),
  },
];

const CF_HEAD = "2026-11-21\t01:02:03\tFRA56-P1\t";
const cf = (status: number, resultType: string, detailed: string, timeTaken = "0.102") =>
  `${CF_HEAD}900\t203.0.113.9\tGET\td111111abcdef8.cloudfront.net\t/cart\t${status}\t-\tMozilla/5.0\t-\t-\t${resultType}\tkQ3vZ1x2Y3aB4cD5eF6gH7iJ8kL9mN0oP1qR2sT3uV4wX5yZ6A==\tshop.example.com\thttps\t412\t${timeTaken}\t-\tTLSv1.3\tTLS_AES_128_GCM_SHA256\t${resultType}\tHTTP/2.0\t-\t-\t51234\t${timeTaken}\t${detailed}\ttext/html\t915\t-\t-`;

/** A detailed result type as a field: between tabs in the file, or quoted in JSON (v2 logs). */
function edgeType(name: string): RegExp {
  return new RegExp(`(?:^|[\\t ",:])${name}(?:[\\t ",]|$)`);
}

/** What one x-edge-detailed-result-type value means; several values can share a meaning. */
type EdgeSpec = Omit<Rule, "id" | "kind" | "product" | "anchors" | "pattern" | "example"> & {
  /** The documented values this meaning covers, each its own rule. */
  types: string[];
};

const EDGE_TYPES: EdgeSpec[] = [
  {
    types: ["OriginDnsError"],
    layer: "dns",
    cause: "origin-dns",
    status: 502,
    state: "dnsCdnOriginSetting",
    meaning:
      "CloudFront could not resolve your origin's domain name (OriginDnsError): the origin setting names a host that has no DNS record, or the record was removed.",
    confidence: "high",
    confidenceReason: "The detailed result type names the failed lookup.",
  },
  {
    types: ["OriginConnectError"],
    layer: "network",
    cause: "upstream-refused",
    status: 502,
    state: "originDown",
    meaning:
      "CloudFront could not connect to your origin (OriginConnectError): the origin's web server is down, the port in the origin setting is closed, or a firewall rejects CloudFront's addresses.",
    confidence: "medium",
    confidenceReason: "A stopped server and a rejecting firewall both fail the connection.",
  },
  {
    types: ["OriginCommError"],
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutCdnLimit",
    meaning:
      "CloudFront timed out connecting to or reading from your origin (OriginCommError): the origin took longer than the response timeout (30 s by default), or packets to it are dropped.",
    confidence: "medium",
    confidenceReason:
      "A slow origin and a dropping firewall both end in this type; time-taken tells them apart.",
  },
  {
    types: ["OriginHeaderTooBigError"],
    layer: "app",
    cause: "headers-too-large",
    status: 502,
    state: "malformedHeadersTooBig",
    meaning:
      "A header in your origin's response is too big for CloudFront (OriginHeaderTooBigError), typically a large Set-Cookie or a long Link header.",
    confidence: "high",
    confidenceReason: "The detailed result type names the oversized header.",
  },
  {
    types: ["OriginInvalidResponseError", "OriginContentRangeLengthError"],
    layer: "app",
    cause: "upstream-invalid-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "Your origin's response broke HTTP in a way CloudFront rejects (OriginInvalidResponseError, or OriginContentRangeLengthError: Content-Length and Content-Range disagree).",
    confidence: "high",
    confidenceReason: "The detailed result type names the invalid response.",
  },
  {
    types: ["OriginZeroSizeObjectError"],
    layer: "app",
    cause: "origin-unknown-response",
    status: 502,
    state: "malformedInvalidResponse",
    meaning:
      "Your origin sent an empty object where CloudFront expected content (OriginZeroSizeObjectError).",
    confidence: "medium",
    confidenceReason: "An app that crashed after its headers also sends nothing.",
  },
  {
    types: ["OriginReadError", "OriginWriteError"],
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "originDirect",
    meaning:
      "CloudFront's connection to your origin broke while sending the request or reading the answer (OriginReadError, OriginWriteError): the origin closed or reset it.",
    confidence: "medium",
    confidenceReason: "A crash, a keep-alive race and a proxy limit all break the connection.",
  },
  {
    types: ["OriginError", "AbortedOrigin", "SlowReaderOriginError"],
    layer: "app",
    cause: "origin-unknown-response",
    status: 502,
    state: "originDirect",
    meaning:
      "CloudFront had a problem with your origin it does not name further (OriginError: an incorrect response; AbortedOrigin; SlowReaderOriginError). Testing the origin directly shows what it sends.",
    confidence: "low",
    confidenceReason: "These types only say the origin side failed.",
  },
  {
    types: ["ClientGeoBlocked", "InvalidRequestBlocked"],
    layer: "edge",
    cause: "edge-blocked",
    status: 403,
    state: "wafRules",
    meaning:
      "CloudFront refused the request itself: a geographic restriction (ClientGeoBlocked) or a block rule such as AWS WAF (InvalidRequestBlocked).",
    confidence: "high",
    confidenceReason: "The detailed result type names the block.",
  },
  {
    types: ["InvalidRequestMethod"],
    layer: "edge",
    cause: "proxy-config",
    status: 403,
    state: "configRevert",
    meaning:
      "The distribution is not set up for this request method (InvalidRequestMethod): the behaviour allows only GET and HEAD, and the request was a POST or similar.",
    confidence: "high",
    confidenceReason: "The detailed result type names the method check.",
  },
  {
    types: ["InvalidRequest", "InvalidRequestHeader", "InvalidRequestCertificate"],
    layer: "edge",
    cause: "edge-blocked",
    status: 400,
    state: "ownerWhichError",
    title: "CloudFront refused a malformed request (not a server fault)",
    meaning:
      "The viewer's request was invalid (InvalidRequest, InvalidRequestHeader) or arrived on a TLS connection made for another distribution (InvalidRequestCertificate). The caller's request is the problem.",
    confidence: "medium",
    confidenceReason:
      "Usually a client's request; a CNAME pointing at the wrong distribution also gives InvalidRequestCertificate.",
  },
  {
    types: ["ClientHungUpRequest", "ClientCommError"],
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "ownerWhichError",
    title: "Viewers hung up (not a server fault)",
    meaning:
      "The viewer stopped sending its request (ClientHungUpRequest) or the answer to it could not be delivered (ClientCommError). That is the visitor's connection, not your origin.",
    confidence: "medium",
    confidenceReason: "These types describe the viewer's side only.",
  },
];

const kebab = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();

const cloudFrontRules: Rule[] = [
  ...EDGE_TYPES.flatMap(({ types, ...spec }) =>
    types.map((type): Rule => ({
      ...spec,
      id: `cloudfront-log-${kebab(type)}`,
      kind: "log",
      product: "cloudfront",
      anchors: [type.toLowerCase()],
      pattern: edgeType(type),
      example: cf(spec.status === 499 ? 200 : (spec.status ?? 502), "Error", type),
    })),
  ),
  {
    id: "cloudfront-log-5xx",
    kind: "log",
    product: "cloudfront",
    layer: "app",
    cause: "origin-error-passed-on",
    status: 502,
    state: "proxyUpstream",
    title: "CloudFront served a 5xx it did not classify",
    meaning:
      "CloudFront served this 5xx with the generic Error result type: usually the origin's own error response, passed on or served from the error cache. The origin's logs at the same time explain it.",
    confidence: "low",
    confidenceReason:
      "The generic type does not say whether the origin or CloudFront made the error.",
    anchors: [".cloudfront.net"],
    pattern: /\t50[0-4]\t[^\t]{0,2000}\t[^\t]{0,2000}\t[^\t]{0,2000}\t[^\t]{0,2000}\tError\t/,
    example: cf(503, "Error", "Error"),
  },
];

/** ALB and Classic ELB access-log rules. */
export const awsLoadBalancerLogRules: Rule[] = albRules;

/** CloudFront standard (and v2 JSON) log rules. */
export const cloudFrontLogRules: Rule[] = cloudFrontRules;
