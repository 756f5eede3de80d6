/**
 * Real Gunicorn on loopback: a worker stuck past its timeout, a worker killed with
 * SIGKILL, an app that fails to import, and a port already taken. Needs Debian's
 * gunicorn package; skipped without it. CAPTURE_CORPUS=1 refreshes
 * test/lab/corpus/gunicorn.log.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { startHttpServer, type Fixture } from "@/test/lab/fixtures";
import { freeTcpPort, waitForTcp } from "@/test/lab/ports";
import { startProcess, untilReady, type LabProcess } from "@/test/lab/process";

const GUNICORN = "/usr/bin/gunicorn";

const APP = `import time

def app(environ, start_response):
    if environ["PATH_INFO"] == "/slow":
        time.sleep(30)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
`;

/** Runs a short-lived Gunicorn to its exit and returns what it logged. */
function gunicornUntilExit(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(GUNICORN, args, { timeout: 20_000 }, (_error, stdout, stderr) =>
      resolve(`${stdout}${stderr}`),
    );
  });
}

let dir: string;
let server: LabProcess;
let busy: Fixture;
let log = "";

describe.skipIf(!existsSync(GUNICORN))("real Gunicorn log lines", () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-gunicorn-"));
    await writeFile(join(dir, "app.py"), APP);
    const port = await freeTcpPort();
    busy = await startHttpServer((_req, res) => res.end());

    server = startProcess(GUNICORN, [
      "--chdir",
      dir,
      "-b",
      `127.0.0.1:${port}`,
      "-w",
      "2",
      "-t",
      "1",
      "app:app",
    ]);
    await untilReady(server, "gunicorn", waitForTcp(port));

    const [bootFailure, inUse] = await Promise.all([
      gunicornUntilExit([
        "--chdir",
        dir,
        "-b",
        `127.0.0.1:${await freeTcpPort()}`,
        "no_such_module:app",
      ]),
      gunicornUntilExit(["--chdir", dir, "-b", `127.0.0.1:${busy.port}`, "app:app"]),
      fetch(`http://127.0.0.1:${port}/slow`, { signal: AbortSignal.timeout(10_000) }).catch(
        () => null,
      ),
    ]);

    // Kill one worker the way the kernel's out-of-memory killer would.
    // Any live worker will do; the one that timed out is already gone.
    const booted = [...server.output().matchAll(/Booting worker with pid: (\d+)/g)].map((m) =>
      Number(m[1]),
    );
    const alive = booted.reverse().find((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    if (alive) process.kill(alive, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 1500));

    log = `${server.output()}${bootFailure}${inUse}`;
    if (process.env.CAPTURE_CORPUS === "1") {
      await writeFile(join(process.cwd(), "test/lab/corpus/gunicorn.log"), log);
    }
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await busy?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const rules = () => log.split("\n").map((line) => analyzePaste(line).findings[0]?.ruleId);

  it.each([
    ["a worker stuck past its timeout", "gunicorn-worker-timeout"],
    // Gunicorn 20 (Debian 12) words it "terminated due to signal 9"; 21 and later "was sent SIGKILL!".
    ["a worker killed with SIGKILL", "gunicorn-signal-9"],
    ["an app that fails to import", "gunicorn-boot-failed"],
    ["a port already taken", "gunicorn-address-in-use"],
  ])("reads %s", (_what, rule) => {
    expect(rules(), log).toContain(rule);
  });
});
