import { NextResponse, type NextRequest } from "next/server";
import { repairPathEncoding, WIZARD_PATH_HEADER } from "@/lib/wizard/path-encoding";

// Next.js 16's name for middleware. It only serves the wizard's 404: it hands the raw request
// path to the wizard's not-found page (which gets no props), and keeps a malformed %-escape from
// becoming Next's bare 400 so the wizard can explain it.

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
  if (repaired !== pathname) {
    const url = request.nextUrl.clone();
    url.pathname = repaired;
    return NextResponse.rewrite(url, { request: { headers: requestHeaders } });
  }
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = { matcher: ["/diagnose/:path+"] };
