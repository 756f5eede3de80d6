import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { hasLogStructure, normalizePaste, readsAsProse } from "@/lib/analyzer/normalize";

/**
 * The lines people paste while chasing a 502 rarely arrive as the server wrote them. Each
 * case below is a way a real paste is mangled (a tool's prefix, a wrap, JSON, a pager),
 * checked twice: the normaliser gives back the server's line, and the analyzer names the
 * right cause while showing the line as it was pasted.
 */

// nginx 1.25 in Docker, observed in the lab: the shape of the error log line is nginx's own
// (src/core/ngx_log.c: time, [level], pid#tid, *connection, message, then the context).
const REFUSED =
  '2026/12/02 11:00:01 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://172.18.0.3:3000/", host: "localhost:8080"';
const READ_TIMEOUT =
  '2026/12/02 11:00:07 [error] 31#31: *9 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 172.18.0.1, server: _, request: "GET /report HTTP/1.1", upstream: "http://172.18.0.3:3000/report", host: "localhost:8080"';

const lines = (paste: string) => normalizePaste(paste).text.split("\n");

/** Word-wrap a line as an editor or mail client does: break at spaces, drop the space. */
function wordWrap(line: string, width: number): string {
  const rows: string[] = [];
  let row = "";
  for (const word of line.split(" ")) {
    if (row !== "" && row.length + 1 + word.length > width) {
      rows.push(row);
      row = word;
    } else {
      row = row === "" ? word : `${row} ${word}`;
    }
  }
  if (row !== "") rows.push(row);
  return rows.join("\n");
}

/** Hard-wrap a line as a terminal does: exactly `width` characters a row, mid-word. */
function hardWrap(line: string, width: number): string {
  const rows: string[] = [];
  for (let at = 0; at < line.length; at += width) rows.push(line.slice(at, at + width));
  return rows.join("\n");
}

describe("normalizePaste: tool prefixes", () => {
  it("removes docker compose's service prefix (v2 `web-1  | ` and v1 `web_1 | `) and colours", () => {
    const paste = [`web-1  | ${REFUSED}`, `\u001b[36mweb_1   |\u001b[0m ${READ_TIMEOUT}`].join(
      "\n",
    );
    expect(lines(paste)).toEqual([REFUSED, READ_TIMEOUT]);
  });

  it("removes kubectl's --prefix and --timestamps, in either order of nesting", () => {
    const paste = `[pod/web-7d4b9c-x2x8k/nginx] 2026-12-02T11:00:01.123456789Z ${REFUSED}`;
    expect(lines(paste)).toEqual([REFUSED]);
  });

  it("removes journald's time and host but keeps the program tag rules read", () => {
    const paste = `Dec 02 11:00:01 web1 nginx[123]: ${REFUSED}\n2026-12-02T11:00:01+0000 web1 nginx[123]: ${READ_TIMEOUT}`;
    expect(lines(paste)).toEqual([`nginx[123]: ${REFUSED}`, `nginx[123]: ${READ_TIMEOUT}`]);
  });

  it("removes Markdown quoting and code fences", () => {
    const paste = ["> my error log:", ">", "> ```", `> ${REFUSED}`, "> ```"].join("\n");
    expect(lines(paste)).toEqual(["my error log:", "", REFUSED]);
  });

  it("leaves a line that merely contains a bar or a bracket alone", () => {
    const line = "2026/12/02 11:00:01 [notice] 1#1: using the | character in a log_format";
    expect(lines(line)).toEqual([line]);
  });
});

describe("normalizePaste: hard wraps", () => {
  it("rejoins an nginx line word-wrapped at 80 columns, with the dropped spaces", () => {
    const wrapped = wordWrap(REFUSED, 80);
    expect(wrapped.split("\n").length).toBeGreaterThan(2);
    expect(lines(wrapped)).toEqual([REFUSED]);
  });

  it("rejoins lines a terminal broke mid-word at its width", () => {
    const wrapped = `${hardWrap(REFUSED, 100)}\n${hardWrap(READ_TIMEOUT, 100)}`;
    expect(lines(wrapped)).toEqual([REFUSED, READ_TIMEOUT]);
  });

  it("keeps two genuine short lines apart, even in a wrapped paste", () => {
    const paste = [
      wordWrap(REFUSED, 80),
      'nginx: [emerg] host not found in upstream "app:3000" in /etc/nginx/conf.d/default.conf:12',
      "nginx: configuration file /etc/nginx/nginx.conf test failed",
      "it started after the deploy",
    ].join("\n");
    expect(lines(paste)).toEqual([
      REFUSED,
      'nginx: [emerg] host not found in upstream "app:3000" in /etc/nginx/conf.d/default.conf:12',
      "nginx: configuration file /etc/nginx/nginx.conf test failed",
      "it started after the deploy",
    ]);
  });

  it("keeps curl's own second line apart: its first word would have fitted above", () => {
    // curl 8.5 prints this pair on a certificate error (test/lab/corpus/curl-errors.txt).
    const paste = [
      "curl: (60) SSL certificate problem: unable to get local issuer certificate",
      "More details here: https://curl.se/docs/sslcerts.html",
      "",
      wordWrap(REFUSED, 80),
    ].join("\n");
    expect(lines(paste).slice(0, 2)).toEqual(paste.split("\n").slice(0, 2));
    expect(lines(paste).at(-1)).toBe(REFUSED);
  });

  it("does not join a log line with the next when the paste was never wrapped", () => {
    const paste = `${REFUSED}\nthe app is up, I checked`;
    expect(lines(paste)).toEqual([REFUSED, "the app is up, I checked"]);
  });

  it("keeps a block of headers one header a line", () => {
    const paste = [
      "HTTP/2 502",
      "content-security-policy: default-src 'self'; script-src 'self' https://cdn.example.com",
      "x-request-id: 4f2b9c1d7e3a",
      "server: cloudflare",
      "cf-ray: 8f3a2c1d4b5e6f70-LHR",
    ].join("\n");
    expect(lines(paste)).toEqual(paste.split("\n"));
  });

  it("the analyzer reads the rejoined line and shows the rows as pasted", () => {
    const wrapped = wordWrap(REFUSED, 80);
    const [top] = analyzePaste(wrapped).findings;
    expect(top?.ruleId).toBe("nginx-connect-refused");
    expect(top?.confidence).toBe("high");
    expect(top?.firstLine).toBe(1);
    expect(top?.sample).toBe(wrapped);
    expect(top?.readAs).toBe(REFUSED);
  });
});

describe("normalizePaste: JSON", () => {
  it("reads a Docker json-file log line: the message, with its escapes undone", () => {
    const line = JSON.stringify({
      log: `${REFUSED}\n`,
      stream: "stderr",
      time: "2026-12-02T11:00:01.123456789Z",
    });
    expect(line).toContain('\\"GET / HTTP/1.1\\"');
    expect(lines(line)).toContain(REFUSED);
    const [top] = analyzePaste(line).findings;
    expect(top?.ruleId).toBe("nginx-connect-refused");
    expect(top?.count).toBe(1);
    expect(top?.sample.startsWith('{"log":')).toBe(true);
    expect(top?.readAs).toBe(REFUSED);
  });

  it("keeps the JSON line whole too, for rules that read its keys and numbers", () => {
    // Caddy 2's error log, observed in the lab (test/lab/corpus/caddy.log).
    const line =
      '{"level":"error","ts":1795227875.07,"logger":"http.log.error","msg":"dial tcp 127.0.0.1:36919: connect: connection refused","request":{"method":"GET","uri":"/"},"status":502}';
    const normalized = normalizePaste(line);
    expect(normalized.text.split("\n")[0]).toBe(line);
    expect(normalized.container[0]).toBe(1);
    expect(lines(line)).toContain("dial tcp 127.0.0.1:36919: connect: connection refused");
    const [top] = analyzePaste(line).findings;
    expect(top?.count).toBe(1);
  });

  it("counts every log line of a JSON array of them, the document itself included once", () => {
    const again = (second: string) => REFUSED.replace("11:00:01", `11:00:${second}`);
    const document = JSON.stringify({ lines: [REFUSED, READ_TIMEOUT, again("02"), again("03")] });
    const counts = analyzePaste(document).findings.map((f) => [f.ruleId, f.count]);
    expect(counts).toEqual([
      ["nginx-connect-refused", 3],
      ["nginx-read-timeout", 1],
    ]);
  });

  it("reads JSON inside JSON (a JSON logger shipped by a JSON log driver)", () => {
    const inner = JSON.stringify({ level: "error", msg: REFUSED });
    const outer = JSON.stringify({ log: `${inner}\n`, stream: "stdout" });
    expect(lines(outer)).toContain(REFUSED);
  });

  it("reads an HTML error page inside a JSON error body, escaped as \\u003c", () => {
    const page =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
    // Go's encoding/json escapes < and > this way by default.
    const body = JSON.stringify({ error: page }).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
    expect(body).toContain("\\u003ctitle\\u003e");
    const [top] = analyzePaste(`upstream said: ${body}`).findings;
    expect(top?.ruleId).toBe("nginx-page-502");
  });

  it("unescapes a pretty-printed JSON field that does not parse on its own line", () => {
    const field = `  "message": ${JSON.stringify(`${REFUSED}\n`)},`;
    expect(lines(field)).toContain(`  "message": "${REFUSED}`);
    expect(analyzePaste(field).findings[0]?.ruleId).toBe("nginx-connect-refused");
  });

  it("keeps a Windows path with \\n in it as written", () => {
    const line =
      '2026/12/02 11:00:01 [emerg] 4242#1234: CreateFile() "C:\\nginx\\conf\\nginx.conf" failed (3: The system cannot find the path specified)';
    expect(lines(line)).toEqual([line]);
  });
});

describe("normalizePaste: pager cuts", () => {
  it("drops the ellipsis a pager or systemctl put on a chopped line and flags it", () => {
    const cut = `${REFUSED.slice(0, 110)}…`;
    const normalized = normalizePaste(cut);
    expect(normalized.text).toBe(REFUSED.slice(0, 110));
    expect(normalized.cut[0]).toBe(1);
  });

  it("takes less's > at the edge of a chopped line, but not the > that ends HTML", () => {
    expect(normalizePaste(`${REFUSED.slice(0, 110)}>`).cut[0]).toBe(1);
    expect(normalizePaste("<center><h1>502 Bad Gateway</h1></center>").cut[0]).toBe(0);
  });

  it("recognises a cut line where the telling words survived, with lowered confidence", () => {
    // "(111: Connection refused)" survived; "…while connecting to upstream" did not.
    const cut = `${REFUSED.slice(0, REFUSED.indexOf(" while") + 6)}…`;
    const [top] = analyzePaste(cut).findings;
    expect(top?.ruleId).toBe("nginx-connect-refused");
    expect(top?.cutShort).toBe(true);
    expect(top?.confidence).toBe("medium");
    expect(top?.confidenceReason).toMatch(/cut short/);
  });

  it("names nothing when the cut took the telling words", () => {
    expect(analyzePaste(`${REFUSED.slice(0, 60)}…`).findings).toEqual([]);
  });

  it("treats rows at exactly a terminal's width, followed by new entries, as chopped", () => {
    const chopped = [REFUSED, READ_TIMEOUT, REFUSED].map((line) => line.slice(0, 120)).join("\n");
    const normalized = normalizePaste(chopped);
    expect(Array.from(normalized.cut)).toEqual([1, 1, 1]);
    const [top] = analyzePaste(chopped).findings;
    expect(top?.ruleId).toBe("nginx-connect-refused");
    expect(top?.count).toBe(2);
  });
});

describe("normalizePaste: lines that merely share a length", () => {
  it("does not take a repeated access-log line for a terminal's cut", () => {
    const line =
      '172.18.0.1 - - [02/Dec/2026:11:00:01 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8.5.0"';
    const normalized = normalizePaste([line, line, line, "it keeps happening"].join("\n"));
    expect(Array.from(normalized.cut)).toEqual([0, 0, 0, 0]);
    expect(normalized.text.split("\n")).toHaveLength(4);
  });
});

describe("normalizePaste: bookkeeping", () => {
  it("maps each line back to the pasted lines it came from", () => {
    const paste = ["```", `web-1  | ${REFUSED}`, wordWrap(READ_TIMEOUT, 80), "```"].join("\n");
    const normalized = normalizePaste(paste);
    expect(normalized.text.split("\n")).toEqual([REFUSED, READ_TIMEOUT]);
    expect(Array.from(normalized.firstOriginal)).toEqual([1, 2]);
    expect(normalized.lastOriginal[1]).toBe(paste.split("\n").length - 2);
    const result = analyzePaste(paste);
    expect(result.lineCount).toBe(paste.split("\n").length);
    expect(result.findings.map((f) => [f.ruleId, f.firstLine])).toEqual([
      ["nginx-connect-refused", 2],
      ["nginx-read-timeout", 3],
    ]);
  });

  it("passes a clean log through unchanged and marks nothing as changed", () => {
    const paste = `${REFUSED}\n${READ_TIMEOUT}\n`;
    const normalized = normalizePaste(paste);
    expect(normalized.text).toBe(`${REFUSED}\n${READ_TIMEOUT}`);
    expect(Array.from(normalized.changed)).toEqual([0, 0]);
    expect(analyzePaste(paste).findings.every((f) => f.readAs === null)).toBe(true);
  });

  it("times a line by its tool's prefix when the line carries no time of its own", () => {
    const paste = `2026-12-02T11:00:01.5Z curl: (7) Failed to connect to 203.0.113.10 port 443 after 2 ms: Connection refused`;
    expect(analyzePaste(paste).findings[0]?.firstSeen?.text).toMatch(/^2026-12-02T11:00:01/);
  });
});

describe("prose is not evidence", () => {
  it("tells a sentence from a log line", () => {
    expect(
      readsAsProse("I keep getting a 502 and the log says the host could not be resolved"),
    ).toBe(true);
    expect(readsAsProse("Why does nginx say connection refused when my app is running?")).toBe(
      true,
    );
    expect(
      readsAsProse("connect() failed (111: Connection refused) while connecting to upstream"),
    ).toBe(false);
    expect(readsAsProse(REFUSED)).toBe(false);
    expect(readsAsProse("[error] the upstream could not be resolved")).toBe(false);
    expect(hasLogStructure("server: cloudflare")).toBe(true);
  });

  it("ranks a question that mentions DNS below the log line that shows a refused connect", () => {
    const paste = [
      "Hi, my site gives 502. Is this because the host could not be resolved? Here is the log:",
      REFUSED,
    ].join("\n");
    const { findings } = analyzePaste(paste);
    expect(findings[0]?.ruleId).toBe("nginx-connect-refused");
    expect(findings[0]?.confidence).toBe("high");
    const prose = findings.find((f) => f.fromProse);
    expect(prose?.ruleId).toBe("nginx-resolve-failed");
    expect(prose?.confidence).toBe("low");
    expect(findings.indexOf(prose!)).toBe(findings.length - 1);
  });

  it("ranks a pasted forum answer below an error page and the bare status it shows", () => {
    const paste = [
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.24.0</center></body></html>",
      "Accepted answer: this means the connection was refused because the app is not listening, so check that the upstream is running and that (111: Connection refused) is in your error log.",
    ].join("\n");
    const { findings } = analyzePaste(paste);
    expect(findings[0]?.ruleId).toBe("nginx-page-502");
    expect(findings.at(-1)?.fromProse).toBe(true);
  });

  it("keeps a sentence's finding only when no real line shows the same thing", () => {
    const paste = [
      `why do I get this? ${REFUSED.slice(REFUSED.indexOf("connect()"))}`,
      REFUSED,
    ].join("\n");
    const { findings } = analyzePaste(paste);
    expect(findings.map((f) => [f.ruleId, f.count, f.fromProse])).toEqual([
      ["nginx-connect-refused", 1, false],
    ]);
  });

  it("still answers for a lone question, honestly labelled", () => {
    const [only] = analyzePaste(
      "Why does nginx say connect() failed (111: Connection refused) while connecting to upstream when my app is running?",
    ).findings;
    expect(only?.ruleId).toBe("nginx-connect-refused");
    expect(only?.fromProse).toBe(true);
    expect(only?.confidence).toBe("low");
  });
});

describe("a whole messy paste, as people file it in an issue tracker", () => {
  // nginx:alpine is built on musl, so its errno texts are musl's; the shape of the issue is
  // the common one: a question, then `docker compose logs` output in a fenced block.
  const issue = [
    "Hi, after moving to nginx:alpine I get 502 on every request.",
    "I think the upstream host could not be resolved, but `docker ps` shows the app is up.",
    "",
    "```console",
    "$ docker compose logs web",
    'web-1  | 2026/12/02 11:00:01 [error] 29#29: *1 connect() failed (113: Host is unreachable) while connecting to upstream, client: 172.18.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://172.18.0.3:3000/", host: "localhost:8080"',
    'web-1  | 172.18.0.1 - - [02/Dec/2026:11:00:01 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8.5.0"',
    "```",
  ].join("\n");

  it("leads with the log line's cause, then the status, and the question's guess last", () => {
    const { findings } = analyzePaste(issue);
    expect(findings.map((f) => [f.ruleId, f.confidence, f.fromProse])).toEqual([
      ["nginx-no-route", "medium", false],
      ["access-log-502", "status-only", false],
      ["nginx-resolve-failed", "low", true],
    ]);
  });

  it("points at the lines as pasted, prefix and musl wording included", () => {
    const top = analyzePaste(issue).findings[0]!;
    expect(top.firstLine).toBe(6);
    expect(top.sample).toMatch(/^web-1 {2}\| 2026\/12\/02/);
    expect(top.sample).toContain("(113: Host is unreachable)");
    expect(top.readAs).toMatch(/^2026\/12\/02 .*\(113: No route to host\)/);
  });
});
