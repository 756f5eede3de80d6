/** Malformed responses from the upstream. */
import { fix, fixedOr } from "../builder";

export const malformedBranch = {
  // "upstream sent too big header": raise proxy/fastcgi buffers; Cloudflare
  // answers 520 past 16 KB of headers (signals).
  malformedHeadersTooBig: fix("app", fixedOr("resolvedConfig", "malformedInvalidResponse")),
  // "upstream sent invalid header": wrong protocol or port upstream (signals).
  malformedInvalidResponse: fix("app", fixedOr("resolvedConfig", "appCrashing")),
};
