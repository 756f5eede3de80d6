/**
 * `npm run lab`: starts the whole failure lab by hand, prints every scenario
 * URL and the settings that point the app or the CLI at it, and stops every
 * server on Ctrl-C.
 */
import { startLab } from "./lab";

async function main(): Promise<void> {
  const lab = await startLab();
  const width = Math.max(...Object.keys(lab.urls).map((name) => name.length));
  console.log("Gateway Doctor failure lab is running.\n");
  for (const [name, url] of Object.entries(lab.urls))
    console.log(`  ${name.padEnd(width)}  ${url}`);
  const env = Object.entries(lab.env)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  console.log(`\nnginx error log: ${lab.nginx.errorLogPath}`);
  console.log(`\nStart the app against the lab:\n  ${env} npm run dev`);
  console.log(
    `Probe a scenario from the terminal:\n  ${env} npm run probe -- ${lab.urls["nginx-dead-upstream"]}`,
  );
  console.log("\nPress Ctrl-C to stop.");

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the lab…");
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
  console.error(`The lab could not start: ${(error as Error).message}`);
  process.exit(1);
});
