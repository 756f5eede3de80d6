import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/analyzer/analyze";
import { CATALOG } from "@/lib/analyzer/catalog";
import { analyzePaste } from "@/lib/analyzer";
import { MAX_INPUT_CHARS, MAX_LINE_CHARS } from "@/lib/analyzer/input";
import type { Rule } from "@/lib/analyzer/types";

const nginx = (time: string, message: string) =>
  `2026/11/21 ${time} [error] 1187#1187: *42 ${message}, client: 203.0.113.9, server: shop.example.com, request: "GET / HTTP/1.1", upstream: "http://127.0.0.1:3000/", host: "shop.example.com"`;
const REFUSED = "connect() failed (111: Connection refused) while connecting to upstream";
const TIMEOUT =
  "upstream timed out (110: Connection timed out) while reading response header from upstream";

describe("analyze: grouping log lines", () => {
  const log = [
    nginx("01:00:05", TIMEOUT),
    nginx("01:00:01", REFUSED),
    "2026/11/21 01:00:02 [notice] 1187#1187: signal process started",
    nginx("01:00:09", REFUSED),
    nginx("01:00:07", REFUSED),
  ].join("\n");

  it("groups lines by cause, counts them and puts the dominant cause first", () => {
    const { findings, matchedLines, lineCount } = analyzePaste(log);
    expect(lineCount).toBe(5);
    expect(matchedLines).toBe(4);
    expect(findings.map((f) => [f.ruleId, f.count])).toEqual([
      ["nginx-connect-refused", 3],
      ["nginx-read-timeout", 1],
    ]);
  });

  it("reports when each cause was first and last seen, whatever order the lines came in", () => {
    const refused = analyzePaste(log).findings[0]!;
    expect(refused.firstSeen?.text).toBe("2026/11/21 01:00:01");
    expect(refused.lastSeen?.text).toBe("2026/11/21 01:00:09");
    expect(refused.firstLine).toBe(2);
    expect(refused.sample).toContain("111: Connection refused");
  });

  it("links each cause into the wizard with the answers it stands for", () => {
    const refused = analyzePaste(log).findings[0]!;
    expect(refused.href).toBe("/diagnose/owner/502/server-page/connection-refused");
    expect(refused.answers.at(-1)).toBe("Connection refused");
    expect(refused.answers[1]).toMatch(/^502/);
    const timeout = analyzePaste(log).findings[1]!;
    expect(timeout.href).toBe("/diagnose/owner/504/proxy");
  });

  it("lists causes before bare status codes, even when the access log has more lines", () => {
    const access =
      '203.0.113.9 - - [21/Nov/2026:01:00:01 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8"';
    const { findings } = analyzePaste(
      [access, access, access, nginx("01:00:01", REFUSED)].join("\n"),
    );
    expect(findings.map((f) => [f.ruleId, f.count])).toEqual([
      ["nginx-connect-refused", 1],
      ["access-log-502", 3],
    ]);
  });

  it("lets the specific rule claim a line before the general one", () => {
    const connectTimeout = analyzePaste(
      nginx(
        "01:00:01",
        "upstream timed out (110: Connection timed out) while connecting to upstream",
      ),
    );
    expect(connectTimeout.findings.map((f) => f.ruleId)).toEqual(["nginx-connect-timeout"]);
  });

  it("tells HAProxy's SH (server aborted) from sH (server timeout), which differ only in case", () => {
    const line = (state: string) =>
      `Nov 21 01:02:03 lb1 haproxy[2231]: 203.0.113.9:51234 [21/Nov/2026:01:02:03.118] www~ app/web1 0/0/0/-1/12 502 209 - - ${state} 1/1/0/0/0 0/0 "GET / HTTP/1.1"`;
    const result = analyzePaste([line("SH--"), line("sH--"), line("sH--")].join("\n"));
    expect(result.findings.map((f) => [f.ruleId, f.count])).toEqual([
      ["haproxy-server-timeout", 2],
      ["haproxy-server-aborted", 1],
    ]);
  });

  it("handles Windows line endings", () => {
    const result = analyzePaste(
      `${nginx("01:00:01", REFUSED)}\r\n${nginx("01:00:02", REFUSED)}\r\n`,
    );
    expect(result.findings[0]?.count).toBe(2);
    expect(result.findings[0]?.sample.endsWith("\r")).toBe(false);
  });
});

describe("analyze: pages and headers", () => {
  it("reads a Cloudflare 521 from headers alone and picks out the Ray ID", () => {
    const result = analyzePaste(
      "HTTP/2 521\ndate: Sat, 21 Nov 2026 01:02:03 GMT\nserver: cloudflare\ncf-ray: 8f3a2c1d4b5e6f70-LHR\n",
    );
    expect(result.findings.map((f) => f.ruleId)).toEqual(["cloudflare-521"]);
    expect(result.findings[0]?.reference).toEqual({
      label: "Ray ID",
      value: "8f3a2c1d4b5e6f70-LHR",
    });
    expect(result.findings[0]?.href).toBe("/diagnose/owner/cloudflare-52x/521");
  });

  it("shows the line that tells, not the one that merely names the vendor", () => {
    const top = analyzePaste("server: cloudflare\ncf-ray: 8f3a2c1d4b5e6f70-LHR\nHTTP/2 524\n")
      .findings[0];
    expect(top?.ruleId).toBe("cloudflare-524");
    expect(top?.sample).toBe("HTTP/2 524");
    expect(top?.firstLine).toBe(3);
  });

  it("decodes Akamai's entity-encoded reference number", () => {
    const page =
      "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don't have permission.<P>Reference&#32;&#35;18&#46;4a1b2c3d&#46;1732153215&#46;9f8e7d6</BODY></HTML>";
    const top = analyzePaste(page).findings[0];
    expect(top?.ruleId).toBe("akamai-access-denied");
    expect(top?.reference).toEqual({
      label: "Reference #",
      value: "18.4a1b2c3d.1732153215.9f8e7d6",
    });
  });

  it("picks out Vercel's request id from its error page", () => {
    const top = analyzePaste(
      "504: GATEWAY_TIMEOUT\nCode: FUNCTION_INVOCATION_TIMEOUT\nID: cdg1::8w2kx-1763686923118-4f2b9c1d7e3a",
    ).findings[0];
    expect(top?.ruleId).toBe("vercel-function-timeout");
    expect(top?.reference).toEqual({
      label: "Vercel ID",
      value: "cdg1::8w2kx-1763686923118-4f2b9c1d7e3a",
    });
  });

  it("speaks once per product: the specific Cloudflare rule, not the generic one as well", () => {
    const page =
      "<title>shop.example.com | 522: Connection timed out</title><span>Error code 522</span> Cloudflare Ray ID: <strong>8f3a2c1d4b5e6f70</strong> 502 Bad Gateway";
    expect(analyzePaste(page).findings.map((f) => f.ruleId)).toEqual(["cloudflare-522"]);
  });

  it("falls back to the bare status code only when nothing specific matched", () => {
    expect(analyzePaste("The site says 502 Bad Gateway").findings.map((f) => f.ruleId)).toEqual([
      "status-502",
    ]);
    const withNginx = analyzePaste("<title>502 Bad Gateway</title><center>nginx</center>");
    expect(withNginx.findings.map((f) => f.ruleId)).toEqual(["nginx-page-502"]);
  });

  it("reports a page and the log lines behind it side by side", () => {
    const paste = `<title>502 Bad Gateway</title><hr><center>nginx/1.24.0</center>\n${nginx("01:00:01", REFUSED)}`;
    expect(
      analyzePaste(paste)
        .findings.map((f) => f.ruleId)
        .sort(),
    ).toEqual(["nginx-connect-refused", "nginx-page-502"]);
  });

  it("shows a page match in context rather than from the start of a one-line page", () => {
    const page = `<html><head><style>${"x".repeat(5000)}</style></head><body>Error code 521 cloudflare</body></html>`;
    const top = analyzePaste(page).findings[0]!;
    expect(top.sample.startsWith("…")).toBe(true);
    expect(top.sample).toContain("Error code 521");
    expect(top.sample.length).toBeLessThan(420);
  });
});

describe("analyze: bad input", () => {
  it("says the paste was empty", () => {
    const result = analyzePaste("  \n\t ");
    expect(result.empty).toBe(true);
    expect(result.findings).toEqual([]);
  });

  it("finds nothing in text it does not recognise, without guessing", () => {
    const result = analyzePaste("hello\nthe website is broken\nplease help");
    expect(result.findings).toEqual([]);
    expect(result.empty).toBe(false);
    expect(result.lineCount).toBe(3);
  });

  it("keeps script tags as inert text in samples", () => {
    const result = analyzePaste(`<script>alert(1)</script> ${nginx("01:00:01", REFUSED)}`);
    expect(result.findings[0]?.sample.startsWith("<script>alert(1)</script>")).toBe(true);
  });

  it("flags binary data and makes control characters visible", () => {
    const bytes = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => i % 32));
    const result = analyzePaste(`${bytes}\n${nginx("01:00:01", REFUSED)}`);
    expect(result.binary).toBe(true);
    expect(analyzePaste(`\u0000${nginx("01:00:01", REFUSED)}`).findings[0]?.sample).toMatch(
      /^\ufffd2026/,
    );
  });

  it("keeps the newest part of an oversized paste and says how much was dropped", () => {
    const filler = "2026/11/21 00:00:00 [notice] 1#1: nothing to see here\n";
    const old = `${nginx("00:00:00", TIMEOUT)}\n`;
    const paste =
      old +
      filler.repeat(Math.ceil((MAX_INPUT_CHARS + 10_000) / filler.length)) +
      nginx("01:00:01", REFUSED);
    const result = analyzePaste(paste);
    expect(result.droppedChars).toBeGreaterThan(10_000);
    expect(result.charCount).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    expect(result.findings.map((f) => f.ruleId)).toEqual(["nginx-connect-refused"]);
  });

  it("counts over-long lines and ignores matches past the per-line limit", () => {
    const long = `${"a".repeat(MAX_LINE_CHARS + 10)} ${REFUSED}`;
    const result = analyzePaste(`${long}\n${nginx("01:00:01", REFUSED)}`);
    expect(result.longLines).toBe(1);
    expect(result.findings[0]?.count).toBe(1);
    expect(result.findings[0]?.firstLine).toBe(2);
  });

  it("answers correctly on input shaped to make naive patterns backtrack", () => {
    const hostile = [
      `${" SH".repeat(50_000)}--`,
      `Reference #${"1.".repeat(50_000)}`,
      `Error code ${" ".repeat(100_000)}521 cloudflare`,
      `curl: (28) Failed to connect to ${"a".repeat(100_000)}`,
    ].join("\n");
    const result = analyzePaste(hostile);
    expect(result.findings.map((f) => f.ruleId)).not.toContain("haproxy-server-aborted");
    expect(result.longLines).toBe(4);
  });

  it("lowercases without shifting offsets when Unicode letters change length", () => {
    // "İ" lowercases to two code units; offsets must still land on the right line.
    const result = analyzePaste(`${"İ".repeat(100)}\n${nginx("01:00:01", REFUSED)}`);
    expect(result.findings[0]?.firstLine).toBe(2);
    expect(result.findings[0]?.sample).toContain("Connection refused");
  });
});

describe("analyze: the catalog is data", () => {
  it("picks up a rule a content author adds, with no change to the matcher", () => {
    const rule: Rule = {
      id: "example-new-rule",
      kind: "log",
      product: "node",
      layer: "app",
      cause: "app-crashed",
      status: 502,
      state: "appCrashing",
      meaning: "A made-up failure used to show that rules are data.",
      confidence: "medium",
      confidenceReason: "Only for the test.",
      anchors: ["frobnicator exploded"],
      example: "2026-11-21T01:02:03Z frobnicator exploded",
    };
    const result = analyze("x\n2026-11-21T01:02:03Z Frobnicator EXPLODED\n", {
      catalog: [...CATALOG, rule],
    });
    expect(result.findings.map((f) => f.ruleId)).toEqual(["example-new-rule"]);
    expect(result.findings[0]?.firstSeen?.text).toBe("2026-11-21T01:02:03Z");
  });
});
