/**
 * The vocabulary the flow files are written in: a state is a question, a check, a fix, an
 * outcome or an info page, with its answers and the evidence rules that may skip them.
 *
 * Every builder keeps the exact target names as literal types, so the assembled flow
 * (machines/diagnosis.machine.ts) can hold every target to the set of state ids it declares:
 * a target that names no state is a compile error there, whichever branch file it sits in.
 * (A target typed as the state id union directly would make the flow's type depend on
 * itself, which TypeScript rejects.)
 */
import { productIdsWithRole, productIdsWithUpstreamFailureStatus } from "@/lib/products/registry";
import type { VerdictCause, VerdictCode } from "@/lib/probe/verdict";

/** The hop of the request path a state suspects, for the request-path picture. */
export const HOPS = ["browser", "dns", "edge", "proxy", "app", "database"] as const;
export type Hop = (typeof HOPS)[number];

/** What a state asks of the person. */
export type StepKind = "question" | "check" | "fix" | "outcome" | "info";

/**
 * Vendors whose error pages come from a CDN edge rather than the owner's own servers. Read
 * from the product registry, the one place the probe, the analyzer and the flow learn a
 * product's role, so a CDN the probe learns to recognise is routed as one here too.
 */
export const CDN_VENDORS: readonly string[] = productIdsWithRole("cdn");
/** Managed load balancers, whose timeouts are settings in a cloud console. */
export const LOAD_BALANCER_VENDORS: readonly string[] = productIdsWithRole("load-balancer");
/**
 * Gateways whose 503 is their own "the server behind me failed" page (Varnish): the status
 * says nothing about maintenance or overload, and the gateway's log says what failed.
 */
export const UPSTREAM_FAILURE_503_VENDORS: readonly string[] =
  productIdsWithUpstreamFailureStatus(503);

/** Which parts of a verdict a rule matches; every given field must match. */
export interface VerdictPattern {
  codes?: readonly VerdictCode[];
  statuses?: readonly number[];
  causes?: readonly VerdictCause[];
  /** Vendors to match; the string "any" matches any non-null vendor. */
  vendors?: readonly string[] | "any";
  intermittent?: boolean;
}

/** One answer a state offers: what the person clicks, and where it leads. */
export interface Answer<Target extends string = string> {
  /** What the person clicks, in plain words. */
  readonly label: string;
  /** Id of the state the answer leads to. */
  readonly target: Target;
}

/** An evidence rule: when a check's verdict matches the pattern, go to the target. */
export interface EvidenceRule<Target extends string = string> {
  readonly pattern: VerdictPattern;
  readonly target: Target;
}

/**
 * A live check a state offers ("Check it for me"), and how it presents itself there: the
 * wording and the request it sends. Declared with the state so a renamed state keeps its check.
 */
export interface CheckOffer {
  /** Heading of the check box. */
  readonly title: string;
  /** What the check does, in one or two sentences. */
  readonly intro: string;
  /** Text of the button that starts it. */
  readonly button: string;
  /** How many requests it sends by default. */
  readonly samples: number;
  /** Whether the person may change the number of requests. */
  readonly chooseSamples: boolean;
  /** Whether the form asks for the origin's IP address. */
  readonly originIp: "none" | "optional" | "required";
}

/** One state of the flow, before it becomes an XState state node. */
export interface StateSpec<Target extends string = string> {
  /** What the state asks of the person. */
  readonly kind: StepKind;
  /** The hop of the request path the state suspects, or null when it suspects none yet. */
  readonly hop: Hop | null;
  /** Answer slug → answer, in the order they are offered; empty for outcomes. */
  readonly answers: Readonly<Record<string, Answer<Target>>>;
  /** Rules that move on when a check's verdict arrives in this state, most specific first. */
  readonly evidence: readonly EvidenceRule<Target>[];
  /** The live check offered in this state, if any. */
  readonly check: CheckOffer | null;
}

type Answers<Target extends string> = Readonly<Record<string, Answer<Target>>>;

/** Optional parts of a state that asks something. */
interface Extras<Target extends string> {
  evidence?: readonly EvidenceRule<Target>[];
  check?: CheckOffer;
}

function state<const Target extends string>(
  kind: StepKind,
  hop: Hop | null,
  answers: Answers<Target>,
  extras: Extras<Target> = {},
): StateSpec<Target> {
  return { kind, hop, answers, evidence: extras.evidence ?? [], check: extras.check ?? null };
}

/** An answer: the label the person clicks and the state it leads to. */
export const to = <const Target extends string>(label: string, target: Target): Answer<Target> => ({
  label,
  target,
});

/** Evidence rule: when the verdict matches, go to `target`. */
export const whenVerdict = <const Target extends string>(
  pattern: VerdictPattern,
  target: Target,
): EvidenceRule<Target> => ({ pattern, target });

/** A state that asks the person to choose. */
export const question = <const Target extends string>(
  hop: Hop | null,
  answers: Answers<Target>,
  extras?: Extras<Target>,
) => state("question", hop, answers, extras);

/** A state that tells the person how to find something out, then asks what they found. */
export const check = <const Target extends string>(
  hop: Hop | null,
  answers: Answers<Target>,
  extras?: Extras<Target>,
) => state("check", hop, answers, extras);

/** A state that explains background before asking. */
export const info = <const Target extends string>(
  hop: Hop | null,
  answers: Answers<Target>,
  extras?: Extras<Target>,
) => state("info", hop, answers, extras);

/**
 * A fix. Most end with `fixedOr` (it worked, or try the next most likely cause); a few offer a
 * third way out, so a fix takes any answers.
 */
export const fix = <const Target extends string>(hop: Hop | null, answers: Answers<Target>) =>
  state("fix", hop, answers);

/** An outcome: the diagnosis ends here with advice. */
export const outcome = (hop: Hop | null): StateSpec<never> => state<never>("outcome", hop, {});

/** The two answers every fix ends with: it worked, or try the next most likely cause. */
export const fixedOr = <const Resolved extends string, const NextCause extends string>(
  resolved: Resolved,
  nextCause: NextCause,
) => ({
  fixed: to("Yes, that fixed it", resolved),
  "still-broken": to("No, still failing", nextCause),
});
