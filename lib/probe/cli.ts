/**
 * Command-line probe: the same engine as /api/probe, for a terminal.
 *
 *   npm run probe -- <url> [--origin IP] [--samples N] [--follow] [--json]
 *
 * Exit status: 0 when the probe ran (whatever it found), 2 for invalid input
 * or a refused target, 1 for invalid PROBE_* settings.
 */
import { loadProbeConfig, ProbeConfigError } from "./config";
import type { ProbeSample } from "./connection";
import { MAX_SAMPLES, probe, ProbeRefusal, type ProbeReport } from "./probe";

/** Parsed command line. */
export interface CliArgs {
  /** URL to probe. */
  url: string;
  /** --origin address. */
  originIp?: string;
  /** --samples count. */
  samples?: number;
  /** --follow. */
  followRedirects: boolean;
  /** --json. */
  json: boolean;
}

const USAGE = `Usage: npm run probe -- <url> [--origin IP] [--samples N] [--follow] [--json]

  --origin IP    connect to IP instead of the DNS answer, keeping Host and SNI (like curl --resolve)
  --samples N    repeat the request N times (1-${MAX_SAMPLES}), at least 250 ms apart
  --follow       follow up to 5 redirects, checking every hop
  --json         print the full report as JSON

Settings come from PROBE_* environment variables (see the README).`;

/** Parses argv (without node and script); throws an Error with a usage hint on bad input. */
export function parseArgs(argv: string[]): CliArgs | "help" {
  const args: CliArgs = { url: "", followRedirects: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--help" || arg === "-h") return "help";
    else if (arg === "--follow") args.followRedirects = true;
    else if (arg === "--json") args.json = true;
    else if (arg === "--origin") args.originIp = value();
    else if (arg === "--samples") {
      const text = value();
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < 1 || n > MAX_SAMPLES)
        throw new Error(`--samples must be a whole number from 1 to ${MAX_SAMPLES}`);
      args.samples = n;
    } else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}`);
    else if (args.url === "") args.url = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (args.url === "") throw new Error("a URL is required");
  return args;
}

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) =>
  useColour ? `\u001b[${code}m${text}\u001b[0m` : text;
const bold = paint(1);
const dim = paint(2);
const red = paint(31);
const green = paint(32);
const cyan = paint(36);

/** Whole milliseconds, but one decimal below 10 ms so loopback and LAN phases do not all read 0ms. */
function ms(value: number | null): string {
  if (value === null) return "-";
  return value < 10 ? `${value.toFixed(1)}ms` : `${Math.round(value)}ms`;
}

function centre(text: string, width: number): string {
  const left = Math.floor((width - text.length) / 2);
  return " ".repeat(Math.max(0, left)) + text + " ".repeat(Math.max(0, width - text.length - left));
}

/** An httpstat-style waterfall of one sample's phases, with curl's cumulative marks below it. */
export function waterfall(sample: ProbeSample): string {
  const p = sample.phases;
  const transfer = Math.max(
    0,
    p.total - (p.dns ?? 0) - (p.connect ?? 0) - (p.tls ?? 0) - (p.firstByte ?? 0),
  );
  const columns: [string, number | null][] = [
    ["DNS Lookup", p.dns],
    ["TCP Connection", p.connect],
    ["TLS Handshake", p.tls],
    ["Server Processing", p.firstByte],
    ["Content Transfer", sample.response ? transfer : null],
  ];
  const widths = columns.map(([label]) => label.length + 4);
  const lines = [
    ` ${columns.map(([label], i) => centre(label, widths[i]!)).join(" ")}`,
    `[${columns.map(([, value], i) => cyan(centre(ms(value), widths[i]!))).join("|")}]`,
  ];
  // Column i ends at this offset (the "[" plus the widths and separators before it).
  const boundary = (i: number) => 1 + widths.slice(0, i + 1).reduce((a, b) => a + b, 0) + i;
  const marks: [string, number | null][] = [
    ["namelookup", p.dns],
    ["connect", p.connect],
    ["pretransfer", p.tls],
    ["starttransfer", p.firstByte],
    ["total", null],
  ];
  let cumulative = 0;
  marks.forEach(([label, value], i) => {
    cumulative += value ?? 0;
    const shown = label === "total" ? p.total : cumulative;
    if (label === "total" || value !== null || (label === "pretransfer" && p.connect !== null)) {
      const text = `${label}:${ms(shown)}`;
      lines.push(" ".repeat(Math.max(0, boundary(i) - text.length)) + text);
    }
  });
  return lines.join("\n");
}

/** The human-readable report. */
export function formatReport(report: ProbeReport): string {
  const out: string[] = [];
  const t = report.target;
  out.push(bold(`Probe of ${t.url}`) + (t.originIp ? ` via origin ${t.originIp}` : ""));
  for (const hop of report.redirects) out.push(dim(`  ${hop.status} ${hop.url} → ${hop.location}`));
  if (report.dns) {
    const d = report.dns;
    const via = d.servers.length > 0 ? d.servers.join(", ") : "system DNS servers";
    if (d.cnameChain.length > 0) out.push(`DNS   ${d.name} → ${d.cnameChain.join(" → ")} (CNAME)`);
    for (const a of d.addresses)
      out.push(
        `DNS   ${d.name} ${a.family === 4 ? "A" : "AAAA"} ${a.address} (TTL ${a.ttl} s) via ${via}`,
      );
    if (d.error) out.push(red(`DNS   ${d.error.message}`));
  }
  report.samples.forEach((sample, index) => {
    out.push("");
    out.push(bold(`Sample ${index + 1}: ${sample.address} port ${t.port}`));
    if (sample.tls) {
      const c = sample.tls.certificate;
      out.push(
        `TLS   ${sample.tls.protocol ?? "?"} ${sample.tls.cipher ?? ""}${sample.tls.alpn ? `, ALPN ${sample.tls.alpn}` : ""}`,
      );
      if (c)
        out.push(
          `TLS   ${c.subject}, issued by ${c.issuer}, valid until ${c.validTo} (${c.daysLeft} days left)`,
        );
      const ok = sample.tls.chainValid && sample.tls.hostnameValid;
      out.push(
        `TLS   ${ok ? green("certificate verified") : red(`certificate problem: ${sample.tls.verifyError ?? sample.tls.hostnameError}`)}`,
      );
    }
    if (sample.response) {
      const r = sample.response;
      out.push(
        `${r.status >= 500 ? red(`HTTP/${r.httpVersion} ${r.status} ${r.statusText}`) : green(`HTTP/${r.httpVersion} ${r.status} ${r.statusText}`)}`,
      );
      for (const [name, value] of Object.entries(r.headers))
        out.push(`${dim(name + ":")} ${value}`);
    }
    if (sample.error)
      out.push(
        red(
          `Failed in ${sample.failedPhase ?? "request"}: ${sample.error.code} — ${sample.error.message}`,
        ),
      );
    out.push("");
    out.push(waterfall(sample));
  });
  const v = report.verdict;
  out.push("");
  out.push(bold(`Verdict: ${v.code === "ok" ? green(v.code) : red(v.code)}`) + ` — ${v.title}`);
  out.push(
    `  layer ${v.layer}${v.vendor ? `, vendor ${v.vendor}` : ""}${v.cause ? `, cause ${v.cause}` : ""}${v.status !== null ? `, status ${v.status}` : ""}${v.reference ? `, reference ${v.reference}` : ""}`,
  );
  if (v.sampleCount > 1)
    out.push(
      `  ${v.failureCount} of ${v.sampleCount} samples failed${v.intermittent ? " (intermittent)" : ""}`,
    );
  out.push("");
  out.push(v.explanation);
  out.push("");
  out.push(bold("Evidence"));
  for (const line of v.evidence) out.push(`  - ${line}`);
  // The wizard's next step is the web app's to work out; the CLI prints the facts it rests on.
  if (v.cause) out.push("", `Cause: ${v.cause} (${v.confidence ?? "low"} confidence)`);
  return out.join("\n");
}

async function main(): Promise<number> {
  let args: CliArgs | "help";
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    console.log(USAGE);
    return 0;
  }
  let config;
  try {
    config = loadProbeConfig();
  } catch (error) {
    if (error instanceof ProbeConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  try {
    const report = await probe(
      {
        url: args.url,
        originIp: args.originIp,
        samples: args.samples,
        followRedirects: args.followRedirects,
      },
      { config },
    );
    console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  } catch (error) {
    if (error instanceof ProbeRefusal) {
      console.error(`Refused (${error.stage} stage): ${error.message}`);
      return 2;
    }
    if (error instanceof RangeError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
