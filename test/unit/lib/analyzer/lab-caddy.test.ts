/**
 * Real Caddy reverse-proxying to the lab's broken upstreams: its JSON error log lines
 * must be classified. Needs Debian's caddy package; skipped without it.
 * CAPTURE_CORPUS=1 refreshes test/lab/corpus/caddy.log.
 */
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
  startTlsServer,
  startUnacceptingServer,
  type Fixture,
} from "@/test/lab/fixtures";
import { freeTcpPort, waitForTcp } from "@/test/lab/ports";
import { startProcess, untilReady, type LabProcess } from "@/test/lab/process";

const CADDY = "/usr/bin/caddy";

const fixtures: Fixture[] = [];
let dir: string;
let caddy: LabProcess;
let log = "";

describe.skipIf(!existsSync(CADDY))("real Caddy error log lines", () => {
  beforeAll(async () => {
    const track = async (fixture: Promise<Fixture>) => {
      const started = await fixture;
      fixtures.push(started);
      return started.port;
    };
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-caddy-"));
    const certs = await labCerts();
    await writeFile(join(dir, "root.pem"), certs.rootCa);
    const port = await freeTcpPort();
    const trusted = `transport http {
        tls
        tls_trusted_ca_certs ${dir}/root.pem
        tls_server_name app.lab.test
      }`;
    const routes: [string, string][] = [
      ["refused", `reverse_proxy 127.0.0.1:${await refusedPort()}`],
      [
        "unaccepting",
        `reverse_proxy 127.0.0.1:${await track(startUnacceptingServer())} {
      transport http {
        dial_timeout 1s
      }
    }`,
      ],
      [
        "slow",
        `reverse_proxy 127.0.0.1:${await track(startFailureServer("hang"))} {
      transport http {
        response_header_timeout 1s
      }
    }`,
      ],
      ["reset", `reverse_proxy 127.0.0.1:${await track(startFailureServer("reset"))}`],
      [
        "expired",
        `reverse_proxy 127.0.0.1:${await track(startTlsServer(certs.expired))} {\n      ${trusted}\n    }`,
      ],
      [
        "untrusted",
        `reverse_proxy 127.0.0.1:${await track(startTlsServer(certs.untrustedRoot))} {\n      ${trusted}\n    }`,
      ],
      [
        "wrong-host",
        `reverse_proxy 127.0.0.1:${await track(startTlsServer(certs.wrongHost))} {\n      ${trusted}\n    }`,
      ],
    ];
    await writeFile(
      join(dir, "Caddyfile"),
      `{
  admin off
  auto_https off
}
http://127.0.0.1:${port} {
  ${routes.map(([name, body]) => `handle /${name} {\n    ${body}\n  }`).join("\n  ")}
}
`,
    );
    // Caddy keeps state under XDG directories; point them into the temp dir.
    caddy = startProcess("/usr/bin/env", [
      `XDG_DATA_HOME=${dir}/data`,
      `XDG_CONFIG_HOME=${dir}/config`,
      CADDY,
      "run",
      "--adapter",
      "caddyfile",
      "--config",
      join(dir, "Caddyfile"),
    ]);
    await untilReady(caddy, "caddy", waitForTcp(port));
    await Promise.all(
      routes.map(async ([name]) => {
        const response = await fetch(`http://127.0.0.1:${port}/${name}`, {
          signal: AbortSignal.timeout(10_000),
        }).catch(() => null);
        await response?.arrayBuffer().catch(() => null);
      }),
    );
    log = caddy.output();
    if (process.env.CAPTURE_CORPUS === "1") {
      const errors = log.split("\n").filter((line) => line.includes('"logger":"http.log.error"'));
      await writeFile(join(process.cwd(), "test/lab/corpus/caddy.log"), `${errors.join("\n")}\n`);
    }
  }, 60_000);

  afterAll(async () => {
    await caddy?.stop();
    await Promise.all(fixtures.map((fixture) => fixture.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ["refused", "go-dial-refused"],
    ["unaccepting", "go-dial-timeout"],
    ["slow", "go-header-timeout"],
    ["reset", "go-connection-reset"],
    ["expired", "go-cert-expired"],
    ["untrusted", "go-cert-unknown-authority"],
    ["wrong-host", "go-cert-name"],
  ])("classifies the /%s failure", (name, rule) => {
    const lines = log
      .split("\n")
      .filter((line) => line.includes(`"uri":"/${name}"`) && line.includes('"level":"error"'));
    expect(lines, log).not.toEqual([]);
    for (const line of lines) expect(analyzePaste(line).findings[0]?.ruleId, line).toBe(rule);
  });
});
