/**
 * The gateway lab itself: on fixed ports it listens only where fixedGatewayPorts says (the
 * browser tests' app is told those ports before the lab starts), every product writes its
 * access log to a file the captures can read, and the intermittent upstream alternates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GATEWAY_LAB_PORT_COUNT,
  fixedGatewayPorts,
  isInstalled,
  startGatewayLab,
  type GatewayLab,
} from "@/test/lab/gateways/lab";
import { GATEWAY_PRODUCTS } from "@/test/lab/gateways/products";
import { rawGet } from "@/test/lab/gateways/raw-client";
import { sampleFault } from "@/test/lab/gateways/sample";

const installed = GATEWAY_PRODUCTS.filter(isInstalled);

async function startOnFixedPorts(): Promise<{ lab: GatewayLab; base: number }> {
  // Fixed ports can be taken by something else on a shared machine; try a few bases.
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const base = 40_000 + Math.floor(Math.random() * 20_000);
    try {
      return { lab: await startGatewayLab({ portBase: base, dns: false }), base };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

describe.skipIf(installed.length === 0)("the gateway lab on fixed ports", () => {
  let lab: GatewayLab;
  let base: number;

  beforeAll(async () => {
    ({ lab, base } = await startOnFixedPorts());
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it("listens only on the ports fixedGatewayPorts names, so an app can be configured first", () => {
    const fixed = fixedGatewayPorts(base);
    for (const url of Object.values(lab.urls))
      expect(fixed, url).toContain(Number(new URL(url).port));
    expect(lab.ports.every((port) => fixed.includes(port))).toBe(true);
    const upstreams = Object.values(lab.upstreams).filter(
      (v): v is number => typeof v === "number",
    );
    for (const port of upstreams) expect(port).toBeLessThan(base + GATEWAY_LAB_PORT_COUNT);
  });

  it("every product writes each request to its access log", async () => {
    const captures = await Promise.all(
      installed.map((product) => sampleFault(lab, product, "refused")),
    );
    for (const capture of captures)
      expect(
        capture.accessLog.filter((line) => line.includes("/refused")),
        capture.product,
      ).toHaveLength(3);
  }, 30_000);

  it("answers every other request through a gateway from the intermittent upstream", async () => {
    const gateway = lab.gateways[installed[0]!]!;
    const statuses: (number | null)[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await rawGet({ port: gateway.port, path: "/intermittent" })).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses[0] === 200).not.toBe(statuses[1] === 200);
  });
});
