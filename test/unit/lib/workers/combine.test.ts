import { describe, expect, it } from "vitest";
import { combinePlaces, type PlaceResult } from "@/lib/workers/combine";
import type { ProbeReport } from "@/lib/probe/probe";
import type { VerdictCode } from "@/lib/probe/verdict";

/** A report with the fields the combination reads; the rest as the probe leaves them empty. */
function report(
  code: VerdictCode,
  status: number | null,
  options: { addresses?: string[]; connected?: boolean; vendor?: string | null } = {},
): ProbeReport {
  const connected = options.connected ?? status !== null;
  return {
    target: {
      requestedUrl: "https://shop.example/",
      url: "https://shop.example/",
      hostname: "shop.example",
      port: 443,
      originIp: null,
      scheme: "https",
      schemeNote: null,
    },
    dns: options.addresses
      ? {
          name: "shop.example",
          servers: [],
          durationMs: 3,
          addresses: options.addresses.map((address) => ({ address, family: 4, ttl: 300 })),
          cnameChain: [],
          error: null,
        }
      : null,
    redirects: [],
    samples: [
      {
        address: options.addresses?.[0] ?? "192.0.2.1",
        phases: { dns: 3, connect: 10, tls: 20, firstByte: 30, total: 70 },
        failedPhase: null,
        error: null,
        tls: null,
        response: null,
      },
    ],
    verdict: {
      code,
      status,
      layer: "unknown",
      vendor: options.vendor ?? null,
      cause: null,
      reference: null,
      title: code,
      explanation: "",
      evidence: [],
      sampleCount: 1,
      failureCount: code === "ok" ? 0 : 1,
      failureRate: code === "ok" ? 0 : 1,
      intermittent: false,
      observed: {
        dnsResolved: Boolean(options.addresses),
        connected,
        tlsHandshake: connected,
        httpResponse: status !== null,
        gateway: null,
      },
    },
    startedAt: "2026-12-02T15:00:00.000Z",
    durationMs: 70,
  } as ProbeReport;
}

const place = (
  name: string,
  r: ProbeReport,
  kind: PlaceResult["kind"] = "region",
): PlaceResult => ({
  place: name,
  kind,
  outcome: "answered",
  report: r,
});
const A = ["198.51.100.10"];

describe("combinePlaces", () => {
  it("sends a visitor back to their own side when every place gets a page", () => {
    const combined = combinePlaces([
      place("eu-west", report("ok", 200, { addresses: A })),
      place("us-east", report("ok", 200, { addresses: A })),
    ]);
    expect(combined).toMatchObject({
      kind: "works-everywhere",
      stateId: "visitorHardRefresh",
      failing: [],
    });
    expect(combined.title).toBe(
      "From 2 places the site answers; the problem is between you and the site",
    );
  });

  it("names the one region where connections are dropped", () => {
    const combined = combinePlaces([
      place("eu-west", report("ok", 200, { addresses: A })),
      place("ap-south", report("connect-timeout", null, { addresses: A, connected: false })),
      place("us-east", report("ok", 200, { addresses: A })),
    ]);
    expect(combined.kind).toBe("regional-block");
    expect(combined.failing).toEqual(["ap-south"]);
    expect(combined.title).toMatch(/^Fails only from ap-south/);
    expect(combined.evidence).toContain(
      "ap-south: connect-timeout in 70 ms — resolved to 198.51.100.10",
    );
  });

  it("blames DNS propagation when the failing place resolved other addresses", () => {
    const combined = combinePlaces([
      place("eu-west", report("ok", 200, { addresses: A })),
      place(
        "ap-south",
        report("connect-refused", null, { addresses: ["203.0.113.9"], connected: false }),
      ),
    ]);
    expect(combined).toMatchObject({
      kind: "regional-dns",
      stateId: "regionalDns",
      failing: ["ap-south"],
    });
  });

  it("calls error answers at some places only a point of presence failing", () => {
    const combined = combinePlaces([
      place("eu-west", report("ok", 200, { addresses: A })),
      place("us-east", report("bad-gateway", 502, { addresses: A, vendor: "cloudflare" })),
    ]);
    expect(combined.kind).toBe("regional-pop");
    expect(combined.evidence).toContain(
      "us-east: HTTP 502 from cloudflare in 70 ms (bad-gateway) — resolved to 198.51.100.10",
    );
  });

  it("points at the edge when every public check fails but the origin answers directly", () => {
    const combined = combinePlaces([
      place("eu-west", report("bad-gateway", 502, { addresses: A, vendor: "cloudflare" })),
      place("us-east", report("bad-gateway", 502, { addresses: A, vendor: "cloudflare" })),
      place("origin", report("ok", 200), "origin"),
    ]);
    expect(combined).toMatchObject({ kind: "edge-config", stateId: "edgeCannotReachOrigin" });
  });

  it("keeps today's diagnosis when the site fails everywhere, origin included", () => {
    const combined = combinePlaces([
      place("eu-west", report("bad-gateway", 502, { addresses: A })),
      place("us-east", report("bad-gateway", 502, { addresses: A })),
      place("origin", report("connect-refused", null, { connected: false }), "origin"),
    ]);
    expect(combined).toMatchObject({ kind: "fails-everywhere", stateId: "visitorSiteDown" });
  });

  it("never counts a place that did not answer as a failure of the site", () => {
    const combined = combinePlaces([
      place("eu-west", report("ok", 200, { addresses: A })),
      {
        place: "us-east",
        kind: "region",
        outcome: "unavailable",
        reason: "no worker took the check in time",
      },
    ]);
    expect(combined).toMatchObject({
      kind: "works-everywhere",
      failing: [],
      unavailable: ["us-east"],
    });
    expect(combined.evidence).toContain("us-east: unavailable (no worker took the check in time)");
    expect(combinePlaces([{ place: "us-east", kind: "region", outcome: "unavailable" }]).kind).toBe(
      "no-answer",
    );
  });
});
