import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readContentMetadata } from "@/lib/content/files";
import { readCoverage, toCoveredText } from "@/lib/og/glyphs";
import {
  answersFromQuery,
  hopCells,
  MAX_OG_ANSWERS,
  OG_ANSWERS_PARAM,
  ogImageFor,
  ogImagePathFor,
  shorten,
  stateCardFor,
  trailLine,
} from "@/app/_lib/og/state-card";
import { shortestPathsToEveryState } from "@/test/support/diagnosis-model";

const paths = shortestPathsToEveryState();
const loadMetadata = (id: string) => readContentMetadata(id);

/** The answers the route reads back from an image path, as it parses its request. */
function answersInImagePath(imagePath: string): string[] | null {
  return answersFromQuery(
    new URL(imagePath, "http://127.0.0.1").searchParams.get(OG_ANSWERS_PARAM),
  );
}

describe("image URLs", () => {
  it("puts the permalink's answers in the query string", () => {
    expect(ogImagePathFor([])).toBe("/og/diagnose");
    expect(ogImagePathFor(["owner", "502", "server-page"])).toBe(
      "/og/diagnose?answers=owner/502/server-page",
    );
    expect(ogImageFor(["owner"], "Which error?")).toEqual({
      url: "/og/diagnose?answers=owner",
      width: 1200,
      height: 630,
      type: "image/png",
      alt: "Which error?",
    });
  });

  it.each(paths.map((p) => [p.target, p.answers] as const))(
    "round-trips the answers to %s",
    (_target, answers) => {
      expect(answersInImagePath(ogImagePathFor(answers))).toEqual(answers);
    },
  );

  it("escapes characters that would change the query's meaning", () => {
    const odd = ["a&b=c", "d+e", "f#g", "h%i"];
    expect(answersInImagePath(ogImagePathFor(odd))).toEqual(odd);
  });

  it("reads a missing or empty value as the start and refuses lists no permalink has", () => {
    expect(answersFromQuery(null)).toEqual([]);
    expect(answersFromQuery("")).toEqual([]);
    expect(answersFromQuery("owner//502")).toBeNull();
    expect(answersFromQuery("owner/")).toBeNull();
    expect(
      answersFromQuery(
        Array(MAX_OG_ANSWERS + 1)
          .fill("x")
          .join("/"),
      ),
    ).toBeNull();
    expect(answersFromQuery(Array(MAX_OG_ANSWERS).fill("x").join("/"))).toHaveLength(
      MAX_OG_ANSWERS,
    );
  });
});

describe("the hop strip", () => {
  it("lists the request path in order, calling the edge a CDN", () => {
    expect(hopCells(null).map((cell) => cell.label)).toEqual([
      "Browser",
      "DNS",
      "CDN",
      "Proxy",
      "App",
      "Database",
    ]);
  });

  it("marks only the suspected hop, and none before anything is suspected", () => {
    expect(hopCells(null).filter((cell) => cell.suspected)).toEqual([]);
    expect(
      hopCells("edge")
        .filter((cell) => cell.suspected)
        .map((cell) => cell.hop),
    ).toEqual(["edge"]);
  });
});

describe("shortening", () => {
  it("leaves short text alone", () => {
    expect(shorten("Connection refused", 30)).toBe("Connection refused");
  });

  it("cuts on a word boundary with an ellipsis, never past the limit", () => {
    const cut = shorten("A plain web-server page (nginx, Apache…)", 30);
    expect(cut).toBe("A plain web-server page…");
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it("cuts a single long word where it must", () => {
    expect(shorten("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("the trail line", () => {
  it("joins short trails in full", () => {
    expect(trailLine(["Owner", "502 Bad Gateway"])).toBe("Owner › 502 Bad Gateway");
    expect(trailLine([])).toBe("");
  });

  it("drops the earliest answers first and marks the gap", () => {
    const labels = Array.from({ length: 12 }, (_, i) => `Answer number ${i + 1}`);
    const line = trailLine(labels, 80);
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line.startsWith("… › ")).toBe(true);
    expect(line.endsWith("Answer number 12")).toBe(true);
    expect(line).not.toContain("Answer number 1 ");
  });

  it("shortens a label longer than the line on its own", () => {
    const line = trailLine(["word ".repeat(40).trim()], 40, 34);
    expect(line.length).toBeLessThanOrEqual(40);
    expect(line.endsWith("…")).toBe(true);
  });
});

describe("stateCardFor", () => {
  it("describes a deep state from its content file and the answers given", async () => {
    const card = await stateCardFor(
      ["owner", "502", "server-page", "connection-refused"],
      loadMetadata,
    );
    const metadata = await readContentMetadata("appDown");
    expect(card).toMatchObject({
      title: metadata.title,
      summary: metadata.summary,
      kindLabel: "Fix",
    });
    expect(card?.trail).toContain("Connection refused");
    // Four answers do not fit one line: the first gives way, the latest stay.
    expect(card?.trail).toBe(
      "… › 502 Bad Gateway › A plain web-server page (nginx… › Connection refused",
    );
    expect(card?.hops.find((cell) => cell.suspected)?.hop).toBe("app");
  });

  it("describes the start with no trail and no suspect", async () => {
    const card = await stateCardFor([], loadMetadata);
    expect(card).toMatchObject({ kindLabel: "Question", trail: "" });
    expect(card?.hops.some((cell) => cell.suspected)).toBe(false);
  });

  it("gives null for answers that lead nowhere or a state without content", async () => {
    expect(await stateCardFor(["owner", "teapot"], loadMetadata)).toBeNull();
    expect(await stateCardFor(["owner"], async () => null)).toBeNull();
  });

  it("passes content errors on instead of hiding them", async () => {
    const broken = async () => {
      throw new Error("content/x.mdx: title: missing");
    };
    await expect(stateCardFor([], broken)).rejects.toThrow(/title: missing/);
  });
});

describe("every state's card", () => {
  const coverage = readCoverage(
    readFileSync(path.resolve("node_modules/geist/dist/fonts/geist-sans/Geist-Bold.ttf")),
  );

  it.each(paths.map((p) => [p.target, p.answers] as const))(
    "%s: the trail fits its line and every character is in Geist",
    async (_target, answers) => {
      const card = await stateCardFor(answers, loadMetadata);
      expect(card).not.toBeNull();
      expect(card?.trail.length).toBeLessThanOrEqual(80);
      for (const text of [card?.title, card?.summary, card?.trail]) {
        expect(toCoveredText(text ?? "", coverage)).toBe(text);
      }
    },
  );
});
