import { describe, expect, it } from "vitest";
import { MAX_CHECK_URL_CHARS } from "@/lib/probe/check-limits";
import {
  digestOf,
  evidenceQueryString,
  inferredPositions,
  normalizeCheckUrl,
  readEvidenceQuery,
  requestOf,
} from "@/lib/evidence/digest";
import { report, sample } from "./fixtures";

describe("normalizeCheckUrl", () => {
  it.each([
    ["example.com", "https://example.com/"],
    ["  example.com/shop?a=1 ", "https://example.com/shop?a=1"],
    ["http://example.com:8080/x", "http://example.com:8080/x"],
    ["HTTPS://Example.COM", "https://example.com/"],
  ])("makes %j absolute: %s", (input, expected) => {
    expect(normalizeCheckUrl(input)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "ftp://example.com/",
    "javascript:alert(1)",
    "https://",
    "x".repeat(MAX_CHECK_URL_CHARS + 1),
  ])("refuses %j", (input) => {
    expect(normalizeCheckUrl(input)).toBeNull();
  });
});

describe("the evidence a permalink carries", () => {
  const cloudflare = report(
    {
      code: "bad-gateway",
      status: 521,
      layer: "edge",
      vendor: "cloudflare",
      cause: "upstream-refused",
      reference: "8f3a2c1d4b5e6f70",
      sampleCount: 2,
      failureCount: 2,
    },
    [
      sample({
        phases: { dns: 2, connect: 1, tls: 3.25, firstByte: 40, total: 47 },
        tls: {
          protocol: "TLSv1.3",
          cipher: "TLS_AES_128_GCM_SHA256",
          alpn: "http/1.1",
          certificate: {
            subject: "CN=shop.example",
            issuer: "CN=Lab Intermediate",
            subjectAltNames: ["DNS:shop.example"],
            validFrom: "2026-01-01T00:00:00.000Z",
            validTo: "2026-04-01T00:00:00.000Z",
            daysLeft: 30,
            fingerprint256: "AA",
            selfSigned: false,
            trustAnchor: false,
          },
          chain: [],
          chainValid: true,
          verifyError: null,
          hostnameValid: true,
          hostnameError: null,
        },
        response: {
          status: 521,
          statusText: "",
          httpVersion: "1.1",
          headers: { server: "cloudflare", "cf-ray": "8f3a2c1d4b5e6f70-LHR" },
          bodyExcerpt: "",
          bodyBytes: 0,
          bodyComplete: true,
        },
      }),
      sample(),
    ],
  );

  it("round-trips request, digest and inference through the query string", () => {
    const digest = digestOf(cloudflare);
    expect(digest).toMatchObject({
      code: "bad-gateway",
      status: 521,
      vendor: "cloudflare",
      reference: "8f3a2c1d4b5e6f70",
      checkedAt: "2026-03-01T14:05:09.123Z",
      timing: "DNS 2.0 ms, connect 1.0 ms, TLS 3.3 ms, first byte 40.0 ms, total 47.0 ms",
      certificateExpiry: "2026-04-01T00:00:00.000Z",
    });
    const request = requestOf(cloudflare, 2);
    const inference = { given: 1, inferred: ["cloudflare-52x", "521"] };
    const query = evidenceQueryString(request, digest, inference);
    expect(query).toContain("url=https%3A%2F%2Fshop.example%2F");
    expect(readEvidenceQuery(new URLSearchParams(query))).toEqual({
      request,
      digest,
      inference,
    });
  });

  it("reads Next's searchParams record form too, taking the first of repeated values", () => {
    const query = readEvidenceQuery({ url: ["example.com", "other.example"], samples: "5" });
    expect(query.request).toEqual({ url: "https://example.com/", originIp: null, samples: 5 });
    expect(query.digest).toBeNull();
  });

  it("carries what the check saw, and claims nothing seen for links made before it did", () => {
    const base =
      "url=https%3A%2F%2Fshop.example%2F&checked=2026-03-01T14%3A05%3A09Z&code=bad-gateway&status=502&vendor=nginx";
    expect(
      readEvidenceQuery(new URLSearchParams(`${base}&seen=dns.connect.http.gateway`)).digest
        ?.observed,
    ).toEqual({
      dnsResolved: true,
      connected: true,
      tlsHandshake: false,
      httpResponse: true,
      gateway: "nginx",
    });
    // An application server is no gateway, whatever the link says.
    expect(
      readEvidenceQuery(
        new URLSearchParams(`${base.replace("nginx", "gunicorn")}&seen=http.gateway`),
      ).digest?.observed?.gateway,
    ).toBeNull();
    expect(readEvidenceQuery(new URLSearchParams(base)).digest?.observed).toBeUndefined();
    expect(
      readEvidenceQuery(new URLSearchParams(`${base}&seen=<b>`)).digest?.observed,
    ).toBeUndefined();
  });

  it("drops every field that does not match its pattern, and never throws", () => {
    const query = readEvidenceQuery(
      new URLSearchParams({
        url: "https://shop.example/",
        checked: "2026-03-01T14:05:09Z",
        code: "bad-gateway",
        status: "<script>",
        vendor: "Cloud Flare!",
        ref: '"><img src=x onerror=alert(1)>',
        timing: "<b>fast</b>",
        cert: "tomorrow",
        samples: "99",
        origin: "not an address",
        given: "1",
        inferred: "../etc/passwd",
      }),
    );
    expect(query.request).toEqual({ url: "https://shop.example/", originIp: null, samples: 1 });
    expect(query.digest).toMatchObject({
      code: "bad-gateway",
      status: null,
      vendor: null,
      reference: null,
      timing: null,
      certificateExpiry: null,
    });
    expect(query.inference).toBeNull();
  });

  it("carries no digest without a valid URL, verdict code and time", () => {
    expect(
      readEvidenceQuery(new URLSearchParams("code=ok&checked=2026-03-01T14:05:09Z")).digest,
    ).toBeNull();
    expect(
      readEvidenceQuery(
        new URLSearchParams("url=example.com&code=weird&checked=2026-03-01T14:05:09Z"),
      ).digest,
    ).toBeNull();
    expect(readEvidenceQuery(new URLSearchParams("url=javascript:alert(1)")).request).toBeNull();
  });

  it("names the verification error of a certificate problem, which is no socket error", () => {
    const expired = report({ code: "tls-expired", layer: "tls" }, [
      sample({
        tls: {
          protocol: "TLSv1.3",
          cipher: null,
          alpn: null,
          certificate: null,
          chain: [],
          chainValid: false,
          verifyError: "CERT_HAS_EXPIRED",
          hostnameValid: true,
          hostnameError: null,
        },
      }),
    ]);
    expect(digestOf(expired).errorCode).toBe("CERT_HAS_EXPIRED");
  });
});

describe("inferredPositions", () => {
  const inference = { given: 1, inferred: ["cloudflare-52x", "521"] };

  it("marks the answers the check inferred", () => {
    expect([...inferredPositions(["owner", "cloudflare-52x", "521"], inference)]).toEqual([1, 2]);
    expect([...inferredPositions(["owner", "cloudflare-52x", "521", "fixed"], inference)]).toEqual([
      1, 2,
    ]);
  });

  it("stops at an answer the person changed", () => {
    expect([...inferredPositions(["owner", "cloudflare-52x", "522"], inference)]).toEqual([1]);
    expect([...inferredPositions(["owner", "502"], inference)]).toEqual([]);
    expect([...inferredPositions(["owner"], null)]).toEqual([]);
  });
});
