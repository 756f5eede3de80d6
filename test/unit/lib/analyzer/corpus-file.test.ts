/**
 * The committed corpus of nginx error lines captured from the lab
 * (test/lab/corpus/nginx-error.log, refreshed with CAPTURE_CORPUS=1). It keeps the
 * real-line check running even where nginx is not installed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

const corpus = readFileSync(join(process.cwd(), "test/lab/corpus/nginx-error.log"), "utf8");
const lines = corpus.split("\n").filter((line) => line.trim() !== "");

/** Which rule each lab location's failure must map to. */
const BY_REQUEST: Record<string, string[]> = {
  dead: ["nginx-connect-refused"],
  slow: ["nginx-read-timeout"],
  "stalled-body": ["nginx-timeout-other"],
  garbage: ["nginx-invalid-header"],
  "bad-header": ["nginx-invalid-header"],
  closed: ["nginx-premature-close-header"],
  reset: ["nginx-connection-reset"],
  "huge-headers": ["nginx-too-big-header"],
  socket: ["nginx-socket-missing"],
  unaccepting: ["nginx-connect-timeout"],
  tls: ["nginx-upstream-handshake"],
  nxdomain: ["nginx-resolve-failed"],
  "cert-expired": ["nginx-upstream-cert-expired"],
  "cert-wrong-host": ["nginx-upstream-cert-name"],
  "cert-untrusted": ["nginx-upstream-cert-untrusted"],
  "fastcgi-to-http": ["nginx-fastcgi-protocol"],
  "all-down": ["nginx-connect-refused", "nginx-no-live-upstreams"],
};

describe("captured nginx corpus", () => {
  it("covers every lab failure", () => {
    const requests = new Set(lines.map((line) => /request: "GET \/([\w-]+) /.exec(line)?.[1]));
    expect([...requests].sort()).toEqual(Object.keys(BY_REQUEST).sort());
  });

  it.each(lines.map((line) => [line.slice(0, 90), line] as const))(
    "classifies %s…",
    (_short, line) => {
      const request = /request: "GET \/([\w-]+) /.exec(line)?.[1] ?? "";
      expect(BY_REQUEST[request]).toContain(analyzePaste(line).findings[0]?.ruleId);
    },
  );

  it("puts the most frequent cause first when the whole file is pasted", () => {
    const { findings } = analyzePaste(corpus);
    expect(findings[0]?.ruleId).toBe("nginx-connect-refused");
    expect(findings[0]?.count).toBe(3);
    expect(findings.slice(1).every((f) => f.count <= 3)).toBe(true);
  });
});

describe("captured HAProxy and Apache corpora", () => {
  const read = (name: string) =>
    readFileSync(join(process.cwd(), "test/lab/corpus", name), "utf8").split("\n");

  it("classifies HAProxy's request lines by termination state", () => {
    const expected: Record<string, string> = {
      "SC--": "haproxy-sc",
      "sC--": "haproxy-connect-timeout",
      "SH--": "haproxy-server-aborted",
      "sH--": "haproxy-server-timeout",
      "PH--": "haproxy-invalid-response",
      "sQ--": "haproxy-queue-timeout",
    };
    const seen = new Set<string>();
    for (const line of read("haproxy.log")) {
      const state = / - - (\S{4}) /.exec(line)?.[1];
      if (!state || !(state in expected)) continue;
      seen.add(state);
      expect(analyzePaste(line).findings[0]?.ruleId, line).toBe(expected[state]);
    }
    expect([...seen].sort()).toEqual(Object.keys(expected).sort());
  });

  it("classifies HAProxy's health-check alerts", () => {
    const rules = read("haproxy.log").map((line) => analyzePaste(line).findings[0]?.ruleId);
    expect(rules).toContain("haproxy-check-refused");
    expect(rules).toContain("haproxy-no-server");
  });

  it("classifies every error line Apache wrote", () => {
    const errors = read("apache-error.log").filter((line) =>
      /\[[a-z_]+:(?:error|warn)\]/.test(line),
    );
    const rules = new Set(
      errors.map((line) => analyzePaste(line).findings[0]?.ruleId ?? `nothing: ${line}`),
    );
    expect([...rules].sort()).toEqual(
      [
        "apache-balancer-all-error",
        "apache-connect-failed",
        "apache-error-reading",
        "apache-no-protocol-handler",
        "apache-read-timeout",
        "apache-reset",
        "apache-status-line",
      ].sort(),
    );
  });
});

describe("captured curl messages", () => {
  const blocks = readFileSync(join(process.cwd(), "test/lab/corpus/curl-errors.txt"), "utf8")
    .split(/^# /m)
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const [name = "", ...message] = block.split("\n");
      return [name, message.join("\n").trim()] as const;
    });
  const expected: Record<string, string> = {
    refused: "curl-connect-failed-fast",
    "connect-timeout": "curl-connect-timeout",
    "operation-timeout": "curl-operation-timeout",
    "empty-reply": "curl-empty-reply",
    reset: "curl-reset",
    "cert-expired": "curl-cert-expired",
    "cert-untrusted": "curl-cert-chain",
    "cert-self-signed": "curl-cert-chain",
    "cert-wrong-host": "curl-cert-name",
    "tls-to-http": "curl-handshake",
  };

  it("holds one message per lab failure", () => {
    expect(blocks.map(([name]) => name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(blocks)(
    "classifies curl's whole message for %s, advice lines included",
    (name, message) => {
      const { findings } = analyzePaste(message);
      expect(findings.map((f) => f.ruleId)).toEqual([expected[name]]);
    },
  );
});

describe("captured PHP-FPM and nginx-with-PHP corpora", () => {
  const read = (name: string) =>
    readFileSync(join(process.cwd(), "test/lab/corpus", name), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
  const ruleOf = (line: string) => analyzePaste(line).findings[0]?.ruleId;

  it("reads PHP-FPM's warnings", () => {
    const lines = read("php-fpm.log");
    for (const line of lines.filter((l) => l.includes("execution timed out"))) {
      expect(ruleOf(line), line).toBe("php-fpm-execution-timeout");
    }
    for (const line of lines.filter((l) => l.includes("max_children"))) {
      expect(ruleOf(line), line).toBe("php-fpm-max-children");
    }
    expect(lines.some((l) => l.includes("execution timed out"))).toBe(true);
    expect(lines.some((l) => l.includes("max_children"))).toBe(true);
  });

  it("reads what nginx logs for each PHP failure", () => {
    const expected: [string, string][] = [
      ["Allowed memory size", "php-memory-limit"],
      ["Call to undefined function", "php-fatal-error"],
      ["Maximum execution time", "php-max-execution-time"],
      ['request: "GET /sleep', "nginx-fastcgi-reset"],
    ];
    const lines = read("nginx-php-error.log");
    for (const [needle, rule] of expected) {
      const matching = lines.filter((line) => line.includes(needle));
      expect(matching, needle).not.toEqual([]);
      for (const line of matching) expect(ruleOf(line), line).toBe(rule);
    }
  });
});

describe("captured Gunicorn log", () => {
  const lines = readFileSync(join(process.cwd(), "test/lab/corpus/gunicorn.log"), "utf8").split(
    "\n",
  );
  const rules = new Set(
    lines.map((line) => analyzePaste(line).findings[0]?.ruleId).filter(Boolean),
  );

  it("reads the timeout, the SIGKILL, the failed boot and the taken port", () => {
    expect([...rules].sort()).toEqual(
      [
        "gunicorn-address-in-use",
        "gunicorn-boot-failed",
        "gunicorn-signal-9",
        "gunicorn-worker-timeout",
      ].sort(),
    );
  });

  it("groups the repeated 'connection in use' retries into one cause with a count", () => {
    const finding = analyzePaste(lines.join("\n")).findings.find(
      (f) => f.ruleId === "gunicorn-address-in-use",
    );
    expect(finding?.count).toBe(lines.filter((line) => line.includes("Connection in use")).length);
    expect(finding?.count).toBeGreaterThan(1);
    expect(finding!.lastSeen!.time).toBeGreaterThan(finding!.firstSeen!.time);
  });
});

describe("captured Caddy error log", () => {
  const expected: Record<string, string> = {
    refused: "go-dial-refused",
    unaccepting: "go-dial-timeout",
    slow: "go-header-timeout",
    reset: "go-connection-reset",
    expired: "go-cert-expired",
    untrusted: "go-cert-unknown-authority",
    "wrong-host": "go-cert-name",
  };
  const lines = readFileSync(join(process.cwd(), "test/lab/corpus/caddy.log"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");

  it.each(Object.entries(expected))("classifies Caddy's line for /%s", (uri, rule) => {
    const line = lines.find((l) => l.includes(`"uri":"/${uri}"`));
    expect(line).toBeDefined();
    expect(analyzePaste(line!).findings[0]?.ruleId).toBe(rule);
  });

  it("dates Caddy's lines from their epoch timestamps", () => {
    const finding = analyzePaste(lines.join("\n")).findings[0];
    expect(finding?.firstSeen?.text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe("captured Varnish page", () => {
  it("reads Varnish's own 503 page and its XID", () => {
    const paste = readFileSync(join(process.cwd(), "test/lab/corpus/varnish-503.txt"), "utf8");
    const { findings } = analyzePaste(paste);
    expect(findings.map((f) => f.ruleId)).toEqual(["varnish-backend-fetch-failed"]);
    expect(findings[0]?.reference).toEqual({ label: "Varnish XID", value: "4" });
  });
});
