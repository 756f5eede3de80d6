import { describe, expect, it } from "vitest";
import { isCacheableQuery, originFromSiteKey, siteKey } from "@/lib/wizard/step-cache";

describe("site keys", () => {
  it("round-trip an origin, with or without a port", () => {
    for (const origin of [
      "https://doctor.example.com",
      "http://127.0.0.1:3100",
      "http://[::1]:3000",
    ]) {
      expect(siteKey(origin)).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(originFromSiteKey(siteKey(origin))).toBe(origin);
    }
  });

  it("refuse anything that is not exactly an http(s) origin", () => {
    for (const text of [
      "https://doctor.example.com/diagnose",
      "https://user:pw@doctor.example.com",
      "javascript:alert(1)",
      "ftp://doctor.example.com",
      "https://doctor.example.com?x=1",
      "not a url",
      "",
    ]) {
      expect(originFromSiteKey(Buffer.from(text).toString("base64url"))).toBeNull();
    }
    expect(originFromSiteKey("a/b")).toBeNull();
    expect(originFromSiteKey("%2F")).toBeNull();
    expect(originFromSiteKey("x".repeat(401))).toBeNull();
  });
});

describe("isCacheableQuery", () => {
  it("ignores Next's RSC cache-buster and nothing else", () => {
    expect(isCacheableQuery(new URLSearchParams(""))).toBe(true);
    expect(isCacheableQuery(new URLSearchParams("_rsc=abc123"))).toBe(true);
    expect(isCacheableQuery(new URLSearchParams("url=https%3A%2F%2Fexample.com"))).toBe(false);
    expect(isCacheableQuery(new URLSearchParams("_rsc=1&paste=x"))).toBe(false);
  });
});
