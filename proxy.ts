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
import { permalinkPathError, reportablePath } from "@/machines/permalink";
import { FORM_BODY_LIMIT_BYTES } from "@/lib/form-limits.mjs";
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

/**
 * A form post (no-JavaScript check or analyzer) larger than the server-action limit. Next.js
 * itself would answer it with a 500 after reading the body; refusing it by its declared length
 * gives the sender a 413 that says what happened.
 */
function oversizedFormPost(request: NextRequest): NextResponse | null {
  if (request.method !== "POST") return null;
  const length = Number(request.headers.get("content-length"));
  if (!Number.isFinite(length) || length <= FORM_BODY_LIMIT_BYTES) return null;
  const limitMb = FORM_BODY_LIMIT_BYTES / (1024 * 1024);
  return new NextResponse(
    `This form sent ${(length / (1024 * 1024)).toFixed(1)} MB; the most it may send is ${limitMb} MB. ` +
      "Paste only the lines around the error, or go back and try again.\n",
    { status: 413, headers: { "content-type": "text/plain; charset=utf-8" } },
  );
}

export function proxy(request: NextRequest) {
  const tooLarge = oversizedFormPost(request);
  if (tooLarge) return tooLarge;
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

export const config = {
  matcher: ["/diagnose", "/diagnose/:path+", "/embed", "/embed/:path*", "/analyze"],
};
