/**
 * Node.js's own socket errors as a real Node process prints them when an HTTP call to a
 * broken upstream on loopback is not handled: the whole uncaught-error report on stderr,
 * pasted as it is. The lines that tell must be read by the Node rules.
 */
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { refusedPort, startFailureServer, type Fixture } from "@/test/lab/fixtures";

/** Runs an http.get without an error handler in a child Node and returns its stderr. */
function uncaughtGet(port: number): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-e", `require("http").get("http://127.0.0.1:${port}/api/rates")`],
      { timeout: 30_000 },
      (_error, _stdout, stderr) => resolve(stderr),
    );
  });
}

const fixtures: Fixture[] = [];
const reports = new Map<string, string>();

beforeAll(async () => {
  const track = async (fixture: Promise<Fixture>) => {
    const started = await fixture;
    fixtures.push(started);
    return started.port;
  };
  const runs: [string, Promise<string>][] = [
    ["refused", uncaughtGet(await refusedPort())],
    ["premature-close", uncaughtGet(await track(startFailureServer("premature-close")))],
    ["reset", uncaughtGet(await track(startFailureServer("reset")))],
  ];
  for (const [name, run] of runs) reports.set(name, await run);
}, 60_000);

afterAll(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.stop()));
});

describe("real Node.js socket errors", () => {
  it.each([
    ["refused", "node-connect-refused", "upstream-refused"],
    ["premature-close", "node-socket-hang-up", "upstream-closed"],
    ["reset", "node-read-reset", "connection-reset"],
  ])("reads the uncaught report for %s", (name, ruleId, cause) => {
    const report = reports.get(name) ?? "";
    expect(report).toMatch(/Error: /);
    const finding = analyzePaste(report).findings[0];
    expect(finding?.ruleId, report).toBe(ruleId);
    expect(finding?.cause).toBe(cause);
  });
});
