// Plain ESM so next.config.mjs can import it as well as the TypeScript code.

/**
 * Largest body a form post to a page may carry. The analyzer's no-JavaScript form sends up to
 * 1,000,000 characters, which non-ASCII text can make more than 1 MB. Next.js answers a larger
 * server-action body with a 500, so proxy.ts refuses it first with 413.
 */
export const FORM_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * How much of a request body Next.js buffers for proxy.ts (experimental.proxyClientMaxBodySize).
 * Past its cap Next.js drops the chunk that crosses it and everything after
 * (next/dist/server/body-streams.js), so a cap of exactly the limit would hide an oversized
 * chunked body. One MB of headroom is far more than one chunk (Node reads sockets 64 kB at a
 * time), so any body over FORM_BODY_LIMIT_BYTES is still seen to be over it and refused with 413.
 */
export const PROXY_BODY_BUFFER_BYTES = FORM_BODY_LIMIT_BYTES + 1024 * 1024;
