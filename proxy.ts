import { NextResponse, type NextRequest } from "next/server";
import {
  EMBED_BASE,
  frameHeadersFor,
  isEmbedPath,
  parseAllowedOrigins,
} from "@/lib/embed/frame-policy.mjs";
import {
  encodeNotUnderstood,
  NOT_UNDERSTOOD_PARAM,
  repairPathEncoding,
  WIZARD_PATH_HEADER,
} from "@/lib/wizard/path-encoding";
import { permalinkPathError, reportablePath } from "@/lib/wizard/permalink";
import { DIAGNOSE_BASE } from "@/machines/paths";

// Next.js 16's name for middleware. It serves the wizard's 404 and the embed's frame policy.
//
// The wizard's 404: a page that calls notFound() gets a 404 status but, in Next.js 16, an empty
// HTML shell whose content only appears once JavaScript runs (vercel/next.js#62228). The wizard
// must work without JavaScript, so a /diagnose path that is not a permalink is rewritten here
// to Next's not-found route, which the server renders in full with a 404 status; the request
// path travels in a query parameter so app/not-found.tsx can name the part not understood.
//
// Every wizard path also carries its raw path in a header, for the not-found files of the
// wizard's own segments (reached when a page calls notFound() itself, e.g. under /embed).
// The embed routes (the same wizard under /embed) get that header too, plus their
// frame-ancestors: Next.js fixes next.config's headers() at build time, while the allowed
// origins are read from the environment when the server starts.
const embedFramePolicy = parseAllowedOrigins(process.env.EMBED_ALLOWED_ORIGINS);

/** Next.js's own route for "no page here": rendering it gives the root not-found with a 404. */
const NOT_FOUND_ROUTE = "/_not-found";

// Header values must be printable ASCII; a path is percent-encoded, so this is a sanity bound.
const printableAscii = /^[\x20-\x7e]*$/;

export function proxy(request: NextRequest) {
  const pathname = request.nextUrl.pathname;
  const requestHeaders = new Headers(request.headers);
  // Always overwrite: a client must not choose what the 404 page reports.
  requestHeaders.delete(WIZARD_PATH_HEADER);
  const report = reportablePath(pathname, DIAGNOSE_BASE) ?? reportablePath(pathname, EMBED_BASE);
  if (report !== null && printableAscii.test(report)) {
    requestHeaders.set(WIZARD_PATH_HEADER, report);
  }

  let response: NextResponse;
  if (report !== null && permalinkPathError(pathname, DIAGNOSE_BASE)) {
    const url = request.nextUrl.clone();
    url.pathname = NOT_FOUND_ROUTE;
    url.search = "";
    url.searchParams.set(NOT_UNDERSTOOD_PARAM, encodeNotUnderstood(report));
    response = NextResponse.rewrite(url, { request: { headers: requestHeaders } });
  } else if (repairPathEncoding(pathname) !== pathname) {
    // A malformed %-escape elsewhere (the embed): Next.js would answer a bare 400 before any
    // page runs; with literal % signs the page gets to answer with its own 404.
    const url = request.nextUrl.clone();
    url.pathname = repairPathEncoding(pathname);
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
