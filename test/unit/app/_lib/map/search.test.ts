import { describe, expect, it } from "vitest";
import { queryWords, readSearchQuery, searchSteps, searchWords } from "@/app/_lib/map/search";

const steps = [
  { id: "appDown", title: "Start the application server", summary: "Gets the backend listening." },
  {
    id: "cf521",
    title: "Fix Cloudflare error 521",
    summary: "Your origin refused Cloudflare's connection, so this starts the web server.",
  },
  {
    id: "refused",
    title: "Connection refused by the upstream",
    summary: "Nothing listens where the proxy connects.",
  },
  { id: "cafe", title: "Réglage du café", summary: "Ünïcode and accents." },
];

describe("searchSteps", () => {
  it("ranks words in the title above words in the summary", () => {
    const ids = searchSteps("connection refused", steps).map((hit) => hit.step.id);
    expect(ids).toEqual(["refused", "cf521"]);
  });

  it("ignores case and accents, in the query and in the text", () => {
    expect(searchSteps("CAFE reglage", steps).map((hit) => hit.step.id)).toEqual(["cafe"]);
    expect(searchSteps("unicode", steps).map((hit) => hit.step.id)).toEqual(["cafe"]);
  });

  it("matches the start of a word, but short words only whole", () => {
    expect(searchSteps("refuse", steps).map((hit) => hit.step.id)).toEqual(["refused", "cf521"]);
    expect(searchSteps("52", steps)).toEqual([]);
    expect(searchSteps("521", steps).map((hit) => hit.step.id)).toEqual(["cf521"]);
  });

  it("finds nothing for a query of stop words or symbols only", () => {
    expect(searchSteps("the and of", steps)).toEqual([]);
    expect(searchSteps("<script>", steps)).toEqual([]);
    expect(searchSteps("   ", steps)).toEqual([]);
  });

  it("keeps the given order among equal hits", () => {
    const ids = searchSteps("server", steps).map((hit) => hit.step.id);
    expect(ids).toEqual(["appDown", "cf521"]);
  });
});

describe("words", () => {
  it("splits on anything that is not a letter or digit", () => {
    expect(searchWords("connect() failed (111: Connection refused)")).toEqual([
      "connect",
      "failed",
      "111",
      "connection",
      "refused",
    ]);
    expect(queryWords("the 502 and the 502")).toEqual(["502"]);
  });

  it("reads the first q and trims it", () => {
    expect(readSearchQuery(["  timeout ", "other"])).toBe("timeout");
    expect(readSearchQuery(undefined)).toBe("");
    expect(readSearchQuery("x".repeat(500))).toHaveLength(200);
  });
});
