/**
 * Every benchmark figure in the README is the output of a recorded run: the section between a
 * benchmark's markers must equal the file that run wrote, so a figure edited by hand (or a run
 * recorded without updating the README) fails the gate.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GATEWAY_SCENARIOS } from "@/test/support/gateway-scenarios";
import { README_PATH, RESULTS_DIR, readmeMarkers, replaceSection } from "@/test/bench/record";

const readme = readFileSync(README_PATH, "utf8");
const recorded = readdirSync(RESULTS_DIR)
  .filter((file) => file.endsWith(".md"))
  .map((file) => ({
    name: file.slice(0, -3),
    block: readFileSync(path.join(RESULTS_DIR, file), "utf8").trimEnd(),
  }));

describe("README benchmark figures", () => {
  it("come from recorded runs of every benchmark", () => {
    expect(recorded.map((entry) => entry.name).sort()).toEqual([
      "analyzer",
      "lab-evidence",
      "lab-gateways",
      "probe",
      "wizard",
      "workers",
    ]);
  });

  it.each(recorded)("the $name section is exactly what its run recorded", ({ name, block }) => {
    const { start, end } = readmeMarkers(name);
    const section = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end));
    expect(readme.indexOf(start), `README.md lacks ${start}`).toBeGreaterThanOrEqual(0);
    expect(section.trim()).toBe(block);
    expect(block).toMatch(
      /^Recorded by `npm run (bench:[a-z]+ -- --record|readme:lab)` on \d{4}-\d\d-\d\d /,
    );
  });

  it("lists every gateway pair at the state the scenarios expect today", () => {
    const table = recorded.find((entry) => entry.name === "lab-gateways")?.block ?? "";
    for (const scenario of GATEWAY_SCENARIOS) {
      // Cells as Prettier pads them: split on the pipes and trim.
      const row = table.split("\n").find((line) => {
        const [, product, fault] = line.split("|").map((cell) => cell.trim());
        return product === scenario.product && fault === scenario.fault;
      });
      expect(row, `${scenario.product}/${scenario.fault}: re-run npm run readme:lab`).toContain(
        `(\`${scenario.state}\`)`,
      );
    }
  });

  it("replacing a section keeps the rest of the README", () => {
    const text = "intro\n<!-- bench:x -->\nold figure\n<!-- /bench:x -->\noutro\n";
    expect(replaceSection(text, "x", "new figure")).toBe(
      "intro\n<!-- bench:x -->\n\nnew figure\n\n<!-- /bench:x -->\noutro\n",
    );
    expect(() => replaceSection(text, "y", "z")).toThrow(/no <!-- bench:y -->/);
  });
});
