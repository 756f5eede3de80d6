/**
 * Options of an embedded wizard, as the snippet (public/embed.js) passes them in the iframe's
 * query string. Everything here comes from the host page, so it is untrusted: each value is
 * checked against a narrow pattern, anything else falls back to the default, and nothing is
 * ever rendered as HTML (the label is React text, the colors are checked hex values, the URL is
 * an http(s) URL kept for the live check's input field).
 */
import { originOf } from "@/lib/wizard/site-origin";

/** Color schemes the embed can be shown in; "auto" follows the visitor's system setting. */
export const EMBED_THEMES = ["auto", "light", "dark"] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

/** Query parameters of the iframe URL; the snippet and hand-written iframes use these names. */
export const OPTION_PARAMS = {
  parentOrigin: "parent",
  theme: "theme",
  accent: "accent",
  liveCheck: "check",
  prefillUrl: "url",
  shareCheckDetails: "check-details",
  escalate: "escalate",
  escalateLabel: "escalate-label",
  start: "start",
} as const;

/** Label of the "contact support" button when the host gives none. */
export const DEFAULT_ESCALATE_LABEL = "Contact support";

/** Longest escalate label kept; a button label longer than this is a paragraph. */
export const MAX_LABEL_LENGTH = 40;

/** Longest pre-filled URL kept (browsers and servers commonly cap URLs near 2 000 characters). */
export const MAX_PREFILL_URL_LENGTH = 2000;

/** The options of one embedded wizard. */
export interface EmbedOptions {
  /**
   * Origin of the page that embeds the wizard, announced by the snippet. Messages are posted to
   * this origin only, and only messages from it are read; null means "send nothing".
   */
  parentOrigin: string | null;
  /** Color scheme. */
  theme: EmbedTheme;
  /** The host's accent color as "#rrggbb", or null for the wizard's own. */
  accent: string | null;
  /** Whether the live check ("Check it for me") is offered; on unless the host turns it off. */
  liveCheck: boolean;
  /** A URL to pre-fill in the live check, or null. */
  prefillUrl: string | null;
  /** Whether check events may include the checked URL and its details (off by default). */
  shareCheckDetails: boolean;
  /** The label of the "contact support" button, or null when the host did not ask for one. */
  escalateLabel: string | null;
}

/** What an embed looks like when the host sets nothing. */
export const DEFAULT_OPTIONS: EmbedOptions = {
  parentOrigin: null,
  theme: "auto",
  accent: null,
  liveCheck: true,
  prefillUrl: null,
  shareCheckDetails: false,
  escalateLabel: null,
};

/** Read-only view of query parameters (URLSearchParams and Next's ReadonlyURLSearchParams). */
export interface ParamReader {
  get(name: string): string | null;
}

const hexColor = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;
// Controls, bidirectional overrides and zero-width characters: a label must read as it is.
const invisible = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** True for "1", "true", "yes", "on" (any case); the snippet sends "1". */
function truthy(value: string | null): boolean {
  return value !== null && /^(1|true|yes|on)$/i.test(value.trim());
}

/** True for "0", "false", "no", "off". */
function falsy(value: string | null): boolean {
  return value !== null && /^(0|false|no|off)$/i.test(value.trim());
}

/** "#rrggbb" for a 3- or 6-digit hex color with or without "#"; null otherwise. */
export function normalizeAccent(value: string | null): string | null {
  const match = value === null ? null : hexColor.exec(value.trim());
  if (!match?.[1]) return null;
  const digits = match[1].toLowerCase();
  return `#${digits.length === 3 ? [...digits].map((digit) => digit + digit).join("") : digits}`;
}

/** The URL if it is an absolute http(s) URL of sensible length; null otherwise. */
export function normalizePrefillUrl(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_PREFILL_URL_LENGTH) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A label cleaned for display as plain text: invisible characters removed, spaces folded. */
export function normalizeLabel(value: string): string {
  const folded = value.replace(invisible, "").replace(/\s+/g, " ").trim();
  const chars = [...folded];
  return chars.length > MAX_LABEL_LENGTH
    ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join("")}…`
    : folded;
}

/** Reads the options from the iframe URL's query; never throws, unknown values fall back. */
export function parseEmbedOptions(params: ParamReader): EmbedOptions {
  const theme = params.get(OPTION_PARAMS.theme);
  const parent = params.get(OPTION_PARAMS.parentOrigin);
  const escalate = params.get(OPTION_PARAMS.escalate);
  const label = normalizeLabel(params.get(OPTION_PARAMS.escalateLabel) ?? "");
  return {
    // originOf also drops paths, so "https://help.example.com/page" still names the origin.
    parentOrigin: parent ? originOf(parent) : null,
    theme: EMBED_THEMES.find((known) => known === theme) ?? DEFAULT_OPTIONS.theme,
    accent: normalizeAccent(params.get(OPTION_PARAMS.accent)),
    liveCheck: !falsy(params.get(OPTION_PARAMS.liveCheck)),
    prefillUrl: normalizePrefillUrl(params.get(OPTION_PARAMS.prefillUrl)),
    shareCheckDetails: truthy(params.get(OPTION_PARAMS.shareCheckDetails)),
    escalateLabel: truthy(escalate) ? label || DEFAULT_ESCALATE_LABEL : null,
  };
}
