/**
 * Probe benchmark: prints figures, never fails on time.
 *
 *   npm run bench:probe [-- --runs 30]
 *
 * 1. Paired runs of the probe and `curl -w` against the same loopback
 *    targets (plain HTTP, HTTPS with a verified chain, nginx proxying an app),
 *    alternating which goes first: median ratio of total time and median
 *    per-phase difference. Both connect to an IP literal, so neither pays for
 *    DNS; a separate row shows the probe's own DNS lookup against dnsmasq.
 * 2. Memory and deadlines: 50 probes at once against a server that never
 *    answers, and 50 against a 10 MB body.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { probe, type ProbeReport } from "@/lib/probe/probe";
import { startHttpServer } from "@/test/lab/fixtures";
import { labProbeConfig, startLab, type Lab } from "@/test/lab/lab";
import { argValue, median, p95 } from "./stats";
import { recordOutputAs } from "./record";

const run = promisify(execFile);

interface Phases {
  dns: number;
  connect: number;
  tls: number;
  firstByte: number;
  total: number;
}

/** curl's cumulative -w times, turned into segments in milliseconds like the probe's phases. */
async function curlPhases(url: string, caFile: string): Promise<Phases> {
  const format =
    "%{time_namelookup} %{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer} %{time_total}";
  const { stdout } = await run("curl", [
    "-s",
    "-o",
    "/dev/null",
    "--http1.1",
    "--cacert",
    caFile,
    "-H",
    "Accept-Encoding: identity",
    "-w",
    format,
    url,
  ]);
  const [lookup, connect, appconnect, pretransfer, start, total] = stdout
    .trim()
    .split(" ")
    .map((s) => Number(s) * 1000) as [number, number, number, number, number, number];
  return {
    dns: lookup,
    connect: connect - lookup,
    tls: appconnect > 0 ? appconnect - connect : 0,
    firstByte: start - pretransfer,
    total,
  };
}

function probePhases(report: ProbeReport): Phases {
  const p = report.samples[0]!.phases;
  return {
    dns: p.dns ?? 0,
    connect: p.connect ?? 0,
    tls: p.tls ?? 0,
    firstByte: p.firstByte ?? 0,
    total: p.total,
  };
}

async function paired(lab: Lab, name: string, url: string, runs: number): Promise<string[]> {
  const config = labProbeConfig(lab, { timeoutMs: 10_000, phaseTimeoutMs: 5_000 });
  const caFile = join(lab.certs.dir, "root.pem");
  // Warm both sides, as a running server would be: the probe's TLS context and
  // JIT-compiled paths, curl's binary and libraries in the page cache.
  for (let i = 0; i < 20; i++) await probe({ url }, { config });
  for (let i = 0; i < 3; i++) await curlPhases(url, caFile);
  const ratios: number[] = [];
  const callRatios: number[] = [];
  const diffs: Record<keyof Omit<Phases, "dns" | "total">, number[]> = {
    connect: [],
    tls: [],
    firstByte: [],
  };
  const totals = { probe: [] as number[], curl: [] as number[] };
  for (let i = 0; i < runs; i++) {
    let report: ProbeReport;
    let curl: Phases;
    let call: number;
    const timedProbe = async () => {
      const started = performance.now();
      const r = await probe({ url }, { config });
      call = performance.now() - started;
      return r;
    };
    if (i % 2 === 0) {
      report = await timedProbe();
      curl = await curlPhases(url, caFile);
    } else {
      curl = await curlPhases(url, caFile);
      report = await timedProbe();
    }
    if (report.verdict.code !== "ok")
      throw new Error(`${name}: the probe saw ${report.verdict.code}, expected ok`);
    const mine = probePhases(report);
    ratios.push(mine.total / curl.total);
    callRatios.push(call! / curl.total);
    totals.probe.push(mine.total);
    totals.curl.push(curl.total);
    for (const phase of ["connect", "tls", "firstByte"] as const)
      diffs[phase].push(Math.abs(mine[phase] - curl[phase]));
  }
  const f = (n: number) => n.toFixed(2);
  return [
    name.padEnd(22),
    f(median(totals.probe)).padStart(8),
    f(median(totals.curl)).padStart(8),
    f(median(ratios)).padStart(7),
    f(median(callRatios)).padStart(10),
    f(median(diffs.connect)).padStart(9),
    f(median(diffs.tls)).padStart(9),
    f(median(diffs.firstByte)).padStart(11),
    f(p95(diffs.firstByte)).padStart(11),
  ];
}

async function concurrent(
  lab: Lab,
  name: string,
  url: string,
  count: number,
  deadlineMs: number,
): Promise<string> {
  const config = labProbeConfig(lab, {
    timeoutMs: deadlineMs,
    phaseTimeoutMs: deadlineMs,
    maxConcurrent: count,
  });
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const durations: number[] = [];
  const codes = new Map<string, number>();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const started = performance.now();
      const report = await probe({ url }, { config });
      durations.push(performance.now() - started);
      codes.set(report.verdict.code, (codes.get(report.verdict.code) ?? 0) + 1);
    }),
  );
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const late = durations.filter((d) => d > deadlineMs + 50).length;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return [
    name.padEnd(28),
    String(count).padStart(5),
    `${deadlineMs}`.padStart(9),
    Math.round(Math.max(...durations))
      .toString()
      .padStart(8),
    String(late).padStart(5),
    mb(before).padStart(8),
    mb(peak).padStart(8),
    mb(peak - before).padStart(8),
    `  ${[...codes].map(([code, n]) => `${code}×${n}`).join(", ")}`,
  ].join(" ");
}

async function main(): Promise<void> {
  recordOutputAs("probe");
  const runs = argValue("--runs", 30);
  const lab = await startLab();
  try {
    const ip = (scenario: string) => lab.urls[scenario]!.replace(/\/\/[^/:]+:/, "//127.0.0.1:");
    console.log(
      `Probe vs curl ${(await run("curl", ["--version"])).stdout.split(" ")[1]} — ${runs} paired runs per target, loopback, IP literals (no DNS on either side)`,
    );
    console.log(
      "Times in ms; ratio = probe sample total / curl time_total; call = whole probe() call (guard, verdict, permalink) / curl time_total;",
    );
    console.log(
      "|Δ| = median absolute difference between the probe's phase and curl's (p95 for first byte).\n",
    );
    console.log(
      [
        "target".padEnd(22),
        "probe".padStart(8),
        "curl".padStart(8),
        "ratio".padStart(7),
        "call ratio".padStart(10),
        "|Δ|conn".padStart(9),
        "|Δ|tls".padStart(9),
        "|Δ|1stbyte".padStart(11),
        "p95 1stbyte".padStart(11),
      ].join(" "),
    );
    for (const [name, scenario] of [
      ["http app", "ok"],
      ["https (verified chain)", "tls-valid"],
      ["nginx → app", "nginx-ok"],
    ] as const) {
      console.log((await paired(lab, name, ip(scenario), runs)).join(" "));
    }
    // The same comparison against an app that takes 20 ms, as real ones do:
    // shows whether the probe's overhead is a constant or grows with the target.
    const slowApp = await startHttpServer((_req, res) => {
      setTimeout(
        () => res.writeHead(200, { "content-type": "text/plain" }).end("slow but fine\n"),
        20,
      );
    });
    try {
      const slowLab = {
        ...lab,
        env: { ...lab.env, PROBE_ALLOW_PORTS: `${lab.env.PROBE_ALLOW_PORTS},${slowApp.port}` },
      };
      console.log(
        (await paired(slowLab, "app taking 20 ms", `http://127.0.0.1:${slowApp.port}/`, runs)).join(
          " ",
        ),
      );
    } finally {
      await slowApp.stop();
    }

    const config = labProbeConfig(lab);
    const dnsTimes: number[] = [];
    for (let i = 0; i < runs; i++)
      dnsTimes.push(
        (await probe({ url: lab.urls["ok"]! }, { config })).samples[0]!.phases.dns ?? 0,
      );
    console.log(
      `\nProbe's own DNS lookup (A + AAAA + CNAME walk against dnsmasq): median ${median(dnsTimes).toFixed(2)} ms, p95 ${p95(dnsTimes).toFixed(2)} ms`,
    );

    console.log(
      "\nConcurrency, memory and deadlines (RSS of this process, MB; late = ended more than 50 ms after the deadline)\n",
    );
    console.log(
      [
        "scenario".padEnd(28),
        "count".padStart(5),
        "deadline".padStart(9),
        "slowest".padStart(8),
        "late".padStart(5),
        "RSS0".padStart(8),
        "peak".padStart(8),
        "growth".padStart(8),
        "  verdicts",
      ].join(" "),
    );
    console.log(await concurrent(lab, "hanging server", lab.urls["hang"]!, 50, 3000));
    console.log(
      await concurrent(lab, "headers then nothing", lab.urls["hang-after-headers"]!, 50, 3000),
    );
    console.log(await concurrent(lab, "10 MB body", lab.urls["huge-body"]!, 50, 10_000));
    console.log(
      await concurrent(lab, "listener that never accepts", lab.urls["connect-timeout"]!, 50, 3000),
    );
  } finally {
    await lab.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
