import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "@/lib/probe/config";
import { nextStepFor } from "@/machines/next-step";
import { probe } from "@/lib/probe/probe";
import { fixedLabPorts, LAB_PORT_COUNT, labProbeConfig, startLab, type Lab } from "@/test/lab/lab";
import { SCENARIO_STATES } from "@/test/support/evidence-scenarios";

async function startOnFixedPorts(): Promise<{ lab: Lab; base: number }> {
  // Fixed ports can be taken by something else on a shared machine; try a few bases.
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const base = 40_000 + Math.floor(Math.random() * 20_000);
    try {
      return { lab: await startLab({ portBase: base }), base };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

describe("the failure lab on fixed ports, through the evidence rules", () => {
  let lab: Lab;
  let base: number;
  let config: ProbeConfig;

  beforeAll(async () => {
    ({ lab, base } = await startOnFixedPorts());
    config = labProbeConfig(lab, { timeoutMs: 4000, phaseTimeoutMs: 1500 });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it("listens only on the ports fixedLabPorts names, so an app can be configured first", () => {
    const fixed = fixedLabPorts(base);
    expect(lab.env.PROBE_DNS_SERVERS).toBe(fixed.dnsServer);
    for (const url of Object.values(lab.urls))
      expect(fixed.ports, url).toContain(Number(new URL(url).port));
    expect(Math.max(...lab.ports)).toBeLessThan(base + LAB_PORT_COUNT);
  });

  it("fails every second request on the intermittent upstream", async () => {
    const report = await probe(
      { url: lab.urls["nginx-intermittent-upstream"]!, samples: 2 },
      { config },
    );
    expect(report.verdict).toMatchObject({ failureCount: 1, sampleCount: 2, intermittent: true });
  });

  it.each(Object.entries(SCENARIO_STATES))("%s leads to %s", async (scenario, state) => {
    const url = lab.urls[scenario];
    expect(url, scenario).toBeDefined();
    const report = await probe({ url: url!, samples: 3, followRedirects: true }, { config });
    expect(nextStepFor(report, ["owner"], "/diagnose", 3)?.stepId, report.verdict.title).toBe(
      state,
    );
  });
});
