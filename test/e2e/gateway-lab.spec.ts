import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { EVIDENCE_PARAMS } from "@/lib/evidence/digest";
import { product } from "@/lib/products/registry";
import {
  GATEWAY_SCENARIOS,
  scenarioName,
  type GatewayScenario,
} from "@/test/support/gateway-scenarios";
import { appPort } from "./app-server";
import { gatewayLabDir } from "./lab-server";
import { CHECK_URL_LABEL, clickCounter, saveRecordedRuns, expectStep } from "./wizard.helpers";

// Nine real gateway products end to end (the gateway lab, test/lab/gateways, started once for
// the whole run by test/e2e/app-server.ts): a person pastes each product × fault URL into
// "Paste the URL that fails", the app's live check probes the real gateway, and the verdict
// must name the product where the answer identifies it and the cause where the answer or its
// timing shows it, and "Go to" must reach the state that fixes it in at most two clicks after
// the URL. Clicks go to test/.artifacts/gateway-clicks.json for the README's table. The
// expectations are test/support/gateway-scenarios.ts, decided from the committed captures.

test.skip(
  Boolean(process.env.BASE_URL),
  "needs the app started by the test run, aimed at the gateway lab (test/e2e/lab-server.ts)",
);

let urls: Record<string, string> | undefined;

/** The gateway lab's URL for a scenario (read lazily: tests are listed before the lab starts). */
function gatewayUrl(name: string): string | undefined {
  urls ??= JSON.parse(
    readFileSync(path.join(gatewayLabDir(appPort), "urls.json"), "utf8"),
  ) as Record<string, string>;
  return urls[name];
}

// Every test is its own client for the probe's limits (the app trusts X-Forwarded-For here).
test.beforeEach(async ({ page }, info) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `e2e-${info.testId}-${info.retry}` });
});

const URL_LABEL = CHECK_URL_LABEL;

/**
 * The verdict the page gave, as the "Go to" link carries it to the next step (the evidence
 * digest a shared link keeps: lib/evidence/digest.ts).
 */
function verdictOf(href: string): {
  vendor: string | null;
  cause: string | null;
  intermittent: boolean;
} {
  const query = new URL(href, "http://app.invalid").searchParams;
  const [failed, samples] = (query.get(EVIDENCE_PARAMS.failures) ?? "0/0").split("/").map(Number);
  return {
    vendor: query.get(EVIDENCE_PARAMS.vendor),
    cause: query.get(EVIDENCE_PARAMS.cause),
    intermittent: failed! > 0 && failed! < samples!,
  };
}

/** How the page may name the product: its registry name or its id. */
function productNames(scenario: GatewayScenario): RegExp {
  const names = [scenario.vendor!, product(scenario.vendor!)?.name].filter(Boolean) as string[];
  return new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "i");
}

/** One pair's outcome in the browser, for the README's failure-lab table. */
interface Recorded {
  product: string;
  fault: string;
  /** The state "Go to" reached. */
  state: string;
  /** The state it should reach (test/support/gateway-scenarios.ts). */
  expected: string;
  /** Clicks after entering the URL. */
  clicks: number;
  vendor: string | null;
  cause: string | null;
}

const recorded: Record<string, Recorded> = {};

test.describe("every gateway product × fault reaches its diagnosis", () => {
  test.afterAll(() => saveRecordedRuns("gateway-clicks.json", recorded));

  for (const scenario of GATEWAY_SCENARIOS) {
    const name = scenarioName(scenario);
    test(`${name} → ${scenario.state}`, async ({ page }) => {
      // Three samples of a slow fault take up to ~13 s (lighttpd's timeout fires after ~4 s).
      test.setTimeout(60_000);
      const url = gatewayUrl(name);
      test.skip(!url, `${scenario.product} is not installed, so the gateway lab does not run it`);

      const clicks = clickCounter();
      await page.goto("/");
      await clicks.click(page.getByRole("link", { name: /run the site/ }));
      await expectStep(page, "ownerWhichError");
      const before = clicks.count;

      await page.getByLabel(URL_LABEL).fill(url!);
      await clicks.click(page.getByRole("button", { name: "Check it for me" }));
      const next = page.getByTestId("check-next");
      await expect(next).toBeVisible({ timeout: 40_000 });

      // The verdict the page gives, and where "Go to" leads. Recorded before the assertions, so
      // the clicks file also shows where a failing pair ended up.
      const verdict = verdictOf((await next.getAttribute("href")) ?? "");
      const reached = await next.getAttribute("data-step");
      // What the person reads before going on (the report is replaced by the next step).
      const shown = (await page.getByTestId("check-report").textContent()) ?? "";
      await clicks.click(next);
      await expect(page.locator(".wizard")).toHaveAttribute("data-step", reached ?? "");
      const after = clicks.count - before;
      recorded[name] = {
        product: scenario.product,
        fault: scenario.fault,
        state: reached ?? "",
        expected: scenario.state,
        clicks: after,
        vendor: verdict.vendor,
        cause: verdict.cause,
      };

      // The product where it identifies itself, the cause where the answer or its timing
      // shows it, and the state that fixes it.
      const context = `${name}: ${scenario.shows}\n${JSON.stringify(verdict, null, 2)}`;
      expect(verdict.vendor, context).toBe(scenario.vendor);
      const causes = [scenario.cause, scenario.alsoAccepted].filter((c) => c !== undefined);
      expect(causes, context).toContain(verdict.cause);
      expect(verdict.intermittent, context).toBe(scenario.intermittent);
      if (scenario.vendor) expect(shown, context).toMatch(productNames(scenario));
      expect(reached, context).toBe(scenario.state);
      await expectStep(page, scenario.state);
      expect(after, "clicks after entering the URL").toBeLessThanOrEqual(2);
    });
  }
});
