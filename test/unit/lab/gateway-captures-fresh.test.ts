/**
 * The committed gateway captures (test/lab/gateways/captures) must still be what the installed
 * products answer: the shared gateway lab is started once, every product × fault is sampled
 * again, and each live answer's signature must equal the committed one. When a product update
 * changes its answers this fails, and `npm run lab:capture` records the new ones (then
 * test/support/gateway-scenarios.ts is reviewed against them), so fixtures never drift silently.
 * Skipped for products that are not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInstalled, startGatewayLab, type GatewayLab } from "@/test/lab/gateways/lab";
import { GATEWAY_FAULTS, GATEWAY_PRODUCTS, type GatewayFault } from "@/test/lab/gateways/products";
import type { RawSample } from "@/test/lab/gateways/raw-client";
import { readCapture, sampleFault, type GatewayCapture } from "@/test/lab/gateways/sample";

const installed = GATEWAY_PRODUCTS.filter(isInstalled);
const pairs = installed.flatMap((product) => GATEWAY_FAULTS.map((fault) => ({ product, fault })));

/** Answers slower than this are a timeout at some layer (the lab sets ~2 s); faster ones are not. */
const SLOW_MS = 1500;

/**
 * What must not change between runs: the status line, how the exchange ended, the headers
 * that identify the product or the cause, the header names, the start of the body (digits
 * masked: dates, XIDs and sizes change) and whether the answer took a timeout's time.
 */
function signature(sample: RawSample) {
  const header = (name: string) =>
    sample.headers.find(([n]) => n.toLowerCase() === name)?.[1]?.replace(/\d+/g, "#") ?? null;
  return {
    statusLine: sample.statusLine,
    httpVersion: sample.httpVersion,
    ended: sample.ended,
    server: header("server"),
    via: header("via"),
    squidError: header("x-squid-error"),
    transformedFrom: header("x-transformed-from"),
    headerNames: sample.headers.map(([name]) => name.toLowerCase()).sort(),
    bodyStart: sample.body.slice(0, 200).replace(/\d+/g, "#"),
    bodyBinary: sample.bodyBinary,
    slow: sample.elapsedMs >= SLOW_MS,
  };
}

/**
 * Signatures of a fault's samples. An intermittent upstream alternates per connection, and
 * the samples are sent at once here, so only which answers came back is compared, not their
 * order.
 */
function signatures(capture: GatewayCapture, fault: GatewayFault): string[] {
  const all = capture.samples.map((sample) => JSON.stringify(signature(sample)));
  return fault === "intermittent" ? all.sort() : all;
}

describe.skipIf(installed.length === 0)("the committed gateway captures are fresh", () => {
  let lab: GatewayLab;
  const live = new Map<string, GatewayCapture>();

  beforeAll(async () => {
    lab = await startGatewayLab({ dns: false, products: installed });
    await Promise.all(
      pairs.map(async ({ product, fault }) =>
        live.set(`${product}/${fault}`, await sampleFault(lab, product, fault, { logs: false })),
      ),
    );
  }, 90_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it.each(pairs.map(({ product, fault }) => [`${product}/${fault}`, product, fault] as const))(
    "%s answers as captured",
    (name, product, fault) => {
      const committed = readCapture(product, fault);
      expect(committed, `no capture for ${name}: run npm run lab:capture`).not.toBeNull();
      const now = live.get(name)!;
      expect(now.version, `${name}: the product was updated`).toBe(committed!.version);
      expect(now.supported).toBe(committed!.supported);
      expect(signatures(now, fault), `${name}: rerun npm run lab:capture`).toEqual(
        signatures(committed!, fault),
      );
    },
  );
});
