/**
 * The message protocol between an embedded wizard (the iframe at /embed/…) and the page that
 * embeds it (public/embed.js on a help center). This file is the contract both sides follow;
 * public/embed.js is plain JavaScript without a build step, so it repeats the few names it
 * needs, and test/unit/lib/embed/snippet.test.ts holds the two to the same values.
 *
 * Versioning: every message carries `version`. Fields are only ever added within a version;
 * renaming or removing one, or changing what an event means, makes a new version, and the
 * snippet ignores versions it does not know.
 */
import { z } from "zod";

// Zod 4 compiles object parsers with `new Function` when it may, and finds out by trying once;
// under the site's Content-Security-Policy (no 'unsafe-eval', lib/embed/frame-policy.mjs) that
// try is reported as a CSP violation in the console. Its interpreted parsers are enough here.
z.config({ jitless: true });
import { VERDICT_CODES, type VerdictCode, type VerdictFacts } from "@/lib/probe/verdict";
import type { StepKind } from "@/machines/diagnosis.machine";

/** Version of the protocol this build speaks. */
export const PROTOCOL_VERSION = 1;

/** Prefix of every message type and DOM event name, so they never clash with the host's own. */
export const NAMESPACE = "gateway-doctor";

/** Events the embed sends to the host page, in the order they can first occur. */
export const EMBED_EVENTS = [
  "ready",
  "step",
  "resolved",
  "diagnosis",
  "check",
  "escalate",
  "resize",
] as const;
export type EmbedEventName = (typeof EMBED_EVENTS)[number];

/** Where the person stands; shared by the events that describe a step. */
export interface StepDetail {
  /** The state's id in the diagnosis machine, e.g. "proxyUpstream"; stable across releases. */
  stateId: string;
  /** What the step asks of the person: "question", "check", "fix", "outcome" or "info". */
  kind: StepKind;
  /** The step's heading as shown, or null when its content could not be loaded. */
  title: string | null;
  /** Answer slugs given so far, in order; the permalink is made of them. */
  answers: string[];
  /** Path of this step on the full site, e.g. "/diagnose/owner/502". */
  permalink: string;
  /** Absolute URL of that permalink, to link to or paste into a ticket. */
  url: string;
}

/** The person answered "did it work?" after trying a fix. */
export interface ResolvedDetail extends StepDetail {
  /** True for "Yes, that fixed it"; false for any other answer to the fix. */
  resolved: boolean;
  /** The fix step that was answered (the step the person has now left). */
  fixStateId: string;
  /** The answer slug given there, e.g. "fixed" or "still-broken". */
  answer: string;
}

/** The outcome of a live check ("Check it for me"). */
export interface CheckDetail {
  /** The verdict code, from the stable list in lib/probe/verdict.ts. */
  verdict: VerdictCode;
  /**
   * What was checked and what came back; present only when the host opted in with
   * `data-share-check-details`, because the URL may be private to the person.
   */
  target?: CheckTarget;
}

/** Details of a live check, shared only with the host's consent. */
export interface CheckTarget {
  /** The URL that was checked. */
  url: string;
  /** HTTP status of the last response, or null when none arrived. */
  status: number | null;
  /** Where on the request path the failure sits. */
  layer: VerdictFacts["layer"];
  /** Product that produced the response (cloudflare, nginx…), or null when unknown. */
  vendor: string | null;
  /** What went wrong upstream, when the response shows it. */
  cause: VerdictFacts["cause"];
  /** True when some samples failed and others did not. */
  intermittent: boolean;
}

/** The person asked for human help; the host can open a ticket with this text. */
export interface EscalateDetail extends StepDetail {
  /** A Markdown account of the diagnosis so far: answers, current step, commands to run. */
  markdown: string;
}

/** The embed's content height changed; the snippet sets the iframe to it. */
export interface ResizeDetail {
  /** Height of the embedded page's content in CSS pixels. */
  height: number;
}

/** The detail each event carries. */
export interface EmbedEventDetails {
  /** The wizard has loaded (or reloaded) and can receive commands; describes the step shown. */
  ready: StepDetail & { /** Protocol version the embed speaks. */ version: number };
  /** A step is shown (including the first one, right after `ready`). */
  step: StepDetail;
  /** "Did it work?" was answered after a fix. */
  resolved: ResolvedDetail;
  /** A step names a likely cause: a fix, or an outcome other than a resolution or escalation. */
  diagnosis: StepDetail;
  /** A live check finished. */
  check: CheckDetail;
  /** The person asked to contact support. */
  escalate: EscalateDetail;
  /** The content height changed. */
  resize: ResizeDetail;
}

/** A message from the embed to the host page. */
export interface EmbedMessage<Name extends EmbedEventName = EmbedEventName> {
  /** "gateway-doctor:<event>". */
  type: `${typeof NAMESPACE}:${Name}`;
  /** Protocol version, PROTOCOL_VERSION. */
  version: typeof PROTOCOL_VERSION;
  /** The event's data. */
  detail: EmbedEventDetails[Name];
}

/** Builds a message for the host page. */
export function embedMessage<Name extends EmbedEventName>(
  name: Name,
  detail: EmbedEventDetails[Name],
): EmbedMessage<Name> {
  return { type: `${NAMESPACE}:${name}`, version: PROTOCOL_VERSION, detail };
}

/** Commands the host page may send to the embed. */
export const HOST_COMMANDS = ["restart"] as const;
export type HostCommandName = (typeof HOST_COMMANDS)[number];

/**
 * The shape every incoming message must have. Anything else — other libraries' messages, other
 * versions, extra or malformed fields — is ignored. Strict objects, because a message from the
 * host is untrusted input.
 */
const hostMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal(`${NAMESPACE}:restart`),
    version: z.literal(PROTOCOL_VERSION),
  }),
]);

/** A command from the host page, after validation. */
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** Validates a message received from the host page; null for anything not understood. */
export function parseHostMessage(data: unknown): HostMessage | null {
  const parsed = hostMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/**
 * Whether a message event may be acted on: it must come from the window that embeds us and
 * from the origin that window announced. Checking `source` as well as `origin` stops another
 * frame of the same origin (an ad, a widget) from steering the wizard.
 */
export function isFromParent(
  event: { origin: string; source: unknown },
  parent: { window: unknown; origin: string | null },
): boolean {
  return parent.origin !== null && event.origin === parent.origin && event.source === parent.window;
}

/** Verdict codes a check event may carry (re-exported so the docs list them). */
export const CHECK_VERDICTS: readonly VerdictCode[] = VERDICT_CODES;
