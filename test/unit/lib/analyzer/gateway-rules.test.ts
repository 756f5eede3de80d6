/**
 * Formats of known products that the lab does not produce (older releases, other modules),
 * written the way each product's documentation shows them, pasted the way people paste
 * them: a whole page's source, several related lines at once, a header block alone.
 */
import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

const top = (paste: string) => analyzePaste(paste).findings[0];

describe("Cloudflare's older 52x pages", () => {
  // The 2015–2019 layout: the code in its own span, no "Error code" label, no vendor name,
  // and the Ray ID followed by a bullet and the time in the footer.
  const page = (code: number, heading: string) => `<!DOCTYPE html>
<html class="no-js" lang="en-US">
<head>
<title>shop.example.com | ${code}: ${heading}</title>
<link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/cf.errors.css" />
</head>
<body>
<div id="cf-wrapper">
<h1><span class="cf-error-type">Error</span> <span class="cf-error-code">${code}</span></h1>
<h2 class="cf-subheadline">${heading}</h2>
<span class="cf-footer-item">Ray ID: <strong>3a1b2c3d4e5f6a7b</strong></span>
<span class="cf-footer-separator">&bull;</span>
<span class="cf-footer-item">2018-03-01 12:00:00 UTC</span>
</div>
</body>
</html>`;

  it.each([
    [520, "Web server is returning an unknown error", "origin-unknown-response"],
    [521, "Web server is down", "upstream-refused"],
    [522, "Connection timed out", "upstream-connect-timeout"],
    [523, "Origin is unreachable", "upstream-unreachable"],
    [524, "A timeout occurred", "upstream-timeout"],
    [525, "SSL handshake failed", "upstream-tls"],
    [526, "Invalid SSL certificate", "upstream-tls-invalid-certificate"],
  ] as const)("reads an old %i page with its Ray ID", (code, heading, cause) => {
    const finding = top(page(code, heading));
    expect(finding?.ruleId).toBe(`cloudflare-legacy-${code}`);
    expect(finding?.cause).toBe(cause);
    expect(finding?.reference).toEqual({ label: "Ray ID", value: "3a1b2c3d4e5f6a7b" });
  });

  it("leaves a page without a Ray ID to the bare status", () => {
    expect(top("<h1>Error 522</h1>\n<p>Connection timed out</p>")?.product.id).not.toBe(
      "cloudflare",
    );
  });
});

describe("Apache httpd lines the main rules did not read", () => {
  it("reads Apache 2.2's refused backend and the worker it disables, without AH codes", () => {
    const paste = [
      "[Mon Mar 02 10:11:12 2015] [error] (111)Connection refused: proxy: HTTP: attempt to connect to 127.0.0.1:8080 (localhost) failed",
      "[Mon Mar 02 10:11:12 2015] [error] ap_proxy_connect_backend disabling worker for (localhost)",
      "[Mon Mar 02 10:11:13 2015] [error] proxy: HTTP: disabled connection for (localhost)",
    ].join("\n");
    const { findings } = analyzePaste(paste);
    expect(findings[0]?.ruleId).toBe("apache22-connect-refused");
    expect(findings.every((f) => f.cause === "upstream-refused")).toBe(true);
  });

  it("reads (70007) as a timeout whichever proxy module wrote it", () => {
    for (const line of [
      "[Sat Nov 21 01:02:03.412345 2026] [proxy_fcgi:error] [pid 2210:tid 1] (70007)The timeout specified has expired: [client 203.0.113.9:51234] AH01075: Error dispatching request to : (polling)",
      "[Sat Nov 21 01:02:03.412345 2026] [proxy_ajp:error] [pid 2210:tid 1] (70007)The timeout specified has expired: [client 203.0.113.9:51234] AH01030: ajp_ilink_receive() can't receive header",
      "[Mon Mar 02 10:11:12 2015] [error] [client 203.0.113.9] (70007)The timeout specified has expired: proxy: error reading status line from remote server 127.0.0.1:8080",
    ])
      expect(top(line)?.cause, line).toBe("upstream-timeout");
  });

  it("reads AJP and FastCGI backends that went away", () => {
    expect(
      top(
        "[Sat Nov 21 01:02:03.412345 2026] [proxy_ajp:error] [pid 2210:tid 1] [client 203.0.113.9:51234] AH00893: dialog to 127.0.0.1:8009 (localhost) failed",
      )?.ruleId,
    ).toBe("apache-ajp-no-header");
    expect(
      top(
        "[Sat Nov 21 01:02:03.412345 2026] [proxy_fcgi:error] [pid 2210:tid 1] [client 203.0.113.9:51234] AH01067: Failed to read FastCGI header",
      )?.ruleId,
    ).toBe("apache-fcgi-dispatch");
  });
});

describe("Caddy v1's proxy errors", () => {
  it.each([
    ["[ERROR 502 /api] dial tcp 127.0.0.1:8080: connect: connection refused", "upstream-refused"],
    ["[ERROR 502 /api] unexpected EOF", "upstream-closed"],
    ["[ERROR 502 /api] net/http: timeout awaiting response headers", "upstream-timeout"],
  ])("reads %s", (line, cause) => {
    expect(top(`21/Nov/2026:01:02:03 +0000 ${line}`)?.cause).toBe(cause);
  });
});

describe("Squid evidence without the page", () => {
  it("reads the X-Squid-Error header alone", () => {
    const headers =
      "HTTP/1.1 503 Service Unavailable\nServer: squid/6.6\nX-Squid-Error: ERR_DNS_FAIL 0";
    expect(top(headers)?.ruleId).toBe("squid-page-dns-fail");
  });

  it("groups cache.log's failed connections, then the dead parent they led to", () => {
    const paste = [
      "2026/11/21 01:02:03 kid1| TCP connection to 10.0.0.12/8080 failed",
      "2026/11/21 01:02:04 kid1| TCP connection to 10.0.0.12/8080 failed",
      "2026/11/21 01:02:05 kid1| Detected DEAD Parent: app",
    ].join("\n");
    const rules = analyzePaste(paste).findings.map((f) => f.ruleId);
    expect(rules).toEqual(["squid-tcp-connection-failed", "squid-dead-parent"]);
  });
});
