/**
 * Starts the gateway lab by hand or for the browser tests, prints every product × fault URL,
 * and stops everything on Ctrl-C or SIGTERM.
 *
 *   npx tsx test/lab/gateways/start.ts                 free ports, with its own DNS server
 *   --port-base N --urls-file F --no-dns               fixed ports from N (GATEWAY_LAB_PORT_COUNT
 *                                                      of them), the URLs as JSON to F, names
 *                                                      left to the failure lab's DNS server
 *                                                      (the browser tests start it this way)
 */
import { writeFile } from "node:fs/promises";
import { startGatewayLab, type GatewayLabOptions } from "./lab";

interface StartArgs extends GatewayLabOptions {
  urlsFile: string | null;
}

function parseArgs(argv: string[]): StartArgs {
  const args: StartArgs = { urlsFile: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--port-base") args.portBase = Number(value());
    else if (arg === "--urls-file") args.urlsFile = value();
    else if (arg === "--no-dns") args.dns = false;
    else throw new Error(`unknown option ${arg}`);
  }
  if (args.portBase !== undefined && !(args.portBase > 1024 && args.portBase < 65_000))
    throw new Error("--port-base must be a port from 1025 to 64999");
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const lab = await startGatewayLab(args);
  if (args.urlsFile) await writeFile(args.urlsFile, JSON.stringify(lab.urls, null, 2));
  // Playwright waits for this line before it starts the app.
  console.log(`Gateway Doctor gateway lab is running (started in ${lab.startMs} ms).\n`);
  for (const gateway of Object.values(lab.gateways))
    console.log(
      `  ${gateway.id} ${gateway.version} on port ${gateway.port}: error log ${gateway.errorLogPath}, access log ${gateway.accessLogPath}`,
    );
  if (lab.missing.length > 0) console.log(`  not installed: ${lab.missing.join(", ")}`);
  console.log("");
  for (const [name, url] of Object.entries(lab.urls)) console.log(`  ${name.padEnd(28)} ${url}`);
  if (lab.dns) console.log(`\nDNS for <product>.lab.test: ${lab.dns.server}`);
  console.log("\nPress Ctrl-C to stop.");

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    lab.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`The gateway lab could not start: ${(error as Error).message}`);
  process.exit(1);
});
