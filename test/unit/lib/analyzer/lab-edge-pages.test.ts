/**
 * The lab's vendor-style error pages, fetched over real HTTP and pasted the way an owner
 * would copy them from developer tools: status line, headers, then the page source.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { EDGE_PAGES, startEdgeServer, type Fixture } from "@/test/lab/fixtures";

const EXPECTED: Record<string, { rule: string; reference?: string }> = {
  "/cloudflare/502": { rule: "cloudflare-origin-error", reference: "Ray ID" },
  "/cloudflare/521": { rule: "cloudflare-521", reference: "Ray ID" },
  "/cloudflare/522": { rule: "cloudflare-522", reference: "Ray ID" },
  "/cloudflare/524": { rule: "cloudflare-524", reference: "Ray ID" },
  "/cloudflare/525": { rule: "cloudflare-525", reference: "Ray ID" },
  "/cloudflare/526": { rule: "cloudflare-526", reference: "Ray ID" },
  "/cloudflare/530-Error": { rule: "cloudflare-1016", reference: "Ray ID" },
  "/cloudflare/403-blocked": { rule: "cloudflare-blocked", reference: "Ray ID" },
  "/cloudfront/502": { rule: "cloudfront-502", reference: "Request ID" },
  "/cloudfront/504": { rule: "cloudfront-504", reference: "Request ID" },
  "/alb/502": { rule: "alb-502" },
  "/alb/503": { rule: "alb-503" },
  "/alb/504": { rule: "alb-504" },
  "/fastly/503": { rule: "fastly-first-byte-timeout", reference: "Fastly details" },
  "/akamai/403-blocked": { rule: "akamai-access-denied", reference: "Reference #" },
};

let edge: Fixture;
const pastes = new Map<string, string>();

beforeAll(async () => {
  edge = await startEdgeServer();
  for (const page of EDGE_PAGES) {
    const response = await fetch(`http://127.0.0.1:${edge.port}${page.path}`);
    const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
    pastes.set(
      page.path,
      `HTTP/1.1 ${response.status} ${response.statusText}\n${headers}\n\n${await response.text()}`,
    );
  }
});

afterAll(async () => {
  await edge?.stop();
});

describe("vendor error pages served by the lab", () => {
  it("has an expectation for every page the lab serves", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(EDGE_PAGES.map((page) => page.path).sort());
  });

  it.each(Object.entries(EXPECTED))("recognises %s", (path, expected) => {
    const analysis = analyzePaste(pastes.get(path) ?? "");
    expect(analysis.findings.map((f) => f.ruleId)).toEqual([expected.rule]);
    const finding = analysis.findings[0]!;
    expect(finding.href).toMatch(/^\/diagnose\/owner\//);
    if (expected.reference) expect(finding.reference?.label).toBe(expected.reference);
    else expect(finding.reference).toBeNull();
  });
});
