import { describe, expect, it } from "vitest";
import { analyzerPostFields } from "@/app/_lib/home/analyzer-post";

describe("analyzerPostFields", () => {
  it("names the action by its id, binds the idle state and keys the form to /analyze", () => {
    const fields = analyzerPostFields({ $$id: "60abb1e7" });
    // The same four fields React writes for the analyzer box's useActionState form.
    expect(fields).toEqual([
      { name: "$ACTION_REF_1", value: "" },
      { name: "$ACTION_1:0", value: '{"id":"60abb1e7","bound":"$@1"}' },
      { name: "$ACTION_1:1", value: '[{"status":"idle"}]' },
      { name: "$ACTION_KEY", value: "p/analyze" },
    ]);
  });

  it("gives up when the action carries no id", () => {
    expect(analyzerPostFields(() => undefined)).toBeNull();
    expect(analyzerPostFields(null)).toBeNull();
    expect(analyzerPostFields({ $$id: "" })).toBeNull();
  });
});
