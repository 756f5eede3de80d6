import { describe, expect, it } from "vitest";
import { listContentIds, readContentSource } from "@/lib/content/files";
import { listSteps } from "@/machines/steps";

const steps = listSteps();
const files = new Set(listContentIds());

describe("machine ↔ content parity", () => {
  it("has an MDX file for every state's content id", () => {
    const missing = steps.map((s) => s.id).filter((id) => !files.has(id));
    expect(missing, "content ids with no content/<id>.mdx").toEqual([]);
  });

  it("uses every MDX file in some state", () => {
    const used = new Set<string>(steps.map((s) => s.id));
    const orphans = [...files].filter((id) => !used.has(id));
    expect(orphans, "content files no state renders").toEqual([]);
  });

  it.each(steps.filter((s) => s.kind === "fix" && files.has(s.id)).map((s) => s.id))(
    "content/%s.mdx, a fix, has a 'Check that it worked' section",
    (id) => {
      expect(readContentSource(id)).toMatch(/^## Check that it worked\s*$/m);
    },
  );
});
