/**
 * curl's own error messages, produced by running Debian's curl against the lab's broken
 * servers on loopback. Set CAPTURE_CORPUS=1 to refresh test/lab/corpus/curl-errors.txt.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { labCerts } from "@/test/lab/certs";
import {
  refusedPort,
  startFailureServer,
  startHttpServer,
  startTlsServer,
  startUnacceptingServer,
  type Fixture,
} from "@/test/lab/fixtures";

const CURL = "/usr/bin/curl";

/** Runs curl and returns what it printed on stderr (its error message). */
function curl(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      CURL,
      ["-sS", "-o", "/dev/null", ...args],
      { timeout: 15_000 },
      (_error, _stdout, stderr) => resolve(stderr.trim()),
    );
  });
}

const fixtures: Fixture[] = [];
let dir: string | undefined;
const messages = new Map<string, string>();

const EXPECTED: Record<string, string> = {
  // curl 7.88 words a refusal as "Couldn't connect to server", answered within milliseconds.
  refused: "curl-connect-failed-fast",
  "connect-timeout": "curl-connect-timeout",
  "operation-timeout": "curl-operation-timeout",
  "empty-reply": "curl-empty-reply",
  reset: "curl-reset",
  "cert-expired": "curl-cert-expired",
  "cert-untrusted": "curl-cert-chain",
  "cert-self-signed": "curl-cert-chain",
  "cert-wrong-host": "curl-cert-name",
  "tls-to-http": "curl-handshake",
};

describe.skipIf(!existsSync(CURL))("real curl error messages", () => {
  beforeAll(async () => {
    const track = async (fixture: Promise<Fixture>) => {
      const started = await fixture;
      fixtures.push(started);
      return started.port;
    };
    const certs = await labCerts();
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-curl-"));
    const rootCa = join(dir, "root.pem");
    await writeFile(rootCa, certs.rootCa);
    const https = async (credentials: Parameters<typeof startTlsServer>[0]) =>
      curl(["--cacert", rootCa, `https://127.0.0.1:${await track(startTlsServer(credentials))}/`]);

    const runs: [string, Promise<string>][] = [
      ["refused", curl([`http://127.0.0.1:${await refusedPort()}/`])],
      [
        "connect-timeout",
        curl([
          "--connect-timeout",
          "1",
          `http://127.0.0.1:${await track(startUnacceptingServer())}/`,
        ]),
      ],
      [
        "operation-timeout",
        curl(["--max-time", "1", `http://127.0.0.1:${await track(startFailureServer("hang"))}/`]),
      ],
      [
        "empty-reply",
        curl([`http://127.0.0.1:${await track(startFailureServer("premature-close"))}/`]),
      ],
      ["reset", curl([`http://127.0.0.1:${await track(startFailureServer("reset"))}/`])],
      ["cert-expired", https(certs.expired)],
      ["cert-untrusted", https(certs.untrustedRoot)],
      ["cert-self-signed", https(certs.selfSigned)],
      ["cert-wrong-host", https(certs.wrongHost)],
      [
        "tls-to-http",
        curl([
          `https://127.0.0.1:${await track(startHttpServer((_req, res) => res.end("plain")))}/`,
        ]),
      ],
    ];
    for (const [name, run] of runs) messages.set(name, await run);

    if (process.env.CAPTURE_CORPUS === "1") {
      await writeFile(
        join(process.cwd(), "test/lab/corpus/curl-errors.txt"),
        `${[...messages].map(([name, message]) => `# ${name}\n${message}`).join("\n")}\n`,
      );
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(fixtures.map((fixture) => fixture.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(Object.entries(EXPECTED))("classifies curl's message for %s", (name, rule) => {
    const message = messages.get(name) ?? "";
    expect(message).toMatch(/^curl: \(\d+\)/);
    expect(analyzePaste(message).findings[0]?.ruleId, message).toBe(rule);
  });
});
