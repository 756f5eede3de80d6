import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

/*
 * Heroku error codes (https://devcenter.heroku.com/articles/error-codes) in the router's
 * logfmt shape, its older "Error H12 (…) ->" shape, and the dyno and logplex lines.
 */

const logfmt = (code: string, desc: string, status = 503, at = "error") =>
  `2026-11-21T01:02:03.118264+00:00 heroku[router]: at=${at} code=${code} desc="${desc}" method=GET path="/checkout" host=shop.herokuapp.com request_id=2b5e1c0a-7d8f-4a9e-b1c2-3d4e5f6a7b8c fwd="203.0.113.9" dyno=web.1 connect=0ms service=30000ms status=${status} bytes=0 protocol=https`;
const older = (code: string, desc: string) =>
  `2012-11-10T15:26:15+00:00 heroku[router]: Error ${code} (${desc}) -> GET shop.herokuapp.com/checkout dyno=web.1 queue= wait= service=30000ms status=503 bytes=`;

const top = (text: string) => analyzePaste(text).findings[0];

// Every router code and its documented description.
const ROUTER: [string, string, string][] = [
  ["H10", "App crashed", "app-crashed"],
  ["H11", "Backlog too deep", "worker-pool-full"],
  ["H12", "Request timeout", "upstream-timeout"],
  ["H13", "Connection closed without response", "upstream-closed"],
  ["H14", "No web processes running", "app-not-started"],
  ["H15", "Idle connection", "upstream-timeout"],
  ["H16", "Redirect to herokuapp.com", "proxy-config"],
  ["H17", "Poorly formatted HTTP response", "upstream-invalid-response"],
  ["H18", "Server Request Interrupted", "upstream-closed"],
  ["H19", "Backend connection timeout", "upstream-connect-timeout"],
  ["H20", "App boot timeout", "app-not-started"],
  ["H21", "Backend connection refused", "upstream-refused"],
  ["H22", "Connection limit reached", "connection-limits"],
  ["H23", "Endpoint misconfigured", "proxy-config"],
  ["H24", "Forced close", "connection-reset"],
  ["H25", "HTTP Restriction", "edge-blocked"],
  ["H26", "Request Error", "edge-blocked"],
  ["H27", "Client Request Interrupted", "client-gave-up"],
  ["H28", "Client Connection Idle", "client-gave-up"],
  ["H31", "Misdirected Request", "proxy-config"],
  ["H80", "Maintenance mode", "app-not-started"],
  ["H81", "Blank app", "app-not-started"],
  ["H82", "You've used up your dyno hour pool", "app-not-started"],
  ["H83", "Planned Service Degradation", "origin-unknown-response"],
  ["H99", "Platform error", "origin-unknown-response"],
];

describe("Heroku router codes", () => {
  it.each(ROUTER)("reads %s in the logfmt shape", (code, desc, cause) => {
    const finding = top(logfmt(code, desc));
    expect(finding?.ruleId).toMatch(new RegExp(`^heroku-${code.toLowerCase()}-`));
    expect(finding?.cause).toBe(cause);
  });

  it.each(ROUTER)("reads %s in the older 'Error Hxx (…) ->' shape", (code, desc, cause) => {
    const finding = top(older(code, desc));
    expect(finding?.ruleId).toMatch(new RegExp(`^heroku-${code.toLowerCase()}-`));
    expect(finding?.cause).toBe(cause);
  });

  it("keeps one reader per line: catalog.ts's H12 rule reads the logfmt shape, this family the older one", () => {
    expect(top(logfmt("H12", "Request timeout"))?.ruleId).toBe("heroku-h12-request-timeout");
    expect(top(older("H12", "Request timeout"))?.ruleId).toBe(
      "heroku-h12-request-timeout-old-format",
    );
  });

  it("calls the client-side codes what they are", () => {
    expect(top(logfmt("H27", "Client Request Interrupted", 499, "info"))?.cause).toBe(
      "client-gave-up",
    );
  });

  it("does not read a code out of a path, a longer code or an ordinary request line", () => {
    const ok = logfmt("H12", "x").replace(' code=H12 desc="x"', "").replace("at=error", "at=info");
    expect(top(ok.replace('path="/checkout"', 'path="/products/H12-widget"'))).toBeUndefined();
    expect(top(logfmt("H150", "Made up"))).toBeUndefined();
    expect(analyzePaste("We moved off Heroku after the H12 incident last year.").findings).toEqual(
      [],
    );
  });
});

describe("Heroku runtime and logging codes", () => {
  const dyno = (code: string, desc: string, rest = "") =>
    `2026-11-21T01:02:03.118264+00:00 heroku[web.1]: Error ${code} (${desc})${rest}`;

  it.each([
    [
      dyno(
        "R10",
        "Boot timeout",
        " -> Web process failed to bind to $PORT within 60 seconds of launch",
      ),
      "heroku-r10-boot-timeout",
      "appDown",
    ],
    [
      dyno(
        "R12",
        "Exit timeout",
        " -> At least one process failed to exit within 30 seconds of SIGTERM",
      ),
      "heroku-r12-exit-timeout",
      "appCrashing",
    ],
    [
      dyno("R13", "Attach error", " -> Failed to attach to process"),
      "heroku-r13-attach-error",
      "serverErrorApp",
    ],
    [dyno("R14", "Memory quota exceeded"), "heroku-r14-memory", "memoryOom"],
    [
      dyno("R15", "Memory quota vastly exceeded"),
      "heroku-r15-memory-quota-vastly-exceeded",
      "memoryOom",
    ],
    [dyno("R16", "Detached"), "heroku-r16-detached", "serverErrorApp"],
    [dyno("R17", "Checksum error"), "heroku-r17-checksum-error", "deployRollback"],
    [dyno("R99", "Platform error"), "heroku-r99-platform-error", "cdnIncident"],
  ])("reads %s", (line, ruleId, state) => {
    const finding = top(line);
    expect(finding?.ruleId).toBe(ruleId);
    expect(finding?.state).toBe(state);
  });

  it.each([
    ["L10", "output buffer overflow"],
    ["L11", "Tail buffer overflow"],
    ["L12", "Local buffer overflow"],
    ["L13", "Local delivery error"],
    ["L14", "certificate validation error"],
    ["L15", "Tail buffer temporarily unavailable"],
  ])("reads %s as missing log lines, not a request failure", (code, desc) => {
    const finding = top(
      `2026-11-21T01:02:03+00:00 heroku[logplex]: Error ${code} (${desc}): 147 messages dropped since 2026-11-21T01:00:00+00:00.`,
    );
    expect(finding?.ruleId).toMatch(new RegExp(`^heroku-${code.toLowerCase()}-`));
    expect(finding?.state).toBe("findLogs");
  });
});
