/**
 * Every committed capture of the gateway lab (test/lab/gateways/captures/<product>/<fault>.json:
 * the bytes nine real gateways sent for each upstream fault, three samples each) through the
 * probe's classifier, without a network: the verdict must name the product, the cause and
 * intermittency that test/support/gateway-scenarios.ts expects from the same capture.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { summarise } from "@/lib/probe/classify";
import type { GatewayCapture } from "@/test/lab/gateways/sample";
import { CAPTURES_DIR } from "@/test/lab/gateways/sample";
import { GATEWAY_SCENARIOS, scenarioName } from "@/test/support/gateway-scenarios";
import { captureToSample } from "./capture-sample";

function captureOf(product: string, fault: string): GatewayCapture {
  const file = join(CAPTURES_DIR, product, `${fault}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as GatewayCapture;
}

const captured = GATEWAY_SCENARIOS.filter((s) =>
  existsSync(join(CAPTURES_DIR, s.product, `${s.fault}.json`)),
);

describe("the classifier on every gateway lab capture", () => {
  it("has a capture for every scenario", () => {
    expect(captured.map(scenarioName)).toEqual(GATEWAY_SCENARIOS.map(scenarioName));
  });

  it.each(captured.map((s) => [scenarioName(s), s] as const))(
    "%s: product, cause and intermittency as the capture shows them",
    (name, scenario) => {
      const capture = captureOf(scenario.product, scenario.fault);
      expect(capture.samples.length).toBeGreaterThan(0);
      const verdict = summarise(capture.samples.map(captureToSample), null);
      const context = `${name}: ${scenario.shows}\n${JSON.stringify(verdict, null, 2)}`;
      expect(verdict.vendor, context).toBe(scenario.vendor);
      const causes = [scenario.cause, scenario.alsoAccepted].filter((c) => c !== undefined);
      expect(causes, context).toContain(verdict.cause);
      expect(verdict.intermittent, context).toBe(scenario.intermittent);
      // A cause always says how sure it is and what it rests on.
      if (verdict.cause !== null) {
        expect(verdict.confidence, context).toBeDefined();
        expect(verdict.evidence.length, context).toBeGreaterThan(1);
      }
      // Every capture here came back from a gateway in front of a broken upstream.
      if (scenario.vendor !== null) expect(verdict.observed.gateway, context).toBe(scenario.vendor);
    },
  );
});
