/** Outcomes: where a diagnosis ends once a fix worked, or with a hand-over. */
import { outcome } from "../builder";

export const outcomesBranch = {
  // Each resolved outcome carries the prevention steps for its cause family.
  resolvedProcess: outcome("app"),
  resolvedConfig: outcome("proxy"),
  resolvedDeploy: outcome("app"),
  resolvedCapacity: outcome("app"),
  resolvedTimeouts: outcome("app"),
  resolvedTls: outcome("proxy"),
  resolvedDns: outcome("dns"),
  resolvedEdge: outcome("edge"),
  resolvedIntermittent: outcome("proxy"),
  escalate: outcome(null),
};
