/**
 * What every probe sample sends, in one place: the HTTP/1.1 sampler, the HTTP/2 sample and the
 * reproduce kit (lib/reproduce) read it here, so a command shown to a person repeats exactly
 * the request the probe made. Pure and free of Node modules: the browser imports it too.
 */

/** The probe's User-Agent: it names itself, so a site owner who sees it in a log knows why. */
export const PROBE_USER_AGENT =
  "GatewayDoctor-Probe/0.1 (troubleshooting check requested by a user; one request per sample)";

/** The one method a sample uses. */
export const PROBE_METHOD = "GET";

/**
 * Request headers after Host, in the order they are sent. Identity encoding keeps the body
 * excerpt readable without decompressing it; `Connection: close` because each sample is one
 * request on its own connection.
 */
export function probeRequestHeaders(userAgent: string = PROBE_USER_AGENT): [string, string][] {
  return [
    ["User-Agent", userAgent],
    ["Accept", "*/*"],
    ["Accept-Encoding", "identity"],
    ["Connection", "close"],
  ];
}
