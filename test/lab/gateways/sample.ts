/**
 * Sampling one product × fault of a running gateway lab: three sequential raw requests and the
 * lines the product wrote to its logs meanwhile, with the run's temp paths and port numbers
 * replaced by stable placeholders. The capture script writes these; the freshness test
 * compares a live run against what was written.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { logSince, logSize, type GatewayLab, type RunningGateway } from "./lab";
import {
  GATEWAY_FAULTS,
  PRODUCTS,
  type GatewayFault,
  type GatewayProductId,
  type TimeoutSetting,
} from "./products";
import { rawGet, type RawSample } from "./raw-client";

/** What `captures/<product>/<fault>.json` holds. */
export interface GatewayCapture {
  product: GatewayProductId;
  productName: string;
  /** Version as the product printed it. */
  version: string;
  fault: GatewayFault;
  /** False when the product cannot be put in front of this fault; `reason` says why. */
  supported: boolean;
  reason?: string;
  /** The setting that bounds the wait for the upstream's answer, and the value the lab used. */
  timeout: TimeoutSetting;
  /** The request each sample sent (Host is `<product>.lab.test:<gateway-port>`). */
  request: string;
  samples: RawSample[];
  /** Lines the product added to its error log during this fault. */
  errorLog: string[];
  /** Lines the product added to its access log during this fault. */
  accessLog: string[];
}

/** Samples per fault. */
export const SAMPLES = 3;

/** Where the committed captures live. */
export const CAPTURES_DIR = join(__dirname, "captures");

/**
 * The longest a product may take to write a request's access log line: Traffic Server flushes
 * its log buffers every few seconds, and lighttpd writes the first line at once and buffers the
 * next ones for a second or two (observed in the lab).
 */
function logDeadlineMs(product: GatewayProductId): number {
  return product === "trafficserver" || product === "lighttpd" ? 10_000 : 3_000;
}

/** Waits until the access log holds a line for each sample (or the product's deadline passes). */
async function untilLogged(
  gateway: RunningGateway,
  fault: GatewayFault,
  from: number,
): Promise<void> {
  const until = Date.now() + logDeadlineMs(gateway.id);
  while (Date.now() < until) {
    const added = await logSince(gateway.accessLogPath, from);
    if (added.split("\n").filter((line) => line.includes(`/${fault}`)).length >= SAMPLES) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Error log lines come with or before the access log line; give a late writer a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/**
 * Replaces what changes from run to run (temp directory, the lab's ports, client ports) with
 * placeholders, so a rerun's capture differs only where the product's behaviour or the clock
 * did.
 */
export function placeholders(lab: GatewayLab, gateway: RunningGateway): (text: string) => string {
  const named = new Map<number, string>([[gateway.port, "<gateway-port>"]]);
  for (const fault of GATEWAY_FAULTS) {
    const port = fault === "intermittent" ? gateway.intermittentPort : lab.upstreams[fault];
    named.set(port, `<upstream-port:${fault}>`);
  }
  return (text) => {
    let out = text
      .replaceAll(gateway.dir, "<dir>")
      .replaceAll(dirname(lab.upstreams.caFile), "<certs-dir>");
    // The lab's own ports wherever they appear on their own (Host values, URLs, peer lists).
    for (const [port, name] of named)
      out = out.replace(new RegExp(`(?<!\\d)${port}(?!\\d)`, "g"), name);
    // Whatever other port follows a loopback address or a "port" key is a client's.
    return out.replace(/(127\.0\.0\.1:|port":")\d{4,5}\b/g, "$1<client-port>");
  };
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.length > 0);
}

/** Options for sampleFault. */
export interface SampleOptions {
  /**
   * Wait for the product's log lines and collect them (default true). Without, the samples
   * are sent all at once, which a check of the responses alone can afford.
   */
  logs?: boolean;
}

/** Sends the fault's samples one after another and collects the log lines they caused. */
export async function sampleFault(
  lab: GatewayLab,
  product: GatewayProductId,
  fault: GatewayFault,
  options: SampleOptions = {},
): Promise<GatewayCapture> {
  const gateway = lab.gateways[product];
  if (!gateway) throw new Error(`${product} is not running`);
  const hostHeader = `${product}.lab.test:${gateway.port}`;
  const clean = placeholders(lab, gateway);
  const base = {
    product,
    productName: gateway.name,
    version: gateway.version,
    fault,
    timeout: gateway.timeout,
    request: clean(
      `GET /${fault} HTTP/1.1, Host: ${hostHeader}, User-Agent: gateway-doctor-lab, Connection: close`,
    ),
  };
  const reason = gateway.unsupported[fault];
  if (reason)
    return { ...base, supported: false, reason, samples: [], errorLog: [], accessLog: [] };
  const send = async (): Promise<RawSample> => {
    const sample = await rawGet({ port: gateway.port, path: `/${fault}`, hostHeader });
    return {
      ...sample,
      statusLine: sample.statusLine === null ? null : clean(sample.statusLine),
      headers: sample.headers.map(([name, value]) => [name, clean(value)]),
      body: clean(sample.body),
    };
  };
  if (options.logs === false) {
    const samples = await Promise.all(Array.from({ length: SAMPLES }, send));
    return { ...base, supported: true, samples, errorLog: [], accessLog: [] };
  }
  const errorFrom = await logSize(gateway.errorLogPath);
  const accessFrom = await logSize(gateway.accessLogPath);
  const samples: RawSample[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await send());
  await untilLogged(gateway, fault, accessFrom);
  return {
    ...base,
    supported: true,
    samples,
    errorLog: lines(clean(await logSince(gateway.errorLogPath, errorFrom))),
    accessLog: lines(clean(await logSince(gateway.accessLogPath, accessFrom))),
  };
}

/** Samples every fault of one product in turn (faults share the product's logs). */
export async function sampleProduct(
  lab: GatewayLab,
  product: GatewayProductId,
): Promise<GatewayCapture[]> {
  const captures: GatewayCapture[] = [];
  for (const fault of GATEWAY_FAULTS) captures.push(await sampleFault(lab, product, fault));
  return captures;
}

/** The committed capture of one product × fault, or null when there is none. */
export function readCapture(product: GatewayProductId, fault: GatewayFault): GatewayCapture | null {
  try {
    return JSON.parse(
      readFileSync(join(CAPTURES_DIR, product, `${fault}.json`), "utf8"),
    ) as GatewayCapture;
  } catch {
    return null;
  }
}

/** Product name for messages, also for products not running. */
export function productName(product: GatewayProductId): string {
  return PRODUCTS[product].name;
}
