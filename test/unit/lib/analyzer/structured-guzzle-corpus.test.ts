import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

/*
 * Guzzle reports a failed call as "cURL error N: <libcurl's message>"
 * (https://docs.guzzlephp.org/en/stable/request-options.html), and libcurl's message is
 * the same text the curl command prints after "curl: (N) ". The lab's real curl 7.88
 * messages (test/lab/corpus/curl-errors.txt, captured by lab-curl.test.ts against the
 * lab's broken servers) are put in Guzzle's shape, as a Laravel log line, and must be read
 * by the PHP cURL rules with the same cause as curl's own rules give them.
 */

const EXPECTED: Record<string, string> = {
  refused: "php-curl-connect-refused",
  "connect-timeout": "php-curl-connect-timeout",
  "operation-timeout": "php-curl-read-timeout",
  "empty-reply": "php-curl-empty-reply",
  reset: "php-curl-reset",
  "cert-expired": "php-curl-cert-expired",
  "cert-untrusted": "php-curl-cert-chain",
  "cert-self-signed": "php-curl-cert-chain",
  "cert-wrong-host": "php-curl-cert-name",
  "tls-to-http": "php-curl-handshake",
};

const messages = new Map<string, string>();

beforeAll(async () => {
  const corpus = await readFile(join(process.cwd(), "test/lab/corpus/curl-errors.txt"), "utf8");
  let name = "";
  for (const line of corpus.split("\n")) {
    if (line.startsWith("# ")) name = line.slice(2);
    else if (line.startsWith("curl: (") && name) messages.set(name, line);
  }
});

const guzzle = (curlLine: string) => {
  const [, code, text] = /^curl: \((\d+)\) (.+)$/.exec(curlLine) ?? [];
  return `[2026-11-21 01:02:03] production.ERROR: cURL error ${code}: ${text} (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:8080/api {"exception":"[object] (GuzzleHttp\\\\Exception\\\\ConnectException(code: 0)"}`;
};

describe("libcurl's real messages in Guzzle's shape", () => {
  it.each(Object.entries(EXPECTED))("reads %s", (name, ruleId) => {
    const curlLine = messages.get(name);
    expect(curlLine, name).toBeDefined();
    const finding = analyzePaste(guzzle(curlLine!)).findings[0];
    expect(finding?.ruleId, curlLine).toBe(ruleId);
    // Same cause as the rule that reads curl's own line.
    expect(finding?.cause).toBe(analyzePaste(curlLine!).findings[0]?.cause);
  });
});
