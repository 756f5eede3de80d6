import { describe, expect, it } from "vitest";
import { FALLBACK_ORIGIN, originOf, siteOrigin } from "@/lib/wizard/site-origin";

const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name.toLowerCase()] ?? null,
});

describe("siteOrigin", () => {
  it("prefers SITE_URL, reduced to its origin", () => {
    expect(siteOrigin("https://gateway.example/some/path", headers({ host: "evil.example" }))).toBe(
      "https://gateway.example",
    );
  });

  it("ignores a SITE_URL that is not an http(s) URL", () => {
    expect(siteOrigin("javascript:alert(1)", headers({ host: "127.0.0.1:3100" }))).toBe(
      "http://127.0.0.1:3100",
    );
    expect(siteOrigin("not a url", headers({ host: "localhost" }))).toBe("http://localhost");
  });

  it("uses the forwarded host and protocol when present", () => {
    expect(
      siteOrigin(
        undefined,
        headers({
          host: "10.0.0.5",
          "x-forwarded-host": "doctor.example",
          "x-forwarded-proto": "https",
        }),
      ),
    ).toBe("https://doctor.example");
  });

  it("accepts bracketed IPv6 hosts", () => {
    expect(siteOrigin(undefined, headers({ host: "[::1]:3100" }))).toBe("http://[::1]:3100");
  });

  it("refuses hosts that are not host names", () => {
    for (const host of ['evil.example/"><script>', "a b", "user@host", ""]) {
      expect(siteOrigin(undefined, headers({ host }))).toBe(FALLBACK_ORIGIN);
    }
    expect(siteOrigin(undefined, headers({}))).toBe(FALLBACK_ORIGIN);
  });

  it("ignores an unknown forwarded protocol", () => {
    expect(
      siteOrigin(undefined, headers({ host: "localhost", "x-forwarded-proto": "gopher" })),
    ).toBe("http://localhost");
  });
});

describe("originOf", () => {
  it("returns null for anything but an http(s) URL", () => {
    expect(originOf(undefined)).toBeNull();
    expect(originOf("ftp://example.com")).toBeNull();
    expect(originOf("https://example.com:8443/x?y")).toBe("https://example.com:8443");
  });
});
