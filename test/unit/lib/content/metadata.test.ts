import { describe, expect, it } from "vitest";
import { listContentIds, readContentMetadata } from "@/lib/content/files";
import { isContentId } from "@/lib/content/schema";

// Every file in content/ is checked on its own, so a broken one fails with its own name in the
// test title and in the error (`content/<id>.mdx: <field>: <problem>`).
const ids = listContentIds();

describe("content/ files", () => {
  it("exist", () => {
    expect(ids.length).toBeGreaterThan(0);
  });

  describe.each(ids)("content/%s.mdx", (id) => {
    it("is named by a state id", () => {
      expect(isContentId(id), `content/${id}.mdx: file name: must be a state id`).toBe(true);
    });

    it("exports metadata that matches the schema", async () => {
      await readContentMetadata(id);
    });
  });
});
