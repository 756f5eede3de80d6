/**
 * The failure-lab scenarios of the evidence issue and the state each must reach when its URL
 * is pasted into "Paste the URL that fails" on the owner's first question (three samples,
 * redirects followed). Shared by the unit test that probes them directly
 * (test/unit/lib/evidence/lab-scenarios.test.ts) and the browser test that clicks through them
 * (test/e2e/evidence-lab.spec.ts).
 */
export const SCENARIO_STATES: Readonly<Record<string, string>> = {
  // A plain nginx 502 page cannot say why; its error log can, and proxyUpstream asks for it.
  "nginx-dead-upstream": "proxyUpstream",
  "nginx-invalid-upstream": "proxyUpstream",
  "nginx-upstream-closed": "proxyUpstream",
  "nginx-slow-upstream": "timeoutProxyRead",
  "nginx-intermittent-upstream": "intermittentPattern",
  "tls-expired": "tlsRenew",
  "tls-wrong-host": "tlsSni",
  "tls-missing-intermediate": "tlsChain",
  "dns-nxdomain": "dnsFixRecord",
  refused: "originDown",
  "edge-cloudflare-502": "cdnPage502",
  "edge-cloudflare-521": "cf521",
  "edge-cloudflare-522": "cf522",
  "edge-cloudflare-524": "cf524",
  "edge-cloudflare-525": "cf525",
  "edge-cloudflare-526": "cf526",
  "edge-cloudfront-502": "cdnPage502",
  "edge-cloudfront-504": "timeoutCdnLimit",
  "edge-alb-502": "proxyUpstream",
  "edge-alb-503": "appDown",
  "edge-alb-504": "timeoutLoadBalancer",
};
