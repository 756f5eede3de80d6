/** Types of frame-policy.mjs, which stays plain JavaScript so next.config.mjs can import it. */

/** Which sites may frame the embed routes, as read from EMBED_ALLOWED_ORIGINS. */
export type EmbedFramePolicy =
  /** Any site (the variable is unset, empty or "*"). */
  | { kind: "any" }
  /** No other site; only this site's own pages (the documentation preview). */
  | { kind: "none" }
  /** These origins, canonical ("https://help.example.com"), possibly with "*." wildcards. */
  | { kind: "list"; origins: string[] };

/** One response header. */
export interface FrameHeader {
  /** Header name. */
  key: string;
  /** Header value. */
  value: string;
}

export declare const ALLOWED_ORIGINS_VARIABLE: "EMBED_ALLOWED_ORIGINS";
export declare const EMBED_BASE: "/embed";

export declare class EmbedOriginsError extends Error {
  constructor(entry: string, reason: string);
  /** The entry that was not understood, as written. */
  readonly entry: string;
}

export declare function parseOrigin(entry: string): string;
export declare function parseAllowedOrigins(value: string | undefined): EmbedFramePolicy;
export declare function embedFrameAncestors(policy: EmbedFramePolicy): string;
export declare const DENY_FRAMING_HEADERS: readonly FrameHeader[];
export declare function isEmbedPath(pathname: string): boolean;
export declare function frameHeadersFor(
  pathname: string,
  policy: EmbedFramePolicy,
): readonly FrameHeader[];
export declare function siteFrameHeaderRules(): { source: string; headers: FrameHeader[] }[];
export declare const CONTENT_POLICY_DIRECTIVES: readonly string[];
export declare function contentSecurityPolicyFor(
  pathname: string,
  policy: EmbedFramePolicy,
): string;
export declare const FIXED_SECURITY_HEADERS: readonly FrameHeader[];
export declare const HSTS_HEADER: FrameHeader;
export declare function siteIsHttps(siteUrl: string | undefined): boolean;
export declare function securityHeadersFor(
  pathname: string,
  policy: EmbedFramePolicy,
  siteUrl: string | undefined,
): FrameHeader[];
export declare function siteSecurityHeaderRules(): { source: string; headers: FrameHeader[] }[];
