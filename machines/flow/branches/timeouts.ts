/** Timeouts (504): which layer gave up, and why the app was slow. */
import { check, fix, fixedOr, question, to, type CheckOffer } from "../builder";

/** Which layer gave up, read from the phase timings and the page that came back. */
const timeoutCheck: CheckOffer = {
  title: "Measure it for me",
  intro:
    "Our server times every phase of the request (DNS, connect, TLS, waiting for the answer) and reads which layer gave up.",
  button: "Measure it",
  samples: 1,
  chooseSamples: true,
  originIp: "none",
};

export const timeoutsBranch = {
  // The layer with the shortest limit gives up first, and the elapsed time
  // usually equals that limit (Cloudflare 100 s, CloudFront 30 s, ALB idle
  // 60 s, nginx proxy_read_timeout 60 s — signals; nginx docs).
  timeoutWhichLayer: question(
    "proxy",
    {
      cdn: to("The CDN's page (Cloudflare 524, CloudFront 504…)", "timeoutCdnLimit"),
      "load-balancer": to("The load balancer's page (ALB, Google LB…)", "timeoutLoadBalancer"),
      proxy: to("My web server's page (nginx, Apache…)", "timeoutProxyRead"),
      "not-sure": to("I can't tell", "timeoutMeasure"),
    },
    { check: timeoutCheck },
  ),
  timeoutMeasure: check(
    "proxy",
    {
      cdn: to("It gives up at the CDN's limit", "timeoutCdnLimit"),
      "load-balancer": to("It gives up at the load balancer's limit", "timeoutLoadBalancer"),
      proxy: to("It gives up at my proxy's limit", "timeoutProxyRead"),
      // A 504 within a second or two is no wait at all: a layer already
      // considers the backend unusable, so its error log says why.
      "instant-504": to("The 504 comes back almost at once", "proxyUpstream"),
    },
    { check: timeoutCheck },
  ),
  timeoutProxyRead: check("proxy", {
    "app-slow": to("The app is slow even directly", "timeoutSlowApp"),
    "app-fast": to("The app answers fast directly", "firewallOrigin"),
  }),
  timeoutSlowApp: question("app", {
    database: to("Database queries", "dbSlowQueries"),
    "long-task": to("A long task (report, export, import)", "timeoutBackgroundJobs"),
    "external-api": to("Calls to another service or API", "timeoutExternalCalls"),
    "everything-slow": to("Everything is slow", "resourcesCheck"),
    "not-sure": to("I don't know what's slow", "tracingSlowRequests"),
  }),
  tracingSlowRequests: check("app", {
    database: to("Database queries", "dbSlowQueries"),
    "long-task": to("A long task", "timeoutBackgroundJobs"),
    "external-api": to("Calls to another service", "timeoutExternalCalls"),
    "everything-slow": to("Everything is slow", "resourcesCheck"),
  }),
  timeoutBackgroundJobs: fix("app", fixedOr("resolvedTimeouts", "timeoutRaiseLimits")),
  timeoutExternalCalls: fix("app", fixedOr("resolvedTimeouts", "timeoutRaiseLimits")),
  // Raising limits is a stopgap; each outer layer should wait a little
  // longer than the one inside it (SRE practice).
  timeoutRaiseLimits: fix("proxy", fixedOr("resolvedTimeouts", "resourcesCheck")),
  timeoutCdnLimit: fix("edge", fixedOr("resolvedTimeouts", "timeoutSlowApp")),
  timeoutLoadBalancer: fix("proxy", fixedOr("resolvedTimeouts", "timeoutSlowApp")),
};
