/**
 * The embed's public reference: every option of the snippet and every event it relays, in the
 * words the documentation page (/docs/embed) shows. The README repeats it by hand;
 * test/unit/lib/embed/reference.test.ts checks that the snippet, this list and the README name
 * the same options and events.
 */
import { DEFAULT_ESCALATE_LABEL, MAX_LABEL_LENGTH } from "./options";
import type { EmbedEventName } from "./protocol";

/** One data attribute of the snippet's script tag. */
export interface OptionDoc {
  /** The attribute, e.g. "data-theme". */
  attribute: `data-${string}`;
  /** The same option for GatewayDoctor.mount(), in camelCase. */
  mountOption: string | null;
  /** The values it takes. */
  values: string;
  /** What happens when it is left out. */
  default: string;
  /** What it does. */
  description: string;
}

export const OPTION_DOCS: readonly OptionDoc[] = [
  {
    attribute: "data-answers",
    mountOption: "answers",
    values: "answer slugs joined by /, e.g. owner/502",
    default: "the first question",
    description:
      "Open at the step these answers lead to: the same path as a permalink after /diagnose/.",
  },
  {
    attribute: "data-start",
    mountOption: "start",
    values: "a step id, e.g. proxyUpstream",
    default: "the first question",
    description:
      "Open at a step by its id (through the fewest answers that reach it). Ignored when data-answers is set. Step ids are listed on the decision map.",
  },
  {
    attribute: "data-theme",
    mountOption: "theme",
    values: "auto, light or dark",
    default: "auto",
    description: "Color scheme. auto follows the visitor's system setting.",
  },
  {
    attribute: "data-accent",
    mountOption: "accent",
    values: "a hex color, e.g. #0f766e",
    default: "the wizard's blue",
    description:
      "Color of links, buttons and focus rings. Shaded darker (light scheme) or lighter (dark scheme) where needed so text keeps a 4.5:1 contrast.",
  },
  {
    attribute: "data-live-check",
    mountOption: "liveCheck",
    values: "true or false",
    default: "true",
    description:
      "Whether the wizard offers its live check (“Check it for me”), which requests a URL from the Gateway Doctor server.",
  },
  {
    attribute: "data-url",
    mountOption: "url",
    values: "an http(s) URL",
    default: "none",
    description:
      "A URL to pre-fill in the live check's form, e.g. the site the help center is about. The person still presses the button.",
  },
  {
    attribute: "data-share-check-details",
    mountOption: "shareCheckDetails",
    values: "true or false",
    default: "false",
    description:
      "Let check events carry the checked URL, status, vendor and cause. Off by default: the URL someone checks may be private to them.",
  },
  {
    attribute: "data-escalate",
    mountOption: "escalate",
    values: "true or false",
    default: "false",
    description:
      "Show a support button under the wizard; pressing it sends the escalate event with a Markdown summary of the diagnosis.",
  },
  {
    attribute: "data-escalate-label",
    mountOption: "escalateLabel",
    values: `plain text, up to ${MAX_LABEL_LENGTH} characters`,
    default: DEFAULT_ESCALATE_LABEL,
    description: "Label of the support button. Shown as text, never as HTML.",
  },
  {
    attribute: "data-target",
    mountOption: "target",
    values: "an element id or CSS selector",
    default: "right after the script tag",
    description: "Where to insert the wizard.",
  },
  {
    attribute: "data-title",
    mountOption: "title",
    values: "plain text",
    default: "Gateway Doctor: troubleshoot 502, 503 and 504 errors",
    description: "The iframe's accessible name, read by screen readers.",
  },
  {
    attribute: "data-height",
    mountOption: "height",
    values: "pixels",
    default: "560",
    description:
      "Height until the wizard reports its own, so the page does not jump much on load. The iframe then follows the content.",
  },
  {
    attribute: "data-scroll",
    mountOption: "scroll",
    values: "true or false",
    default: "true",
    description:
      "After an answer, scroll the wizard's top into view if it is above the window, so the next step is read from its start.",
  },
  {
    attribute: "data-mount",
    mountOption: null,
    values: "manual",
    default: "embed where the tag stands",
    description:
      "manual loads the JavaScript API only; call GatewayDoctor.mount(target, options) yourself (single-page apps).",
  },
];

/** One event the snippet hands to the host page. */
export interface EventDoc {
  /** When it is sent. */
  when: string;
  /** The fields of its detail. */
  detail: string;
}

const stepFields =
  "stateId, kind, title, answers, permalink (full-site path), url (absolute full-site URL)";

export const EVENT_DOCS: Readonly<Record<EmbedEventName, EventDoc>> = {
  ready: {
    when: "When the wizard has loaded and accepts commands (again if the frame itself reloads).",
    detail: `version (protocol version), and the first step: ${stepFields}`,
  },
  step: {
    when: "Each time a step is shown, the first one included (right after ready).",
    detail: stepFields,
  },
  resolved: {
    when: "The person answered “Did it work?” after a fix; sent before the step it leads to.",
    detail: `resolved (true for “Yes, that fixed it”), fixStateId, answer, and the new step: ${stepFields}`,
  },
  diagnosis: {
    when: "A step names a likely cause: a fix, or an ending other than “fixed” or the hand-over to support. Sent after its step event; may repeat if the person goes back.",
    detail: stepFields,
  },
  check: {
    when: "A live check (“Check it for me”) finished inside the wizard.",
    detail:
      "verdict (a code such as bad-gateway or connect-refused); target { url, status, layer, vendor, cause, intermittent } only with data-share-check-details",
  },
  escalate: {
    when: "The person pressed the support button (data-escalate).",
    detail: `markdown (summary of the diagnosis for a ticket), and the current step: ${stepFields}`,
  },
  resize: {
    when: "The wizard's content height changed; the snippet has already resized the iframe.",
    detail: "height (CSS pixels)",
  },
};
