import { NextResponse, type NextRequest } from "next/server";
import { frameHeadersFor, isEmbedPath, parseAllowedOrigins } from "@/lib/embed/frame-policy.mjs";
import { repairPathEncoding, WIZARD_PATH_HEADER } from "@/lib/wizard/path-encoding";

// Next.js 16's name for middleware. It only serves the wizard's 404: it hands the raw request
// path to the wizard's not-found page (which gets no props), and keeps a malformed %-escape from
// becoming Next's bare 400 so the wizard can explain it.

// The embed routes (the same wizard under /embed) get the same 404 handling, plus their
// frame-ancestors: Next.js fixes next.config's headers() at build time, while the allowed
// origins are read from the environment when the server starts.
const embedFramePolicy = parseAllowedOrigins(process.env.EMBED_ALLOWED_ORIGINS);

// Header values must be printable ASCII; a path is percent-encoded, so this is a sanity bound.
const printableAscii = /^[\x20-\x7e]*$/;
// Any longer path already breaks the wizard's limits within its first 8 KiB.
const MAX_HEADER_PATH = 8192;

export function proxy(request: NextRequest) {
  const pathname = request.nextUrl.pathname;
  const requestHeaders = new Headers(request.headers);
  // Always overwrite: a client must not choose what the 404 page reports.
  requestHeaders.delete(WIZARD_PATH_HEADER);
  if (printableAscii.test(pathname)) {
    requestHeaders.set(WIZARD_PATH_HEADER, pathname.slice(0, MAX_HEADER_PATH));
  }
  const repaired = repairPathEncoding(pathname);
  let response: NextResponse;
  if (repaired !== pathname) {
    const url = request.nextUrl.clone();
    url.pathname = repaired;
    response = NextResponse.rewrite(url, { request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  if (isEmbedPath(pathname)) {
    for (const { key, value } of frameHeadersFor(pathname, embedFramePolicy)) {
      response.headers.set(key, value);
    }
  }
  return response;
}

export const config = { matcher: ["/diagnose/:path+", "/embed", "/embed/:path*"] };
