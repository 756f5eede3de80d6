/**
 * Real output of the gateways other than nginx, committed so it stays checked where the
 * servers are not installed: test/lab/corpus/gateways/<product>.json (written by
 * lab-gateways.test.ts with CAPTURE_CORPUS=1) and, when the shared gateway lab has
 * committed them, test/lab/gateways/captures/<product>/<fault>.json.
 *
 * Two questions per product and fault: is every line and page it wrote for the failure
 * read by the right rule, and does the whole paste an owner would make (error log, access
 * log and page together) lead with the right cause?
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { GATEWAY_SCENARIOS, scenarioName } from "@/test/support/gateway-scenarios";
import { readCapture } from "@/test/lab/gateways/sample";
import type { AnalyzerCause } from "@/lib/analyzer/types";
import {
  APACHE_MODULE_ROUTES,
  CORPUS_FAULTS,
  EXPECTED,
  type CorpusFault,
  type CorpusProduct,
  type GatewayCorpus,
} from "@/test/lab/corpus/gateways/expected";

const CORPUS_DIR = join(process.cwd(), "test/lab/corpus/gateways");
const SHARED_DIR = join(process.cwd(), "test/lab/gateways/captures");

/**
 * The cause each lab fault is. A reset is read as a reset where the product says so and as
 * a close where it does not tell the two apart (h2o "I/O error", Varnish "HTC eof").
 */
const FAULT_CAUSES: Record<string, readonly AnalyzerCause[]> = {
  // A proxy that marks the refusing server dead (Squid's parent, HAProxy's backend) then
  // reports no healthy upstream, which the same fix (start the app) resolves.
  refused: ["upstream-refused", "no-healthy-upstream"],
  unaccepting: ["upstream-connect-timeout"],
  slow: ["upstream-timeout"],
  garbage: ["upstream-invalid-response"],
  "premature-close": ["upstream-closed"],
  reset: ["connection-reset", "upstream-closed"],
  // The shared lab's upstream closes every other connection unanswered.
  intermittent: ["upstream-closed", "connection-reset"],
  // The shared lab's TLS upstream serves an expired certificate.
  "tls-upstream": ["upstream-tls-invalid-certificate", "upstream-tls"],
};

const ruleOf = (text: string) => analyzePaste(text).findings[0]?.ruleId ?? "nothing";

function readCorpus(product: CorpusProduct): GatewayCorpus {
  return JSON.parse(readFileSync(join(CORPUS_DIR, `${product}.json`), "utf8")) as GatewayCorpus;
}

/** The lines of a log that belong to one fault's request (its path or its upstream's port). */
function linesFor(lines: readonly string[], fault: string): string[] {
  return lines.filter((line) => line.includes(`/${fault}`) || line.includes(`<${fault}>`));
}

const PRODUCTS = Object.keys(EXPECTED) as CorpusProduct[];

describe.each(PRODUCTS)("captured %s output", (product) => {
  const corpus = readCorpus(product);
  const expected = EXPECTED[product];

  it("was captured from the real product", () => {
    expect(corpus.product).toBe(product);
    expect(corpus.version).toMatch(/^\d+\.\d+/);
  });

  it.each(Object.entries(expected.pages))("reads the page served for %s", (fault, rule) => {
    const page = corpus.pages[fault] ?? "";
    expect(page, fault).not.toBe("");
    expect(ruleOf(page), page.slice(0, 600)).toBe(rule);
  });

  it.each(expected.errorLog)("reads the error-log line with %j", (needle, rule) => {
    const lines = corpus.errorLog.filter((line) => line.includes(needle));
    expect(lines, corpus.errorLog.join("\n")).not.toEqual([]);
    for (const line of lines) expect(ruleOf(line), line).toBe(rule);
  });

  it.each(expected.accessLog)("reads the access-log line with %j", (needle, rule) => {
    const lines = corpus.accessLog.filter((line) => line.includes(needle));
    expect(lines, corpus.accessLog.join("\n")).not.toEqual([]);
    for (const line of lines) expect(ruleOf(line), line).toBe(rule);
  });

  it.each(CORPUS_FAULTS.filter((fault) => fault in expected.pages))(
    "leads with the right cause when an owner pastes everything about %s",
    (fault: CorpusFault) => {
      const paste = [
        ...linesFor(corpus.errorLog, fault),
        ...linesFor(corpus.accessLog, fault),
        corpus.pages[fault] ?? "",
      ].join("\n");
      const top = analyzePaste(paste).findings[0];
      // Varnish's page alone cannot tell its failures apart: only varnishlog can.
      if (product === "varnish") return void expect(top?.product.id).toBe("varnish");
      expect(FAULT_CAUSES[fault], paste.slice(0, 800)).toContain(top?.cause);
    },
  );
});

describe("captured varnishlog transactions", () => {
  const corpus = readCorpus("varnish");

  it("holds one whole transaction per fault", () => {
    expect(corpus.transactions).toHaveLength(CORPUS_FAULTS.length);
  });

  it.each(CORPUS_FAULTS.map((fault, index) => [fault, index] as const))(
    "puts the FetchError for %s ahead of the generic 'Backend fetch failed'",
    (fault, index) => {
      const transaction = corpus.transactions?.[index] ?? "";
      expect(transaction).toContain("Backend fetch failed");
      const { findings } = analyzePaste(transaction);
      expect(findings[0]?.ruleId, transaction).toMatch(/^varnish-fetch-/);
      expect(FAULT_CAUSES[fault]).toContain(findings[0]?.cause);
      expect(findings.map((f) => f.ruleId)).toContain("varnish-backend-fetch-failed");
    },
  );
});

/** What the shared gateway lab commits per product and fault (test/lab/gateways/sample.ts). */
interface SharedCapture {
  product: string;
  fault: string;
  supported: boolean;
  samples: { raw?: string; response?: string; text?: string }[];
  errorLog: string[];
  accessLog: string[];
}

function sharedCaptures(): SharedCapture[] {
  if (!existsSync(SHARED_DIR)) return [];
  return readdirSync(SHARED_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(SHARED_DIR, entry.name))
        .filter((file) => file.endsWith(".json"))
        .map(
          (file) =>
            JSON.parse(readFileSync(join(SHARED_DIR, entry.name, file), "utf8")) as SharedCapture,
        ),
    );
}

const shared = sharedCaptures().filter(
  (capture) => capture.supported && capture.fault in FAULT_CAUSES,
);

/**
 * Captures whose logs cannot name the fault's cause, each with the reason. The analyzer
 * must then say nothing, or name another cause without high confidence: never a wrong
 * cause it is sure of.
 */
const LOG_GAPS: Record<string, string> = {
  // lighttpd 1.4.69 logs nothing at the default level for a non-HTTP answer or a close;
  // its access log shows only the status (its page says 502 / 500, read from the page).
  "lighttpd/garbage": "only the access log's 502",
  "lighttpd/premature-close": "nothing in the error log",
  "lighttpd/intermittent": "nothing in the error log",
  // varnishd writes FetchError only to its shared-memory log (varnishlog), not to a file.
  "varnish/refused": "no log file at all",
  // Squid relays a non-HTTP answer as HTTP/0.9 with 200: no failure happened.
  "squid/garbage": "a 200 in the access log",
  // Squid 5.7 shows a TLS failure to its parent as ERR_READ_ERROR 0, like a dead parent.
  "squid/tls-upstream": "TCP_MISS/502 only",
  // Traffic Server logs ERR_CONNECT_FAIL for every failure on the origin connection.
  "trafficserver/garbage": "ERR_CONNECT_FAIL only",
  "trafficserver/premature-close": "ERR_CONNECT_FAIL only",
  "trafficserver/reset": "ERR_CONNECT_FAIL only",
  "trafficserver/intermittent": "ERR_CONNECT_FAIL only",
  // HAProxy logs SC-- (it could not connect) when the server's certificate is rejected.
  "haproxy/tls-upstream": "SC-- like a refused connection",
};

describe.skipIf(shared.length === 0)("the shared gateway lab's captures", () => {
  it.each(shared.map((capture) => [`${capture.product}/${capture.fault}`, capture] as const))(
    "%s: its logs lead with the fault's cause",
    (name, capture) => {
      const logs = [...capture.errorLog, ...capture.accessLog].join("\n");
      const top = analyzePaste(logs).findings[0];
      if (name in LOG_GAPS) {
        if (top && !FAULT_CAUSES[capture.fault]!.includes(top.cause))
          expect(top.confidence, `${name}: ${top.ruleId}`).not.toBe("high");
        return;
      }
      expect(FAULT_CAUSES[capture.fault], logs.slice(0, 1200)).toContain(top?.cause);
    },
  );

  it("lists as gaps only captures the analyzer still cannot read", () => {
    for (const name of Object.keys(LOG_GAPS)) {
      const capture = shared.find((c) => `${c.product}/${c.fault}` === name);
      if (!capture) continue;
      const top = analyzePaste([...capture.errorLog, ...capture.accessLog].join("\n")).findings[0];
      expect(FAULT_CAUSES[capture.fault]!.includes(top?.cause as AnalyzerCause), name).toBe(false);
    }
  });
});

describe("pages copied from the browser window rather than from developer tools", () => {
  /** The page as its visible text: no status line, no headers, no markup. */
  const visibleText = (paste: string) =>
    paste
      .slice(paste.indexOf("\n\n") + 2)
      .replace(/<style[\s\S]*?<\/style>/gi, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<[^>]*>/g, "")
      .replace(/\n\s*\n+/g, "\n");

  it.each(Object.entries(EXPECTED.squid.pages))(
    "reads Squid's %s page from its visible text alone",
    (fault, rule) => {
      const text = visibleText(readCorpus("squid").pages[fault] ?? "");
      expect(text).not.toContain("ERR_");
      expect(ruleOf(text), text).toBe(rule);
    },
  );

  it("does not take a Traffic Server access log in squid format for a Squid page", () => {
    const lines = readCorpus("trafficserver").accessLog.join("\n");
    const { findings } = analyzePaste(`/var/log/trafficserver/squid.log\n${lines}`);
    expect(findings.map((f) => f.product.id)).not.toContain("squid");
  });
});

/** The first failing response of a shared capture, as an owner pastes it from developer tools. */
function failedPage(capture: NonNullable<ReturnType<typeof readCapture>>): string | null {
  const sample = capture.samples.find((s) => s.status !== 200);
  if (!sample) return null;
  const headers = sample.headers.map(([name, value]) => `${name}: ${value}`);
  return [sample.statusLine, ...headers, "", sample.body].join("\n");
}

const scenarios = GATEWAY_SCENARIOS.flatMap((scenario) => {
  const capture = readCapture(scenario.product, scenario.fault);
  const page = capture?.supported ? failedPage(capture) : null;
  return page ? [[scenarioName(scenario), scenario, page] as const] : [];
});

describe.skipIf(scenarios.length === 0)(
  "error pages against test/support/gateway-scenarios.ts",
  () => {
    it.each(scenarios)(
      "%s: the page names the scenario's cause, or none with confidence",
      (_name, scenario, page) => {
        const top = analyzePaste(page).findings[0];
        if (!top || top.cause === "status-only") return;
        if (scenario.cause === null) {
          // The response cannot tell this fault from others: no cause may be claimed with
          // more than low confidence.
          expect(top.confidence, `${top.ruleId}: ${scenario.shows}`).toBe("low");
          return;
        }
        // A reset the page names as such refines the scenario's "upstream closed".
        const accepted = [
          scenario.cause,
          scenario.alsoAccepted,
          ...(scenario.cause === "upstream-closed" ? ["connection-reset"] : []),
        ];
        expect(accepted, `${top.ruleId}: ${scenario.shows}`).toContain(top.cause);
      },
    );

    it("reads the cause from the page wherever the scenario says the page shows it", () => {
      const missed = scenarios
        .filter(([, scenario, page]) => {
          if (scenario.cause === null) return false;
          const top = analyzePaste(page).findings[0];
          return !top || top.cause === "status-only";
        })
        .map(([name]) => name);
      // These scenarios take their cause from timing (three samples that each took the
      // gateway's timeout), which a single pasted page does not carry.
      expect(missed.sort()).toEqual(["apache/slow", "varnish/slow"]);
    });
  },
);

describe("a Squid parent that crashed after Squid started", () => {
  const corpus = readCorpus("squid");

  it("reads the whole cache.log as refused connections that left the parent dead", () => {
    const cacheLog = corpus.errorLog.join("\n");
    const { findings } = analyzePaste(cacheLog);
    const rules = findings.map((f) => f.ruleId);
    expect(rules.slice(0, 1)).toEqual(["squid-tcp-connection-failed"]);
    expect(rules).toContain("squid-dead-parent");
    expect(findings[0]?.count).toBe(2);
    expect(findings[0]?.cause).toBe("upstream-refused");
  });
});

describe("captured Apache AJP and FastCGI failures", () => {
  const corpus = readCorpus("apache-modules");

  it.each(APACHE_MODULE_ROUTES.map(([scheme, fault], index) => [scheme, fault, index] as const))(
    "%s in front of %s: the lines of that one request lead with the fault's cause",
    (_scheme, fault, index) => {
      const lines = corpus.transactions?.[index] ?? "";
      expect(lines).not.toBe("");
      const top = analyzePaste(lines).findings[0];
      expect(FAULT_CAUSES[fault], lines).toContain(top?.cause);
    },
  );
});
