/**
 * Sanitising a HAR file (HTTP Archive 1.2, http://www.softwareishard.com/blog/har-12-spec/)
 * before anything in it is shown, analysed or sent anywhere. The same module runs in the
 * browser (a file dropped on /analyze never leaves the page) and on the server (the
 * no-JavaScript upload), so both paths remove exactly the same things.
 *
 * The output is built from an allow-list of fields, never by deleting from the input: a
 * browser's private field (Chromium's `_initiator`, Firefox's `_securityState`) or a field of
 * a future HAR version cannot slip through because nobody thought to remove it. Request
 * bodies, query-string arrays and cookie arrays are not copied at all. What is copied is
 * scrubbed: secret headers, secret-looking URL parts and secrets inside response text.
 */

/** What replaces a removed value, so a reader sees that something was there. */
export const REMOVED = "[removed]";

/** One header as the sanitised HAR keeps it. */
export interface SafeHeader {
  /** Header name as recorded (HTTP/2 HARs have lowercase names). */
  name: string;
  /** The value, or REMOVED when the header carries a credential. */
  value: string;
}

/** Phase durations in milliseconds; null where the HAR says -1 (did not apply) or nothing. */
export interface SafeTimings {
  blocked: number | null;
  dns: number | null;
  connect: number | null;
  /** TLS handshake; HAR counts it inside `connect` as well. */
  ssl: number | null;
  send: number | null;
  /** Waiting for the first byte of the response after the request was sent. */
  wait: number | null;
  receive: number | null;
}

/** One request/response pair, sanitised. */
export interface SafeEntry {
  /** When the request started, as the HAR wrote it (ISO 8601). */
  startedDateTime: string | null;
  /** Total time in milliseconds. */
  time: number | null;
  method: string;
  /** The URL with credentials, secret query values and random-looking tokens removed. */
  url: string;
  /** Response status; 0 when the browser got no response (Chromium then sets `error`). */
  status: number;
  statusText: string;
  httpVersion: string;
  /** The browser's network error for a request that got no response (`net::ERR_…`). */
  error: string | null;
  requestHeaders: SafeHeader[];
  responseHeaders: SafeHeader[];
  /** The start of the response body when it is text, scrubbed; "" when there is none. */
  excerpt: string;
  /** True when the body was longer than the excerpt. */
  excerptCut: boolean;
  mimeType: string;
  /** The address the browser connected to, as recorded. */
  serverIPAddress: string | null;
  timings: SafeTimings;
}

/** How many things of each kind were removed, so the person can see the sanitiser worked. */
export interface RemovedCounts {
  /** Cookie and Set-Cookie headers, and cookies listed in the HAR's cookie arrays. */
  cookies: number;
  /** Authorization-like headers (Authorization, X-Api-Key, X-Auth-Token, …). */
  headers: number;
  /** Query values, user names/passwords and path segments removed from URLs. */
  urlParts: number;
  /** Tokens, JWTs and password/token values removed from response bodies and header values. */
  bodySecrets: number;
  /** Request bodies (form posts, JSON) not copied at all. */
  requestBodies: number;
}

/** A HAR reduced to what the analyzer may read. */
export interface SafeHar {
  /** The program that wrote the HAR ("Playwright", "WebInspector"), when it said. */
  creator: string | null;
  entries: SafeEntry[];
  /** Entries in the file (more than `entries` when the file had more than MAX_ENTRIES). */
  totalEntries: number;
  removed: RemovedCounts;
}

/** Entries read from one file; a HAR of a long session can hold tens of thousands. */
export const MAX_ENTRIES = 5_000;

/** Characters of a response body kept; an error page's telling part is near its start. */
export const EXCERPT_CHARS = 4_000;

/**
 * Header names that carry credentials whatever else they say. Anything whose name contains
 * one of SECRET_NAME_PARTS is removed as well; these are the ones without such a word.
 */
const SECRET_HEADERS = new Set([
  "cookie",
  "set-cookie",
  "set-cookie2",
  "authorization",
  "proxy-authorization",
  "www-authenticate",
  "proxy-authenticate",
  "x-csrftoken",
  "x-xsrf-token",
  "x-csrf-token",
  "x-amz-security-token",
  "x-goog-iap-jwt-assertion",
  "cf-access-jwt-assertion",
  "x-forwarded-client-cert",
  "x-client-cert",
]);

/**
 * Parts of a header or parameter name that mark its value as a credential: "token",
 * "key", "secret", "session", "auth" (the brief's list) plus the common spellings of
 * passwords, signatures and CSRF guards.
 */
const SECRET_NAME_PARTS =
  /token|key|secret|session|auth|passw|passwd|pwd|csrf|xsrf|signature|credential|cookie|jwt|sid$|^sig$|^code$|^state$|nonce|otp|saml|ticket/i;

/** True when a header or parameter named `name` carries a credential. */
export function isSecretName(name: string): boolean {
  // HTTP/2's :authority is the host, not a credential, whatever its name contains.
  if (name.toLowerCase() === ":authority") return false;
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_NAME_PARTS.test(name);
}

/**
 * A value that looks like a generated token rather than a word: long, from a token's
 * alphabet, with letters and digits mixed. Session ids, signed URLs' signatures, UUIDs and
 * base64 blobs look like this; paths such as "checkout" or "2026-12-02" do not.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 20) return false;
  if (!/^[A-Za-z0-9_\-.~+/=%:]+$/.test(value)) return false;
  const letters = (value.match(/[A-Za-z]/g) ?? []).length;
  const digits = (value.match(/[0-9]/g) ?? []).length;
  if (letters === 0 || digits === 0) return false;
  // A readable slug ("how-to-fix-502-errors-in-2026") has few digits and many separators;
  // a token has digits spread through it and few separators.
  const separators = (value.match(/[-_.~]/g) ?? []).length;
  return digits >= 3 && separators <= value.length / 8;
}

// Bearer and Basic credentials wherever they appear (a body echoing a header, a curl command
// in an error page), JWTs (three base64url parts, the first starting with {" encoded), and
// JSON or form values of secret-looking keys. Every pattern is bounded or linear.
const BEARER = /\b(Bearer|Basic|Token|Digest)(\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const JWT_VALUE = /^eyJ[A-Za-z0-9_-]{5,}\./;
const JSON_SECRET =
  /("[A-Za-z0-9_.-]{0,40}(?:password|passwd|pwd|token|secret|api_?key|apikey|session|auth|cookie|credential|signature)[A-Za-z0-9_.-]{0,40}"\s{0,8}:\s{0,8})("(?:[^"\\\n]|\\.){0,4096}"|-?\d{1,64})/gi;
const FORM_SECRET =
  /\b([A-Za-z0-9_.-]{0,40}(?:password|passwd|pwd|token|secret|api_?key|apikey|session|sessid|auth|signature)[A-Za-z0-9_.-]{0,40}=)([^&\s"'<>;,]{1,4096})/gi;
// HTML forms carry CSRF tokens in hidden inputs: <input name="csrf_token" value="…">.
const HTML_SECRET_VALUE =
  /(<input\b[^<>]{0,400}\bname=["'][^"'<>]{0,80}(?:token|csrf|xsrf|secret|session|auth|password)[^"'<>]{0,80}["'][^<>]{0,400}\bvalue=["'])([^"'<>]{1,4096})(["'])/gi;

/** Collects what the sanitiser removed, and the removed values themselves for a final sweep. */
class Removals {
  readonly counts: RemovedCounts = {
    cookies: 0,
    headers: 0,
    urlParts: 0,
    bodySecrets: 0,
    requestBodies: 0,
  };
  /** Values removed somewhere; any copy of them elsewhere (a body echoing a cookie) goes too. */
  readonly values = new Set<string>();

  remember(value: string): void {
    // Short values ("1", "yes") would remove ordinary words everywhere; real secrets are longer.
    const trimmed = value.trim();
    if (trimmed.length >= 6) this.values.add(trimmed);
  }
}

/** Remove bearer tokens, JWTs and secret-keyed values from free text (a body, a header value). */
export function scrubText(text: string, removals?: Removals): string {
  let count = 0;
  let out = text.replace(BEARER, (_whole, scheme: string, space: string) => {
    count++;
    return `${scheme}${space}${REMOVED}`;
  });
  out = out.replace(JWT, () => {
    count++;
    return REMOVED;
  });
  out = out.replace(JSON_SECRET, (_whole, key: string) => {
    count++;
    return `${key}"${REMOVED}"`;
  });
  out = out.replace(FORM_SECRET, (_whole, key: string) => {
    count++;
    return `${key}${REMOVED}`;
  });
  out = out.replace(HTML_SECRET_VALUE, (_whole, before: string, _value: string, after: string) => {
    count++;
    return `${before}${REMOVED}${after}`;
  });
  if (removals) removals.counts.bodySecrets += count;
  return out;
}

/** Split "a=1&b=2" keeping each pair's raw text, so untouched pairs come back byte for byte. */
function scrubQuery(query: string, removals: Removals): string {
  if (query === "") return query;
  return query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
      let name = rawName;
      let value = rawValue;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
        value = decodeURIComponent(rawValue.replace(/\+/g, " "));
      } catch {
        // A malformed escape: judge the raw text.
      }
      if (value !== "" && (isSecretName(name) || looksRandom(value) || JWT_VALUE.test(value))) {
        removals.counts.urlParts++;
        removals.remember(value);
        removals.remember(rawValue);
        return `${rawName}=${encodeURIComponent(REMOVED)}`;
      }
      return pair;
    })
    .join("&");
}

/**
 * A URL without its credentials: user name and password, query values of secret-looking
 * names or random-looking values, random-looking path segments, and the same in the
 * fragment (OAuth's implicit flow puts access_token there). Not a URL: scrubbed as text.
 */
export function sanitizeUrl(raw: string, removals: Removals = new Removals()): string {
  const match = /^([a-z][a-z0-9+.-]{0,20}:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(raw);
  if (!match) return scrubText(raw, removals);
  const [, scheme, authority = "", path = "", query, fragment] = match;
  let host = authority;
  const at = authority.lastIndexOf("@");
  if (at !== -1) {
    removals.counts.urlParts++;
    removals.remember(authority.slice(0, at));
    for (const part of authority.slice(0, at).split(":")) removals.remember(part);
    host = authority.slice(at + 1);
  }
  const safePath = path
    .split("/")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // Judge the raw text.
      }
      if (looksRandom(decoded) || JWT_VALUE.test(decoded)) {
        removals.counts.urlParts++;
        removals.remember(decoded);
        return encodeURIComponent(REMOVED);
      }
      return segment;
    })
    .join("/");
  const safeQuery = query === undefined ? "" : `?${scrubQuery(query.slice(1), removals)}`;
  const safeFragment =
    fragment === undefined
      ? ""
      : fragment.includes("=")
        ? `#${scrubQuery(fragment.slice(1), removals)}`
        : fragment;
  return `${scheme}${host}${safePath}${safeQuery}${safeFragment}`;
}

/** Headers whose values are URLs, so their secrets are found the way a URL's are. */
const URL_HEADERS = new Set(["referer", "location", "origin", "content-location", "link"]);

function sanitizeHeaders(raw: unknown, removals: Removals): SafeHeader[] {
  if (!Array.isArray(raw)) return [];
  const headers: SafeHeader[] = [];
  for (const item of raw.slice(0, 500)) {
    if (!isRecord(item)) continue;
    const name = stringOf(item.name).slice(0, 200);
    const value = stringOf(item.value).slice(0, 8_192);
    if (name === "") continue;
    const lower = name.toLowerCase();
    if (lower === "cookie" || lower === "set-cookie" || lower === "set-cookie2") {
      removals.counts.cookies++;
      rememberCookieValues(value, removals);
      headers.push({ name, value: REMOVED });
    } else if (isSecretName(name)) {
      removals.counts.headers++;
      removals.remember(value);
      // "Bearer abc…": the token alone is also a value to sweep for.
      const space = value.indexOf(" ");
      if (space !== -1) removals.remember(value.slice(space + 1));
      headers.push({ name, value: REMOVED });
    } else if (URL_HEADERS.has(lower)) {
      headers.push({ name, value: sanitizeUrl(value, removals) });
    } else {
      headers.push({ name, value: scrubText(value, removals) });
    }
  }
  return headers;
}

/** Each cookie's value in a Cookie or Set-Cookie header, remembered for the final sweep. */
function rememberCookieValues(header: string, removals: Removals): void {
  for (const line of header.split("\n")) {
    // Set-Cookie: name=value; Path=/…  |  Cookie: a=1; b=2
    const parts = line.split(";");
    const pairs = /^\s*set-cookie/i.test(line) ? parts.slice(0, 1) : parts;
    for (const pair of pairs) {
      const eq = pair.indexOf("=");
      if (eq !== -1) removals.remember(pair.slice(eq + 1));
    }
  }
}

/** HAR's cookie arrays are dropped; their values are remembered so no copy survives elsewhere. */
function countCookieArray(raw: unknown, removals: Removals): void {
  if (!Array.isArray(raw)) return;
  for (const cookie of raw.slice(0, 1_000)) {
    removals.counts.cookies++;
    if (isRecord(cookie)) removals.remember(stringOf(cookie.value));
  }
}

/** Media types whose bodies are text worth reading. */
function isTextual(mimeType: string): boolean {
  return /^text\/|json|xml|javascript|html|x-www-form-urlencoded|problem/i.test(mimeType);
}

/** The start of a response body as text, or "" for binary and missing bodies. */
function bodyText(content: Record<string, unknown>, mimeType: string): string {
  const text = stringOf(content.text);
  if (text === "") return "";
  if (content.encoding === "base64") {
    if (!isTextual(mimeType)) return "";
    try {
      // Only as much as the excerpt needs (4 base64 characters make 3 bytes).
      const slice = text.slice(0, Math.ceil((EXCERPT_CHARS * 4) / 3 / 4) * 4 * 4);
      const binary = atob(slice.replace(/\s/g, ""));
      const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
      return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    } catch {
      return "";
    }
  }
  return isTextual(mimeType) || mimeType === "" ? text : "";
}

function sanitizeTimings(raw: unknown): SafeTimings {
  const record = isRecord(raw) ? raw : {};
  const phase = (key: string): number | null => {
    const value = record[key];
    return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
  };
  return {
    blocked: phase("blocked"),
    dns: phase("dns"),
    connect: phase("connect"),
    ssl: phase("ssl"),
    send: phase("send"),
    wait: phase("wait"),
    receive: phase("receive"),
  };
}

function sanitizeEntry(raw: Record<string, unknown>, removals: Removals): SafeEntry {
  const request = isRecord(raw.request) ? raw.request : {};
  const response = isRecord(raw.response) ? raw.response : {};
  const content = isRecord(response.content) ? response.content : {};
  countCookieArray(request.cookies, removals);
  countCookieArray(response.cookies, removals);
  if (isRecord(request.postData)) {
    removals.counts.requestBodies++;
    // A form's fields can be echoed by an error page; sweep for them too.
    if (Array.isArray(request.postData.params))
      for (const param of request.postData.params.slice(0, 500))
        if (isRecord(param)) removals.remember(stringOf(param.value));
  }
  const requestHeaders = sanitizeHeaders(request.headers, removals);
  const responseHeaders = sanitizeHeaders(response.headers, removals);
  const mimeType = stringOf(content.mimeType).slice(0, 200);
  const body = bodyText(content, mimeType);
  const status = typeof response.status === "number" ? Math.trunc(response.status) : 0;
  const error = stringOf(response._error ?? raw._error);
  const time = typeof raw.time === "number" && Number.isFinite(raw.time) ? raw.time : null;
  return {
    startedDateTime: stringOf(raw.startedDateTime).slice(0, 64) || null,
    time,
    method:
      stringOf(request.method)
        .slice(0, 32)
        .replace(/[^A-Za-z-]/g, "") || "GET",
    url: sanitizeUrl(stringOf(request.url).slice(0, 8_192), removals),
    status: status >= 0 && status <= 999 ? status : 0,
    statusText: scrubText(stringOf(response.statusText).slice(0, 200), removals),
    httpVersion: stringOf(response.httpVersion).slice(0, 32),
    // Chromium writes net::ERR_CONNECTION_REFUSED and the like; anything else is not copied.
    error: /^net::ERR_[A-Z0-9_]{1,80}$/.test(error) ? error : null,
    requestHeaders,
    responseHeaders,
    excerpt: scrubText(body.slice(0, EXCERPT_CHARS), removals),
    excerptCut: body.length > EXCERPT_CHARS,
    mimeType,
    serverIPAddress: /^[0-9a-f.:[\]]{2,64}$/i.test(stringOf(raw.serverIPAddress))
      ? stringOf(raw.serverIPAddress)
      : null,
    timings: sanitizeTimings(raw.timings),
  };
}

/** Escape a literal for use in a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The final sweep: every value removed anywhere (a cookie, a token from a header or a URL)
 * is removed wherever else it appears, in any text the sanitised HAR keeps. A page that
 * echoes the session cookie into its HTML keeps nothing of it.
 */
function sweep(entries: SafeEntry[], removals: Removals): void {
  const values = [...removals.values].filter((value) => value !== REMOVED).slice(0, 2_000);
  if (values.length === 0) return;
  // Longest first, so a value that contains another is removed whole.
  values.sort((a, b) => b.length - a.length);
  const variants = new Set<string>();
  for (const value of values) {
    variants.add(value);
    variants.add(encodeURIComponent(value));
  }
  const pattern = new RegExp([...variants].map(escapeRegExp).join("|"), "g");
  const clean = (text: string): string =>
    text.replace(pattern, () => {
      removals.counts.bodySecrets++;
      return REMOVED;
    });
  for (const entry of entries) {
    entry.url = clean(entry.url);
    entry.statusText = clean(entry.statusText);
    entry.excerpt = clean(entry.excerpt);
    for (const header of [...entry.requestHeaders, ...entry.responseHeaders])
      header.value = clean(header.value);
  }
}

/** Why a file could not be read as a HAR, in words for the person who chose it. */
export class HarError extends Error {}

/**
 * Parse and sanitise a HAR file's text. Throws HarError when it is not JSON or has no
 * `log.entries`; everything else (missing fields, odd types) is tolerated field by field.
 */
export function sanitizeHar(text: string): SafeHar {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new HarError(
      "This file is not JSON, so it is not a HAR file. In the browser's developer tools, Network tab, use “Save all as HAR” (Chrome) or “Save All As HAR” (Firefox).",
    );
  }
  const log = isRecord(parsed) && isRecord(parsed.log) ? parsed.log : null;
  if (!log || !Array.isArray(log.entries)) {
    throw new HarError(
      "This JSON file has no log.entries, so it is not a HAR file (HTTP Archive). Export one from the Network tab of the browser's developer tools.",
    );
  }
  const removals = new Removals();
  const entries: SafeEntry[] = [];
  for (const raw of log.entries.slice(0, MAX_ENTRIES)) {
    if (isRecord(raw)) entries.push(sanitizeEntry(raw, removals));
  }
  sweep(entries, removals);
  const creator = isRecord(log.creator) ? stringOf(log.creator.name).slice(0, 80) : "";
  return {
    creator: creator === "" ? null : scrubText(creator),
    entries,
    totalEntries: log.entries.length,
    removed: removals.counts,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
