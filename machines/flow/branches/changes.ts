/** Deploys, plugins, configuration and the app process. */
import { check, fix, fixedOr, question, to } from "../builder";

export const changesBranch = {
  recentChanges: question("app", {
    deploy: to("We deployed new code", "deployRollback"),
    "plugin-or-theme": to("A plugin, theme or package was updated", "pluginsDisable"),
    "config-change": to("Server or proxy configuration changed", "configRevert"),
    "nothing-changed": to("Nothing changed", "resourcesCheck"),
    "not-sure": to("I don't know", "changeAudit"),
  }),
  changeAudit: check("app", {
    deploy: to("A deploy", "deployRollback"),
    "plugin-or-theme": to("A plugin, theme or package update", "pluginsDisable"),
    "config-change": to("A configuration change", "configRevert"),
    "nothing-changed": to("Nothing changed", "resourcesCheck"),
  }),
  deployRollback: fix("app", fixedOr("resolvedDeploy", "resourcesCheck")),
  pluginsDisable: fix("app", fixedOr("resolvedDeploy", "resourcesCheck")),
  configRevert: fix("proxy", fixedOr("resolvedConfig", "proxyUpstream")),
  // "connect() failed (111: Connection refused)": nothing listens where the
  // proxy sends requests (signals).
  appDown: fix("app", fixedOr("resolvedProcess", "appCrashing")),
  // "upstream prematurely closed", Gunicorn "WORKER TIMEOUT" and SIGKILL:
  // the app starts but dies mid-request (signals).
  appCrashing: check("app", {
    "out-of-memory": to("It's killed for memory (OOM)", "memoryOom"),
    "worker-timeout": to("Workers time out", "timeoutSlowApp"),
    "after-change": to("It began after a change", "recentChanges"),
    "not-sure": to("I don't know why", "changeAudit"),
  }),
};
