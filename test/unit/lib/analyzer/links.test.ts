import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { pastedPositions, readPasteQuery, wizardLinkFor } from "@/lib/analyzer/links";
import { replayAnswers } from "@/machines/replay";

describe("wizardLinkFor", () => {
  it("goes through the status code the visitor saw", () => {
    expect(wizardLinkFor("appDown", 502)?.href).toBe(
      "/diagnose/owner/502/server-page/connection-refused",
    );
    expect(wizardLinkFor("appDown", 503)?.href).toBe("/diagnose/owner/503/no-backends");
  });

  it("falls back to another gateway code when the status has no road to the step", () => {
    // A CDN's 503 page can call for testing the origin directly, a step under the 502 branch.
    expect(wizardLinkFor("originDirect", 503)?.href).toMatch(/^\/diagnose\/owner\/502\//);
  });

  it("uses the shortest road when the evidence implies no status", () => {
    expect(wizardLinkFor("dnsRecords", null)?.href).toBe("/diagnose/owner/no-status");
  });

  it("names the answers it gives, in the words of the buttons", () => {
    const link = wizardLinkFor("malformedHeadersTooBig", 502);
    expect(link?.answers).toHaveLength(4);
    expect(link?.answers[1]).toMatch(/^502 Bad Gateway/);
  });

  it("returns links the wizard replays to the intended state", () => {
    for (const [state, status] of [
      ["timeoutProxyRead", 504],
      ["cf521", 521],
      ["tlsRenew", 502],
      ["memoryOom", 502],
    ] as const) {
      const href = wizardLinkFor(state, status)?.href ?? "";
      const replay = replayAnswers(href.split("/").slice(2).map(decodeURIComponent));
      expect(replay.ok && replay.step.id, href).toBe(state);
    }
  });

  it("returns null for a state the machine does not have", () => {
    expect(wizardLinkFor("noSuchState", 502)).toBeNull();
  });
});

describe("wizardLinkFor: only what the paste shows is marked as shown", () => {
  /** The answers of a finding's link, each with ✓ where the paste supports it. */
  const marked = (paste: string, index = 0) => {
    const finding = analyzePaste(paste).findings[index];
    return finding?.answers.map((answer, i) => `${answer}${finding.supported[i] ? " ✓" : ""}`);
  };

  it("an nginx log line shows the 502 and the refused connect, not which page the visitor saw", () => {
    const answers = marked(
      "2026/12/02 11:00:01 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1",
    );
    expect(answers).toHaveLength(4);
    expect(answers?.[0]).not.toMatch(/✓$/); // who the person is: assumed
    expect(answers?.[1]).toMatch(/^502 .*✓$/);
    expect(answers?.[2]).not.toMatch(/✓$/); // which page: a log line does not show it
    expect(answers?.[3]).toBe("Connection refused ✓");
  });

  it("nginx's own error page shows who rendered it", () => {
    const answers = marked("<title>502 Bad Gateway</title><hr><center>nginx/1.24.0</center>");
    expect(answers?.slice(1)).toEqual([
      expect.stringMatching(/^502 .*✓$/),
      expect.stringMatching(/web-server page.*✓$/),
    ]);
  });

  it("a bare access-log 502 supports the status and nothing that picks a cause", () => {
    const finding = analyzePaste(
      '203.0.113.9 - - [02/Dec/2026:11:00:01 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8.5.0"',
    ).findings[0]!;
    expect(finding.supported.filter(Boolean)).toHaveLength(1);
    expect(finding.answers[finding.supported.indexOf(true)]).toMatch(/^502 /);
  });

  it("a road through another status code marks that code as assumed", () => {
    // A CDN's 503 can call for a step under the 502 branch; the 502 is not what it showed.
    const link = wizardLinkFor("originDirect", 503, {
      cause: "origin-error-passed-on",
      kind: "page",
      product: "cloudfront",
    });
    const at502 = link?.answers.findIndex((answer) => answer.startsWith("502"));
    expect(at502).toBeGreaterThan(0);
    expect(link?.supported[at502!]).toBe(false);
  });

  it("a Cloudflare 521 page supports both the 52x family and the 521", () => {
    const finding = analyzePaste("HTTP/2 521\nserver: cloudflare\ncf-ray: 8f3a2c1d4b5e6f70-LHR")
      .findings[0]!;
    expect(finding.supported).toEqual([false, true, true]);
  });
});

describe("the paste's marks travel to the wizard in the link", () => {
  const refused = analyzePaste(
    "2026/12/02 11:00:01 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1",
  ).findings[0]!;
  const url = new URL(refused.markedHref!, "https://gateway.doctor");
  const answers = url.pathname.split("/").slice(2);

  it("keeps the plain permalink beside the marked link", () => {
    expect(refused.href).toBe("/diagnose/owner/502/server-page/connection-refused");
    expect(url.pathname).toBe(refused.href);
  });

  it("names exactly the answers the finding supports, and the rule that read them", () => {
    const marks = readPasteQuery(url.searchParams);
    expect(marks?.reason).toBe("your paste: The next server refused the connection");
    const shown = [...pastedPositions(answers, marks)].sort();
    const supported = refused.supported.flatMap((isShown, index) => (isShown ? [index] : []));
    expect(shown).toEqual(supported);
    expect(shown.map((index) => answers[index])).toEqual(["502", "connection-refused"]);
  });

  it("drops a mark once the person changes that answer", () => {
    const marks = readPasteQuery(url.searchParams);
    const changed = ["owner", "504", "proxy"];
    expect([...pastedPositions(changed, marks)]).toEqual([]);
  });

  it("ignores marks it cannot read or a rule it does not know", () => {
    expect(readPasteQuery(new URLSearchParams("pasted=1-502&finding=no-such-rule"))).toBeNull();
    expect(
      readPasteQuery(new URLSearchParams("pasted=1-<script>&finding=nginx-connect-refused")),
    ).toBeNull();
    expect(readPasteQuery({ finding: "nginx-connect-refused" })).toBeNull();
  });
});
