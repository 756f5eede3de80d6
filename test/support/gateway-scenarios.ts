/**
 * What a correct diagnosis is for every product × fault of the gateway lab
 * (test/lab/gateways), decided from the committed captures in
 * test/lab/gateways/captures/<product>/<fault>.json (observed in the lab: nginx 1.22.1,
 * HAProxy 2.6.12, Apache 2.4.71, Caddy 2.6.2, Varnish 7.1.1, lighttpd 1.4.69, Squid 5.7,
 * Traffic Server 9.2.9, h2o 2.2.5), not from what a classifier happens to say.
 *
 * `vendor` is null when nothing in the response names the product; `cause` is null when
 * neither the response nor the timing of the three samples tells the failures apart (the same
 * page, status and speed for several faults): then the right next step is the question that
 * asks for the proxy's error log (proxyUpstream), which does say. For an intermittent fault the
 * cause is what the failing samples show (the upstream closes every other connection), and the
 * state is the intermittent pattern all the same. `shows` names the observation
 * a verdict rests on. Shared by the probe test (test/unit/lib/probe/gateway-lab.test.ts) and
 * the browser test (test/e2e/gateway-lab.spec.ts).
 */
import type { VerdictCause } from "@/lib/probe/verdict";
import type { StateId } from "@/machines/diagnosis.machine";
import {
  GATEWAY_FAULTS,
  GATEWAY_PRODUCTS,
  type GatewayFault,
  type GatewayProductId,
} from "@/test/lab/gateways/products";

/** The expected diagnosis of one product × fault. */
export interface GatewayScenario {
  product: GatewayProductId;
  fault: GatewayFault;
  /** Product id the verdict names, or null when the response does not identify it. */
  vendor: GatewayProductId | null;
  /** The cause a verdict must give, or null when the evidence cannot tell it. */
  cause: VerdictCause | null;
  /**
   * Another cause the same observation equally supports and that leads to the same state
   * (HAProxy's "No server is available" is both "no healthy upstream" and "refused").
   */
  alsoAccepted?: VerdictCause;
  /** True when the three samples disagree (some answered, some failed). */
  intermittent: boolean;
  /** The wizard state that fixes it (or asks for what is missing). */
  state: StateId;
  /** The observation the vendor and cause rest on, as seen in the capture. */
  shows: string;
}

type Expectation = Omit<GatewayScenario, "product" | "fault">;

/** Faults a product cannot be put in front of (see products.ts `unsupported`). */
export const UNSUPPORTED: ReadonlySet<string> = new Set([
  "varnish/tls-upstream",
  "lighttpd/tls-upstream",
]);

const ASK_FOR_THE_LOG = "proxyUpstream" satisfies StateId;

const EXPECTED: Record<GatewayProductId, Partial<Record<GatewayFault, Expectation>>> = {
  nginx: {
    refused: {
      vendor: "nginx",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        "Server: nginx and nginx's generic 502 page within ms, the same as for a close, a reset or a TLS failure",
    },
    slow: {
      vendor: "nginx",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows:
        "504 Gateway Time-out after the same ~2,000 ms in every sample (proxy_read_timeout 2s)",
    },
    garbage: {
      vendor: null,
      cause: null,
      intermittent: false,
      state: "malformedInvalidResponse",
      shows:
        "no status line and no headers at all (nginx relays the upstream's non-HTTP bytes as HTTP/0.9): a malformed response, and nothing shows a gateway in between to blame an upstream",
    },
    "premature-close": {
      vendor: "nginx",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows: "Server: nginx and its generic 502 page, fast: the same as refused, reset and TLS",
    },
    reset: {
      vendor: "nginx",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows: "Server: nginx and its generic 502 page, fast: the same as refused, close and TLS",
    },
    intermittent: {
      vendor: "nginx",
      cause: null,
      intermittent: true,
      state: "intermittentPattern",
      shows: "200, 502, 200 from the same nginx: the samples disagree",
    },
    "tls-upstream": {
      vendor: "nginx",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        "Server: nginx and its generic 502 page, fast; only the error log names the expired certificate",
    },
  },
  haproxy: {
    refused: {
      vendor: "haproxy",
      cause: "no-healthy-upstream",
      alsoAccepted: "upstream-refused",
      intermittent: false,
      state: "appDown",
      shows:
        'HAProxy\'s built-in 503 page "No server is available to handle this request." (no Server header) after ~3 s of connect retries',
    },
    slow: {
      vendor: "haproxy",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows:
        "HAProxy's built-in 504 \"The server didn't respond in time.\" after ~2,000 ms each (timeout server 2s)",
    },
    garbage: {
      vendor: "haproxy",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        'HAProxy\'s built-in 502 "The server returned an invalid or incomplete response.", identical for bad bytes, a close and a reset; its log tells them apart (PH-- vs SH--)',
    },
    "premature-close": {
      vendor: "haproxy",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        'HAProxy\'s built-in 502 "invalid or incomplete response", identical to the garbage and reset faults',
    },
    reset: {
      vendor: "haproxy",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        'HAProxy\'s built-in 502 "invalid or incomplete response", identical to the garbage and close faults',
    },
    intermittent: {
      vendor: "haproxy",
      cause: null,
      intermittent: true,
      state: "intermittentPattern",
      shows: "200, then HAProxy's 502 page, then 200: the samples disagree",
    },
    "tls-upstream": {
      vendor: "haproxy",
      cause: "no-healthy-upstream",
      alsoAccepted: "upstream-refused",
      intermittent: false,
      state: "appDown",
      shows:
        'the same 503 "No server is available" after ~3 s as a refused upstream: HAProxy counts the failed handshake as a failed connection, and nothing in the answer says TLS',
    },
  },
  apache: {
    refused: {
      vendor: "apache",
      cause: "upstream-refused",
      intermittent: false,
      state: "appDown",
      shows:
        "Server: Apache with mod_proxy's 503 Service Unavailable, which it answers when it cannot connect to the backend (every other upstream failure is a 502 or 500 Proxy Error)",
    },
    slow: {
      vendor: "apache",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows:
        '502 Proxy Error "Error reading from remote server" after the same ~2,000 ms each (ProxyTimeout 2): a timeout, whatever the status',
    },
    garbage: {
      vendor: "apache",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        '502 Proxy Error "Error reading from remote server" within ms: the same page for bad bytes, a close and a reset',
    },
    "premature-close": {
      vendor: "apache",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        '502 Proxy Error "Error reading from remote server" within ms, identical to garbage and reset',
    },
    reset: {
      vendor: "apache",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        '502 Proxy Error "Error reading from remote server" within ms, identical to garbage and close',
    },
    intermittent: {
      vendor: "apache",
      cause: null,
      intermittent: true,
      state: "intermittentPattern",
      shows: "200, 502 Proxy Error, 200: the samples disagree",
    },
    "tls-upstream": {
      vendor: "apache",
      cause: "upstream-tls",
      intermittent: false,
      state: "tlsUpstream",
      shows:
        '500 Proxy Error "Error during SSL Handshake with remote server" (the page does not say which certificate check failed)',
    },
  },
  caddy: {
    refused: {
      vendor: "caddy",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        "Server: Caddy and an empty 502 within ms, the same for refused, garbage, close, reset and TLS",
    },
    slow: {
      vendor: "caddy",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows: "Server: Caddy, empty 504 after the same ~2,000 ms each (response_header_timeout 2s)",
    },
    garbage: {
      vendor: "caddy",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows: "Server: Caddy and an empty 502 within ms, like every other fast failure",
    },
    "premature-close": {
      vendor: "caddy",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows: "Server: Caddy and an empty 502 within ms, like every other fast failure",
    },
    reset: {
      vendor: "caddy",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows: "Server: Caddy and an empty 502 within ms, like every other fast failure",
    },
    intermittent: {
      vendor: "caddy",
      cause: null,
      intermittent: true,
      state: "intermittentPattern",
      shows: "200, empty 502, 200, all with Server: Caddy",
    },
    "tls-upstream": {
      vendor: "caddy",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        "Server: Caddy and an empty 502 within ms; only the error log names the expired certificate",
    },
  },
  varnish: {
    refused: {
      vendor: "varnish",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        'Server: Varnish, Via: varnish, 503 "Backend fetch failed" with a Guru Meditation XID, within ms, the same for every fast failure',
    },
    slow: {
      vendor: "varnish",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows:
        '503 "Backend fetch failed" after the same ~2,000 ms each (first_byte_timeout 2s): a timeout, although the status is 503',
    },
    garbage: {
      vendor: "varnish",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows: '503 "Backend fetch failed" within ms, like every other fast failure',
    },
    "premature-close": {
      vendor: "varnish",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows: '503 "Backend fetch failed" within ms, like every other fast failure',
    },
    reset: {
      vendor: "varnish",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows: '503 "Backend fetch failed" within ms, like every other fast failure',
    },
    intermittent: {
      vendor: "varnish",
      cause: null,
      intermittent: true,
      state: "intermittentPattern",
      shows: "200 (Via: varnish), 503 Backend fetch failed, 200: the samples disagree",
    },
  },
  lighttpd: {
    refused: {
      vendor: "lighttpd",
      cause: "upstream-refused",
      alsoAccepted: "no-healthy-upstream",
      intermittent: false,
      state: "appDown",
      shows:
        "Server: lighttpd, 503 Service Unavailable: mod_proxy's answer when it cannot connect to the backend (it then marks it down); its other failures are 502, 500 and 504",
    },
    slow: {
      vendor: "lighttpd",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows:
        "504 Gateway Timeout after the same ~4,000 ms each (read-timeout 2, checked once a second)",
    },
    garbage: {
      vendor: "lighttpd",
      cause: "upstream-invalid-response",
      intermittent: false,
      state: "malformedInvalidResponse",
      shows:
        "Server: lighttpd, 502 Bad Gateway within ms: lighttpd's answer to a response it cannot parse (a close or reset is a 500)",
    },
    "premature-close": {
      vendor: "lighttpd",
      cause: "upstream-closed",
      intermittent: false,
      state: "appCrashing",
      shows:
        "Server: lighttpd, 500 Internal Server Error within ms: lighttpd's answer when the backend closes before a response",
    },
    reset: {
      vendor: "lighttpd",
      cause: "upstream-closed",
      intermittent: false,
      state: "appCrashing",
      shows: "Server: lighttpd, 500 Internal Server Error within ms, as for a close",
    },
    intermittent: {
      vendor: "lighttpd",
      cause: "upstream-closed",
      intermittent: true,
      state: "intermittentPattern",
      shows:
        "200, 500, 200 from lighttpd: the samples disagree, and the failing one is lighttpd's 500 for a closed upstream",
    },
  },
  squid: {
    refused: {
      vendor: "squid",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        'Server: squid, X-Squid-Error: ERR_READ_ERROR 0, "Read Error … [No Error]": Squid 5.7 does not say the connection was refused (the same page as the TLS failure)',
    },
    slow: {
      vendor: "squid",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows:
        "504 with X-Squid-Error: ERR_READ_TIMEOUT after ~2,900 ms each (read_timeout 2 seconds)",
    },
    garbage: {
      vendor: "squid",
      cause: "upstream-invalid-response",
      intermittent: false,
      state: "malformedInvalidResponse",
      shows:
        "200 with X-Transformed-From: HTTP/0.9 and a body starting with binary bytes, Via: squid: the upstream sent no HTTP",
    },
    "premature-close": {
      vendor: "squid",
      cause: "upstream-closed",
      intermittent: false,
      state: "appCrashing",
      shows:
        'X-Squid-Error: ERR_ZERO_SIZE_OBJECT, "Zero Sized Reply": the upstream closed without a byte',
    },
    reset: {
      vendor: "squid",
      cause: "upstream-closed",
      intermittent: false,
      state: "appCrashing",
      shows: 'X-Squid-Error: ERR_READ_ERROR 104, "(104) Connection reset by peer"',
    },
    intermittent: {
      vendor: "squid",
      cause: "upstream-closed",
      intermittent: true,
      state: "intermittentPattern",
      shows:
        "502 ERR_ZERO_SIZE_OBJECT, 200, 502: the samples disagree, and the failures say the upstream closed",
    },
    "tls-upstream": {
      vendor: "squid",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        'X-Squid-Error: ERR_READ_ERROR 0, "Read Error … [No Error]": nothing says TLS (the same page as the refused fault)',
    },
  },
  trafficserver: {
    refused: {
      vendor: "trafficserver",
      cause: "upstream-refused",
      intermittent: false,
      state: "appDown",
      shows: 'Server: ATS, reason phrase "502 Connection refused", page "Could Not Connect"',
    },
    slow: {
      vendor: "trafficserver",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows:
        'reason phrase "504 Connection Timed Out", page "Inactivity Timeout", after ~2-3 s each (transaction_no_activity_timeout_out 2)',
    },
    garbage: {
      vendor: "trafficserver",
      cause: "upstream-invalid-response",
      intermittent: false,
      state: "malformedInvalidResponse",
      shows: 'reason phrase "502 Invalid HTTP Response"',
    },
    "premature-close": {
      vendor: "trafficserver",
      cause: "upstream-closed",
      intermittent: false,
      state: "appCrashing",
      shows:
        'reason phrase "502 Malformed Server Response Status", which Traffic Server 9.2 sends when the origin closes or resets before a status line (non-HTTP bytes get "Invalid HTTP Response")',
    },
    reset: {
      vendor: "trafficserver",
      cause: "upstream-closed",
      intermittent: false,
      state: "appCrashing",
      shows: 'reason phrase "502 Malformed Server Response Status", as for a close',
    },
    intermittent: {
      vendor: "trafficserver",
      cause: "upstream-closed",
      intermittent: true,
      state: "intermittentPattern",
      shows:
        "200, 502 Malformed Server Response Status, 200: the samples disagree, and the failure is Traffic Server's answer to a closed upstream",
    },
    "tls-upstream": {
      vendor: "trafficserver",
      cause: null,
      intermittent: false,
      state: ASK_FOR_THE_LOG,
      shows:
        'an empty reason phrase ("502 ") and the "Could Not Connect" page: not a refusal, and nothing says TLS; the error log says ENET_SSL_CONNECT_FAILED',
    },
  },
  h2o: {
    refused: {
      vendor: "h2o",
      cause: "upstream-refused",
      intermittent: false,
      state: "appDown",
      shows: 'Server: h2o, "502 Gateway Error", body "connection failed"',
    },
    slow: {
      vendor: "h2o",
      cause: "upstream-timeout",
      intermittent: false,
      state: "timeoutProxyRead",
      shows:
        'body "I/O timeout" after the same ~2,000 ms each (proxy.timeout.io 2000), although the status is 502',
    },
    garbage: {
      vendor: "h2o",
      cause: "upstream-invalid-response",
      intermittent: false,
      state: "malformedInvalidResponse",
      shows: 'body "failed to parse the response"',
    },
    "premature-close": {
      vendor: "h2o",
      cause: "upstream-closed",
      intermittent: false,
      state: "appCrashing",
      shows: 'body "I/O error (head)": the connection failed while reading the response head',
    },
    reset: {
      vendor: "h2o",
      cause: "upstream-closed",
      intermittent: false,
      state: "appCrashing",
      shows: 'body "I/O error (head)", as for a close',
    },
    intermittent: {
      vendor: "h2o",
      cause: "upstream-closed",
      intermittent: true,
      state: "intermittentPattern",
      shows:
        '200, 502 "I/O error (head)", 200: the samples disagree, and the failure says the upstream closed',
    },
    "tls-upstream": {
      vendor: "h2o",
      cause: "upstream-tls-invalid-certificate",
      intermittent: false,
      state: "tlsRenew",
      shows: 'body "certificate has expired"',
    },
  },
};

/** Every supported product × fault with its expected diagnosis, in lab order. */
export const GATEWAY_SCENARIOS: readonly GatewayScenario[] = GATEWAY_PRODUCTS.flatMap((product) =>
  GATEWAY_FAULTS.flatMap((fault) => {
    const expected = EXPECTED[product][fault];
    return expected ? [{ product, fault, ...expected }] : [];
  }),
);

/** The scenario's name as tests and the clicks file show it: "product/fault". */
export function scenarioName(scenario: Pick<GatewayScenario, "product" | "fault">): string {
  return `${scenario.product}/${scenario.fault}`;
}
