// Plain ESM so next.config.mjs can import it as well as the TypeScript code.

/**
 * Largest body a form post to a page may carry. The analyzer's no-JavaScript form sends up to
 * 1,000,000 characters, which non-ASCII text can make more than 1 MB. Next.js answers a larger
 * server-action body with a 500, so proxy.ts refuses it first with 413.
 */
export const FORM_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
