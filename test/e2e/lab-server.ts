import { tmpdir } from "node:os";
import path from "node:path";
import { fixedLabPorts } from "@/test/lab/lab";

// The failure lab for the browser tests (test/e2e/evidence-lab.spec.ts). The app must know the
// lab's DNS server, ports and root CA when it starts, before any globalSetup runs, so the lab
// listens on fixed ports derived from the app's port and is started by Playwright as a web
// server ahead of the app (test/lab/start.ts --port-base …), writing its CA and scenario URLs
// to a directory named here.

/**
 * First of the lab's consecutive loopback ports (see LAB_PORT_COUNT in test/lab/lab.ts): 26100
 * for the default app port. Below Linux's ephemeral range (32768 and up), so no port the kernel
 * hands out at random can take one, and away from the 3000s where development servers live.
 */
export function labPortBase(appPort: number): number {
  return appPort + 23_000;
}

/** Where the running lab writes root.pem and urls.json for the app and the tests. */
export function labDir(appPort: number): string {
  return path.join(tmpdir(), `gateway-doctor-e2e-lab-${appPort}`);
}

/** The probe settings that aim the app at the lab, with short limits so hangs end quickly. */
export function labAppEnv(appPort: number): Record<string, string> {
  const { ports, dnsServer } = fixedLabPorts(labPortBase(appPort));
  return {
    PROBE_ALLOW_CIDRS: "127.0.0.0/8",
    PROBE_ALLOW_PORTS: ports.join(","),
    PROBE_DNS_SERVERS: dnsServer,
    PROBE_EXTRA_CA_FILE: path.join(labDir(appPort), "root.pem"),
    PROBE_TIMEOUT_MS: "6000",
    PROBE_PHASE_TIMEOUT_MS: "3000",
    // Each test names its own client in X-Forwarded-For, so the rate limit it meets is its own.
    PROBE_TRUST_PROXY: "true",
  };
}

/** The command Playwright runs to start the lab (it must start before the app). */
export function labCommand(appPort: number): string {
  const dir = labDir(appPort);
  return [
    `mkdir -p ${JSON.stringify(dir)} &&`,
    "exec npx tsx test/lab/start.ts",
    `--port-base ${labPortBase(appPort)}`,
    `--ca-file ${JSON.stringify(path.join(dir, "root.pem"))}`,
    `--urls-file ${JSON.stringify(path.join(dir, "urls.json"))}`,
  ].join(" ");
}
