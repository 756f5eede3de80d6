/**
 * Probe-worker benchmark: prints figures, never fails on time.
 *
 *   npm run bench:workers [-- --probes 400 --concurrency 32 --runs 40]
 *
 * 1. Throughput: `--probes` checks of a loopback HTTP server, `--concurrency` at a time,
 *    in this process (as the app does without NATS_URL) and through NATS to 1, 2 and 4 worker
 *    processes (nats-server on loopback, token auth, the queue group spreading the checks).
 * 2. What NATS adds to one check: `--runs` single checks one after another, alternating
 *    in-process and through one worker; the median difference of their wall times.
 * The target is a separate process, so it does not share this process's event loop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadProbeConfig } from "@/lib/probe/config";
import { probe, type ProbeRequest } from "@/lib/probe/probe";
import { probeOnWorker } from "@/lib/workers/dispatch";
import { Fleet } from "@/lib/workers/fleet";
import { anySubject } from "@/lib/workers/protocol";
import { startNats } from "@/test/lab/nats";
import { freeTcpPort, waitForTcp } from "@/test/lab/ports";
import { killOnExit } from "@/test/lab/process";
import { argValue, median, p95 } from "./stats";
import { recordOutputAs } from "./record";

// This process plays the app; its per-check log lines would bury the figures. Workers log at
// info, as deployed.
process.env.LOG_LEVEL ??= "warn";
recordOutputAs("workers");

const PROBES = argValue("--probes", 400);
const CONCURRENCY = argValue("--concurrency", 32);
const RUNS = argValue("--runs", 40);
const WORKER_COUNTS = [1, 2, 4];

/** Starts a child and resolves once its output matches `ready`; later output is drained unread. */
function startChild(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  killOnExit(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`${args.join(" ")} exited (${code}):\n${output}`));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!ready.test(output)) return;
      child.stdout!.off("data", onData);
      child.stderr!.off("data", onData);
      child.stdout!.resume();
      child.stderr!.resume();
      child.off("exit", onExit);
      resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Runs `total` jobs with at most `concurrency` at once; probes per second. */
async function throughput(
  total: number,
  concurrency: number,
  job: () => Promise<unknown>,
): Promise<number> {
  let started = 0;
  const begin = performance.now();
  const lane = async () => {
    while (started < total) {
      started++;
      await job();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return total / ((performance.now() - begin) / 1000);
}

async function main(): Promise<void> {
  const targetPort = await freeTcpPort();
  const target = spawn(
    process.execPath,
    [
      "-e",
      `require("node:http").createServer((q, s) => s.end("ok\\n")).listen(${targetPort}, "127.0.0.1")`,
    ],
    { stdio: "ignore" },
  );
  killOnExit(target);
  await waitForTcp(targetPort);
  const env = { PROBE_ALLOW_CIDRS: "127.0.0.0/8", PROBE_ALLOW_PORTS: String(targetPort) };
  const config = loadProbeConfig(env);
  const request: ProbeRequest = { url: `http://127.0.0.1:${targetPort}/` };
  const nats = await startNats();
  const fleet = await Fleet.open({ servers: [nats.url], token: nats.token });
  const workers: ChildProcess[] = [];
  const addWorker = async () =>
    workers.push(
      await startChild(
        ["--import", "tsx", "lib/workers/cli.ts", "--region", "bench", "--capacity", "256"],
        { ...env, NATS_URL: nats.url, NATS_TOKEN: nats.token, LOG_LEVEL: "info" },
        /worker ready/,
      ),
    );
  const remote = () =>
    probeOnWorker(fleet, request, { subject: anySubject(), timeoutMs: config.timeoutMs });
  const local = () => probe(request, { config });
  const untilLive = async (count: number) => {
    while (fleet.live().length < count) await new Promise((r) => setTimeout(r, 50));
  };

  console.log(
    `Machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} at the start (shared with other work; figures vary with it).`,
  );
  console.log(`Throughput: ${PROBES} checks of a loopback HTTP server, ${CONCURRENCY} at a time.`);
  // Warm both paths (JIT, connections) before measuring.
  await throughput(50, 8, local);
  const inProcess = await throughput(PROBES, CONCURRENCY, local);
  console.log(`  in-process       ${inProcess.toFixed(0).padStart(5)} probes/s`);
  for (const count of WORKER_COUNTS) {
    while (workers.length < count) await addWorker();
    await untilLive(count);
    await throughput(50, 8, remote);
    const rate = await throughput(PROBES, CONCURRENCY, remote);
    console.log(
      `  ${count} worker${count === 1 ? " " : "s"} (NATS)  ${rate.toFixed(0).padStart(5)} probes/s  ${(rate / inProcess).toFixed(2)}× in-process`,
    );
  }

  // One worker for the overhead: stop the others so the queue group has one member.
  for (const worker of workers.splice(1)) worker.kill("SIGTERM");
  while (fleet.live().length > 1) await new Promise((r) => setTimeout(r, 50));
  const differences: number[] = [];
  const remoteTimes: number[] = [];
  const localTimes: number[] = [];
  const timed = async (job: () => Promise<unknown>) => {
    const start = performance.now();
    await job();
    return performance.now() - start;
  };
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so a slow moment does not always fall on the same side.
    let remoteMs: number;
    let localMs: number;
    if (i % 2) {
      remoteMs = await timed(remote);
      localMs = await timed(local);
    } else {
      localMs = await timed(local);
      remoteMs = await timed(remote);
    }
    remoteTimes.push(remoteMs);
    localTimes.push(localMs);
    differences.push(remoteMs - localMs);
  }
  console.log(`NATS overhead on one check (${RUNS} paired runs, one worker):`);
  console.log(
    `  in-process  median ${median(localTimes).toFixed(2)} ms, p95 ${p95(localTimes).toFixed(2)} ms`,
  );
  console.log(
    `  via NATS    median ${median(remoteTimes).toFixed(2)} ms, p95 ${p95(remoteTimes).toFixed(2)} ms`,
  );
  console.log(
    `  added by NATS: median ${median(differences).toFixed(2)} ms (goal: under 5 ms on loopback)`,
  );

  for (const worker of workers) worker.kill("SIGTERM");
  await fleet.close();
  await nats.stop();
  target.kill();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
