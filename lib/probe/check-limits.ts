/**
 * What a check request may ask for, shared by the browser's form (which offers only what the
 * server accepts and refuses a too-long address before sending it) and the server's validation
 * (lib/probe/http-api.ts), so the two cannot drift apart. Constants only: safe in the browser.
 */

/** Longest URL a person may enter; also the longest redirect Location the probe follows. */
export const MAX_CHECK_URL_CHARS = 2048;
/** Longest origin address (an IPv6 literal with brackets fits well within it). */
export const MAX_ORIGIN_IP_CHARS = 64;
/** Largest number of samples per check. */
export const MAX_SAMPLES = 10;
/** The sample counts the form offers, all within 1…MAX_SAMPLES. */
export const SAMPLE_CHOICES: readonly number[] = [1, 2, 3, 5, MAX_SAMPLES];
