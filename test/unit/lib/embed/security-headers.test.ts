import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicyFor,
  securityHeadersFor,
  siteSecurityHeaderRules,
} from "@/lib/embed/frame-policy.mjs";

// The headers proxy.ts sets per request and the ones next.config.mjs fixes at build time must
// agree, since a response gets whichever applies last; HSTS only over https.

const headersOf = (pathname: string, siteUrl?: string) =>
  Object.fromEntries(
    securityHeadersFor(
      pathname,
      { kind: "list", origins: ["https://help.example.com"] },
      siteUrl,
    ).map(({ key, value }) => [key, value]),
  );

describe("security headers", () => {
  it("sends HSTS only when SITE_URL is https", () => {
    expect(headersOf("/", "https://doctor.example.com")["Strict-Transport-Security"]).toBe(
      "max-age=31536000",
    );
    expect(
      headersOf("/", "http://doctor.example.com")["Strict-Transport-Security"],
    ).toBeUndefined();
    expect(headersOf("/", undefined)["Strict-Transport-Security"]).toBeUndefined();
    expect(headersOf("/", "not a url")["Strict-Transport-Security"]).toBeUndefined();
  });

  it("lets only /embed be framed, by the listed origins, under the same script policy", () => {
    const embed = headersOf("/embed/owner");
    expect(embed["X-Frame-Options"]).toBeUndefined();
    expect(embed["Content-Security-Policy"]).toMatch(
      /script-src 'self' 'unsafe-inline';.*; frame-ancestors 'self' https:\/\/help\.example\.com$/,
    );
    const site = headersOf("/embed.js");
    expect(site["X-Frame-Options"]).toBe("DENY");
    expect(site["Content-Security-Policy"]).toMatch(/; frame-ancestors 'none'$/);
    expect(site["Content-Security-Policy"]).not.toContain("unsafe-eval");
  });

  it("matches next.config's fixed rules on every path they cover", () => {
    const rules = siteSecurityHeaderRules();
    for (const path of ["/", "/diagnose/owner/502", "/embed.js", "/_next/static/chunks/a.js"]) {
      const fixed: Record<string, string> = {};
      for (const rule of rules) {
        const matches = getPathMatch(rule.source, { strict: true, removeUnnamedParams: true });
        if (matches(path) !== false) for (const { key, value } of rule.headers) fixed[key] = value;
      }
      expect(fixed, path).toEqual(headersOf(path));
    }
    // Under /embed the rules leave framing to proxy.ts, and still send the rest.
    const embedFixed: Record<string, string> = {};
    for (const rule of rules) {
      const matches = getPathMatch(rule.source, { strict: true, removeUnnamedParams: true });
      if (matches("/embed/owner") !== false)
        for (const { key, value } of rule.headers) embedFixed[key] = value;
    }
    expect(embedFixed["Content-Security-Policy"]).toBeUndefined();
    expect(embedFixed["X-Content-Type-Options"]).toBe("nosniff");
    expect(contentSecurityPolicyFor("/", { kind: "any" })).toBe(
      headersOf("/")["Content-Security-Policy"],
    );
  });
});
