/** Resources and database: capacity running out. */
import { check, fix, fixedOr, to } from "../builder";

export const resourcesBranch = {
  resourcesCheck: check("app", {
    "pool-full": to("Worker pool is full (max_children, workers)", "workerPool"),
    "out-of-memory": to("Out of memory", "memoryOom"),
    database: to("Database connections or load", "dbConnections"),
    "traffic-spike": to("A traffic spike", "scaleOut"),
    "nothing-obvious": to("Nothing obvious", "intermittentPattern"),
  }),
  // PHP-FPM "server reached pm.max_children" and EAGAIN on its socket (signals).
  workerPool: fix("app", fixedOr("resolvedCapacity", "memoryOom")),
  memoryOom: fix("app", fixedOr("resolvedCapacity", "scaleOut")),
  dbConnections: fix("database", fixedOr("resolvedCapacity", "dbSlowQueries")),
  dbSlowQueries: fix("database", fixedOr("resolvedTimeouts", "timeoutBackgroundJobs")),
  scaleOut: fix("app", fixedOr("resolvedCapacity", "escalate")),
};
