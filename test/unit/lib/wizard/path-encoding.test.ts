import { describe, expect, it } from "vitest";
import {
  decodeNotUnderstood,
  encodeNotUnderstood,
  repairPathEncoding,
  safeDecode,
  segmentsUnder,
} from "@/lib/wizard/path-encoding";

describe("safeDecode", () => {
  it("decodes valid escapes and reports broken ones as null", () => {
    expect(safeDecode("caf%C3%A9")).toBe("café");
    expect(safeDecode("%E0%A4%A")).toBeNull();
    expect(safeDecode("%")).toBeNull();
  });
});

describe("segmentsUnder", () => {
  it("splits a path under its base", () => {
    expect(segmentsUnder("/diagnose", "/diagnose")).toEqual([]);
    expect(segmentsUnder("/diagnose/owner/502", "/diagnose")).toEqual(["owner", "502"]);
    expect(segmentsUnder("/diagnose/owner/", "/diagnose")).toEqual(["owner"]);
  });

  it("refuses paths outside the base, including look-alike prefixes", () => {
    expect(segmentsUnder("/diagnosed/owner", "/diagnose")).toBeNull();
    expect(segmentsUnder("/embed/owner", "/diagnose")).toBeNull();
  });
});

describe("repairPathEncoding", () => {
  it("makes the percent signs of malformed segments literal", () => {
    expect(repairPathEncoding("/diagnose/owner/%E0%A4%A")).toBe("/diagnose/owner/%25E0%25A4%25A");
    expect(decodeURIComponent(repairPathEncoding("/diagnose/%ZZ"))).toBe("/diagnose/%ZZ");
  });

  it("leaves well-formed paths alone", () => {
    expect(repairPathEncoding("/diagnose/caf%C3%A9/502")).toBe("/diagnose/caf%C3%A9/502");
  });
});

describe("encodeNotUnderstood / decodeNotUnderstood", () => {
  it("round-trips a raw path, %-escapes and all", () => {
    const raw = "/diagnose/owner/%3Cb%3E%2F%E0%A4%A";
    expect(decodeNotUnderstood(encodeNotUnderstood(raw))).toBe(raw);
  });

  it("survives another round of URL decoding unchanged", () => {
    const value = encodeNotUnderstood("/diagnose/a%2Fb");
    expect(decodeURIComponent(value)).toBe(value);
  });

  it("rejects values that are not base64url or not a path", () => {
    expect(decodeNotUnderstood("not base64!")).toBeNull();
    expect(decodeNotUnderstood("")).toBeNull();
    expect(decodeNotUnderstood(encodeNotUnderstood("diagnose/no-slash"))).toBeNull();
  });
});
