/**
 * The expected diagnoses (test/support/gateway-scenarios.ts) must agree with the committed
 * captures they were decided from: one scenario for every supported product × fault and none
 * for an unsupported one, the intermittent flag exactly where the samples disagree, a timeout
 * cause only where every sample took the configured timeout's time, and a vendor only where
 * the product's name or a header it alone sends is in the answer. Needs no product installed.
 */
import { describe, expect, it } from "vitest";
import { getStep } from "@/machines/steps";
import { GATEWAY_FAULTS, GATEWAY_PRODUCTS } from "@/test/lab/gateways/products";
import { readCapture } from "@/test/lab/gateways/sample";
import { GATEWAY_SCENARIOS, UNSUPPORTED, scenarioName } from "@/test/support/gateway-scenarios";

const pairs = GATEWAY_PRODUCTS.flatMap((product) =>
  GATEWAY_FAULTS.map((fault) => ({ product, fault, name: `${product}/${fault}` })),
);

describe("gateway scenarios agree with the captures", () => {
  it.each(pairs)(
    "$name has a capture and a scenario exactly when supported",
    ({ product, fault, name }) => {
      const capture = readCapture(product, fault);
      expect(capture, `run npm run lab:capture for ${name}`).not.toBeNull();
      const scenario = GATEWAY_SCENARIOS.find((s) => scenarioName(s) === name);
      expect(capture!.supported).toBe(!UNSUPPORTED.has(name));
      expect(Boolean(scenario)).toBe(capture!.supported);
      if (!capture!.supported) expect(capture!.reason).toMatch(/https?:\/\//);
    },
  );

  it.each(GATEWAY_SCENARIOS.map((s) => [scenarioName(s), s] as const))(
    "%s: flags, timing and vendor match the captured samples",
    (name, scenario) => {
      const capture = readCapture(scenario.product, scenario.fault)!;
      expect(capture.samples).toHaveLength(3);
      const statuses = new Set(capture.samples.map((s) => s.status));
      expect(statuses.size > 1, `${name}: do the samples disagree?`).toBe(scenario.intermittent);
      if (scenario.cause === "upstream-timeout")
        for (const sample of capture.samples) expect(sample.elapsedMs).toBeGreaterThan(1500);
      const failing = capture.samples.filter((s) => s.status !== 200 || s.bodyBinary);
      const text = failing
        .map((s) => `${s.headers.map(([n, v]) => `${n}: ${v}`).join("\n")}\n${s.body}`)
        .join("\n")
        .toLowerCase();
      // HAProxy sends no Server header; its built-in pages are its signature (observed in the lab).
      const mark =
        scenario.product === "haproxy"
          ? "no server is available|invalid or incomplete|didn't respond in time"
          : scenario.product === "trafficserver"
            ? "ats/"
            : scenario.product;
      if (scenario.vendor) expect(text, name).toMatch(new RegExp(mark));
      else expect(text, name).not.toMatch(new RegExp(mark));
      expect(getStep(scenario.state), `${name}: no state ${scenario.state}`).toBeDefined();
    },
  );
});
