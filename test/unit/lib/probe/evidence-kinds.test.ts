import { describe, expect, it } from "vitest";
import { classifySample, summarise } from "@/lib/probe/classify";
import type { ProbeSample } from "@/lib/probe/connection";
import { timingSignature } from "@/lib/probe/timing";
import type { DnsResult } from "@/lib/probe/dns";

// One test per kind of evidence the verdict's cause can rest on, each with a near miss that
// must not be read the same way. Texts are as the products sent them in the gateway lab
// (test/lab/gateways/captures).

function answer(
  status: number,
  reason: string,
  headers: Record<string, string>,
  body = "",
  waitMs = 2,
): ProbeSample {
  return {
    address: "127.0.0.1",
    phases: { dns: null, connect: 0.2, tls: null, firstByte: waitMs, total: waitMs + 0.5 },
    failedPhase: null,
    error: null,
    tls: null,
    response: {
      status,
      statusText: reason,
      httpVersion: "1.1",
      headers,
      bodyExcerpt: body,
      bodyBytes: body.length,
      bodyComplete: true,
    },
    allHeaders: headers,
  };
}

describe("the reason phrase", () => {
  it("names the cause when a gateway words its own (Traffic Server's 502 Connection refused)", () => {
    const verdict = summarise([answer(502, "Connection refused", { server: "ATS/9.2.9" })], null);
    expect(verdict).toMatchObject({
      vendor: "trafficserver",
      cause: "upstream-refused",
      confidence: "high",
    });
    expect(verdict.evidence).toContain(
      'the reason phrase "502 Connection refused" names the failure',
    );
  });

  it("tells a closed connection from garbage by the phrase alone", () => {
    const closed = classifySample(
      answer(502, "Malformed Server Response Status", { server: "ATS/9.2.9" }),
    );
    const garbage = classifySample(answer(502, "Invalid HTTP Response", { server: "ATS/9.2.9" }));
    expect(closed.cause).toBe("upstream-closed");
    expect(garbage.cause).toBe("upstream-invalid-response");
  });

  it("gives an unknown gateway a cause from generic wording, and none from a standard phrase", () => {
    expect(classifySample(answer(502, "Connection refused", {})).cause).toBe("upstream-refused");
    expect(classifySample(answer(502, "Bad Gateway", {})).cause).toBeNull();
  });
});

describe("the page and the headers", () => {
  it.each([
    ["connection failed", "upstream-refused"],
    ["I/O timeout", "upstream-timeout"],
    ["failed to parse the response", "upstream-invalid-response"],
    ["I/O error (head)", "upstream-closed"],
  ])("h2o's body %j states %s", (body, cause) => {
    const verdict = classifySample(answer(502, "Gateway Error", { server: "h2o/2.2.5" }, body));
    expect(verdict).toMatchObject({ vendor: "h2o", cause, confidence: "high", layer: "proxy" });
  });

  it.each([
    ["ERR_ZERO_SIZE_OBJECT 0", "upstream-closed"],
    ["ERR_READ_TIMEOUT 0", "upstream-timeout"],
    ["ERR_CONNECT_FAIL 111", "upstream-refused"],
    ["ERR_READ_ERROR 104", "upstream-closed"],
  ])("Squid's X-Squid-Error %j states %s", (value, cause) => {
    const verdict = classifySample(
      answer(502, "Bad Gateway", {
        server: "squid/5.7",
        via: "1.1 lab (squid/5.7)",
        "x-squid-error": value,
      }),
    );
    expect(verdict).toMatchObject({ vendor: "squid", cause });
  });

  it("claims nothing from Squid's errno-less read error, which it gave a refusal and a TLS failure alike", () => {
    const verdict = classifySample(
      answer(502, "Bad Gateway", { server: "squid/5.7", "x-squid-error": "ERR_READ_ERROR 0" }),
    );
    expect(verdict).toMatchObject({ vendor: "squid", cause: null });
  });

  it("gives an unknown gateway's page a cause from wording any proxy uses", () => {
    const verdict = classifySample(answer(502, "Bad Gateway", {}, "upstream timed out"));
    expect(verdict).toMatchObject({ vendor: null, cause: "upstream-timeout" });
    // A healthy page that mentions a timeout is no failure to explain.
    expect(classifySample(answer(200, "OK", {}, "upstream timed out")).cause).toBeNull();
  });
});

describe("an answer without a status line (HTTP/0.9)", () => {
  it("is not 'nothing wrong' when Squid relays it as a 200", () => {
    const verdict = summarise(
      [
        answer(
          200,
          "OK",
          { "x-transformed-from": "HTTP/0.9", via: "1.1 lab (squid/5.7)" },
          "\u0000\u0001\u0002 this is not HTTP \r\n\r\n",
        ),
      ],
      null,
    );
    expect(verdict).toMatchObject({
      code: "malformed-response",
      vendor: "squid",
      cause: "upstream-invalid-response",
      confidence: "high",
      failureCount: 1,
    });
  });

  it("reads binary bytes with no Content-Type as junk, but not a typed binary body", () => {
    expect(classifySample(answer(200, "OK", {}, "\u0000\u0017garbage")).code).toBe(
      "malformed-response",
    );
    expect(
      classifySample(answer(200, "OK", { "content-type": "image/png" }, "\u0000\u0017PNG")).code,
    ).toBe("ok");
  });
});

describe("the timing signature across samples", () => {
  const varnish = (waitMs: number) =>
    answer(
      503,
      "Backend fetch failed",
      { server: "Varnish", via: "1.1 varnish (Varnish/7.1)", "x-varnish": "3" },
      "<h1>Error 503 Backend fetch failed</h1><h3>Guru Meditation:</h3><p>XID: 4</p>",
      waitMs,
    );

  it("reads three failures after the same ~2 s as a timeout, whatever the status says", () => {
    const verdict = summarise([varnish(2003), varnish(2002), varnish(2004)], null);
    expect(verdict).toMatchObject({
      code: "unavailable",
      vendor: "varnish",
      cause: "upstream-timeout",
      confidence: "medium",
    });
    expect(verdict.evidence.join("\n")).toMatch(/every failed sample waited about 2003 ms.*2 s/);
  });

  it("names the product default a wait matches (Varnish first_byte_timeout, 60 s)", () => {
    const signature = timingSignature([varnish(60_020), varnish(60_040)], "varnish");
    expect(signature?.matches).toMatchObject({ setting: "first_byte_timeout", seconds: 60 });
  });

  it("near miss: waits that differ are a slow application, not a timer", () => {
    const verdict = summarise([varnish(2003), varnish(2600), varnish(1500)], null);
    expect(verdict.cause).toBeNull();
    expect(verdict.confidence).toBeUndefined();
    expect(verdict.evidence.join("\n")).not.toMatch(/timing:/);
  });

  it("keeps the signature when a busy machine delivers one answer late (a timer never fires early)", () => {
    const verdict = summarise([varnish(2003), varnish(2310), varnish(2006)], null);
    expect(verdict.cause).toBe("upstream-timeout");
    expect(verdict.evidence.join("\n")).toMatch(/about 2005 ms .*across 2/);
  });

  it("near miss: two waits apart and one between them agree on nothing", () => {
    expect(timingSignature([varnish(2000), varnish(2200), varnish(2400)], "varnish")).toBeNull();
  });

  it("near miss: fast steady failures are refusals, not waits", () => {
    expect(timingSignature([varnish(1), varnish(2), varnish(1)], "varnish")).toBeNull();
  });

  it("gives a cause to wording a product uses for several failures only by timing (Apache's 'Error reading from remote server')", () => {
    const apache = (waitMs: number) =>
      answer(
        502,
        "Proxy Error",
        { server: "Apache/2.4.71 (Debian)" },
        "The proxy server received an invalid\r\nresponse from an upstream server.<p>Reason: <strong>Error reading from remote server</strong></p>",
        waitMs,
      );
    // Fast: a close, a reset or garbage; the page cannot say which, so neither does the verdict.
    expect(summarise([apache(1), apache(2), apache(1)], null)).toMatchObject({ cause: null });
    expect(summarise([apache(2004), apache(2005), apache(2003)], null)).toMatchObject({
      cause: "upstream-timeout",
      confidence: "medium",
    });
  });

  it("does not overrule a page that states its cause (HAProxy retried a refused server for 3 s)", () => {
    const haproxy = (waitMs: number) =>
      answer(
        503,
        "Service Unavailable",
        {},
        "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>",
        waitMs,
      );
    expect(summarise([haproxy(3008), haproxy(3006), haproxy(3004)], null).cause).toBe(
      "no-healthy-upstream",
    );
  });
});

describe("a product's bare statuses", () => {
  it("reads lighttpd's 500 as the upstream closing, at the proxy, not the application failing", () => {
    const verdict = classifySample(
      answer(500, "Internal Server Error", { server: "lighttpd/1.4.69" }, "<h1>500</h1>"),
    );
    expect(verdict).toMatchObject({
      vendor: "lighttpd",
      cause: "upstream-closed",
      confidence: "medium",
      layer: "proxy",
    });
    // The same status from an app server is the application's own failure.
    expect(
      classifySample(answer(500, "Internal Server Error", { server: "gunicorn" })),
    ).toMatchObject({
      cause: null,
      layer: "app",
    });
  });
});

describe("samples that disagree", () => {
  it("are intermittent, and keep the cause the failed samples state", () => {
    const ok = answer(200, "OK", { server: "h2o/2.2.5" }, "hello");
    const closed = answer(502, "Gateway Error", { server: "h2o/2.2.5" }, "I/O error (head)");
    expect(summarise([ok, closed, ok], null)).toMatchObject({
      code: "bad-gateway",
      intermittent: true,
      cause: "upstream-closed",
      confidence: "high",
    });
    // A failure that states nothing stays without a cause, intermittent or not.
    const bare = answer(502, "Bad Gateway", { server: "Caddy" });
    expect(summarise([ok, bare, ok], null)).toMatchObject({ intermittent: true, cause: null });
  });
});

describe("what the probe observed", () => {
  const resolved: DnsResult = {
    name: "shop.example",
    servers: [],
    durationMs: 3,
    addresses: [{ address: "203.0.113.7", family: 4, ttl: 300 }],
    cnameChain: [],
    error: null,
  };

  it("claims a DNS answer only when a lookup returned addresses", () => {
    const sample = answer(502, "Bad Gateway", { server: "nginx/1.22.1" });
    expect(summarise([sample], null).observed.dnsResolved).toBe(false);
    expect(summarise([sample], resolved).observed).toMatchObject({
      dnsResolved: true,
      connected: true,
      tlsHandshake: false,
      httpResponse: true,
      gateway: "nginx",
    });
  });

  it("names no gateway for an app server or a silent server", () => {
    expect(summarise([answer(500, "", { server: "gunicorn" })], null).observed.gateway).toBeNull();
    const silent: ProbeSample = {
      ...answer(200, "OK", {}),
      response: null,
      failedPhase: "firstByte",
      error: { code: "ETIMEDOUT", message: "no answer" },
      phases: { dns: null, connect: 0.2, tls: null, firstByte: null, total: 1000 },
    };
    expect(summarise([silent], null).observed).toMatchObject({
      connected: true,
      httpResponse: false,
      gateway: null,
    });
  });
});
