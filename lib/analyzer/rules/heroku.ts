import type { Rule } from "../types";

/*
 * Heroku's H (router), R (runtime) and L (logging) error codes.
 * Source for every code, its wording and status: https://devcenter.heroku.com/articles/error-codes
 *
 * The router writes a code in two shapes:
 * - logfmt, today:  heroku[router]: at=error code=H12 desc="Request timeout" method=GET …
 * - the older form: heroku[router]: Error H12 (Request timeout) -> GET shop.herokuapp.com/ …
 * Runtime and logging errors keep the second shape: heroku[web.1]: Error R14 (Memory quota
 * exceeded). A code is matched only as `code=H12` or `Error H12`, never as a bare word.
 *
 * catalog.ts already reads the logfmt lines of H10, H12, H13, H14 and R14's wording; for
 * those codes the rules here read only the older shape, so each line has one reader.
 */

const HEROKU_DOCS = "https://devcenter.heroku.com/articles/error-codes";

const AT = "2026-11-21T01:02:03.118264+00:00";
const routerLine = (code: string, desc: string, status: number, at = "error") =>
  `${AT} heroku[router]: at=${at} code=${code} desc="${desc}" method=GET path="/checkout" host=shop.herokuapp.com request_id=2b5e1c0a-7d8f-4a9e-b1c2-3d4e5f6a7b8c fwd="203.0.113.9" dyno=web.1 connect=1ms service=30001ms status=${status} bytes=0 protocol=https`;
const oldRouterLine = (code: string, desc: string, status: number) =>
  `2012-11-10T15:26:15+00:00 heroku[router]: Error ${code} (${desc}) -> GET shop.herokuapp.com/checkout dyno=web.1 queue=0 wait=0ms service=30000ms status=${status} bytes=0`;
const dynoLine = (code: string, desc: string, rest = "") =>
  `${AT} heroku[web.1]: Error ${code} (${desc})${rest}`;

/** One documented code. */
type CodeSpec = Omit<Rule, "id" | "kind" | "product" | "anchors" | "pattern" | "example"> & {
  code: string;
  /** Heroku's own description, as the log line prints it. */
  desc: string;
  /** Only the older `Error Hxx (` form: catalog.ts reads the logfmt one. */
  oldFormOnly?: boolean;
  /** A sample in another shape than the router's (dyno and logplex lines). */
  example?: string;
  /** The router's `at=` level for this code ("info" for client-side and maintenance codes). */
  at?: string;
};

const ROUTER: CodeSpec[] = [
  {
    code: "H10",
    desc: "App crashed",
    oldFormOnly: true,
    layer: "app",
    cause: "app-crashed",
    status: 503,
    state: "appCrashing",
    meaning:
      "Heroku's router found the web dyno crashed (H10). The dyno's own log lines just before this show why it exited.",
    confidence: "high",
    confidenceReason: "H10 is Heroku's code for a crashed web process.",
  },
  {
    code: "H11",
    desc: "Backlog too deep",
    layer: "app",
    cause: "worker-pool-full",
    status: 503,
    state: "workerPool",
    meaning:
      "Requests queued at the router faster than the dynos could take them (H11): every dyno is busy. Add dynos, or make requests faster.",
    confidence: "high",
    confidenceReason: "H11 is written only when the router's queue overflows.",
  },
  {
    code: "H12",
    desc: "Request timeout",
    oldFormOnly: true,
    layer: "app",
    cause: "upstream-timeout",
    status: 503,
    state: "timeoutSlowApp",
    meaning:
      "The app took longer than Heroku's fixed 30-second router limit to start answering (H12). Long work has to move to a background worker.",
    confidence: "high",
    confidenceReason: "H12 is Heroku's request-timeout code, and the limit cannot be raised.",
  },
  {
    code: "H13",
    desc: "Connection closed without response",
    oldFormOnly: true,
    layer: "app",
    cause: "upstream-closed",
    status: 503,
    state: "appCrashing",
    meaning:
      "The dyno accepted the connection and closed it without answering (H13): the process crashed or a worker was killed mid-request.",
    confidence: "high",
    confidenceReason: "H13 means the connection closed without a response.",
  },
  {
    code: "H14",
    desc: "No web processes running",
    oldFormOnly: true,
    layer: "app",
    cause: "app-not-started",
    status: 503,
    state: "appDown",
    meaning:
      "No web dynos are running (H14): the web process is scaled to zero or failed to start.",
    confidence: "high",
    confidenceReason: "H14 means there is no web process at all.",
  },
  {
    code: "H15",
    desc: "Idle connection",
    layer: "app",
    cause: "upstream-timeout",
    status: 503,
    state: "timeoutSlowApp",
    meaning:
      "The dyno sent nothing for 55 seconds on an open response (H15), so the router closed it: a stream or long poll that stopped sending.",
    confidence: "high",
    confidenceReason: "H15 is written only for the 55-second idle window.",
  },
  {
    code: "H16",
    desc: "Redirect to herokuapp.com",
    at: "info",
    layer: "proxy",
    cause: "proxy-config",
    status: 404,
    state: "configRevert",
    meaning:
      "The app redirected a custom domain to its herokuapp.com name (H16, no longer written by current routers). The domain settings need fixing.",
    confidence: "high",
    confidenceReason: "H16 names the redirect.",
  },
  {
    code: "H17",
    desc: "Poorly formatted HTTP response",
    layer: "app",
    cause: "upstream-invalid-response",
    status: 503,
    state: "malformedInvalidResponse",
    meaning:
      "The dyno's response was not valid HTTP (H17): malformed headers, or a body that does not match its declared length.",
    confidence: "high",
    confidenceReason: "H17 means the router could not parse the response.",
  },
  {
    code: "H18",
    desc: "Server Request Interrupted",
    layer: "app",
    cause: "upstream-closed",
    status: 503,
    state: "appCrashing",
    meaning:
      "The dyno closed the socket part-way through the request or response (H18): the process crashed or stopped reading the request body.",
    confidence: "medium",
    confidenceReason:
      "A crash and an app that answers before reading a large upload both give H18.",
  },
  {
    code: "H19",
    desc: "Backend connection timeout",
    layer: "app",
    cause: "upstream-connect-timeout",
    status: 503,
    state: "resourcesCheck",
    meaning:
      "The router could not open a connection to the dyno within 5 seconds (H19): the dyno is overloaded or its process is stuck and not accepting connections.",
    confidence: "high",
    confidenceReason: "H19 is the router's connect timeout to the dyno.",
  },
  {
    code: "H20",
    desc: "App boot timeout",
    layer: "app",
    cause: "app-not-started",
    status: 503,
    state: "appDown",
    meaning:
      "The dyno took more than 75 seconds to start listening while requests waited (H20): the app's boot is too slow, or it never binds to $PORT.",
    confidence: "high",
    confidenceReason: "H20 is written only when a booting dyno makes requests wait too long.",
  },
  {
    code: "H21",
    desc: "Backend connection refused",
    layer: "app",
    cause: "upstream-refused",
    status: 503,
    state: "appDown",
    meaning:
      "The dyno refused the router's connection (H21): the app is not listening on $PORT, or its accept queue is full.",
    confidence: "high",
    confidenceReason: "H21 means the connection was refused.",
  },
  {
    code: "H22",
    desc: "Connection limit reached",
    layer: "proxy",
    cause: "connection-limits",
    status: 503,
    state: "connectionLimits",
    meaning:
      "The app reached the router's limit on concurrent connections (H22), usually under heavy traffic or with connections held open.",
    confidence: "high",
    confidenceReason: "H22 names the connection limit.",
  },
  {
    code: "H23",
    desc: "Endpoint misconfigured",
    layer: "proxy",
    cause: "proxy-config",
    status: 503,
    state: "configRevert",
    meaning:
      "A routing endpoint, usually from an add-on or a custom router setting, is misconfigured (H23).",
    confidence: "high",
    confidenceReason: "H23 names a misconfigured endpoint.",
  },
  {
    code: "H24",
    desc: "Forced close",
    layer: "proxy",
    cause: "connection-reset",
    status: 503,
    state: "cdnIncident",
    meaning:
      "The router node serving this request was shut down before the request finished (H24): Heroku's side, normally a one-off.",
    confidence: "high",
    confidenceReason: "H24 is written when the router itself goes away.",
  },
  {
    code: "H25",
    desc: "HTTP Restriction",
    layer: "edge",
    cause: "edge-blocked",
    status: 400,
    state: "ownerWhichError",
    title: "Heroku's router refused an oversized or invalid request (not a server fault)",
    meaning:
      "The router blocked the request under its HTTP restrictions (H25): too large headers or cookies, or an invalid request line.",
    confidence: "high",
    confidenceReason: "H25 names the restriction.",
  },
  {
    code: "H26",
    desc: "Request Error",
    layer: "edge",
    cause: "edge-blocked",
    status: 400,
    state: "ownerWhichError",
    title: "A client sent an invalid request (not a server fault)",
    meaning:
      "The request itself broke HTTP (H26), for example a bad Expect header. It concerns the client, not your dynos.",
    confidence: "high",
    confidenceReason: "H26 means the request was invalid.",
  },
  {
    code: "H27",
    desc: "Client Request Interrupted",
    at: "info",
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "timeoutMeasure",
    meaning:
      "The client closed its socket before sending the whole request (H27). That is the visitor's side, not a server fault.",
    confidence: "medium",
    confidenceReason: "H27 describes the client only.",
  },
  {
    code: "H28",
    desc: "Client Connection Idle",
    at: "info",
    layer: "edge",
    cause: "client-gave-up",
    status: 499,
    state: "ownerWhichError",
    meaning:
      "The client kept a connection open without sending a full request for 55 seconds (H28). That is the visitor's side, not a server fault.",
    confidence: "medium",
    confidenceReason: "H28 describes the client only.",
  },
  {
    code: "H31",
    desc: "Misdirected Request",
    layer: "edge",
    cause: "proxy-config",
    status: 421,
    state: "tlsSni",
    meaning:
      "The request's host does not match the TLS name it connected with (H31): a domain's DNS points at the wrong app, or a client reused a connection across hosts.",
    confidence: "medium",
    confidenceReason:
      "Usually DNS or domain settings; some clients reuse connections across hosts.",
  },
  {
    code: "H80",
    desc: "Maintenance mode",
    at: "info",
    layer: "app",
    cause: "app-not-started",
    status: 503,
    state: "maintenanceMode",
    meaning:
      "The app is in maintenance mode (H80): the router serves the maintenance page on purpose.",
    confidence: "high",
    confidenceReason: "H80 is written only in maintenance mode.",
  },
  {
    code: "H81",
    desc: "Blank app",
    at: "info",
    layer: "app",
    cause: "app-not-started",
    status: 503,
    state: "appDown",
    meaning: "No code has been deployed to this app yet (H81).",
    confidence: "high",
    confidenceReason: "H81 is written only for an app with no release.",
  },
  {
    code: "H82",
    desc: "You've used up your dyno hour pool",
    at: "info",
    layer: "app",
    cause: "app-not-started",
    status: 503,
    state: "appDown",
    meaning:
      "The account's pool of dyno hours is used up (H82), so the app's dynos are stopped until it refills or the plan changes.",
    confidence: "high",
    confidenceReason: "H82 names the exhausted dyno hours.",
  },
  {
    code: "H83",
    desc: "Planned Service Degradation",
    at: "info",
    layer: "edge",
    cause: "origin-unknown-response",
    status: 503,
    state: "cdnIncident",
    meaning: "Heroku is degrading this service on purpose during planned work (H83).",
    confidence: "high",
    confidenceReason: "H83 is written only during announced work.",
  },
  {
    code: "H99",
    desc: "Platform error",
    layer: "edge",
    cause: "origin-unknown-response",
    status: 503,
    state: "cdnIncident",
    meaning:
      "An internal error in Heroku's platform (H99), not in your app. Check status.heroku.com and open a ticket if it persists.",
    confidence: "high",
    confidenceReason: "H99 is Heroku's own failure code.",
  },
];

const RUNTIME: CodeSpec[] = [
  {
    code: "R10",
    desc: "Boot timeout",
    layer: "app",
    cause: "app-not-started",
    status: 503,
    state: "appDown",
    meaning:
      "The web process did not bind to $PORT within 60 seconds of starting (R10): it listens on a fixed port, on localhost only, or its boot is too slow.",
    confidence: "high",
    confidenceReason: "R10 is written only for a web process that never bound its port.",
    example: dynoLine(
      "R10",
      "Boot timeout",
      " -> Web process failed to bind to $PORT within 60 seconds of launch",
    ),
  },
  {
    code: "R12",
    desc: "Exit timeout",
    layer: "app",
    cause: "app-crashed",
    status: 503,
    state: "appCrashing",
    meaning:
      "A process did not exit within 30 seconds of SIGTERM (R12), so Heroku killed it. Requests it held were cut.",
    confidence: "medium",
    confidenceReason:
      "The kill is certain; it hurts requests only if the process was serving some.",
    example: dynoLine(
      "R12",
      "Exit timeout",
      " -> At least one process failed to exit within 30 seconds of SIGTERM",
    ),
  },
  {
    code: "R13",
    desc: "Attach error",
    layer: "app",
    cause: "app-error",
    state: "serverErrorApp",
    meaning:
      "A one-off dyno started with `heroku run` could not attach to your terminal (R13). It does not affect web requests.",
    confidence: "high",
    confidenceReason: "R13 concerns one-off dynos only.",
    example: `${AT} heroku[run.1234]: Error R13 (Attach error) -> Failed to attach to process`,
  },
  {
    code: "R15",
    desc: "Memory quota vastly exceeded",
    layer: "app",
    cause: "out-of-memory",
    status: 503,
    state: "memoryOom",
    meaning:
      "The dyno used far more memory than its quota (R15), so Heroku killed it. Requests it was serving failed.",
    confidence: "high",
    confidenceReason: "R15 is written when a dyno is killed for memory.",
    example: dynoLine("R15", "Memory quota vastly exceeded"),
  },
  {
    code: "R16",
    desc: "Detached",
    layer: "app",
    cause: "app-error",
    state: "serverErrorApp",
    meaning:
      "A one-off dyno lost its terminal and kept running detached (R16). It does not affect web requests.",
    confidence: "high",
    confidenceReason: "R16 concerns one-off dynos only.",
    example: `${AT} heroku[run.1234]: Error R16 (Detached) -> An attached process is not responding to SIGHUP after its external connection was closed.`,
  },
  {
    code: "R17",
    desc: "Checksum error",
    layer: "app",
    cause: "app-not-started",
    status: 503,
    state: "deployRollback",
    meaning:
      "The slug's checksum did not match when the dyno started (R17): the build artefact is damaged. Deploy again.",
    confidence: "high",
    confidenceReason: "R17 names the checksum check.",
    example: dynoLine("R17", "Checksum error", " -> Checksum does not match expected value"),
  },
  {
    code: "R99",
    desc: "Platform error",
    layer: "edge",
    cause: "origin-unknown-response",
    status: 503,
    state: "cdnIncident",
    meaning:
      "An internal error in Heroku's dyno platform (R99), not in your app. Check status.heroku.com.",
    confidence: "high",
    confidenceReason: "R99 is Heroku's own failure code.",
    example: dynoLine("R99", "Platform error"),
  },
];

/*
 * L codes concern log delivery, not requests: they mean lines are missing from what you
 * are reading, so the cause behind a 5xx may have been dropped. They point at finding the
 * logs elsewhere.
 */
const LOGGING: CodeSpec[] = [
  [
    "L10",
    "output buffer overflow",
    "A log drain could not keep up and Heroku dropped lines (L10).",
  ],
  [
    "L11",
    "Tail buffer overflow",
    "`heroku logs --tail` could not keep up and dropped lines (L11).",
  ],
  [
    "L12",
    "Local buffer overflow",
    "The dyno wrote logs faster than Heroku could take them and lines were dropped (L12).",
  ],
  ["L13", "Local delivery error", "Heroku could not deliver a dyno's log lines to Logplex (L13)."],
  [
    "L14",
    "certificate validation error",
    "A TLS log drain's certificate failed validation, so nothing reaches it (L14).",
  ],
  [
    "L15",
    "Tail buffer temporarily unavailable",
    "The live log stream was briefly unavailable (L15).",
  ],
].map(([code, desc, what]): CodeSpec => ({
  code: code!,
  desc: desc!,
  layer: "app",
  cause: "app-error",
  state: "findLogs",
  title: "Heroku dropped or could not deliver log lines",
  meaning: `${what} The lines that explain an error may be missing from this paste; read them from another drain or the dashboard's metrics.`,
  confidence: "high",
  confidenceReason: "L codes describe log delivery only, never a request.",
  example: `${AT} heroku[logplex]: Error ${code} (${desc}): 147 messages dropped since 2026-11-21T01:00:00+00:00.`,
}));

function codeRule(spec: CodeSpec, shape: "router" | "dyno"): Rule {
  const { code, desc, oldFormOnly, example, at, ...rest } = spec;
  const lower = code.toLowerCase();
  return {
    ...rest,
    id: `heroku-${lower}-${desc
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")}${oldFormOnly ? "-old-format" : ""}`,
    kind: "log",
    product: "heroku",
    anchors: oldFormOnly ? [`error ${lower} (`] : [lower],
    pattern: oldFormOnly
      ? new RegExp(`\\bError ${code} \\(`)
      : new RegExp(`(?:\\bcode=|\\bError )${code}\\b`),
    example:
      example ??
      (oldFormOnly || shape === "dyno"
        ? oldRouterLine(code, desc, rest.status ?? 503)
        : routerLine(code, desc, rest.status ?? 503, at)),
  };
}

/** Heroku router, runtime and logging codes. */
export const herokuLogRules: Rule[] = [
  ...ROUTER.map((spec) => codeRule(spec, "router")),
  ...RUNTIME.map((spec) => codeRule(spec, "dyno")),
  ...LOGGING.map((spec) => codeRule(spec, "dyno")),
];

/** Where each rule's facts come from. */
export const HEROKU_SOURCES = [HEROKU_DOCS];
