import { describe, expect, it } from "vitest";
import { runFormCheck, wizardPosition } from "@/app/_components/check/run-check";

const client = { headers: new Headers() };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("the no-JavaScript check form", () => {
  it("accepts only permalinks under the wizard's own bases", () => {
    expect(wizardPosition("owner/502", "/diagnose")).toEqual({
      answers: ["owner", "502"],
      base: "/diagnose",
    });
    expect(wizardPosition("owner", "/embed")).toEqual({ answers: ["owner"], base: "/embed" });
    expect(wizardPosition("owner", "https://evil.example")).toBeNull();
    expect(wizardPosition("owner/nonsense", "/diagnose")).toBeNull();
  });

  it.each([
    [{ url: "", answers: "owner", base: "/diagnose" }, /Enter the address that fails/],
    [{ url: "ftp://x.example/", answers: "owner", base: "/diagnose" }, /is not a web address/],
    [{ url: "example.com", answers: "owner", base: "/elsewhere" }, /reload the page/],
    [
      {
        url: "example.com",
        answers: "owner/502/cdn-page/no-incident",
        base: "/diagnose",
        "origin-required": "1",
      },
      /origin server's IP address/,
    ],
  ])("answers %j with a clear message, never a throw", async (fields, message) => {
    const state = await runFormCheck(form(fields), client);
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.failure.kind).toBe("invalid");
    expect(state.failure.message).toMatch(message);
    expect(state.input.url).toBe(fields.url);
  });

  it("refuses a private target through the probe's guard, before any connection", async () => {
    const state = await runFormCheck(
      form({ url: "http://10.0.0.1/", answers: "owner", base: "/diagnose", samples: "3" }),
      client,
    );
    expect(state).toMatchObject({
      status: "error",
      input: { samples: 3 },
      failure: { kind: "refused", stage: "address" },
    });
  });
});
