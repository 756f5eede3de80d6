import { expect, test, type APIRequestContext } from "@playwright/test";
import { MAX_OG_ANSWERS, ogImagePathFor } from "@/app/_lib/og/state-card";
import { shortestAnswersTo } from "@/machines/paths";
import { listSteps } from "@/machines/steps";

// The share image of a wizard state (app/og/diagnose/route.tsx), fetched as a crawler would.

/** States whose images are checked: the start, and deep ones suspecting different hops. */
const stateIds = ["start", "appDown", "timeoutRaiseLimits", "visitorIsp"] as const;

function answersTo(stateId: string): readonly string[] {
  const answers = shortestAnswersTo(stateId);
  if (!answers) throw new Error(`No path to "${stateId}"`);
  return answers;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Fetches an image URL and checks it is a whole 1200×630 PNG; returns its bytes. */
async function fetchPng(request: APIRequestContext, url: string, status: number) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(status);
  expect(response.headers()["content-type"]).toBe("image/png");
  const body = await response.body();
  expect([...body.subarray(0, 8)], "PNG signature").toEqual(PNG_SIGNATURE);
  // IHDR is the first chunk: width and height are its first two 32-bit fields.
  expect({ width: body.readUInt32BE(16), height: body.readUInt32BE(20) }).toEqual({
    width: 1200,
    height: 630,
  });
  // A real card with text and the hop strip compresses to tens of kilobytes, never megabytes.
  expect(body.length).toBeGreaterThan(10_000);
  expect(body.length).toBeLessThan(1_000_000);
  return body;
}

test.describe("share images", () => {
  test("each state has its own 1200×630 PNG", async ({ request }) => {
    const images = new Map<string, string>();
    for (const stateId of stateIds) {
      const body = await fetchPng(request, ogImagePathFor(answersTo(stateId)), 200);
      images.set(stateId, body.toString("base64"));
    }
    // Every state draws its own title, kind and suspected hop, so no two images are the same.
    expect(new Set(images.values()).size).toBe(stateIds.length);
  });

  test("crawlers may cache an image for a day", async ({ request }) => {
    const response = await request.get(ogImagePathFor(answersTo("appDown")));
    expect(response.headers()["cache-control"]).toContain("max-age=86400");
  });

  const outcome = listSteps().find((step) => step.final);
  if (!outcome) throw new Error("The machine has no outcome");

  const bad = {
    "an answer the state does not offer": "/og/diagnose?answers=owner/teapot",
    "an answer after an outcome": ogImagePathFor([...answersTo(outcome.id), "fixed"]),
    "broken percent-encoding": "/og/diagnose?answers=owner/%E0%A4%A",
    "an empty answer": "/og/diagnose?answers=owner//502",
    "too many answers": `/og/diagnose?answers=${Array(MAX_OG_ANSWERS + 1)
      .fill("owner")
      .join("/")}`,
  };

  for (const [what, url] of Object.entries(bad)) {
    test(`${what} gets the generic card with 404, never a server error`, async ({ request }) => {
      await fetchPng(request, url, 404);
    });
  }

  test("the generic card is the same whatever the bad link", async ({ request }) => {
    const [first, second] = await Promise.all([
      request.get(bad["an answer the state does not offer"]),
      request.get(bad["broken percent-encoding"]),
    ]);
    expect((await first.body()).equals(await second.body())).toBe(true);
  });
});
