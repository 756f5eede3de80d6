/**
 * `npm run lab:capture`: starts the gateway lab, sends every product × fault three raw
 * requests, and writes what came back (and what each product logged) to
 * test/lab/gateways/captures/<product>/<fault>.json. Products run in parallel, faults of one
 * product in turn, so each fault's log lines are its own.
 *
 *   npm run lab:capture                  every installed product
 *   npm run lab:capture -- squid h2o     only these
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { startGatewayLab } from "./lab";
import { GATEWAY_PRODUCTS, type GatewayProductId } from "./products";
import { CAPTURES_DIR, sampleProduct } from "./sample";

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((id) => !(GATEWAY_PRODUCTS as readonly string[]).includes(id));
  if (unknown.length > 0)
    throw new Error(
      `unknown products: ${unknown.join(", ")} (known: ${GATEWAY_PRODUCTS.join(", ")})`,
    );
  const lab = await startGatewayLab({
    dns: false,
    products: asked.length > 0 ? (asked as GatewayProductId[]) : undefined,
  });
  console.log(`gateway lab started in ${lab.startMs} ms`);
  for (const gateway of Object.values(lab.gateways))
    console.log(`  ${gateway.id} ${gateway.version}: accepting after ${gateway.startMs} ms`);
  if (lab.missing.length > 0) console.log(`not installed: ${lab.missing.join(", ")}`);
  const began = Date.now();
  try {
    await Promise.all(
      Object.values(lab.gateways).map(async (gateway) => {
        const captures = await sampleProduct(lab, gateway.id);
        const dir = join(CAPTURES_DIR, gateway.id);
        await mkdir(dir, { recursive: true });
        for (const capture of captures) {
          const file = join(dir, `${capture.fault}.json`);
          // Written as the gate's format check wants it, so a rerun leaves no format diff.
          const options = { ...(await resolveConfig(file)), filepath: file };
          await writeFile(file, await format(JSON.stringify(capture), options));
          const outcome = capture.supported
            ? capture.samples.map((s) => s.status ?? s.ended).join(", ")
            : "unsupported";
          console.log(`  ${gateway.id}/${capture.fault}: ${outcome}`);
        }
      }),
    );
  } finally {
    await lab.stop();
  }
  console.log(`captured in ${Date.now() - began} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
