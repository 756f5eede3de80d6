import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { describe, expect, it } from "vitest";
import {
  DENY_FRAMING_HEADERS,
  EmbedOriginsError,
  embedFrameAncestors,
  frameHeadersFor,
  isEmbedPath,
  parseAllowedOrigins,
  parseOrigin,
  siteFrameHeaderRules,
} from "@/lib/embed/frame-policy.mjs";

describe("EMBED_ALLOWED_ORIGINS", () => {
  it.each([undefined, "", "   ", "*", " * "])("%j allows any origin", (value) => {
    expect(parseAllowedOrigins(value)).toEqual({ kind: "any" });
  });

  it.each(["none", "NONE", " none "])("%j allows no other site", (value) => {
    expect(parseAllowedOrigins(value)).toEqual({ kind: "none" });
  });

  it("reads a list separated by commas, spaces or both, canonical and without duplicates", () => {
    expect(
      parseAllowedOrigins(
        "https://Help.Example.com/, http://127.0.0.1:8080\n https://*.example.org:8443,https://help.example.com",
      ),
    ).toEqual({
      kind: "list",
      origins: ["https://help.example.com", "http://127.0.0.1:8080", "https://*.example.org:8443"],
    });
  });

  it.each([
    ["http://[::1]:3000", "http://[::1]:3000"],
    ["https://localhost", "https://localhost"],
    ["https://example.com:*", "https://example.com:*"],
  ])("accepts %s", (entry, canonical) => {
    expect(parseOrigin(entry)).toBe(canonical);
  });

  it.each([
    ["help.example.com", /does not start with http:\/\/ or https:\/\//],
    ["ftp://example.com", /does not start with http:\/\/ or https:\/\//],
    ["https://example.com/help", /has a path/],
    ["https://example.com:99999", /port outside 1-65535/],
    ["https://exa_mple.com", /is not a valid origin/],
    ["https://example.com;script-src", /is not a valid origin/],
    ["https://'self'", /is not a valid origin/],
    ["https://a.*.example.com", /is not a valid origin/],
  ])("refuses %s with a message naming the entry", (entry, reason) => {
    const attempt = () => parseAllowedOrigins(`https://ok.example.com ${entry}`);
    expect(attempt).toThrow(EmbedOriginsError);
    expect(attempt).toThrow(reason);
    expect(attempt).toThrow(`EMBED_ALLOWED_ORIGINS: "${entry}"`);
  });

  it('refuses "*" or "none" mixed with origins, since the intent is unclear', () => {
    expect(() => parseAllowedOrigins("* https://a.example")).toThrow(/cannot be combined/);
    expect(() => parseAllowedOrigins("https://a.example none")).toThrow(/cannot be combined/);
  });
});

describe("frame-ancestors of the embed routes", () => {
  it("is * for any origin", () => {
    expect(embedFrameAncestors({ kind: "any" })).toBe("frame-ancestors *");
  });

  it("always keeps 'self' so the documentation page can preview the embed", () => {
    expect(embedFrameAncestors({ kind: "none" })).toBe("frame-ancestors 'self'");
    expect(embedFrameAncestors(parseAllowedOrigins("https://a.example http://b.example:81"))).toBe(
      "frame-ancestors 'self' https://a.example http://b.example:81",
    );
  });
});

describe("which paths may be framed", () => {
  it.each(["/embed", "/embed/", "/embed/owner/502", "/embed/visitor"])("%s may", (path) => {
    expect(isEmbedPath(path)).toBe(true);
    expect(frameHeadersFor(path, { kind: "any" })).toEqual([
      { key: "Content-Security-Policy", value: "frame-ancestors *" },
    ]);
  });

  it.each(["/", "/diagnose/owner", "/embed.js", "/embedded", "/docs/embed", "/Embed"])(
    "%s may not",
    (path) => {
      expect(isEmbedPath(path)).toBe(false);
      expect(frameHeadersFor(path, { kind: "any" })).toEqual(DENY_FRAMING_HEADERS);
    },
  );

  // The rule is matched by Next.js, so check it with the matcher Next.js itself uses for headers().
  const [rule] = siteFrameHeaderRules();
  const matches = getPathMatch(rule!.source, { strict: true, removeUnnamedParams: true });

  it.each(["/", "/diagnose", "/diagnose/owner/502", "/embed.js", "/embedded", "/docs/embed"])(
    "next.config denies framing of %s",
    (path) => {
      expect(matches(path)).not.toBe(false);
      expect(rule!.headers).toEqual([
        { key: "X-Frame-Options", value: "DENY" },
        { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
      ]);
    },
  );

  it.each(["/embed", "/embed/", "/embed/owner/502"])(
    "next.config leaves %s to the per-request policy",
    (path) => {
      expect(matches(path)).toBe(false);
    },
  );
});
