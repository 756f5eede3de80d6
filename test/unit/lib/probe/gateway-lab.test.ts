/**
 * The real probe against nine real gateway products in front of broken upstreams (the gateway
 * lab, test/lab/gateways): for every product × fault the verdict must name the product where
 * the response identifies it, give the cause where the response or the timing shows it, and
 * lead the owner's diagnosis to the state that fixes it. The expectations come from the
 * committed captures (test/support/gateway-scenarios.ts), not from the classifier.
 *
 * The probes run eight at a time in beforeAll: the slow faults take ~2 s per sample (3–4 s for
 * HAProxy's retries and lighttpd's once-a-second timer), so one at a time would take minutes,
 * while all 61 at once on a busy two-core machine would stretch the fast answers towards the
 * slow ones and blur the timing the verdicts read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProbeConfig, type ProbeConfig } from "@/lib/probe/config";
import { probe, type ProbeReport } from "@/lib/probe/probe";
import { applyEvidence } from "@/machines/evidence";
import { isInstalled, startGatewayLab, type GatewayLab } from "@/test/lab/gateways/lab";
import { GATEWAY_PRODUCTS } from "@/test/lab/gateways/products";
import { GATEWAY_SCENARIOS, scenarioName } from "@/test/support/gateway-scenarios";

const installed = GATEWAY_PRODUCTS.filter(isInstalled);
const PARALLEL_PROBES = 8;
const scenarios = GATEWAY_SCENARIOS.filter((s) => installed.includes(s.product));

describe.skipIf(scenarios.length === 0)("the probe against real gateway products", () => {
  let lab: GatewayLab;
  const reports = new Map<string, ProbeReport>();

  beforeAll(async () => {
    lab = await startGatewayLab({ products: installed });
    // Long enough for three samples of the slowest fault (lighttpd answers its 2 s read
    // timeout after ~4 s), so each verdict sees all three samples' timing.
    const config: ProbeConfig = {
      ...loadProbeConfig(lab.env),
      timeoutMs: 20_000,
      phaseTimeoutMs: 8_000,
    };
    const queue = [...scenarios];
    const worker = async () => {
      for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
        const report = await probe(
          { url: lab.url(scenario.product, scenario.fault), samples: 3 },
          { config },
        );
        reports.set(scenarioName(scenario), report);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_PROBES }, worker));
  }, 120_000);

  afterAll(async () => {
    await lab?.stop();
  });

  const reportFor = (name: string): ProbeReport => {
    const report = reports.get(name);
    if (!report) throw new Error(`no probe report for ${name}`);
    return report;
  };

  /** What the verdict rests on, for failure messages. */
  const summary = (report: ProbeReport): string =>
    JSON.stringify(
      {
        verdict: report.verdict,
        samples: report.samples.map((s) => ({
          status: s.response?.status ?? null,
          error: s.error?.code ?? null,
        })),
      },
      null,
      2,
    );

  it("checked every sample of every scenario", () => {
    for (const scenario of scenarios) {
      const report = reportFor(scenarioName(scenario));
      expect(report.samples.length, scenarioName(scenario)).toBe(3);
    }
  });

  it.each(scenarios.map((s) => [scenarioName(s), s] as const))(
    "%s: names the product, the cause, and reaches the state that fixes it",
    (name, scenario) => {
      const report = reportFor(name);
      const context = `${name} (${scenario.shows})\n${summary(report)}`;
      expect(report.verdict.vendor, context).toBe(scenario.vendor);
      const causes = [scenario.cause, scenario.alsoAccepted].filter((c) => c !== undefined);
      expect(causes, context).toContain(report.verdict.cause);
      expect(report.verdict.intermittent ?? false, context).toBe(scenario.intermittent);
      expect(applyEvidence(report.verdict, ["owner"])?.step.id, context).toBe(scenario.state);
    },
  );
});
