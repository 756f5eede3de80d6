/**
 * Writes the README's failure-lab tables from what the browser suite recorded, never by hand:
 * test/e2e/evidence-lab.spec.ts and gateway-lab.spec.ts write every scenario's reached state and
 * clicks to test/.artifacts/*-clicks.json; this turns them into the tables between the README's
 * `<!-- bench:lab-evidence -->` and `<!-- bench:lab-gateways -->` markers.
 *
 *   npm run test:e2e -- evidence-lab.spec.ts gateway-lab.spec.ts && npm run readme:lab
 *
 * It refuses to write when a scenario is missing from the run or reached another state than
 * expected, so the README can only show a passing run.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { SCENARIO_STATES } from "@/test/support/evidence-scenarios";
import { GATEWAY_SCENARIOS, scenarioName } from "@/test/support/gateway-scenarios";
import { format } from "prettier";
import { describeCommit, recordedHeader, writeRecorded } from "./record";

const ROOT = path.resolve(__dirname, "../..");
const ARTIFACTS = path.join(ROOT, "test/.artifacts");

interface EvidenceClicks {
  before: number;
  after: number;
  state: string;
}

interface GatewayClicks {
  product: string;
  fault: string;
  state: string;
  expected: string;
  clicks: number;
  vendor: string | null;
  cause: string | null;
}

function readArtifact<T>(file: string): Record<string, T> {
  const full = path.join(ARTIFACTS, file);
  if (!existsSync(full)) throw new Error(`${full} is missing: run the browser suite first`);
  return JSON.parse(readFileSync(full, "utf8")) as Record<string, T>;
}

/** A state's title, from its content file's front-matter. */
function titleOf(stateId: string): string {
  const source = readFileSync(path.join(ROOT, "content", `${stateId}.mdx`), "utf8");
  return /title:\s*"((?:[^"\\]|\\.)*)"/.exec(source)?.[1]?.replace(/\\"/g, '"') ?? stateId;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

function evidenceTable(): string {
  const clicks = readArtifact<EvidenceClicks>("evidence-clicks.json");
  const rows = Object.entries(SCENARIO_STATES).map(([scenario, expected]) => {
    const run = clicks[scenario];
    if (!run) throw new Error(`evidence-clicks.json has no run of ${scenario}`);
    if (run.state !== expected) {
      throw new Error(`${scenario} reached ${run.state}, not ${expected}: fix it before recording`);
    }
    return [
      `\`${scenario}\``,
      `${titleOf(run.state)} (\`${run.state}\`)`,
      String(run.before),
      String(run.after),
      String(run.before + run.after),
    ];
  });
  return table(
    [
      "Scenario (lab name)",
      "Diagnosis reached (state)",
      "Clicks before the URL",
      "Clicks after",
      "Total",
    ],
    rows,
  );
}

function gatewayTable(): string {
  const clicks = readArtifact<GatewayClicks>("gateway-clicks.json");
  const rows = GATEWAY_SCENARIOS.map((scenario) => {
    const name = scenarioName(scenario);
    const run = clicks[name];
    if (!run) throw new Error(`gateway-clicks.json has no run of ${name}`);
    if (run.state !== scenario.state) {
      throw new Error(
        `${name} reached ${run.state}, not ${scenario.state}: fix it before recording`,
      );
    }
    return [
      scenario.product,
      scenario.fault,
      run.vendor ?? "— (not identified)",
      run.cause ?? "— (not shown)",
      `${titleOf(run.state)} (\`${run.state}\`)`,
      String(run.clicks),
    ];
  });
  return table(
    [
      "Product",
      "Fault",
      "Vendor named",
      "Cause named",
      "Diagnosis reached (state)",
      "Clicks after the URL",
    ],
    rows,
  );
}

/** The section as Prettier lays it out, so the gate's format check accepts README.md as written. */
async function formatted(markdown: string): Promise<string> {
  return (await format(markdown, { parser: "markdown", proseWrap: "preserve" })).trimEnd();
}

async function main(): Promise<void> {
  const header = recordedHeader("npm run readme:lab", new Date(), describeCommit());
  writeRecorded("lab-evidence", await formatted(`${header}\n\n${evidenceTable()}`));
  writeRecorded("lab-gateways", await formatted(`${header}\n\n${gatewayTable()}`));
  console.log("Wrote the failure-lab tables to README.md and test/bench/results/.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
