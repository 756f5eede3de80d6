import { expect, test } from "@playwright/test";
import { MAX_ANSWERS } from "@/machines/permalink";
import { permalinkFor, shortestAnswersTo } from "@/machines/paths";
import { listSteps } from "@/machines/steps";
import { shortestPathsToEveryState } from "@/test/support/diagnosis-model";
import { expectNoAxeViolations, expectStep, titleOf, stepOf } from "./wizard.helpers";

const cases = [
  {
    name: "an unknown answer",
    path: "/diagnose/owner/502/banana/more",
    problem:
      /part 3 of the link, “banana”: it is not one of the answers to “Whose error page is it\?”/,
    prefix: ["owner", "502"],
  },
  {
    name: "an unknown first answer",
    path: "/diagnose/nobody",
    problem: /part 1 of the link, “nobody”/,
    prefix: [],
  },
  {
    name: "an answer after an outcome",
    path: `${permalinkFor(shortestAnswersTo("visitorResolved") ?? [])}/again`,
    problem: /already ended at .*“again”/,
    prefix: [...(shortestAnswersTo("visitorResolved") ?? [])],
  },
  {
    name: "a broken %-escape",
    path: "/diagnose/owner/%E0%A4%A",
    problem: /Part 2 of the link, “%E0%A4%A”, is not valid text/,
    prefix: ["owner"],
  },
  {
    name: "an over-long part",
    path: `/diagnose/visitor/${"x".repeat(300)}`,
    problem: /Part 2 of the link is longer than any answer/,
    prefix: ["visitor"],
  },
];

for (const item of cases) {
  test(`${item.name} answers 404, names the part and links to the valid prefix`, async ({
    page,
  }) => {
    const response = await page.goto(item.path);
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle(/Page not found/);
    await expect(page.getByTestId("wizard-not-found-problem")).toHaveText(item.problem);
    const prefix = page.getByTestId("valid-prefix-link");
    await expect(prefix).toHaveAttribute("href", permalinkFor(item.prefix));
    await expect(page.getByRole("link", { name: "Start over" }).last()).toHaveAttribute(
      "href",
      "/diagnose",
    );
    await prefix.click();
    await expect(page).toHaveURL(permalinkFor(item.prefix));
    await expect(page.locator(".wizard")).toBeVisible();
  });
}

test("the 404 is rendered on the server, not left to JavaScript", async ({ request }) => {
  const response = await request.get("/diagnose/owner/502/banana", { failOnStatusCode: false });
  expect(response.status()).toBe(404);
  const html = await response.text();
  // The visible HTML (outside the scripts that carry React's data) names the problem.
  const visible = html.replace(/<script\b[\s\S]*?<\/script>/g, "");
  expect(visible).toMatch(/<h1[^>]*>This diagnosis link does not work<\/h1>/);
  expect(visible).toContain("banana");
  expect(visible).toContain('href="/diagnose/owner/502"');
});

test("an unknown answer lists the answers that step does offer", async ({ page }) => {
  await page.goto("/diagnose/owner/501");
  const offered = page.getByRole("region", {
    name: `Answers to “${await titleOf(stepOf("ownerWhichError"))}”`,
  });
  for (const option of stepOf("ownerWhichError").answers) {
    await expect(offered.getByRole("link", { name: option.label, exact: true })).toHaveAttribute(
      "href",
      permalinkFor(["owner", option.answer]),
    );
  }
  await offered.getByRole("link", { name: "502 Bad Gateway", exact: true }).click();
  await expectStep(page, "whoRendered");
});

test("too many answers are refused after the cap", async ({ page }) => {
  const loop = [...(shortestAnswersTo("findOriginIp") ?? [])];
  while (loop.length <= MAX_ANSWERS + 4) loop.push("found-it", "no-origin-ip");
  const response = await page.goto(permalinkFor(loop));
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("wizard-not-found-problem")).toContainText(
    `The link has more than ${MAX_ANSWERS} parts`,
  );
  await expect(page.getByTestId("valid-prefix-link")).toHaveAttribute(
    "href",
    permalinkFor(loop.slice(0, MAX_ANSWERS)),
  );
});

test("a path of several kilobytes still gets the wizard's 404, not a header error", async ({
  page,
}) => {
  const parts = Array.from({ length: 120 }, () => "x".repeat(60));
  const response = await page.goto(`/diagnose/owner/${parts.join("/")}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("wizard-not-found-problem")).toContainText("part 2 of the link");
  await expect(page.getByTestId("valid-prefix-link")).toHaveAttribute("href", "/diagnose/owner");
});

test("markup in a permalink is shown as text, never run as HTML", async ({ page }) => {
  const part = '<img src=x onerror="window.pwned=1"><b>bold</b>';
  const response = await page.goto(`/diagnose/owner/${encodeURIComponent(part)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("wizard-not-found-problem")).toContainText(part);
  await expect(page.getByTestId("wizard-not-found").locator("img, b")).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
  ).toBeUndefined();
});

test("the 404 page has no axe-core violations", async ({ page }) => {
  await page.goto("/diagnose/owner/502/banana");
  await expectNoAxeViolations(page, "the wizard's 404");
});

test("a fuzz of random permalinks never yields a server error", async ({ request }) => {
  const slugs = listSteps().flatMap((step) => step.answers.map((option) => option.answer));
  const valid = shortestPathsToEveryState().map((path) => path.answers);
  const noise = [
    "%",
    "%%",
    "%00",
    "%C0%AF",
    "%E2%80%AE",
    "..",
    "%2e%2e",
    "%2F",
    "%5C",
    "<x>",
    "'",
    "%22",
    "a".repeat(70),
    "%F0%9F%92%A5",
    "%FF",
    "__proto__",
    "constructor",
    "map",
    "_next",
  ];
  // A fixed seed keeps a failure reproducible.
  let seed = 20260301;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const statuses = new Map<number, number>();
  for (let round = 0; round < 150; round++) {
    // A valid start (often) followed by random parts, so the fuzz reaches deep states too.
    const start = random() < 0.7 ? pick(valid) : [];
    const extra = Array.from({ length: Math.floor(random() * 4) }, () =>
      random() < 0.6 ? pick(slugs) : pick(noise),
    );
    const segments = [...start, ...extra];
    const path = `/diagnose/${segments.join("/")}`;
    const response = await request.get(path, { maxRedirects: 0, failOnStatusCode: false });
    statuses.set(response.status(), (statuses.get(response.status()) ?? 0) + 1);
    expect(response.status(), path).toBeLessThan(500);
    if (response.status() === 200 || response.status() === 404) {
      const body = await response.text();
      expect(body, path).not.toContain("<x>");
    }
  }
  // The fuzz must exercise both outcomes, or it tests nothing.
  expect(statuses.get(404) ?? 0).toBeGreaterThan(0);
  expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
});
