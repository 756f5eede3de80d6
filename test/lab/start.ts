/**
 * `npm run lab`: starts the whole failure lab by hand, prints every scenario URL and the
 * settings that point the app or the CLI at it, and stops every server on Ctrl-C.
 *
 *   npm run lab                      the lab alone, on free ports
 *   npm run lab -- --app             the lab and `next dev` aimed at it (http://127.0.0.1:3000)
 *   npm run lab -- --app=start       the same with `next start` (run `npm run build` first)
 *   --port-base N --ca-file F --urls-file F
 *                                    fixed ports from N, the root CA written to F, the scenario
 *                                    URLs as JSON to F (the browser tests start it this way)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { startLab, type LabOptions } from "./lab";

interface StartArgs extends LabOptions {
  /** Also run the app against the lab: "dev" or "start". */
  app: "dev" | "start" | null;
  /** Port of that app. */
  appPort: number;
  /** Where to write the scenario URLs as JSON. */
  urlsFile: string | null;
}

function parseArgs(argv: string[]): StartArgs {
  const args: StartArgs = { app: null, appPort: 3000, urlsFile: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--app" || arg === "--app=dev") args.app = "dev";
    else if (arg === "--app=start") args.app = "start";
    else if (arg === "--app-port") args.appPort = Number(value());
    else if (arg === "--port-base") args.portBase = Number(value());
    else if (arg === "--ca-file") args.caFile = value();
    else if (arg === "--urls-file") args.urlsFile = value();
    else throw new Error(`unknown option ${arg}`);
  }
  if (args.portBase !== undefined && !(args.portBase > 1024 && args.portBase < 65_000))
    throw new Error("--port-base must be a port from 1025 to 64999");
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const lab = await startLab(args);
  if (args.urlsFile) await writeFile(args.urlsFile, JSON.stringify(lab.urls, null, 2));
  const width = Math.max(...Object.keys(lab.urls).map((name) => name.length));
  console.log("Gateway Doctor failure lab is running.\n");
  for (const [name, url] of Object.entries(lab.urls))
    console.log(`  ${name.padEnd(width)}  ${url}`);
  const env = Object.entries(lab.env)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  console.log(`\nnginx error log: ${lab.nginx.errorLogPath}`);

  let app: ChildProcess | null = null;
  if (args.app) {
    // Loopback targets are refused unless allowed, so the app gets the lab's settings.
    app = spawn(
      "npx",
      ["next", args.app, "--hostname", "127.0.0.1", "--port", String(args.appPort)],
      {
        stdio: "inherit",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...lab.env },
      },
    );
    console.log(
      `\nThe wizard runs against the lab at http://127.0.0.1:${args.appPort}/diagnose/owner — paste a URL above into "Paste the URL that fails".`,
    );
  } else {
    console.log(`\nStart the app against the lab:\n  ${env} npm run dev`);
    console.log(`Or both at once:\n  npm run lab -- --app`);
  }
  console.log(
    `Probe a scenario from the terminal:\n  ${env} npm run probe -- ${lab.urls["nginx-dead-upstream"]}`,
  );
  console.log("\nPress Ctrl-C to stop.");

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the lab…");
    app?.kill("SIGTERM");
    lab.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  app?.once("exit", stop);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`The lab could not start: ${(error as Error).message}`);
  process.exit(1);
});
