/**
 * Real Varnish in front of a dead backend and a silent one: the page it serves (and its
 * headers) must be read as Varnish's. Needs Debian's varnish package; skipped without
 * it. CAPTURE_CORPUS=1 refreshes test/lab/corpus/varnish-503.txt.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { refusedPort, startFailureServer, type Fixture } from "@/test/lab/fixtures";
import { freeTcpPort, waitForTcp } from "@/test/lab/ports";
import { startProcess, untilReady, type LabProcess } from "@/test/lab/process";

const VARNISHD = "/usr/sbin/varnishd";

const varnishes: LabProcess[] = [];
const fixtures: Fixture[] = [];
const pastes = new Map<string, string>();
let dir: string;

/** Starts varnishd in the foreground in front of `backend` and returns its port. */
async function startVarnish(name: string, backend: number): Promise<number> {
  const port = await freeTcpPort();
  const proc = startProcess(VARNISHD, [
    "-F",
    "-j",
    "none",
    "-n",
    join(dir, name),
    "-a",
    `127.0.0.1:${port}`,
    "-b",
    `127.0.0.1:${backend}`,
    "-s",
    "malloc,16m",
    "-p",
    "first_byte_timeout=1",
    "-p",
    "connect_timeout=1",
  ]);
  varnishes.push(proc);
  await untilReady(proc, "varnishd", waitForTcp(port));
  return port;
}

/** The response as an owner would paste it from developer tools. */
async function pasteOf(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    signal: AbortSignal.timeout(10_000),
  });
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `HTTP/1.1 ${response.status} ${response.statusText}\n${headers}\n\n${await response.text()}`;
}

describe.skipIf(!existsSync(VARNISHD))("real Varnish error pages", () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-varnish-"));
    const hang = await startFailureServer("hang");
    fixtures.push(hang);
    const [dead, slow] = await Promise.all([
      startVarnish("dead", await refusedPort()),
      startVarnish("slow", hang.port),
    ]);
    pastes.set("dead", await pasteOf(dead));
    pastes.set("slow", await pasteOf(slow));
    if (process.env.CAPTURE_CORPUS === "1") {
      await writeFile(join(process.cwd(), "test/lab/corpus/varnish-503.txt"), pastes.get("dead")!);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(varnishes.map((proc) => proc.stop()));
    await Promise.all(fixtures.map((fixture) => fixture.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(["dead", "slow"])(
    "reads the page Varnish serves for a %s backend, with its XID",
    (name) => {
      const paste = pastes.get(name) ?? "";
      const { findings } = analyzePaste(paste);
      expect(
        findings.map((f) => f.ruleId),
        paste,
      ).toEqual(["varnish-backend-fetch-failed"]);
      expect(findings[0]?.reference?.label).toBe("Varnish XID");
      expect(findings[0]?.reference?.value).toMatch(/^\d+$/);
    },
  );
});
