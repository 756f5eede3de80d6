import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

/*
 * Platform and app-server lines: Kubernetes (kubectl describe / get / events), the kernel
 * OOM killer, uWSGI, Puma, Passenger, Unicorn, Guzzle's cURL errors, Node proxies,
 * Traefik v2 and v3, Kong's bodies and Google's front-end pages. Sources are cited beside
 * each rule in lib/analyzer/rules/platforms.ts.
 */

const top = (text: string) => analyzePaste(text).findings[0];
const expectRule = (text: string, ruleId: string, cause?: string) => {
  const finding = top(text);
  expect(finding?.ruleId, text).toBe(ruleId);
  if (cause) expect(finding?.cause).toBe(cause);
};

describe("Kubernetes", () => {
  it("reads kubectl describe events", () => {
    expectRule(
      '  Warning  Unhealthy  2m10s (x31 over 12m)  kubelet  Readiness probe failed: Get "http://10.244.1.7:8080/healthz": dial tcp 10.244.1.7:8080: connect: connection refused',
      "k8s-readiness-probe-failed",
      "no-healthy-upstream",
    );
    expectRule(
      "  Warning  Unhealthy  45s (x3 over 65s)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 500",
      "k8s-liveness-probe-failed",
      "app-crashed",
    );
    expectRule(
      "  Warning  BackOff  3m2s (x25 over 8m)  kubelet  Back-off restarting failed container shop in pod shop-7c9f5d8b6-x2x9q_default(5b7c2e9a)",
      "k8s-crash-loop",
      "app-crashed",
    );
  });

  it("reads kubectl get events output, kubectl get pods and the OOMKilled reason", () => {
    expectRule(
      "12m  Warning  BackOff  pod/shop-7c9f5d8b6-x2x9q  Back-off restarting failed container shop in pod shop-7c9f5d8b6-x2x9q_default(5b7c2e9a)",
      "k8s-crash-loop",
    );
    expectRule(
      "shop-7c9f5d8b6-x2x9q   0/1     CrashLoopBackOff   12 (2m ago)   40m",
      "k8s-crash-loop-status",
    );
    expectRule(
      "shop-7c9f5d8b6-x2x9q   0/1     OOMKilled   3 (20s ago)   5m",
      "k8s-oom-killed",
      "out-of-memory",
    );
    expectRule("      Reason:       OOMKilled", "k8s-oom-killed");
  });

  it("reads a Service without endpoints from the API server and from ingress-nginx", () => {
    expectRule(
      'Error from server (ServiceUnavailable): no endpoints available for service "shop"',
      "k8s-no-endpoints",
    );
    expectRule(
      'W1121 01:02:03.118264       7 controller.go:1214] Service "default/shop" does not have any active Endpoint.',
      "ingress-nginx-no-active-endpoint",
    );
  });

  it("does not take a pod that is Running or a word inside another for a failure", () => {
    expect(top("shop-7c9f5d8b6-x2x9q   1/1     Running   0   40m")).toBeUndefined();
    expect(top('oomkilled_total{container="shop"} 0')).toBeUndefined();
  });
});

describe("Linux OOM killer", () => {
  it("reads the one-line summary of Linux 5.x and later, for the whole machine and for a cgroup", () => {
    expectRule(
      "Nov 21 01:02:03 web1 kernel: oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/php8.2-fpm.service,task=php-fpm8.2,pid=2817,uid=33",
      "kernel-oom-summary",
      "out-of-memory",
    );
    expectRule(
      "[1234567.891011] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-5b7c2e9a.scope,mems_allowed=0,oom_memcg=/kubepods/burstable/pod5b7c2e9a,task_memcg=/kubepods/burstable/pod5b7c2e9a/5b7c2e9a,task=node,pid=4411,uid=1000",
      "kernel-oom-summary",
    );
    expectRule(
      "Nov 21 01:02:03 web1 kernel: php-fpm8.2 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
      "kernel-oom-invoked",
    );
  });
});

describe("App servers", () => {
  it("reads uWSGI harakiri and a client that went away", () => {
    expectRule(
      "Sat Nov 21 01:02:03 2026 - *** HARAKIRI ON WORKER 2 (pid: 4411, try: 1) ***",
      "uwsgi-harakiri",
      "worker-timeout",
    );
    expectRule(
      "Sat Nov 21 01:02:03 2026 - SIGPIPE: writing to a closed pipe/socket/fd (probably the client disconnected) on request /export (ip 10.0.0.5) !!!",
      "uwsgi-client-disconnected",
      "client-gave-up",
    );
    // The setting in a config file is not the event.
    expect(top("harakiri = 30")).toBeUndefined();
  });

  it("reads Puma's, Passenger's and Unicorn's timeouts, queues and spawn failures", () => {
    expectRule(
      "[4411] ! Terminating timed out worker (Worker 1 failed to check in within 60 seconds): 4415",
      "puma-worker-timeout",
      "worker-timeout",
    );
    expectRule("[4411] ! Terminating timed out worker: 4415", "puma-worker-timeout");
    expectRule(
      "[ W 2026-11-21 01:02:03.1182 4411/T9 age/Cor/Con/CheckoutSession.cpp:276 ]: [Client 1-42] Returning HTTP 503 due to: Request queue full (configured max. size: 100)",
      "passenger-queue-full",
      "worker-pool-full",
    );
    expectRule(
      "[ E 2026-11-21 01:02:03.1182 4411/T9 age/Cor/App/Implementation.cpp:221 ]: Could not spawn process for application /var/www/shop: The application process exited prematurely.",
      "passenger-spawn-failed",
    );
    expectRule(
      "E, [2026-11-21T01:02:03.118264 #4411] ERROR -- : worker=2 PID:4415 timeout (61s > 60s), killing",
      "unicorn-worker-timeout",
      "worker-timeout",
    );
  });
});

describe("cURL errors through PHP and Guzzle", () => {
  const guzzle = (message: string) =>
    `[2026-11-21 01:02:03] production.ERROR: ${message} (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://api.example.com/v1/rates {"exception":"[object] (GuzzleHttp\\\\Exception\\\\ConnectException(code: 0)"}`;

  it("tells a DNS timeout, a connect timeout and a read timeout apart, though all are error 28", () => {
    expectRule(
      guzzle("cURL error 28: Resolving timed out after 10000 milliseconds"),
      "php-curl-dns-timeout",
      "upstream-dns",
    );
    expectRule(
      guzzle("cURL error 28: Connection timed out after 10001 milliseconds"),
      "php-curl-connect-timeout",
      "upstream-connect-timeout",
    );
    expectRule(
      guzzle("cURL error 28: Operation timed out after 30001 milliseconds with 0 bytes received"),
      "php-curl-read-timeout",
      "upstream-timeout",
    );
    expectRule(
      guzzle(
        "cURL error 28: Operation timed out after 30000 milliseconds with 1024 out of 8192 bytes received",
      ),
      "php-curl-read-timeout",
    );
  });

  it("reads refused, unreachable, unresolved and TLS failures", () => {
    expectRule(
      guzzle(
        "cURL error 7: Failed to connect to api.example.com port 443 after 3 ms: Connection refused",
      ),
      "php-curl-connect-refused",
      "upstream-refused",
    );
    expectRule(
      guzzle("cURL error 7: Failed to connect to 127.0.0.1 port 8080: Connection refused"),
      "php-curl-connect-refused",
    );
    expectRule(
      guzzle(
        "cURL error 7: Failed to connect to api.example.com port 443 after 2 ms: Couldn't connect to server",
      ),
      "php-curl-connect-refused",
    );
    expectRule(
      guzzle(
        "cURL error 7: Failed to connect to 10.0.3.7 port 8080 after 3001 ms: No route to host",
      ),
      "php-curl-connect-unreachable",
    );
    expectRule(
      guzzle("cURL error 6: Could not resolve host: api.example.com"),
      "php-curl-resolve",
      "upstream-dns",
    );
    expectRule(
      guzzle("cURL error 60: SSL certificate problem: unable to get local issuer certificate"),
      "php-curl-cert-chain",
    );
    expectRule(
      guzzle("cURL error 60: SSL certificate problem: certificate has expired"),
      "php-curl-cert-expired",
    );
    expectRule(
      guzzle(
        "cURL error 51: SSL: no alternative certificate subject name matches target host name 'api.example.com'",
      ),
      "php-curl-cert-name",
    );
    expectRule(
      guzzle("cURL error 35: error:0A00010B:SSL routines::wrong version number"),
      "php-curl-handshake",
    );
    expectRule(guzzle("cURL error 52: Empty reply from server"), "php-curl-empty-reply");
    expectRule(guzzle("cURL error 56: Recv failure: Connection reset by peer"), "php-curl-reset");
  });
});

describe("Node.js proxies and sockets", () => {
  it("reads http-proxy-middleware v2 and v3 lines by their error code", () => {
    const v2 = (code: string) =>
      `[HPM] Error occurred while trying to proxy request /api/cart from localhost:3000 to http://localhost:8080 (${code}) (https://nodejs.org/api/errors.html#errors_common_system_errors)`;
    const v3 = (code: string) =>
      `[HPM] Error occurred while proxying request localhost:3000/api/cart to http://localhost:8080/ [${code}] (https://nodejs.org/api/errors.html#errors_common_system_errors)`;
    expectRule(v2("ECONNREFUSED"), "hpm-refused", "upstream-refused");
    expectRule(v3("ECONNREFUSED"), "hpm-refused");
    expectRule(v2("ECONNRESET"), "hpm-reset", "connection-reset");
    expectRule(v2("ETIMEDOUT"), "hpm-timeout", "upstream-connect-timeout");
    expectRule(v3("ENOTFOUND"), "hpm-dns", "upstream-dns");
  });

  it("reads Node's own socket errors, leaving database ports to the database rule", () => {
    expectRule("Error: socket hang up", "node-socket-hang-up", "upstream-closed");
    expectRule("Error: read ECONNRESET", "node-read-reset", "connection-reset");
    expectRule(
      "Error: connect ECONNREFUSED 127.0.0.1:8080",
      "node-connect-refused",
      "upstream-refused",
    );
    expectRule("Error: connect ECONNREFUSED 127.0.0.1:5432", "db-connection-refused");
    expectRule("Error: connect ETIMEDOUT 10.0.3.7:443", "node-connect-timeout");
    expectRule("Error: getaddrinfo EAI_AGAIN api.internal", "node-dns");
  });
});

describe("Traefik", () => {
  const v2 = (status: string, error: string) =>
    `time="2026-11-21T01:02:03Z" level=debug msg="'${status}' caused by: ${error}"`;
  const v3 = (status: string, error: string) =>
    `2026-11-21T01:02:03Z DBG github.com/traefik/traefik/v3/pkg/proxy/httputil/proxy.go:113 > ${status} error="${error}"`;

  it.each([
    [
      v2("502 Bad Gateway", "dial tcp 172.18.0.5:8080: connect: connection refused"),
      "traefik-refused",
    ],
    [
      v3("502 Bad Gateway", "dial tcp 172.18.0.5:8080: connect: connection refused"),
      "traefik-refused",
    ],
    [v2("502 Bad Gateway", "dial tcp: lookup shop on 127.0.0.11:53: no such host"), "traefik-dns"],
    [v2("502 Bad Gateway", "EOF"), "traefik-eof"],
    [
      v3(
        "502 Bad Gateway",
        "read tcp 172.18.0.2:40122->172.18.0.5:8080: read: connection reset by peer",
      ),
      "traefik-reset",
    ],
    [v2("504 Gateway Timeout", "dial tcp 172.18.0.5:8080: i/o timeout"), "traefik-connect-timeout"],
    [
      v3("504 Gateway Timeout", "net/http: timeout awaiting response headers"),
      "traefik-gateway-timeout",
    ],
    [v2("499 Client Closed Request", "context canceled"), "traefik-client-closed"],
  ])("reads %s", (line, ruleId) => {
    expectRule(line, ruleId);
  });

  it("reads its 'no available server' body, but not the words inside a sentence", () => {
    expectRule("no available server", "traefik-no-available-server", "no-healthy-upstream");
    expect(
      analyzePaste("Is there no available server in the pool?").findings.map((f) => f.ruleId),
    ).not.toContain("traefik-no-available-server");
  });
});

describe("Kong and Google front-end pages", () => {
  it.each([
    [
      '{\n  "message":"An invalid response was received from the upstream server"\n}',
      "kong-invalid-upstream-response",
    ],
    ['{"message":"The upstream server is timing out"}', "kong-upstream-timeout"],
    ['{"message":"failure to get a peer from the ring-balancer"}', "kong-no-peer"],
    ['{"message":"name resolution failed"}', "kong-name-resolution"],
    ['{"message":"no Route matched with those values"}', "kong-no-route"],
  ])("reads Kong's body %s", (body, ruleId) => {
    expectRule(
      `HTTP/1.1 502 Bad Gateway\nServer: kong/3.4.2\nContent-Type: application/json\n\n${body}`,
      ruleId,
    );
  });

  it("reads Google's front-end 502 page and a 5xx through its headers", () => {
    expectRule(
      "502. That’s an error.\nError: Server Error\nThe server encountered a temporary error and could not complete your request.\nPlease try again in 30 seconds. That’s all we know.",
      "google-gfe-502",
    );
    expectRule(
      "HTTP/2 503\ncontent-type: text/html\nvia: 1.1 google\n",
      "google-frontend-5xx-header",
    );
    // A healthy answer through Google's front end is not an error.
    expect(top("HTTP/2 200\nvia: 1.1 google\n")).toBeUndefined();
  });
});
