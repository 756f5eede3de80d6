/**
 * Which branch file of machines/flow/branches/ declares each state, so the map can draw the
 * states of one branch inside one box. Read from the branch objects themselves (their keys are
 * the state ids), so a state moved to another file moves on the map with no list to update.
 */
import { changesBranch } from "@/machines/flow/branches/changes";
import { cloudflareBranch } from "@/machines/flow/branches/cloudflare";
import { dnsBranch } from "@/machines/flow/branches/dns";
import { edgeBranch } from "@/machines/flow/branches/edge";
import { firewallBranch } from "@/machines/flow/branches/firewall";
import { intermittentBranch } from "@/machines/flow/branches/intermittent";
import { malformedBranch } from "@/machines/flow/branches/malformed";
import { outcomesBranch } from "@/machines/flow/branches/outcomes";
import { ownerBranch } from "@/machines/flow/branches/owner";
import { regionalBranch } from "@/machines/flow/branches/regional";
import { resourcesBranch } from "@/machines/flow/branches/resources";
import { startBranch } from "@/machines/flow/branches/start";
import { timeoutsBranch } from "@/machines/flow/branches/timeouts";
import { tlsBranch } from "@/machines/flow/branches/tls";
import { unavailableBranch } from "@/machines/flow/branches/unavailable";
import { visitorBranch } from "@/machines/flow/branches/visitor";

/** One branch of the diagnosis: a file under machines/flow/branches/. */
export interface MapBranch {
  /** The branch file's name without extension, e.g. "timeouts". */
  id: string;
  /** What the map's group box says. */
  label: string;
  /** The ids of the states the file declares, in its order. */
  stateIds: string[];
}

const declared: [id: string, label: string, states: object][] = [
  ["start", "Start", startBranch],
  ["visitor", "Visitors", visitorBranch],
  ["owner", "Owners: which error it is", ownerBranch],
  ["edge", "CDN and load balancer", edgeBranch],
  ["cloudflare", "Cloudflare 52x", cloudflareBranch],
  ["unavailable", "503 Service Unavailable", unavailableBranch],
  ["timeouts", "Timeouts (504)", timeoutsBranch],
  ["firewall", "Firewall and WAF", firewallBranch],
  ["dns", "DNS", dnsBranch],
  ["changes", "Changes and the app process", changesBranch],
  ["resources", "Resources and database", resourcesBranch],
  ["tls", "TLS and certificates", tlsBranch],
  ["malformed", "Malformed responses", malformedBranch],
  ["intermittent", "Errors that come and go", intermittentBranch],
  ["outcomes", "Outcomes", outcomesBranch],
  ["regional", "Fails from some places only", regionalBranch],
];

/** Every branch, in the order the machine assembles them. */
export const MAP_BRANCHES: readonly MapBranch[] = declared.map(([id, label, states]) => ({
  id,
  label,
  stateIds: Object.keys(states),
}));

const branchByState = new Map(
  MAP_BRANCHES.flatMap((branch) => branch.stateIds.map((stateId) => [stateId, branch] as const)),
);

/** The branch that declares a state, or undefined for an id no branch file declares. */
export function branchOf(stateId: string): MapBranch | undefined {
  return branchByState.get(stateId);
}
