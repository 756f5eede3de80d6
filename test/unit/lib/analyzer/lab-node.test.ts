/**
 * Node.js's own failure messages, produced by real Node processes on loopback: a port
 * already taken, a refused database connection, and a heap that runs out.
 */
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { startHttpServer, type Fixture } from "@/test/lab/fixtures";
import { freeTcpPort } from "@/test/lab/ports";

/** Runs a Node script in a child process and returns its stderr. */
function node(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 30_000 }, (_error, _stdout, stderr) =>
      resolve(stderr),
    );
  });
}

const outputs = new Map<string, string>();
let busy: Fixture;

beforeAll(async () => {
  busy = await startHttpServer((_req, res) => res.end());
  const closed = await freeTcpPort();
  const [inUse, refused, heap] = await Promise.all([
    node(["-e", `require("net").createServer().listen(${busy.port}, "127.0.0.1")`]),
    // The port of a database that is not running: the analyzer reads the port to name the database.
    node([
      "-e",
      `const s = require("net").connect(${closed}, "127.0.0.1"); s.on("error", (e) => { console.error(String(e).replace(":${closed}", ":5432")); process.exit(1); });`,
    ]),
    node([
      "--max-old-space-size=16",
      "-e",
      "const a = []; for (;;) a.push(new Array(1e5).fill(a.length));",
    ]),
  ]);
  outputs.set("in-use", inUse);
  outputs.set("refused", refused);
  outputs.set("heap", heap);
}, 60_000);

afterAll(async () => {
  await busy?.stop();
});

describe("real Node.js failure output", () => {
  it.each([
    ["in-use", "node-address-in-use"],
    ["refused", "db-connection-refused"],
    ["heap", "node-heap-oom"],
  ])("classifies the %s output", (name, rule) => {
    const output = outputs.get(name) ?? "";
    expect(analyzePaste(output).findings[0]?.ruleId, output).toBe(rule);
  });
});
