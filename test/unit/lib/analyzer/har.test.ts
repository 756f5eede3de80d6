/**
 * The HAR drop-in's sanitiser and extraction. The recorded file is real Chromium output
 * (test/lab/har/record.ts: Playwright's recordHar over the failure lab, with a planted cookie,
 * bearer token and query token); the hand-written entries cover what the lab's pages do not
 * carry (JWTs, JSON passwords, Set-Cookie, CSRF fields, base64 bodies).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HarError, pasteOf, readHar, REMOVED } from "@/lib/analyzer/har";
import { looksRandom, sanitizeHar, sanitizeUrl, scrubText } from "@/lib/analyzer/har/sanitize";
import { PLANTED } from "@/test/lab/har/planted";

const RECORDED = readFileSync(path.join(__dirname, "../../../lab/har/chromium-lab.har"), "utf8");

/** A HAR with the given entries, as a browser would write it. */
function har(entries: unknown[]): string {
  return JSON.stringify({ log: { version: "1.2", creator: { name: "test" }, entries } });
}

/** A 502 entry; fields can be replaced. */
function entry(overrides: Record<string, unknown> = {}, response: Record<string, unknown> = {}) {
  return {
    startedDateTime: "2026-12-02T15:00:00.000Z",
    time: 120,
    request: {
      method: "GET",
      url: "https://shop.example.com/checkout",
      httpVersion: "HTTP/1.1",
      headers: [],
      cookies: [],
      queryString: [],
    },
    response: {
      status: 502,
      statusText: "Bad Gateway",
      httpVersion: "HTTP/1.1",
      headers: [{ name: "Server", value: "nginx/1.24.0" }],
      cookies: [],
      content: {
        size: 150,
        mimeType: "text/html",
        text: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.24.0</center></body></html>",
      },
      ...response,
    },
    timings: { blocked: 1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 12, receive: 1 },
    ...overrides,
  };
}

describe("a HAR recorded by Chromium from the failure lab", () => {
  const safe = sanitizeHar(RECORDED);

  it("keeps none of the planted secrets anywhere", () => {
    const text = JSON.stringify(safe);
    // The recording really carries them: the test would mean nothing otherwise.
    for (const secret of Object.values(PLANTED)) {
      expect(RECORDED).toContain(secret);
      expect(text).not.toContain(secret);
    }
    // Nor anywhere in the report the page shows.
    const report = JSON.stringify(readHar(RECORDED));
    for (const secret of Object.values(PLANTED)) expect(report).not.toContain(secret);
  });

  it("marks removed headers and URL values instead of hiding that they were there", () => {
    const dead = safe.entries.find((item) => item.url.includes("/dead"))!;
    expect(dead.requestHeaders).toContainEqual({ name: "authorization", value: REMOVED });
    expect(dead.requestHeaders).toContainEqual({ name: "Cookie", value: REMOVED });
    // The token's value goes; the harmless parameter beside it stays.
    expect(dead.url).toMatch(/\/dead\?access_token=%5Bremoved%5D&page=2$/);
    expect(safe.removed.cookies).toBeGreaterThan(0);
    expect(safe.removed.headers).toBeGreaterThan(0);
    expect(safe.removed.urlParts).toBeGreaterThan(0);
  });

  it("removes the query token from a page that echoes its URL (the lab app's 200 page)", () => {
    const ok = safe.entries.find((item) => item.url.includes("/ok"))!;
    expect(RECORDED).toContain(`/ok?access_token=${PLANTED.queryToken}`);
    expect(ok.excerpt).toContain("hello from the lab app");
    expect(ok.excerpt).not.toContain(PLANTED.queryToken);
  });

  it("keeps the vendor's reference ids and who answered", () => {
    const cloudflare = safe.entries.find((item) => item.url.includes("/cloudflare/502"))!;
    expect(cloudflare.responseHeaders).toContainEqual({
      name: "cf-ray",
      value: "8f3a2c1d4b5e6f70-LHR",
    });
    const cloudfront = safe.entries.find((item) => item.url.includes("/cloudfront/504"))!;
    expect(cloudfront.responseHeaders.map((header) => header.name)).toEqual(
      expect.arrayContaining(["x-amz-cf-id", "via", "server"]),
    );
  });

  it("analyses each failure and links it to the step the live check reaches", () => {
    const report = readHar(RECORDED);
    // nginx-ok answered 200 and the stylesheet 404: only the three 5xx are failures.
    expect(report.failureCount).toBe(3);
    const top = (fragment: string) =>
      report.groups.find((group) => group.first.url.includes(fragment))!.analysis.findings[0]!;
    // The same states test/support/evidence-scenarios.ts expects for these lab URLs.
    expect(top("/dead")).toMatchObject({ ruleId: "nginx-page-502", status: 502 });
    expect(top("/dead").href).toBe("/diagnose/owner/502/server-page");
    expect(top("/cloudflare/502")).toMatchObject({ state: "cdnPage502" });
    expect(top("/cloudflare/502").reference).toEqual({
      label: "Ray ID",
      value: "8f3a2c1d4b5e6f70",
    });
    expect(top("/cloudfront/504")).toMatchObject({ state: "timeoutCdnLimit", status: 504 });
  });
});

describe("the sanitiser on what the lab pages do not carry", () => {
  it("removes Set-Cookie, cookie arrays and any copy of a cookie's value", () => {
    const safe = sanitizeHar(
      har([
        entry(
          {},
          {
            headers: [
              { name: "Set-Cookie", value: "sid=Zk29aLq0Xm3NvB7c; Path=/; HttpOnly" },
              { name: "Server", value: "nginx" },
            ],
            cookies: [{ name: "sid", value: "Zk29aLq0Xm3NvB7c" }],
            content: { mimeType: "text/html", text: "<p>debug: sid=Zk29aLq0Xm3NvB7c</p>" },
          },
        ),
      ]),
    );
    expect(JSON.stringify(safe)).not.toContain("Zk29aLq0Xm3NvB7c");
    expect(safe.entries[0]!.responseHeaders[0]).toEqual({ name: "Set-Cookie", value: REMOVED });
    expect(safe.removed.cookies).toBe(2);
  });

  it("removes headers whose names say token, key, secret, session or auth", () => {
    const headers = [
      "X-Api-Key",
      "X-Auth-Token",
      "X-Session-Id",
      "X-Client-Secret",
      "Proxy-Authorization",
    ].map((name) => ({ name, value: `value-of-${name}-1234567` }));
    const safe = sanitizeHar(
      har([entry({ request: { method: "GET", url: "https://a.example/", headers } })]),
    );
    expect(safe.entries[0]!.requestHeaders.every((header) => header.value === REMOVED)).toBe(true);
    expect(safe.removed.headers).toBe(5);
  });

  it("removes JWTs, bearer tokens, JSON passwords and CSRF fields from bodies", () => {
    const jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    const body = [
      `{"error":"upstream","password":"hunter2-very-secret","access_token":"${jwt}","retry":true}`,
      "curl -H 'Authorization: Bearer abcdEFGH12345678ijkl' https://api.example/",
      '<input type="hidden" name="csrf_token" value="c5rf-9f8e7d6c5b4a">',
      "next=/cart&session_token=Qm3k9Z2x",
    ].join("\n");
    const safe = sanitizeHar(
      har([entry({}, { content: { mimeType: "application/json", text: body } })]),
    );
    const excerpt = safe.entries[0]!.excerpt;
    for (const secret of [
      "hunter2-very-secret",
      jwt,
      "abcdEFGH12345678ijkl",
      "c5rf-9f8e7d6c5b4a",
      "Qm3k9Z2x",
    ])
      expect(excerpt).not.toContain(secret);
    // What is not a secret stays readable.
    expect(excerpt).toContain('"error":"upstream"');
    expect(excerpt).toContain('"retry":true');
  });

  it("decodes a base64 text body before scrubbing it, and skips binary bodies", () => {
    const page = '<h1>502</h1>{"token":"t0k3n-secret-value"}';
    const safe = sanitizeHar(
      har([
        entry(
          {},
          {
            content: {
              mimeType: "text/html",
              encoding: "base64",
              text: Buffer.from(page).toString("base64"),
            },
          },
        ),
        entry({}, { content: { mimeType: "image/png", encoding: "base64", text: "iVBORw0KGgo=" } }),
      ]),
    );
    expect(safe.entries[0]!.excerpt).toContain("<h1>502</h1>");
    expect(safe.entries[0]!.excerpt).not.toContain("t0k3n-secret-value");
    expect(safe.entries[1]!.excerpt).toBe("");
  });

  it("does not copy request bodies at all", () => {
    const safe = sanitizeHar(
      har([
        entry({
          request: {
            method: "POST",
            url: "https://a.example/login",
            headers: [],
            postData: {
              mimeType: "application/x-www-form-urlencoded",
              text: "user=ann&pw=Pa55word-Secret",
              params: [{ name: "pw", value: "Pa55word-Secret" }],
            },
          },
        }),
      ]),
    );
    expect(JSON.stringify(safe)).not.toContain("Pa55word-Secret");
    expect(safe.removed.requestBodies).toBe(1);
  });

  it("copies only known fields: a browser's private fields never come through", () => {
    const safe = sanitizeHar(
      har([entry({ _initiator: { url: "https://a.example/?k=PRIVATE-FIELD" }, _priority: "x" })]),
    );
    expect(JSON.stringify(safe)).not.toContain("PRIVATE-FIELD");
  });

  it("refuses a file that is not a HAR, with a reason", () => {
    expect(() => sanitizeHar("not json")).toThrow(HarError);
    expect(() => sanitizeHar('{"log":{}}')).toThrow(/no log\.entries/);
  });
});

describe("URLs", () => {
  it("removes user info, secret query values, random path segments and fragment tokens", () => {
    expect(sanitizeUrl("https://ann:pa55@shop.example.com/a")).toBe("https://shop.example.com/a");
    expect(sanitizeUrl("https://a.example/reset/9f8e7d6c5b4a39281706f5e4d3c2b1a0/done")).toBe(
      "https://a.example/reset/%5Bremoved%5D/done",
    );
    expect(sanitizeUrl("https://a.example/cb#access_token=abc&expires_in=3600")).toBe(
      "https://a.example/cb#access_token=%5Bremoved%5D&expires_in=3600",
    );
    expect(
      sanitizeUrl("https://a.example/s3?X-Amz-Signature=abc123&X-Amz-Credential=AKIAX%2F2026"),
    ).toBe("https://a.example/s3?X-Amz-Signature=%5Bremoved%5D&X-Amz-Credential=%5Bremoved%5D");
    // Ordinary paths and parameters are left alone.
    expect(sanitizeUrl("https://a.example/blog/how-to-fix-502-errors?page=2&sort=new")).toBe(
      "https://a.example/blog/how-to-fix-502-errors?page=2&sort=new",
    );
  });

  it("tells tokens from words", () => {
    expect(looksRandom("8f3a2c1d-4b5e-6f70-9a8b-7c6d5e4f3a2b")).toBe(true);
    expect(looksRandom("Zk29aLq0Xm3NvB7cQ1wE")).toBe(true);
    expect(looksRandom("how-to-fix-502-errors-in-2026")).toBe(false);
    expect(looksRandom("checkout")).toBe(false);
  });

  it("scrubs text that is not a URL", () => {
    expect(scrubText("Authorization: Bearer abcdefgh12345678")).toBe(
      `Authorization: Bearer ${REMOVED}`,
    );
  });
});

describe("extraction", () => {
  it("turns a failure into a pasteable response and groups repeats", () => {
    const report = readHar(
      har([
        entry(),
        entry({
          request: { method: "GET", url: "https://shop.example.com/cart", headers: [] },
        }),
        entry({}, { status: 200, statusText: "OK" }),
      ]),
    );
    expect(report.failureCount).toBe(2);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]!.count).toBe(2);
    expect(report.groups[0]!.urls).toEqual([
      "https://shop.example.com/checkout",
      "https://shop.example.com/cart",
    ]);
    expect(pasteOf(report.groups[0]!.first)).toMatch(
      /^HTTP\/1\.1 502 Bad Gateway\nServer: nginx\/1\.24\.0\n\n<html>/,
    );
  });

  it("reads a 504 after the browser waited 60 s at nginx as its proxy_read_timeout", () => {
    const report = readHar(
      har([
        entry(
          {
            timings: { blocked: 0, dns: 1, connect: 2, ssl: -1, send: 0, wait: 60_040, receive: 1 },
          },
          {
            status: 504,
            statusText: "Gateway Time-out",
            content: {
              mimeType: "text/html",
              text: "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>",
            },
          },
        ),
      ]),
    );
    const [first] = report.groups[0]!.analysis.findings;
    expect(first).toMatchObject({
      ruleId: "browser-timings-timeout",
      state: "timeoutProxyRead",
      product: { id: "browser" },
    });
    expect(first!.title).toContain("nginx's proxy_read_timeout");
  });
});
