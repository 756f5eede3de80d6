import { tmpdir } from "node:os";
import path from "node:path";
import { fixedGatewayPorts } from "@/test/lab/gateways/lab";
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
  const gatewayPorts = fixedGatewayPorts(gatewayLabPortBase(appPort));
  return {
    PROBE_ALLOW_CIDRS: "127.0.0.0/8",
    PROBE_ALLOW_PORTS: [...ports, ...gatewayPorts].join(","),
    PROBE_DNS_SERVERS: dnsServer,
    PROBE_EXTRA_CA_FILE: path.join(labDir(appPort), "root.pem"),
    // Three samples of the gateway lab's slowest fault fit (lighttpd answers its 2 s read
    // timeout after ~4 s; HAProxy's connect retries take ~3 s), so a verdict sees every
    // sample's timing; a phase still ends well before a hang would stall a test.
    PROBE_TIMEOUT_MS: "15000",
    PROBE_PHASE_TIMEOUT_MS: "5000",
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

/**
 * First of the gateway lab's consecutive loopback ports (GATEWAY_LAB_PORT_COUNT of them, see
 * test/lab/gateways/lab.ts): 27100 for the default app port, right after the failure lab's.
 */
export function gatewayLabPortBase(appPort: number): number {
  return appPort + 24_000;
}

/** Where the running gateway lab writes its product × fault URLs (urls.json). */
export function gatewayLabDir(appPort: number): string {
  return path.join(tmpdir(), `gateway-doctor-e2e-gateways-${appPort}`);
}

/**
 * The command Playwright runs to start the gateway lab: every installed gateway product in
 * front of the broken upstreams, on fixed ports, its names served by the failure lab's DNS.
 */
export function gatewayLabCommand(appPort: number): string {
  const dir = gatewayLabDir(appPort);
  return [
    `mkdir -p ${JSON.stringify(dir)} &&`,
    "exec npx tsx test/lab/gateways/start.ts --no-dns",
    `--port-base ${gatewayLabPortBase(appPort)}`,
    `--urls-file ${JSON.stringify(path.join(dir, "urls.json"))}`,
  ].join(" ");
}
