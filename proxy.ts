import { NextResponse, type NextRequest } from "next/server";
import {
  EMBED_BASE,
  isEmbedPath,
  parseAllowedOrigins,
  securityHeadersFor,
} from "@/lib/embed/frame-policy.mjs";
import { FORWARDED_CHAIN_HEADER } from "@/lib/probe/client-address";
import {
  encodeNotUnderstood,
  NOT_UNDERSTOOD_PARAM,
  malformedSegment,
  WIZARD_PATH_HEADER,
} from "@/lib/wizard/path-encoding";
import { isCacheableQuery, siteKey, STEP_CACHE_BASE } from "@/lib/wizard/step-cache";
import { siteOrigin } from "@/lib/wizard/site-origin";
import { displayPart, readWizardPath, reportablePath } from "@/machines/permalink";
import { FORM_BODY_LIMIT_BYTES } from "@/lib/form-limits.mjs";
import { DIAGNOSE_BASE, permalinkFor } from "@/machines/paths";

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

const siteUrl = process.env.SITE_URL;

/** A short plain-text refusal, with the security headers every response carries. */
function refusal(
  status: number,
  reason: string,
  pathname: string,
  extra: Record<string, string> = {},
): NextResponse {
  const response = new NextResponse(`${reason}\n`, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...extra,
    },
  });
  return withSecurityHeaders(response, pathname);
}

function withSecurityHeaders(response: NextResponse, pathname: string): NextResponse {
  for (const { key, value } of securityHeadersFor(pathname, embedFramePolicy, siteUrl)) {
    response.headers.set(key, value);
  }
  return response;
}

/** The probe's API routes: JSON in, JSON or NDJSON out, POST only. */
const API_PATHS = new Set(["/api/probe", "/api/probe/stream", "/api/probe/places"]);

/** Pages whose forms post to a server action (the no-JavaScript check and the analyzer). */
function acceptsFormPosts(pathname: string): boolean {
  return (
    pathname === "/analyze" ||
    pathname === DIAGNOSE_BASE ||
    pathname.startsWith(`${DIAGNOSE_BASE}/`) ||
    isEmbedPath(pathname)
  );
}

/** The methods a path answers; anything else gets 405 with this list in Allow. */
function allowedMethods(pathname: string): string[] {
  if (API_PATHS.has(pathname)) return ["POST", "OPTIONS"];
  if (acceptsFormPosts(pathname)) return ["GET", "HEAD", "POST", "OPTIONS"];
  return ["GET", "HEAD", "OPTIONS"];
}

/**
 * True when the request comes from a page of another site. Browsers send Origin on every POST
 * and Sec-Fetch-Site on every request (https://fetch.spec.whatwg.org/#origin-header,
 * https://www.w3.org/TR/fetch-metadata/); Next.js compares Origin with the host itself but
 * answers a mismatch with a 500, so it is refused here first.
 */
function crossSite(request: NextRequest): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    // "null" (sandboxed frames, privacy-sensitive redirects) or garbage: not this site.
    return true;
  }
}

const MB = 1024 * 1024;

/**
 * Checks a form post's body before Next.js decodes it: size (also without Content-Length, i.e.
 * chunked), and that it decodes at all. Next.js answers a body over the server-action limit, a
 * multipart body it cannot parse and a server-action call whose arguments are not a form with
 * a 500; each is a mistake of the sender and gets a 4xx that says so.
 */
async function formPostProblem(
  request: NextRequest,
): Promise<{ status: number; reason: string } | null> {
  const limitMb = FORM_BODY_LIMIT_BYTES / MB;
  const tooLarge = (sent: string) => ({
    status: 413,
    reason:
      `This form sent ${sent}; the most it may send is ${limitMb} MB. ` +
      "Paste only the lines around the error, or go back and try again." +
      // The analyzer's form also takes a HAR file, which a busy page can make larger.
      (request.nextUrl.pathname === "/analyze"
        ? " For a HAR file, turn JavaScript on (the file is then read in your browser and never sent) or save a HAR of only the failing page."
        : ""),
  });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > FORM_BODY_LIMIT_BYTES)
    return tooLarge(`${(declared / MB).toFixed(1)} MB`);

  // The boundary parameter is case-sensitive (Chromium's is ----WebKitFormBoundary…): only the
  // media type is compared in lower case.
  const type = request.headers.get("content-type") ?? "";
  const mediaType = type.split(";")[0]!.trim().toLowerCase();
  // Both of this app's server actions take (previous state, the form's FormData). React sends
  // arguments that include a FormData as multipart/form-data, and a browser without JavaScript
  // posts the form itself as multipart or urlencoded; text/plain JSON arguments (React's
  // encoding when no FormData is among them) can therefore never be a valid call here.
  if (mediaType === "text/plain" && request.headers.has("next-action"))
    return {
      status: 400,
      reason:
        "This site's server actions take the fields of a form, sent as multipart/form-data; these arguments are not a form.",
    };
  const accepted = ["multipart/form-data", "application/x-www-form-urlencoded"];
  if (!accepted.includes(mediaType))
    return {
      status: 415,
      reason: `A form post must be sent as ${accepted.join(" or ")}.`,
    };

  let body: ArrayBuffer;
  try {
    body = await request.arrayBuffer();
  } catch {
    return { status: 400, reason: "The request body could not be read." };
  }
  // Next.js buffers more than the limit for the proxy (PROXY_BODY_BUFFER_BYTES).
  if (body.byteLength > FORM_BODY_LIMIT_BYTES) return tooLarge(`more than ${limitMb} MB`);

  if (mediaType === "multipart/form-data") {
    try {
      await new Response(body, { headers: { "content-type": type } }).formData();
    } catch {
      return { status: 400, reason: "The form's multipart body could not be read." };
    }
  }
  return null;
}

/** Refusals that come before any route runs: method, foreign origin, a body that cannot be read. */
async function refuseEarly(request: NextRequest, pathname: string): Promise<NextResponse | null> {
  const method = request.method.toUpperCase();
  const allowed = allowedMethods(pathname);
  if (method === "OPTIONS") {
    return withSecurityHeaders(
      new NextResponse(null, { status: 204, headers: { allow: allowed.join(", ") } }),
      pathname,
    );
  }
  if (!allowed.includes(method)) {
    return refusal(
      405,
      `This address does not accept ${method.replace(/[^A-Z-]/g, "")} requests.`,
      pathname,
      {
        allow: allowed.join(", "),
      },
    );
  }
  if (method !== "POST" || API_PATHS.has(pathname)) return null;
  if (crossSite(request))
    return refusal(403, "Forms on this site only accept posts from its own pages.", pathname);
  const problem = await formPostProblem(request);
  return problem ? refusal(problem.status, problem.reason, pathname) : null;
}

/** What the proxy needs to know about a request path, worked out by replaying its answers. */
interface WizardPathFacts {
  /** The path cut to what explains it, for the 404 page (reportablePath), or null if not the wizard's. */
  report: string | null;
  /** True for a /diagnose path that is not a permalink: it gets the server-rendered 404. */
  broken: boolean;
  /** The permalink's canonical answers path (re-encoded), when it is a /diagnose permalink. */
  answersPath: string | null;
}

/**
 * Facts by path. Replaying a permalink's answers costs ~0.3 ms of CPU each time (XState
 * transitions), several times per request, on the path every cached step is served through;
 * the same few hundred paths make almost all traffic. Bounded, oldest out first, and only
 * short paths are kept, because anyone can send many long ones.
 */
const factsByPath = new Map<string, WizardPathFacts>();
const FACTS_LIMIT = 1024;
const FACTS_MAX_PATH = 512;

function wizardPathFacts(pathname: string): WizardPathFacts {
  const kept = factsByPath.get(pathname);
  if (kept) return kept;
  const diagnose = readWizardPath(pathname, DIAGNOSE_BASE);
  const report = diagnose?.report ?? reportablePath(pathname, EMBED_BASE);
  const facts: WizardPathFacts = {
    report,
    broken: diagnose?.error != null,
    // The answers re-encoded from their decoded form, so `%6Fwner` and `owner` share one entry.
    answersPath: diagnose?.answers ? permalinkFor(diagnose.answers, "") : null,
  };
  if (pathname.length <= FACTS_MAX_PATH) {
    factsByPath.set(pathname, facts);
    if (factsByPath.size > FACTS_LIMIT) factsByPath.delete(factsByPath.keys().next().value!);
  }
  return facts;
}

/**
 * Where a request for a wizard step is served from the page cache (lib/wizard/step-cache.ts
 * says why the site's origin is in the path), or null when it must be rendered for this
 * request: a method other than GET/HEAD, a query that may carry evidence, or not a permalink.
 */
function cachedStepPath(request: NextRequest, facts: WizardPathFacts): string | null {
  if (facts.answersPath === null) return null;
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD") return null;
  if (!isCacheableQuery(request.nextUrl.searchParams)) return null;
  const origin = siteOrigin(siteUrl, request.headers);
  return `${STEP_CACHE_BASE}/${siteKey(origin)}${facts.answersPath}`;
}

/** Marks a request rewritten to the step cache by this proxy (see proxy()). */
const STEP_CACHE_TOKEN_HEADER = "x-gateway-doctor-step-cache";
const stepCacheToken = crypto.randomUUID();

function isUnder(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(`${base}/`);
}

/**
 * A rewrite Next.js serves in this process. Next compares a rewrite's origin with the URL the
 * server was reached at and proxies any other origin over HTTP, as it would another site;
 * request.nextUrl spells 127.0.0.1 as "localhost", so rewrites built from it went back to this
 * server over a second connection, running this proxy twice and costing a whole request. With
 * skipProxyUrlNormalize (next.config.mjs) request.url is exactly the URL Next compares with.
 */
function rewriteTo(request: NextRequest, pathAndQuery: string, headers: Headers): NextResponse {
  return NextResponse.rewrite(new URL(pathAndQuery, request.url), { request: { headers } });
}

export async function proxy(request: NextRequest) {
  const pathname = request.nextUrl.pathname;
  const refused = await refuseEarly(request, pathname);
  if (refused) return refused;
  // The cache's own route is reached only through the rewrite below; from outside, a page
  // there could be rendered under any origin the asker chose. Should Next ever send the rewrite
  // back through this proxy (it does when the rewrite's origin is not the one the server was
  // reached at; see rewriteTo), a token only this process knows lets it pass.
  if (isUnder(pathname, STEP_CACHE_BASE)) {
    if (request.headers.get(STEP_CACHE_TOKEN_HEADER) === stepCacheToken) return NextResponse.next();
    return refusal(404, "There is nothing at this address.", pathname);
  }
  const requestHeaders = new Headers(request.headers);
  // The probe's limits key on the connection's address. Next.js puts that address in
  // X-Forwarded-For only when the request has none (base-server.js: `x-forwarded-for ??=
  // socket.remoteAddress`), so the client's own header moves aside to FORWARDED_CHAIN_HEADER,
  // where lib/probe/client-address.ts reads it only as far as PROBE_TRUST_PROXY trusts it.
  requestHeaders.delete(FORWARDED_CHAIN_HEADER);
  const forwardedFor = requestHeaders.get("x-forwarded-for");
  requestHeaders.delete("x-forwarded-for");
  // Always set, with the "for=" mark clientAddress() looks for: its presence proves this ran,
  // so the X-Forwarded-For a route sees is Next.js's own (the connection), not the client's.
  requestHeaders.set(FORWARDED_CHAIN_HEADER, `for=${forwardedFor ?? ""}`);
  // Always overwrite: a client must not choose what the 404 page reports.
  requestHeaders.delete(WIZARD_PATH_HEADER);
  const facts = wizardPathFacts(pathname);
  const { report } = facts;
  if (report !== null && printableAscii.test(report)) {
    requestHeaders.set(WIZARD_PATH_HEADER, report);
  }

  let response: NextResponse;
  let cached: string | null;
  let badSegment: string | null;
  if (facts.broken && report !== null) {
    const query = new URLSearchParams({ [NOT_UNDERSTOOD_PARAM]: encodeNotUnderstood(report) });
    response = rewriteTo(request, `${NOT_FOUND_ROUTE}?${query}`, requestHeaders);
  } else if ((cached = cachedStepPath(request, facts)) !== null) {
    requestHeaders.set(STEP_CACHE_TOKEN_HEADER, stepCacheToken);
    response = rewriteTo(request, `${cached}${request.nextUrl.search}`, requestHeaders);
  } else if ((badSegment = malformedSegment(pathname)) !== null) {
    // A malformed %-escape outside /diagnose (the embed, any other path): Next.js would answer a
    // bare 400, or a 500 if rewritten to a repaired path (lib/wizard/path-encoding.ts).
    return refusal(
      404,
      `This address is not understood: its part “${displayPart(badSegment)}” holds a broken %-escape. Check that the link was copied whole.`,
      pathname,
    );
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  return withSecurityHeaders(response, pathname);
}

// Every path: methods, foreign form posts and the security headers concern static files and
// Next's own assets as much as pages.
export const config = {
  matcher: ["/:path*"],
};
