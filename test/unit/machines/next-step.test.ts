import { describe, expect, it } from "vitest";
import { readEvidenceQuery } from "@/lib/evidence/digest";
import { nextStepFor } from "@/machines/next-step";
import {
  evidenceReason,
  evidenceSummaryLines,
  errorMeaning,
  expiryWords,
} from "@/lib/evidence/words";
import { replayAnswers } from "@/machines/replay";
import { report, sample } from "@/test/unit/lib/evidence/fixtures";

const cf521 = report(
  {
    code: "bad-gateway",
    status: 521,
    layer: "edge",
    vendor: "cloudflare",
    cause: "upstream-refused",
    reference: "8f3a2c1d4b5e6f70",
  },
  [
    sample({
      response: {
        status: 521,
        statusText: "",
        httpVersion: "1.1",
        headers: { server: "cloudflare" },
        bodyExcerpt: "",
        bodyBytes: 0,
        bodyComplete: true,
      },
    }),
  ],
);

describe("nextStepFor", () => {
  it("keeps the person's answers, infers the rest and carries the evidence in the query", () => {
    const next = nextStepFor(cf521, ["owner"], "/diagnose", 1);
    expect(next).toMatchObject({
      stepId: "cf521",
      answers: ["owner", "cloudflare-52x", "521"],
      given: 1,
    });
    const [path, query] = next!.href.split("?");
    expect(path).toBe("/diagnose/owner/cloudflare-52x/521");
    const replayed = replayAnswers(next!.answers);
    expect(replayed.ok && replayed.step.id).toBe("cf521");
    const read = readEvidenceQuery(new URLSearchParams(query));
    expect(read.request?.url).toBe("https://shop.example/");
    expect(read.digest).toMatchObject({ status: 521, vendor: "cloudflare" });
    expect(read.inference).toEqual({ given: 1, inferred: ["cloudflare-52x", "521"] });
  });

  it("builds the link under the embed's base inside the embed", () => {
    expect(nextStepFor(cf521, ["owner"], "/embed", 1)?.href).toMatch(
      /^\/embed\/owner\/cloudflare-52x\/521\?/,
    );
  });

  it("answers the visitor's question from our server's view", () => {
    const ok = report({ code: "ok", status: 200, layer: "app" });
    expect(nextStepFor(ok, ["visitor", "not-sure"], "/diagnose", 1)?.stepId).toBe(
      "visitorHardRefresh",
    );
    expect(nextStepFor(cf521, ["visitor"], "/diagnose", 1)?.stepId).toBe("visitorSiteDown");
  });

  it("is null when the check confirms the step the person is on", () => {
    const flaky = report({ code: "bad-gateway", status: 502, intermittent: true });
    expect(nextStepFor(flaky, ["owner", "comes-and-goes"], "/diagnose", 5)).toBeNull();
  });

  it("is null for answers that are no permalink", () => {
    expect(nextStepFor(cf521, ["owner", "nonsense"], "/diagnose", 1)).toBeNull();
  });
});

describe("plain words", () => {
  it("says why an answer was inferred", () => {
    expect(
      evidenceReason({
        code: "bad-gateway",
        status: 521,
        layer: "edge",
        vendor: "cloudflare",
        cause: "upstream-refused",
        checkedAt: "2026-03-01T14:05:09.123Z",
        reference: null,
        failureCount: 1,
        sampleCount: 1,
        timing: null,
        failedPhase: null,
        errorCode: null,
        certificateExpiry: null,
      }),
    ).toBe(
      "server: cloudflare, status 521 → the gateway could not connect to your origin: nothing listens there",
    );
  });

  it("explains error codes, and admits when it does not know one", () => {
    expect(errorMeaning("ECONNREFUSED")).toMatch(/Nothing accepted the connection/);
    expect(errorMeaning("HPE_INVALID_CONSTANT")).toMatch(/not valid HTTP/);
    expect(errorMeaning("EWHATEVER")).toBeNull();
  });

  it("counts days to a certificate's expiry both ways", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    expect(expiryWords("2026-03-31T00:00:00.000Z", now)).toBe("expires 2026-03-31 (in 30 days)");
    expect(expiryWords("2026-02-28T00:00:00.000Z", now)).toBe("expired 2026-02-28 (1 day ago)");
  });

  it("puts status, vendor, reference, timings, expiry and the time with its zone in the summary", () => {
    const text = evidenceSummaryLines(
      "https://shop.example/",
      {
        code: "bad-gateway",
        status: 521,
        layer: "edge",
        vendor: "cloudflare",
        cause: "upstream-refused",
        checkedAt: "2026-03-01T14:05:09.123Z",
        reference: "8f3a2c1d4b5e6f70",
        failureCount: 1,
        sampleCount: 2,
        intermittent: true,
        timing: "connect 1.0 ms, total 47.0 ms",
        failedPhase: null,
        errorCode: null,
        certificateExpiry: "2026-04-01T00:00:00.000Z",
      },
      null,
    ).join("\n");
    expect(text).toContain("at 2026-03-01 14:05:09 UTC");
    expect(text).toContain("Status: 521 from cloudflare");
    expect(text).toContain("Reference id: 8f3a2c1d4b5e6f70");
    expect(text).toContain("Timings: connect 1.0 ms, total 47.0 ms");
    expect(text).toContain("Certificate: expires 2026-04-01 (in 30 days)");
    expect(text).toContain("Samples: 1 of 2 failed");
  });
});
