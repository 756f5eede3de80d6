/**
 * The gateway lab: every installed product of products.ts started once, each on one loopback
 * port with a path per fault, in front of one shared set of misbehaving upstreams (and an
 * intermittent upstream per product). Used by the capture script, the freshness test, the
 * probe test and, through start.ts, the browser tests.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { labCerts } from "../certs";
import { startDnsServer, type LabDnsServer } from "../dns-server";
import { refusedPort, startFailureServer, startTlsServer, type Fixture } from "../fixtures";
import { freeTcpPort, waitForTcp } from "../ports";
import { untilReady, type LabProcess } from "../process";
import {
  GATEWAY_PRODUCTS,
  PRODUCTS,
  productVersion,
  supportedFaults,
  type GatewayFault,
  type GatewayProduct,
  type GatewayProductId,
  type GatewayUpstreams,
  type TimeoutSetting,
} from "./products";

/** A product running in the lab. */
export interface RunningGateway {
  id: GatewayProductId;
  name: string;
  /** Version as the product prints it. */
  version: string;
  /** Loopback port it listens on; `/<fault>` is each fault's path. */
  port: number;
  timeout: TimeoutSetting;
  /** Faults it serves. */
  faults: GatewayFault[];
  /** Faults it cannot serve, with the reason. */
  unsupported: Partial<Record<GatewayFault, string>>;
  /** Its temp directory (config, logs, runtime files). */
  dir: string;
  errorLogPath: string;
  accessLogPath: string;
  /** Its intermittent upstream's port. */
  intermittentPort: number;
  /** Milliseconds from launch until it accepted connections. */
  startMs: number;
}

/** Options for startGatewayLab. */
export interface GatewayLabOptions {
  /**
   * Listen on GATEWAY_LAB_PORT_COUNT consecutive ports from this one (upstreams first, then the
   * gateways in GATEWAY_PRODUCTS order), instead of free ports picked at run time.
   */
  portBase?: number;
  /** Run a DNS server answering `<product>.lab.test` with 127.0.0.1 (default true). */
  dns?: boolean;
  /** Only these products (default: every installed one). */
  products?: readonly GatewayProductId[];
}

/** A running gateway lab. */
export interface GatewayLab {
  /** Products that started, by id. */
  gateways: Partial<Record<GatewayProductId, RunningGateway>>;
  /** Products not installed on this machine. */
  missing: GatewayProductId[];
  /** The URL of one product × fault, by its lab host name. */
  url: (product: GatewayProductId, fault: GatewayFault) => string;
  /** Every product × fault URL, keyed "product/fault". */
  urls: Record<string, string>;
  /** The DNS server for `<product>.lab.test`, when started. */
  dns: LabDnsServer | null;
  /** Ports the gateways listen on (what a probe must be allowed to reach). */
  ports: number[];
  /** Probe settings aimed at the gateways (without PROBE_EXTRA_CA_FILE: no TLS at the front). */
  env: Record<string, string>;
  /** The upstreams' ports and CA file. */
  upstreams: Omit<GatewayUpstreams, "intermittent">;
  /** Milliseconds from the call until every product accepted connections. */
  startMs: number;
  /** Stops every product and upstream and removes the temp directories. */
  stop: () => Promise<void>;
}

/** Ports from portBase: 6 shared upstreams, an intermittent upstream and a gateway per product. */
export const GATEWAY_LAB_PORT_COUNT = 6 + 2 * GATEWAY_PRODUCTS.length;

/** The gateways' ports when the lab starts from `portBase` (for PROBE_ALLOW_PORTS). */
export function fixedGatewayPorts(portBase: number): number[] {
  const first = portBase + 6 + GATEWAY_PRODUCTS.length;
  return GATEWAY_PRODUCTS.map((_, i) => first + i);
}

/** The lab host name of a product: `<id>.lab.test`. */
export function gatewayHost(product: GatewayProductId): string {
  return `${product}.lab.test`;
}

/** Whether the product's executable is installed. */
export function isInstalled(product: GatewayProductId): boolean {
  return existsSync(PRODUCTS[product].binary);
}

async function startGateway(
  product: GatewayProduct,
  port: number,
  upstreams: GatewayUpstreams,
): Promise<{ gateway: RunningGateway; processes: LabProcess[] }> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), `gd-gateway-${product.id}-`));
  const [version, launched] = await Promise.all([
    productVersion(product),
    product.launch({ dir, port, upstreams }),
  ]);
  const processes = [...launched.processes];
  try {
    // Squid and Traffic Server take a few seconds on a busy machine.
    await untilReady(launched.processes[0]!, product.id, waitForTcp(port, "127.0.0.1", 30_000));
    if (launched.afterReady) processes.push(...(await launched.afterReady()));
  } catch (error) {
    await stopProcesses(processes);
    const log = await readFile(launched.errorLogPath, "utf8").catch(() => "");
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${product.id}: ${(error as Error).message}\n${log}`);
  }
  return {
    processes,
    gateway: {
      id: product.id,
      name: product.name,
      version,
      port,
      timeout: product.timeout,
      faults: supportedFaults(product),
      unsupported: product.unsupported,
      dir,
      errorLogPath: launched.errorLogPath,
      accessLogPath: launched.accessLogPath,
      intermittentPort: upstreams.intermittent,
      startMs: Date.now() - started,
    },
  };
}

async function stopProcesses(processes: LabProcess[]): Promise<void> {
  // Log readers last, so they can write what the gateway logged while stopping.
  for (const proc of processes) await proc.stop();
}

/** Starts the upstreams and every installed product (in parallel), and waits until each accepts. */
export async function startGatewayLab(options: GatewayLabOptions = {}): Promise<GatewayLab> {
  const began = Date.now();
  const { portBase } = options;
  let assigned = 0;
  const nextPort = (): number => (portBase === undefined ? 0 : portBase + assigned++);
  const fixtures: Fixture[] = [];
  const keep = (fixture: Fixture): Fixture => (fixtures.push(fixture), fixture);
  const running: { gateway: RunningGateway; processes: LabProcess[] }[] = [];
  let dns: LabDnsServer | null = null;
  const stop = async () => {
    await Promise.allSettled(running.map(({ processes }) => stopProcesses(processes)));
    await Promise.allSettled(
      running.map(({ gateway }) => rm(gateway.dir, { recursive: true, force: true })),
    );
    await Promise.allSettled(fixtures.map((fixture) => fixture.stop()));
    await dns?.stop();
  };
  try {
    const certs = await labCerts();
    const caFile = join(certs.dir, "gateway-lab-root.pem");
    await writeFile(caFile, certs.rootCa);
    const shared = {
      refused: await refusedPort(portBase === undefined ? undefined : nextPort()),
      slow: keep(await startFailureServer("hang", undefined, nextPort())).port,
      garbage: keep(await startFailureServer("garbage", undefined, nextPort())).port,
      "premature-close": keep(await startFailureServer("premature-close", undefined, nextPort()))
        .port,
      reset: keep(await startFailureServer("reset", undefined, nextPort())).port,
      "tls-upstream": keep(await startTlsServer(certs.expired, {}, undefined, nextPort())).port,
      caFile,
    };
    const wanted = options.products ?? GATEWAY_PRODUCTS;
    const missing = GATEWAY_PRODUCTS.filter((id) => wanted.includes(id) && !isInstalled(id));
    // Ports are assigned in GATEWAY_PRODUCTS order whichever products run, so fixed ports
    // stay where fixedGatewayPorts says they are.
    const intermittentPorts = new Map<GatewayProductId, number>();
    for (const id of GATEWAY_PRODUCTS) {
      const port = nextPort();
      if (wanted.includes(id) && isInstalled(id))
        intermittentPorts.set(
          id,
          keep(await startFailureServer("intermittent", undefined, port)).port,
        );
    }
    const gatewayPorts = new Map<GatewayProductId, number>();
    for (const id of GATEWAY_PRODUCTS) {
      const port = nextPort();
      if (intermittentPorts.has(id))
        gatewayPorts.set(id, portBase === undefined ? await freeTcpPort() : port);
    }
    const results = await Promise.allSettled(
      [...gatewayPorts].map(async ([id, port]) => {
        const started = await startGateway(PRODUCTS[id], port, {
          ...shared,
          intermittent: intermittentPorts.get(id)!,
        });
        running.push(started);
        return started;
      }),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length > 0)
      throw new Error(failed.map((r) => (r.reason as Error).message).join("\n\n"));

    if (options.dns ?? true)
      dns = await startDnsServer({
        records: GATEWAY_PRODUCTS.map((id) => ({ name: gatewayHost(id), a: ["127.0.0.1"] })),
      });

    const gateways: Partial<Record<GatewayProductId, RunningGateway>> = {};
    for (const { gateway } of running) gateways[gateway.id] = gateway;
    const url = (product: GatewayProductId, fault: GatewayFault): string => {
      const gateway = gateways[product];
      if (!gateway) throw new Error(`${product} is not running in the gateway lab`);
      return `http://${gatewayHost(product)}:${gateway.port}/${fault}`;
    };
    const urls: Record<string, string> = {};
    for (const id of GATEWAY_PRODUCTS)
      for (const fault of gateways[id]?.faults ?? []) urls[`${id}/${fault}`] = url(id, fault);
    const ports = [...gatewayPorts.values()].sort((a, b) => a - b);
    return {
      gateways,
      missing,
      url,
      urls,
      dns,
      ports,
      env: {
        PROBE_ALLOW_CIDRS: "127.0.0.0/8,::1/128",
        PROBE_ALLOW_PORTS: ports.join(","),
        ...(dns ? { PROBE_DNS_SERVERS: dns.server } : {}),
      },
      upstreams: shared,
      startMs: Date.now() - began,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Bytes a log file holds now, so a caller can read only what is written after. */
export async function logSize(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

/** What a log file gained after `from` bytes. */
export async function logSince(path: string, from: number): Promise<string> {
  const text = await readFile(path).catch(() => Buffer.alloc(0));
  return text.subarray(from).toString("utf8");
}
