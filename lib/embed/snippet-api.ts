/**
 * The JavaScript API that public/embed.js puts on a help-center page as `window.GatewayDoctor`,
 * typed for hosts that use TypeScript and for the tests. The snippet itself is plain JavaScript;
 * test/unit/lib/embed/snippet.test.ts runs it against these names.
 */
import type { EmbedEventDetails, EmbedEventName } from "./protocol";

/** An event name, bare ("step") or namespaced ("gateway-doctor:step"). */
export type SnippetEventName = EmbedEventName | `gateway-doctor:${EmbedEventName}`;

type Bare<Name extends SnippetEventName> = Name extends `gateway-doctor:${infer B}` ? B : Name;

/** A handler; `embed` is the wizard the event came from. */
export type SnippetHandler<Name extends SnippetEventName> = (
  detail: EmbedEventDetails[Bare<Name> & EmbedEventName],
  embed: EmbeddedWizard,
) => void;

/** One wizard embedded on the page. */
export interface EmbeddedWizard {
  /** The iframe the snippet inserted. */
  iframe: HTMLIFrameElement;
  /** Origin of the Gateway Doctor site the iframe shows. */
  origin: string;
  /** True once the wizard sent `ready`. */
  ready: boolean;
  /** The detail of the last `step` event, or null before the first. */
  step: EmbedEventDetails["step"] | null;
  /** Listens to this wizard's events; returns a function that stops listening. */
  on<Name extends SnippetEventName>(name: Name, handler: SnippetHandler<Name>): () => void;
  /** Stops a handler added with on(). */
  off<Name extends SnippetEventName>(name: Name, handler: SnippetHandler<Name>): void;
  /** Goes back to where this wizard started (its data-answers or data-start, else the first question). */
  restart(): void;
  /** Removes the iframe and stops listening to it. */
  destroy(): void;
}

/** Options of mount(), the same as the script tag's data attributes in camelCase. */
export interface MountOptions {
  /** Element, id or selector to insert the iframe into. */
  target?: Element | string;
  /** Answers to start from, as "owner/502" or an array of slugs. */
  answers?: string | string[];
  /** Id of a step to start at (e.g. "proxyUpstream"); ignored when answers are given. */
  start?: string;
  /** "auto" (default), "light" or "dark". */
  theme?: "auto" | "light" | "dark";
  /** Accent color as a hex color ("#1d4ed8"). */
  accent?: string;
  /** Whether to offer the live check; true by default. */
  liveCheck?: boolean | string;
  /** A URL to pre-fill in the live check. */
  url?: string;
  /** Whether check events may carry the checked URL and its details; false by default. */
  shareCheckDetails?: boolean | string;
  /** Whether to show a support button that sends the `escalate` event; false by default. */
  escalate?: boolean | string;
  /** Label of that button; "Contact support" by default. */
  escalateLabel?: string;
  /** The iframe's accessible title. */
  title?: string;
  /** Height in pixels before the wizard reports its own (560 by default). */
  height?: number | string;
  /** Whether to scroll the wizard's top into view after each answer; true by default. */
  scroll?: boolean | string;
}

/** `window.GatewayDoctor`. */
export interface GatewayDoctorApi {
  /** Protocol version the snippet speaks. */
  protocol: number;
  /** Names of the events, bare. */
  events: EmbedEventName[];
  /** Every wizard embedded on the page, in order. */
  embeds: EmbeddedWizard[];
  /** Listens to an event of every wizard on the page, present and future. */
  on<Name extends SnippetEventName>(name: Name, handler: SnippetHandler<Name>): () => void;
  /** Stops a handler added with on(). */
  off<Name extends SnippetEventName>(name: Name, handler: SnippetHandler<Name>): void;
  /** Restarts every wizard on the page. */
  restart(): void;
  /** Embeds another wizard from script; returns it, or null when the target is missing. */
  mount(target: Element | string | null, options?: MountOptions): EmbeddedWizard | null;
}

/** A window on which the snippet has run. */
export type WindowWithGatewayDoctor = Window & { GatewayDoctor: GatewayDoctorApi };
