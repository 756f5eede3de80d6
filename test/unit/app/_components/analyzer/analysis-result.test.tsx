import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AnalysisResult } from "@/app/_components/analyzer/analysis-result";
import { analyzePaste } from "@/lib/analyzer";

const render = (paste: string) =>
  renderToStaticMarkup(<AnalysisResult analysis={analyzePaste(paste)} />);

const REFUSED =
  '2026/12/02 11:00:01 [error] 29#29: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://172.18.0.3:3000/", host: "localhost:8080"';

describe("AnalysisResult", () => {
  it("says plainly that a bare status shows no cause", () => {
    const html = render(
      '172.18.0.1 - - [02/Dec/2026:11:00:01 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8.5.0"',
    );
    expect(html).toContain("Status only: the paste shows an error code but not its cause");
    expect(html).toContain("Status only: no cause shown");
    expect(html).toContain('data-testid="finding-status-only"');
    expect(html).not.toContain("Found one cause");
  });

  it("shows the line as pasted and, beside it, the line as read", () => {
    const html = render(
      `web-1  | ${REFUSED.replace("111: Connection refused", "111: Unknown error")}`,
    );
    expect(html).toContain("web-1  | 2026/12/02");
    expect(html).toMatch(
      /data-testid="finding-read-as"><code>2026\/12\/02 [^<]*\(111: Connection refused\)/,
    );
  });

  it("shows no second copy when nothing was rewritten", () => {
    expect(render(REFUSED)).not.toContain("finding-read-as");
  });

  it("marks which answers of the link the paste shows and which are assumed", () => {
    const html = render(REFUSED);
    expect(html).toContain("502 Bad Gateway (shown by your paste)");
    expect(html).toContain("Connection refused (shown by your paste)");
    expect(html).toMatch(/I run the site[^<]*\(assumed\)/);
    expect(html).toContain(
      "?pasted=1-502%2F3-connection-refused&amp;finding=nginx-connect-refused",
    );
  });

  it("labels a finding that only a sentence mentions", () => {
    const html = render(
      "Why does nginx say connect() failed (111: Connection refused) while connecting to upstream when my app is running?",
    );
    expect(html).toContain('data-testid="finding-prose"');
    expect(html).toContain("Low confidence");
  });
});
