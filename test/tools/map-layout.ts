/**
 * Computes the decision map's layout with ELK and writes app/_lib/map/map-geometry.json
 * (run: npm run map:layout). Run it after adding, removing or moving a state or an
 * answer; test/unit/app/_lib/map/layout.test.ts fails until the file fits the machine again.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { format } from "prettier";
import { computeMapGeometry } from "@/app/_lib/map/elk-layout";
import { mapGraph } from "@/app/_lib/map/graph";

async function main() {
  const geometry = await computeMapGeometry(mapGraph());
  const file = path.resolve(__dirname, "../../app/_lib/map/map-geometry.json");
  // Formatted as Prettier would, so the gate's format check passes on the written file.
  writeFileSync(file, await format(JSON.stringify(geometry), { parser: "json", printWidth: 100 }));
  console.log(
    `wrote ${path.relative(process.cwd(), file)}: ${geometry.width} × ${geometry.height} px`,
  );
}

void main();
