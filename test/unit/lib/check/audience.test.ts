import { describe, expect, it } from "vitest";
import { audienceOf, explanationFor } from "@/lib/check/audience";
import { evidenceReason } from "@/lib/evidence/words";
import { summarise } from "@/lib/probe/classify";
import type { ProbeSample } from "@/lib/probe/connection";
import { VERDICT_CODES } from "@/lib/probe/verdict";

/** nginx's 502 page as the probe reads it (observed in the lab, nginx 1.22.1). */
const nginx502: ProbeSample = {
  address: "203.0.113.7",
  phases: { dns: 1, connect: 1, tls: null, firstByte: 2, total: 5 },
  failedPhase: null,
  error: null,
  tls: null,
  response: {
    status: 502,
    statusText: "Bad Gateway",
    httpVersion: "1.1",
    headers: { server: "nginx/1.22.1", "content-type": "text/html" },
    bodyExcerpt: "<html><head><title>502 Bad Gateway</title></head></html>",
    bodyBytes: 57,
    bodyComplete: true,
  },
};

// Things only the person who runs the site can do; a visitor must never be told to do them.
const OWNER_WORK = /\bport\b|error log|restart|configure|raise the|renew|security group/i;

describe("the visitor's check speaks to visitors", () => {
  it("tells a visitor whose side a 502 is on, where the owner is told to check the port", () => {
    const verdict = summarise([nginx502], null);
    expect(explanationFor(verdict, "owner")).toBe(verdict.explanation);
    expect(verdict.explanation).toMatch(/port the proxy uses/);
    const visitor = explanationFor(verdict, "visitor");
    expect(visitor).toMatch(/^The site's server answered but the application behind it did not/);
    expect(visitor).toMatch(/tell the site's owner/);
    expect(visitor).not.toMatch(OWNER_WORK);
  });

  it.each(VERDICT_CODES)("has visitor words for %s without the owner's work", (code) => {
    const text = explanationFor({ code, explanation: "owner text" }, "visitor");
    expect(text).not.toBe("owner text");
    expect(text).not.toMatch(OWNER_WORK);
  });

  it("calls the origin the site's own server in the one-line reason", () => {
    const digest = {
      code: "bad-gateway" as const,
      status: 521,
      layer: "edge" as const,
      vendor: "cloudflare",
      cause: "upstream-refused" as const,
      intermittent: false,
      checkedAt: "2026-12-02T14:00:00.000Z",
      reference: null,
      failureCount: 1,
      sampleCount: 1,
      timing: null,
      failedPhase: null,
      errorCode: null,
      certificateExpiry: null,
    };
    expect(evidenceReason(digest)).toContain("your origin");
    expect(evidenceReason(digest, "visitor")).not.toContain("your");
    expect(evidenceReason(digest, "visitor")).toContain("the site's own server");
  });

  it("knows a visitor's step by its id or the first answer", () => {
    expect(audienceOf("visitorScope", ["visitor"])).toBe("visitor");
    expect(audienceOf("visitorSiteDown", [])).toBe("visitor");
    expect(audienceOf("ownerWhichError", ["owner"])).toBe("owner");
  });
});
