import { describe, expect, it } from "vitest";
import {
  decodeNotUnderstood,
  encodeNotUnderstood,
  malformedSegment,
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

describe("malformedSegment", () => {
  it("names the first segment that is not valid percent-encoding", () => {
    expect(malformedSegment("/embed/%zz/owner")).toBe("%zz");
    expect(malformedSegment("/embed/owner/%E0%A4%A/%zz")).toBe("%E0%A4%A");
  });

  it("finds nothing in well-formed paths", () => {
    expect(malformedSegment("/diagnose/caf%C3%A9/502")).toBeNull();
    expect(malformedSegment("/")).toBeNull();
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
