/** 503 and 500: unavailable and failing applications. */
import { check, fix, fixedOr, question, to } from "../builder";

export const unavailableBranch = {
  // 503: overload, maintenance or no healthy backends; Apache mod_proxy also
  // answers a backend it cannot reach with 503 (signals).
  unavailableCause: question("proxy", {
    maintenance: to("The site is in maintenance mode", "maintenanceMode"),
    overload: to("It's overloaded (traffic spike, slow pages)", "resourcesCheck"),
    "no-backends": to("No healthy backends / backend down", "appDown"),
    // Fastly/Varnish report a first-byte timeout as 503 (signals: Fastly row).
    timeout: to("It says timeout (e.g. first byte timeout)", "timeoutWhichLayer"),
    // nginx limit_req answers 503 by default and logs "limiting requests" (nginx docs).
    "rate-limited": to("A rate limit refused the request", "wafRules"),
    "not-sure": to("I don't know", "proxyUpstream"),
  }),
  maintenanceMode: fix("app", fixedOr("resolvedDeploy", "resourcesCheck")),
  serverErrorApp: check("app", {
    "after-change": to("It started after a change", "recentChanges"),
    "resource-errors": to("The logs show memory or database errors", "resourcesCheck"),
    "crash-in-logs": to("The app crashes or restarts", "appCrashing"),
    "not-sure": to("I can't find the cause", "findLogs"),
  }),
};
