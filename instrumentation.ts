/**
 * Runs once when the Next.js server starts. Checking the probe settings here
 * makes a bad PROBE_* value stop start-up with a message naming it, instead
 * of surfacing as failed probes later.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { requireValidProbeConfig } = await import("./lib/probe/config");
    requireValidProbeConfig();
    // TRACE gets 405 instead of a 500, no response names an internal URL, and server actions
    // can tell when their client has gone (lib/http-methods.ts).
    const { hardenHttpServers } = await import("./lib/http-methods");
    hardenHttpServers();
  }
}
