import type { Rule } from "../types";

/*
 * Platforms and app servers: Kubernetes events and ingress-nginx, the kernel's OOM
 * killer, uWSGI, Puma, Passenger, Unicorn, libcurl through PHP and Guzzle, Node.js
 * proxies and sockets, Traefik, Kong and Google's front end. Each rule cites its source.
 */

// --- Kubernetes -------------------------------------------------------------------------
// Event reasons and messages: kubelet's probe and back-off events
// (https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/,
// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts),
// OOMKilled (https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/),
// the API server's proxy error for a Service without endpoints, and ingress-nginx's
// controller warning (https://kubernetes.github.io/ingress-nginx/troubleshooting/).
const EVENT = "  Warning  Unhealthy  2m10s (x31 over 12m)  kubelet";

const kubernetesRules: Rule[] = [
  {
    id: "k8s-readiness-probe-failed",
    kind: "log",
    product: "kubernetes",
    layer: "app",
    cause: "no-healthy-upstream",
    status: 503,
    state: "appDown",
    meaning:
      "The pod fails its readiness probe, so Kubernetes removes it from the Service's endpoints and the proxy or ingress in front has nowhere to send requests. The probe's error (refused, timeout, a status) says why.",
    confidence: "medium",
    confidenceReason:
      "A pod that is down and a probe pointed at the wrong path or port fail the same way.",
    anchors: ["readiness probe failed"],
    example: `${EVENT}  Readiness probe failed: Get "http://10.244.1.7:8080/healthz": dial tcp 10.244.1.7:8080: connect: connection refused`,
  },
  {
    id: "k8s-liveness-probe-failed",
    kind: "log",
    product: "kubernetes",
    layer: "app",
    cause: "app-crashed",
    status: 503,
    state: "appCrashing",
    meaning:
      "The container fails its liveness probe, so the kubelet kills and restarts it; requests it was serving fail. A stuck app, or a probe whose timeout is shorter than the app's answer under load.",
    confidence: "medium",
    confidenceReason: "A hung app and a too-strict probe both fail liveness.",
    anchors: ["liveness probe failed"],
    example: `${EVENT}  Liveness probe failed: Get "http://10.244.1.7:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
  },
  {
    id: "k8s-startup-probe-failed",
    kind: "log",
    product: "kubernetes",
    layer: "app",
    cause: "app-not-started",
    status: 503,
    state: "appDown",
    meaning:
      "The container has not passed its startup probe, so it never becomes ready and gets no traffic; after failureThreshold tries it is restarted.",
    confidence: "medium",
    confidenceReason: "A slow boot and a wrong probe both fail the startup probe.",
    anchors: ["startup probe failed"],
    example: `${EVENT}  Startup probe failed: HTTP probe failed with statuscode: 503`,
  },
  {
    id: "k8s-crash-loop",
    kind: "log",
    product: "kubernetes",
    layer: "app",
    cause: "app-crashed",
    status: 503,
    state: "appCrashing",
    meaning:
      "The container exits soon after every start and Kubernetes waits longer and longer before restarting it (CrashLoopBackOff). `kubectl logs --previous` shows why it exited.",
    confidence: "high",
    confidenceReason: "Back-off is applied only to a container that keeps exiting.",
    anchors: ["back-off restarting failed container"],
    example:
      "  Warning  BackOff  3m2s (x25 over 8m)  kubelet  Back-off restarting failed container shop in pod shop-7c9f5d8b6-x2x9q_default(5b7c2e9a-61d4-4c1e-9a0b-2f3e4d5c6b7a)",
  },
  {
    id: "k8s-crash-loop-status",
    kind: "log",
    product: "kubernetes",
    layer: "app",
    cause: "app-crashed",
    status: 503,
    state: "appCrashing",
    meaning:
      "The pod's container is in CrashLoopBackOff: it exits soon after every start. `kubectl logs --previous` shows why it exited.",
    confidence: "high",
    confidenceReason: "The status is given only to a container that keeps exiting.",
    anchors: ["crashloopbackoff"],
    pattern: /\bCrashLoopBackOff\b/,
    example: "shop-7c9f5d8b6-x2x9q   0/1     CrashLoopBackOff   12 (2m ago)   40m",
  },
  {
    id: "k8s-oom-killed",
    kind: "log",
    product: "kubernetes",
    layer: "app",
    cause: "out-of-memory",
    status: 503,
    state: "memoryOom",
    meaning:
      "The container went over its memory limit and was killed (OOMKilled, exit code 137). Raise the limit or find what uses the memory.",
    confidence: "high",
    confidenceReason: "OOMKilled is set only when the kernel killed the container for memory.",
    anchors: ["oomkilled"],
    pattern: /\bOOMKilled\b/,
    example: "      Reason:       OOMKilled",
  },
  {
    id: "k8s-no-endpoints",
    kind: "log",
    product: "kubernetes",
    layer: "app",
    cause: "no-healthy-upstream",
    status: 503,
    state: "appDown",
    meaning:
      "The Service has no ready endpoints: no pod matches its selector, or none is ready. Whatever routes to it has nowhere to send requests.",
    confidence: "high",
    confidenceReason: "The message is written only for a Service without ready endpoints.",
    anchors: ["no endpoints available for service"],
    example: 'Error from server (ServiceUnavailable): no endpoints available for service "shop"',
  },
  {
    id: "ingress-nginx-no-active-endpoint",
    kind: "log",
    product: "kubernetes",
    layer: "app",
    cause: "no-healthy-upstream",
    status: 503,
    state: "appDown",
    meaning:
      "ingress-nginx found no ready pod behind the Service this Ingress points at, so it answers 503. Check the Service's selector and the pods' readiness.",
    confidence: "high",
    confidenceReason: "The controller writes this only when a Service has no ready endpoint.",
    anchors: ["does not have any active endpoint"],
    example:
      'W1121 01:02:03.118264       7 controller.go:1214] Service "default/shop" does not have any active Endpoint.',
  },
];

// --- Linux kernel OOM killer ------------------------------------------------------------
// The summary line mm/oom_kill.c prints since Linux 5.0 (dump_oom_summary) and the
// header it prints first (dump_header), https://docs.kernel.org/admin-guide/mm/concepts.html#oom-killer
const kernelRules: Rule[] = [
  {
    id: "kernel-oom-summary",
    kind: "log",
    product: "kernel",
    layer: "app",
    cause: "out-of-memory",
    status: 502,
    state: "memoryOom",
    meaning:
      "The kernel's OOM killer chose a process to kill (the task= and pid= fields name it). CONSTRAINT_MEMCG means a container or cgroup hit its own limit; CONSTRAINT_NONE means the whole machine ran out.",
    confidence: "high",
    confidenceReason: "The kernel prints this line only when it kills for memory.",
    anchors: ["oom-kill:constraint="],
    example:
      "Nov 21 01:02:03 web1 kernel: oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/php8.2-fpm.service,task=php-fpm8.2,pid=2817,uid=33",
  },
  {
    id: "kernel-oom-invoked",
    kind: "log",
    product: "kernel",
    layer: "app",
    cause: "out-of-memory",
    status: 502,
    state: "memoryOom",
    meaning:
      "Memory ran out and the kernel started its OOM killer (the process named first is the one asking for memory, not necessarily the one killed). A 'Killed process' line follows.",
    confidence: "high",
    confidenceReason: "The kernel prints this only when it has to kill for memory.",
    anchors: ["invoked oom-killer"],
    example:
      "Nov 21 01:02:03 web1 kernel: php-fpm8.2 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
  },
];

// --- App servers --------------------------------------------------------------------------
const appServerRules: Rule[] = [
  // uWSGI: harakiri (https://uwsgi-docs.readthedocs.io/en/latest/Options.html#harakiri)
  {
    id: "uwsgi-harakiri",
    kind: "log",
    product: "uwsgi",
    layer: "app",
    cause: "worker-timeout",
    status: 502,
    state: "timeoutSlowApp",
    meaning:
      "uWSGI killed a worker whose request ran longer than its harakiri limit. The proxy in front gets a closed connection (502) for that request; the slow code path is the fix.",
    confidence: "high",
    confidenceReason: "uWSGI prints this only when harakiri fires.",
    anchors: ["harakiri"],
    pattern: /HARAKIRI (?:ON WORKER|!!!|triggered)|HARAKIRI \[core/,
    example: "Sat Nov 21 01:02:03 2026 - *** HARAKIRI ON WORKER 2 (pid: 4411, try: 1) ***",
  },
  {
    id: "uwsgi-client-disconnected",
    kind: "log",
    product: "uwsgi",
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "uWSGI could not write the answer because the other side (the proxy, on behalf of a visitor) had already closed the connection. Many of them mean the proxy gives up before the app answers.",
    confidence: "low",
    confidenceReason: "A visitor leaving and a proxy timing out both close the socket.",
    anchors: ["probably the client disconnected"],
    example:
      "Sat Nov 21 01:02:03 2026 - SIGPIPE: writing to a closed pipe/socket/fd (probably the client disconnected) on request /export (ip 10.0.0.5) !!!",
  },
  // Puma: worker check-in timeout (https://github.com/puma/puma/blob/master/docs/deployment.md
  // and lib/puma/cluster.rb; worker_timeout, 60 s by default)
  {
    id: "puma-worker-timeout",
    kind: "log",
    product: "puma",
    layer: "app",
    cause: "worker-timeout",
    status: 502,
    state: "timeoutSlowApp",
    meaning:
      "Puma killed a worker that stopped checking in within worker_timeout (60 s by default): the worker was stuck, usually on a request that never finished.",
    confidence: "high",
    confidenceReason: "Puma prints this only when it kills a silent worker.",
    anchors: ["terminating timed out worker"],
    example:
      "[4411] ! Terminating timed out worker (Worker 1 failed to check in within 60 seconds): 4415",
  },
  // Passenger: request queue and spawn errors
  // (https://www.phusionpassenger.com/docs/references/config_reference/nginx/#passenger_max_request_queue_size)
  {
    id: "passenger-queue-full",
    kind: "log",
    product: "passenger",
    layer: "app",
    cause: "worker-pool-full",
    status: 503,
    state: "workerPool",
    meaning:
      "Every Passenger process is busy and its request queue is full (passenger_max_request_queue_size, 100 by default), so new requests get 503.",
    confidence: "high",
    confidenceReason: "Passenger writes this only when the queue overflows.",
    anchors: ["request queue full"],
    pattern: /Request queue (?:is )?full/,
    example:
      "[ W 2026-11-21 01:02:03.1182 4411/T9 age/Cor/Con/CheckoutSession.cpp:276 ]: [Client 1-42] Returning HTTP 503 due to: Request queue full (configured max. size: 100)",
  },
  {
    id: "passenger-spawn-failed",
    kind: "log",
    product: "passenger",
    layer: "app",
    cause: "app-not-started",
    status: 502,
    state: "appDown",
    meaning:
      "Passenger could not start the app: it exited or failed while booting. The lines after this show the app's own error.",
    confidence: "high",
    confidenceReason: "Passenger names the failed spawn.",
    anchors: ["could not spawn process for application"],
    example:
      "[ E 2026-11-21 01:02:03.1182 4411/T9 age/Cor/App/Implementation.cpp:221 ]: Could not spawn process for application /var/www/shop: The application process exited prematurely.",
  },
  // Unicorn: master kills a worker past its timeout (https://yhbt.net/unicorn/Unicorn/Configurator.html#method-i-timeout)
  {
    id: "unicorn-worker-timeout",
    kind: "log",
    product: "unicorn",
    layer: "app",
    cause: "worker-timeout",
    status: 502,
    state: "timeoutSlowApp",
    meaning:
      "Unicorn's master killed a worker whose request ran past its timeout (60 s by default). The proxy in front gets a closed connection for that request.",
    confidence: "high",
    confidenceReason: "Unicorn prints this only when it kills a worker for time.",
    anchors: ["), killing"],
    pattern: /worker=\d{1,4} PID:\d{1,9} timeout \(\d{1,6}s > \d{1,6}s\), killing/,
    example:
      "E, [2026-11-21T01:02:03.118264 #4411] ERROR -- : worker=2 PID:4415 timeout (61s > 60s), killing",
  },
];

// --- libcurl through PHP and Guzzle ---------------------------------------------------------
// Error numbers and texts: https://curl.se/libcurl/c/libcurl-errors.html; Guzzle prefixes
// them with "cURL error N:" (https://docs.guzzlephp.org/en/stable/request-options.html).
// These are the app's own calls to another service; a failing or slow call makes its page
// fail or time out.
const CURL_PREFIX =
  "[2026-11-21 01:02:03] production.ERROR: GuzzleHttp\\Exception\\ConnectException:";
const CURL_TAIL =
  " (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://api.example.com/v1/rates";

const phpCurlRules: Rule[] = [
  {
    id: "php-curl-dns-timeout",
    kind: "log",
    product: "php-curl",
    layer: "dns",
    cause: "upstream-dns",
    status: 502,
    state: "dnsUpstreamResolver",
    meaning:
      "The app's HTTP call timed out while resolving the other service's host name (error 28 while resolving): the server's DNS resolver is slow or unreachable.",
    confidence: "high",
    confidenceReason: "libcurl says the timeout expired during name resolution.",
    anchors: ["curl error 28:", "resolving timed out"],
    example: `${CURL_PREFIX} cURL error 28: Resolving timed out after 10000 milliseconds${CURL_TAIL}`,
  },
  {
    id: "php-curl-connect-timeout",
    kind: "log",
    product: "php-curl",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 504,
    state: "timeoutExternalCalls",
    meaning:
      "The app's HTTP call could not open a connection to the other service in time (error 28 while connecting): a firewall drops it, or the service is down.",
    confidence: "medium",
    confidenceReason: "A firewall and a down service both leave the connect unanswered.",
    anchors: ["curl error 28:"],
    // Older libcurl: "Connection timed out after N milliseconds"; 7.88 (observed in the lab,
    // test/lab/corpus/curl-errors.txt): "Failed to connect to … after N ms: Timeout was reached".
    pattern:
      /cURL error 28: (?:Connection timed out after|Failed to connect to [^ ]{1,255} port \d{1,5} after \d{1,9} ms: Timeout was reached)/,
    example: `${CURL_PREFIX} cURL error 28: Connection timed out after 10001 milliseconds${CURL_TAIL}`,
  },
  {
    id: "php-curl-read-timeout",
    kind: "log",
    product: "php-curl",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutExternalCalls",
    meaning:
      "The app's HTTP call to another service connected but got its answer too slowly (error 28, operation timed out): the page waits on that service.",
    confidence: "high",
    confidenceReason: "libcurl says the whole operation ran out of time after connecting.",
    anchors: ["curl error 28:", "operation timed out after"],
    example: `${CURL_PREFIX} cURL error 28: Operation timed out after 30001 milliseconds with 0 bytes received${CURL_TAIL}`,
  },
  {
    id: "php-curl-resolve",
    kind: "log",
    product: "php-curl",
    layer: "dns",
    cause: "upstream-dns",
    status: 502,
    state: "dnsUpstreamResolver",
    meaning:
      "The app's HTTP call could not resolve the other service's host name (error 6): a typo, a missing record, or a container network without that name.",
    confidence: "high",
    confidenceReason: "Error 6 means the name did not resolve.",
    anchors: ["curl error 6:", "could not resolve host"],
    example: `${CURL_PREFIX} cURL error 6: Could not resolve host: api.example.com${CURL_TAIL}`,
  },
  {
    id: "php-curl-connect-refused",
    kind: "log",
    product: "php-curl",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "The app's HTTP call was refused (error 7): nothing listens on that host and port, so the service it calls is down or at another address.",
    confidence: "high",
    confidenceReason: "A refused connect means no process is listening there.",
    anchors: ["curl error 7:"],
    pattern:
      /cURL error 7: Failed to connect to [^ ]{1,255} port \d{1,5}[^:]{0,40}: (?:Connection refused|Couldn't connect to server)/,
    example: `${CURL_PREFIX} cURL error 7: Failed to connect to api.example.com port 443 after 3 ms: Connection refused${CURL_TAIL}`,
  },
  {
    id: "php-curl-connect-unreachable",
    kind: "log",
    product: "php-curl",
    layer: "network",
    cause: "upstream-unreachable",
    status: 502,
    state: "firewallOrigin",
    meaning:
      "The app's HTTP call found no network path to the other service (error 7: no route, or the connect timed out): a firewall, a wrong address, or a host that is down.",
    confidence: "medium",
    confidenceReason: "A rejecting firewall and a missing host both give this.",
    anchors: ["curl error 7:"],
    pattern:
      /cURL error 7: Failed to connect to [^ ]{1,255} port \d{1,5}[^:]{0,40}: (?:No route to host|Network is unreachable|Connection timed out|Timeout was reached)/,
    example: `${CURL_PREFIX} cURL error 7: Failed to connect to 10.0.3.7 port 8080 after 3001 ms: No route to host${CURL_TAIL}`,
  },
  {
    id: "php-curl-cert-name",
    kind: "log",
    product: "php-curl",
    layer: "tls",
    cause: "upstream-tls-invalid-certificate",
    status: 502,
    state: "tlsSni",
    meaning:
      "The other service's certificate is not valid for the host name the app called (error 51, or 60 with 'no alternative certificate subject name').",
    confidence: "high",
    confidenceReason: "libcurl names the host-name mismatch.",
    anchors: ["curl error ", "subject name"],
    pattern: /cURL error (?:51|60): [^\n]{0,80}subject name/,
    example: `${CURL_PREFIX} cURL error 60: SSL: no alternative certificate subject name matches target host name 'api.example.com'${CURL_TAIL}`,
  },
  {
    id: "php-curl-cert-expired",
    kind: "log",
    product: "php-curl",
    layer: "tls",
    cause: "upstream-tls-invalid-certificate",
    status: 502,
    state: "tlsRenew",
    meaning:
      "The other service's certificate has expired (error 60), or the app server's clock is wrong.",
    confidence: "high",
    confidenceReason: "libcurl names the expiry.",
    anchors: ["curl error 60:", "certificate has expired"],
    example: `${CURL_PREFIX} cURL error 60: SSL certificate problem: certificate has expired${CURL_TAIL}`,
  },
  {
    id: "php-curl-cert-chain",
    kind: "log",
    product: "php-curl",
    layer: "tls",
    cause: "upstream-tls-invalid-certificate",
    status: 502,
    state: "tlsChain",
    meaning:
      "The app does not trust the other service's certificate (error 60): its intermediate certificate is missing, it is self-signed, or the app server's CA bundle is out of date.",
    confidence: "high",
    confidenceReason: "libcurl names the failed chain check.",
    anchors: ["curl error 60:", "ssl certificate problem"],
    example: `${CURL_PREFIX} cURL error 60: SSL certificate problem: unable to get local issuer certificate${CURL_TAIL}`,
  },
  {
    id: "php-curl-handshake",
    kind: "log",
    product: "php-curl",
    layer: "tls",
    cause: "upstream-tls",
    status: 502,
    state: "tlsUpstream",
    meaning:
      "The TLS handshake with the other service failed (error 35): no common protocol or cipher, a plain-HTTP port called with https, or the connection cut during the handshake.",
    confidence: "high",
    confidenceReason: "Error 35 is a failed TLS connect.",
    anchors: ["curl error 35:"],
    example: `${CURL_PREFIX} cURL error 35: OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to api.example.com:443${CURL_TAIL}`,
  },
  {
    id: "php-curl-empty-reply",
    kind: "log",
    product: "php-curl",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The other service closed the connection without any answer (error 52): it crashed on the request, or something in between cut it.",
    confidence: "medium",
    confidenceReason:
      "A crash is usual; a proxy or firewall cutting the connection looks the same.",
    anchors: ["curl error 52:"],
    example: `${CURL_PREFIX} cURL error 52: Empty reply from server${CURL_TAIL}`,
  },
  {
    id: "php-curl-reset",
    kind: "log",
    product: "php-curl",
    layer: "app",
    cause: "connection-reset",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "The other service reset the connection while the app was reading its answer (error 56). When intermittent, it is usually a reused keep-alive connection the service had just closed.",
    confidence: "medium",
    confidenceReason: "Keep-alive races are common; a crash also resets connections.",
    anchors: ["curl error 56:", "connection reset by peer"],
    example: `${CURL_PREFIX} cURL error 56: OpenSSL SSL_read: Connection reset by peer, errno 104${CURL_TAIL}`,
  },
];

// --- Node.js proxies and sockets ---------------------------------------------------------------
// http-proxy-middleware's error line (https://github.com/chimurai/http-proxy-middleware,
// "[HPM] Error occurred while …") and Node's system error codes
// (https://nodejs.org/api/errors.html#common-system-errors).
const HPM_V2 =
  "[HPM] Error occurred while trying to proxy request /api/cart from localhost:3000 to http://localhost:8080";
const HPM_DOCS = "(https://nodejs.org/api/errors.html#errors_common_system_errors)";

const nodeRules: Rule[] = [
  {
    id: "hpm-refused",
    kind: "log",
    product: "node-proxy",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "The Node.js proxy could not connect to the backend: nothing listens on that address and port (ECONNREFUSED).",
    confidence: "high",
    confidenceReason: "ECONNREFUSED means no process is listening.",
    anchors: ["[hpm] error occurred while", "econnrefused"],
    example: `${HPM_V2} (ECONNREFUSED) ${HPM_DOCS}`,
  },
  {
    id: "hpm-dns",
    kind: "log",
    product: "node-proxy",
    layer: "dns",
    cause: "upstream-dns",
    status: 502,
    state: "dnsUpstreamResolver",
    meaning:
      "The Node.js proxy could not resolve the backend's host name (ENOTFOUND or EAI_AGAIN).",
    confidence: "high",
    confidenceReason: "These codes come from the failed lookup.",
    anchors: ["[hpm] error occurred while"],
    pattern: /[([](?:ENOTFOUND|EAI_AGAIN)[)\]]/,
    example: `${HPM_V2} (ENOTFOUND) ${HPM_DOCS}`,
  },
  {
    id: "hpm-timeout",
    kind: "log",
    product: "node-proxy",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 504,
    state: "firewallOrigin",
    meaning:
      "The Node.js proxy's connection to the backend timed out (ETIMEDOUT): a firewall drops it, the address is wrong, or the host is down.",
    confidence: "medium",
    confidenceReason: "Dropped packets and a frozen host look the same.",
    anchors: ["[hpm] error occurred while", "etimedout"],
    example: `${HPM_V2} (ETIMEDOUT) ${HPM_DOCS}`,
  },
  {
    id: "hpm-reset",
    kind: "log",
    product: "node-proxy",
    layer: "app",
    cause: "connection-reset",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "The backend reset the connection the Node.js proxy was using (ECONNRESET). When intermittent, it is usually a reused keep-alive connection the backend had just closed; every time, the backend crashes on the request.",
    confidence: "medium",
    confidenceReason: "Keep-alive races and crashes both reset connections.",
    anchors: ["[hpm] error occurred while", "econnreset"],
    example: `${HPM_V2} (ECONNRESET) ${HPM_DOCS}`,
  },
  {
    id: "node-socket-hang-up",
    kind: "log",
    product: "node",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "The server Node.js was calling closed the connection without answering ('socket hang up'). Now and then it is a reused keep-alive connection the server had just closed; every time, the server crashes or rejects the request.",
    confidence: "medium",
    confidenceReason: "A keep-alive race and a crashing server both hang up.",
    anchors: ["socket hang up"],
    pattern: /\bError: socket hang up\b|\bsocket hang up\b[^\n]{0,40}ECONNRESET/,
    example: "Error: socket hang up",
  },
  {
    id: "node-read-reset",
    kind: "log",
    product: "node",
    layer: "app",
    cause: "connection-reset",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "The server Node.js was reading from reset the connection (read ECONNRESET). Intermittent resets are usually keep-alive races.",
    confidence: "medium",
    confidenceReason: "Keep-alive races are common; a crash also resets connections.",
    anchors: ["read econnreset"],
    example:
      "Error: read ECONNRESET at TCP.onStreamRead (node:internal/stream_base_commons:217:20)",
  },
  {
    id: "node-connect-refused",
    kind: "log",
    product: "node",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "Node.js could not connect to a service: nothing listens on that address and port (connect ECONNREFUSED).",
    confidence: "high",
    confidenceReason: "ECONNREFUSED means no process is listening.",
    anchors: ["connect econnrefused"],
    // Database ports are read by catalog.ts's database rule.
    pattern: /connect ECONNREFUSED [^ ]{0,60}:(?!(?:5432|3306|27017|6379)\b)\d{1,5}\b/,
    example: "Error: connect ECONNREFUSED 127.0.0.1:8080",
  },
  {
    id: "node-connect-timeout",
    kind: "log",
    product: "node",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 504,
    state: "firewallOrigin",
    meaning:
      "Node.js could not open a connection to a service in time (connect ETIMEDOUT): a firewall drops it, or the address is wrong or down.",
    confidence: "medium",
    confidenceReason: "Dropped packets and a frozen host look the same.",
    anchors: ["connect etimedout"],
    example: "Error: connect ETIMEDOUT 10.0.3.7:443",
  },
  {
    id: "node-dns",
    kind: "log",
    product: "node",
    layer: "dns",
    cause: "upstream-dns",
    status: 502,
    state: "dnsUpstreamResolver",
    meaning:
      "Node.js could not resolve a service's host name (getaddrinfo ENOTFOUND: no such name; EAI_AGAIN: the resolver did not answer).",
    confidence: "high",
    confidenceReason: "getaddrinfo names the failed lookup.",
    anchors: ["getaddrinfo e"],
    pattern: /getaddrinfo (?:ENOTFOUND|EAI_AGAIN)\b/,
    example: "Error: getaddrinfo ENOTFOUND api.internal",
  },
];

// --- Traefik ------------------------------------------------------------------------------
// Traefik's proxy error handler logs the status it chose and the error behind it: v2 as
// "'502 Bad Gateway' caused by: …", v3 as "502 Bad Gateway error=…" (JSON: "error" and
// "message" fields). A timeout gives 504, a cancelled request 499, anything else 502
// (pkg/proxy/httputil/proxy.go; https://doc.traefik.io/traefik/observability/logs/).
// With no healthy server Traefik answers "no available server" (503).
const TRAEFIK_V2 = 'time="2026-11-21T01:02:03Z" level=debug msg="';
const traefikStatus = (status: string) =>
  new RegExp(`'${status}' caused by: |> ${status} error=|"message":"${status}"|${status} error="`);

const traefikRules: Rule[] = [
  {
    id: "traefik-refused",
    kind: "log",
    product: "traefik",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "appDown",
    meaning:
      "Traefik could not connect to the service: nothing listens on the address and port it routes to (the container is down, or its port label is wrong).",
    confidence: "high",
    confidenceReason: "Connection refused means no process is listening.",
    anchors: ["502 bad gateway", "connect: connection refused"],
    pattern: traefikStatus("502 Bad Gateway"),
    example: `${TRAEFIK_V2}'502 Bad Gateway' caused by: dial tcp 172.18.0.5:8080: connect: connection refused"`,
  },
  {
    id: "traefik-dns",
    kind: "log",
    product: "traefik",
    layer: "dns",
    cause: "upstream-dns",
    status: 502,
    state: "dnsUpstreamResolver",
    meaning: "Traefik could not resolve the service's host name.",
    confidence: "high",
    confidenceReason: "The dial error is a failed lookup.",
    anchors: ["502 bad gateway", "dial tcp: lookup"],
    pattern: traefikStatus("502 Bad Gateway"),
    example: `${TRAEFIK_V2}'502 Bad Gateway' caused by: dial tcp: lookup shop on 127.0.0.11:53: no such host"`,
  },
  {
    id: "traefik-eof",
    kind: "log",
    product: "traefik",
    layer: "app",
    cause: "upstream-closed",
    status: 502,
    state: "appCrashing",
    meaning:
      "The service closed the connection without an answer (EOF). Every time: the app crashes or speaks another protocol; now and then: a keep-alive connection the app had just closed.",
    confidence: "medium",
    confidenceReason: "Crashes, protocol mismatches and keep-alive races all end in EOF.",
    anchors: ["502 bad gateway", "eof"],
    pattern: /(?:caused by: |error="?)(?:unexpected )?EOF\b/,
    example: `${TRAEFIK_V2}'502 Bad Gateway' caused by: EOF"`,
  },
  {
    id: "traefik-reset",
    kind: "log",
    product: "traefik",
    layer: "app",
    cause: "connection-reset",
    status: 502,
    state: "keepAliveMismatch",
    meaning:
      "The service reset the connection Traefik was using. When intermittent, the app's keep-alive timeout is shorter than Traefik's idle connection timeout.",
    confidence: "medium",
    confidenceReason: "Keep-alive races are common; a crash also resets connections.",
    anchors: ["502 bad gateway", "connection reset by peer"],
    pattern: traefikStatus("502 Bad Gateway"),
    example: `${TRAEFIK_V2}'502 Bad Gateway' caused by: read tcp 172.18.0.2:40122->172.18.0.5:8080: read: connection reset by peer"`,
  },
  {
    id: "traefik-connect-timeout",
    kind: "log",
    product: "traefik",
    layer: "network",
    cause: "upstream-connect-timeout",
    status: 504,
    state: "firewallOrigin",
    meaning:
      "Traefik's connection to the service timed out before it opened: a firewall drops it, or the container is on another network.",
    confidence: "medium",
    confidenceReason: "A firewall and a wrong network both leave the connect unanswered.",
    anchors: ["504 gateway timeout", "dial tcp"],
    pattern: traefikStatus("504 Gateway Timeout"),
    example: `${TRAEFIK_V2}'504 Gateway Timeout' caused by: dial tcp 172.18.0.5:8080: i/o timeout"`,
  },
  {
    id: "traefik-gateway-timeout",
    kind: "log",
    product: "traefik",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "The service did not answer within Traefik's forwarding timeout (responseHeaderTimeout, when set), so Traefik answered 504.",
    confidence: "high",
    confidenceReason: "Traefik gives 504 only for a timeout.",
    anchors: ["504 gateway timeout"],
    pattern: traefikStatus("504 Gateway Timeout"),
    example:
      '2026-11-21T01:02:03Z DBG github.com/traefik/traefik/v3/pkg/proxy/httputil/proxy.go:113 > 504 Gateway Timeout error="net/http: timeout awaiting response headers"',
  },
  {
    id: "traefik-client-closed",
    kind: "log",
    product: "traefik",
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "The client went away before the service answered (Traefik's 499, context canceled). Not a server fault; many of them mean clients wait less than the app takes.",
    confidence: "low",
    confidenceReason: "Visitors leaving cause it too; only many at once point at a slow app.",
    anchors: ["499 client closed request"],
    pattern: traefikStatus("499 Client Closed Request"),
    example: `${TRAEFIK_V2}'499 Client Closed Request' caused by: context canceled"`,
  },
  {
    id: "traefik-bad-gateway",
    kind: "log",
    product: "traefik",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "proxyUpstream",
    title: "Traefik could not get an answer from the service",
    meaning: "Traefik answered 502 for this request; the error after it names the failure.",
    confidence: "low",
    confidenceReason: "The error text is not one the catalog knows yet.",
    anchors: ["502 bad gateway"],
    pattern: traefikStatus("502 Bad Gateway"),
    example: `${TRAEFIK_V2}'502 Bad Gateway' caused by: tls: first record does not look like a TLS handshake"`,
  },
];

const traefikPageRules: Rule[] = [
  {
    id: "traefik-no-available-server",
    kind: "page",
    product: "traefik",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "appDown",
    meaning:
      "Traefik has no healthy server for this route (its 503 body 'no available server'): the containers are stopped or fail their health check.",
    confidence: "high",
    confidenceReason: "This bare body is Traefik's own answer for an empty or all-down service.",
    anchors: ["no available server"],
    pattern: /^\s{0,4}no available server\s{0,4}$/im,
    example: "no available server",
  },
];

// --- Kong ---------------------------------------------------------------------------------
// Kong's proxy error bodies (kong/tools/http.lua, kong/runloop/handler.lua;
// https://docs.konghq.com/gateway/latest/production/logging/): "An invalid response was
// received from the upstream server" (502, any upstream failure; the error.log says which),
// "The upstream server is timing out" (504), "failure to get a peer from the ring-balancer"
// (503, every target unhealthy), "name resolution failed" (503).
const kongPageRules: Rule[] = [
  {
    id: "kong-upstream-timeout",
    kind: "page",
    product: "kong",
    layer: "app",
    cause: "upstream-timeout",
    status: 504,
    state: "timeoutProxyRead",
    meaning:
      "Kong waited longer than the service's read_timeout (60 s by default) for the upstream's answer.",
    confidence: "high",
    confidenceReason: "Kong sends this body only for an upstream timeout.",
    anchors: ["the upstream server is timing out"],
    example: '{\n  "message":"The upstream server is timing out"\n}',
  },
  {
    id: "kong-no-peer",
    kind: "page",
    product: "kong",
    layer: "proxy",
    cause: "no-healthy-upstream",
    status: 503,
    state: "appDown",
    meaning:
      "Kong's load balancer has no healthy target for this upstream: every target failed its health checks or none is registered.",
    confidence: "high",
    confidenceReason: "Kong writes this only when the balancer finds no peer.",
    anchors: ["failure to get a peer from the ring-balancer"],
    example: '{"message":"failure to get a peer from the ring-balancer"}',
  },
  {
    id: "kong-name-resolution",
    kind: "page",
    product: "kong",
    layer: "dns",
    cause: "upstream-dns",
    status: 503,
    state: "dnsUpstreamResolver",
    meaning: "Kong could not resolve the service's host name.",
    confidence: "high",
    confidenceReason: "Kong names the failed resolution.",
    anchors: ["name resolution failed"],
    example: '{"message":"name resolution failed"}',
  },
  {
    id: "kong-invalid-upstream-response",
    kind: "page",
    product: "kong",
    layer: "app",
    cause: "upstream-refused",
    status: 502,
    state: "proxyUpstream",
    title: "Kong got no usable answer from the upstream",
    meaning:
      "Kong sends this 502 body for any failure talking to the upstream: refused, reset, closed early or malformed. Kong's error.log (nginx format) at the same time names which.",
    confidence: "medium",
    confidenceReason: "The body is the same for every upstream failure.",
    anchors: ["an invalid response was received from the upstream server"],
    example: '{\n  "message":"An invalid response was received from the upstream server"\n}',
  },
  {
    id: "kong-no-route",
    kind: "page",
    product: "kong",
    layer: "proxy",
    cause: "proxy-config",
    status: 404,
    state: "configRevert",
    meaning: "No Kong route matches this request's host, path or method.",
    confidence: "high",
    confidenceReason: "Kong sends this body only when route matching fails.",
    anchors: ["no route matched with those values"],
    example: '{"message":"no Route matched with those values"}',
  },
  {
    id: "kong-rate-limited",
    kind: "page",
    product: "kong",
    layer: "proxy",
    cause: "edge-blocked",
    status: 429,
    state: "wafRules",
    title: "Kong's rate limit refused the request",
    meaning:
      "Kong's rate-limiting plugin refused the request because the consumer or IP went over its limit.",
    confidence: "high",
    confidenceReason: "The rate-limiting plugin sends this body.",
    anchors: ["api rate limit exceeded"],
    example: '{"message":"API rate limit exceeded"}',
  },
];

// --- Google front end ------------------------------------------------------------------------
// The Google front end's own error page ("502. That's an error.") and the App Engine /
// Cloud Run "Error: Server Error" page (https://cloud.google.com/load-balancing/docs/https/troubleshooting-ext-https-lbs,
// https://cloud.google.com/run/docs/troubleshooting).
const googlePageRules: Rule[] = [
  {
    id: "google-gfe-502",
    kind: "page",
    product: "google",
    layer: "app",
    cause: "origin-unknown-response",
    status: 502,
    state: "originDirect",
    meaning:
      "Google's front end could not get a usable answer from your backend: it is unhealthy, refused or reset the connection, or closed an idle keep-alive connection (the load balancer's log statusDetails say which).",
    confidence: "medium",
    confidenceReason: "Google's 502 page is the same for every backend failure.",
    anchors: ["the server encountered a temporary error and could not complete your request"],
    example:
      "502. That’s an error.\nError: Server Error\nThe server encountered a temporary error and could not complete your request.\nPlease try again in 30 seconds. That’s all we know.",
  },
  {
    id: "google-server-error",
    kind: "page",
    product: "google",
    layer: "app",
    cause: "app-error",
    status: 500,
    state: "serverErrorApp",
    meaning:
      "App Engine or Cloud Run answered 500 for your service: the app crashed on the request, or the instance or container failed to start. The service's logs in Cloud Logging name the error.",
    confidence: "medium",
    confidenceReason: "A crash and a failed start both give this page.",
    anchors: [
      "error: server error",
      "the server encountered an error and could not complete your request",
    ],
    example:
      "Error: Server Error\nThe server encountered an error and could not complete your request.\nPlease try again in 30 seconds.",
  },
  {
    id: "google-frontend-5xx-header",
    kind: "header",
    product: "google",
    layer: "app",
    cause: "origin-unknown-response",
    status: 502,
    state: "originDirect",
    meaning:
      "The error came through Google's front end (a Google Cloud load balancer, Cloud Run or App Engine). Its request log's statusDetails names the backend failure.",
    confidence: "low",
    confidenceReason: "The headers show who answered, not why.",
    anchors: ["via: 1.1 google"],
    pattern: /HTTP\/[\d.]{1,3} 50[234]\b/,
    example:
      'HTTP/2 502\ncontent-type: text/html; charset=UTF-8\nvia: 1.1 google\nalt-svc: h3=":443"',
  },
];

/** Log rules from platforms and app servers. */
export const platformLogRules: Rule[] = [
  ...kubernetesRules,
  ...kernelRules,
  // Guzzle's messages land in the app's log; read before catalog.ts's generic socket rules.
  ...phpCurlRules,
  ...appServerRules,
  ...nodeRules,
  ...traefikRules,
];

/** Whole-paste rules: error bodies and headers. */
export const platformPageRules: Rule[] = [
  ...traefikPageRules,
  ...kongPageRules,
  ...googlePageRules,
];
