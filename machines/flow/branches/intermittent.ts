/** Intermittent failures: some requests fail, most work. */
import { check, fix, fixedOr, question, to, type CheckOffer } from "../builder";

/** Whether failures come and go, from five samples a little apart. */
const samplesCheck: CheckOffer = {
  title: "Sample it for me",
  intro: "Our server sends five requests a little apart and shows how many fail, and how.",
  button: "Take samples",
  samples: 5,
  chooseSamples: true,
  originIp: "none",
};

export const intermittentBranch = {
  // One bad node, keep-alive races (target idle timeout shorter than the
  // load balancer's) and connection limits cause most intermittent 502s.
  intermittentPattern: question(
    "proxy",
    {
      "one-server": to("Failures come from one server of several", "badNode"),
      "after-idle": to("After quiet periods, or at random with resets", "keepAliveMismatch"),
      "under-load": to("Under load", "connectionLimits"),
      "not-sure": to("I can't see a pattern", "tracingRequests"),
    },
    { check: samplesCheck },
  ),
  tracingRequests: check("proxy", {
    "one-server": to("One server", "badNode"),
    "after-idle": to("Idle connections / resets", "keepAliveMismatch"),
    "under-load": to("Under load", "connectionLimits"),
    "still-unclear": to("Still unclear", "escalate"),
  }),
  badNode: fix("proxy", fixedOr("resolvedIntermittent", "connectionLimits")),
  // Node's keepAliveTimeout defaults to 5 s; ALB keeps idle connections 60 s
  // and reuses ones the target already closed (signals).
  keepAliveMismatch: fix("proxy", fixedOr("resolvedIntermittent", "connectionLimits")),
  connectionLimits: fix("proxy", fixedOr("resolvedIntermittent", "tracingRequests")),
};
