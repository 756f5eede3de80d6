/** Firewall and WAF: the edge is blocked on its way to the origin. */
import { fix, fixedOr } from "../builder";

export const firewallBranch = {
  // An origin that drops the CDN's packets shows as 522/504; one that
  // rejects them as 521/502 (signals).
  firewallOrigin: fix("proxy", fixedOr("resolvedEdge", "wafRules")),
  wafRules: fix("edge", fixedOr("resolvedEdge", "escalate")),
};
