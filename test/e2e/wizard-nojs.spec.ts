import { expect, test } from "@playwright/test";
import { permalinkFor } from "@/machines/paths";
import { replayAnswers } from "@/machines/replay";
import { expectStep, stepOf } from "./wizard.helpers";

// The whole wizard must work as plain HTML: answers are links, and the server replays the
// permalink each one leads to.
test.use({ javaScriptEnabled: false });

const journeys = [
  {
    name: "a visitor whose browser data was to blame",
    answers: ["visitor", "just-me", "still-broken", "works-there", "fixed"],
  },
  {
    name: "an owner whose CDN cannot reach a working origin (edge)",
    answers: ["owner", "502", "cdn-page", "no-incident", "origin-works", "firewall", "fixed"],
  },
  {
    name: "an owner whose proxy finds the app down (origin)",
    answers: ["owner", "502", "server-page", "connection-refused", "fixed"],
  },
];

for (const journey of journeys) {
  test(`${journey.name}, from the home page to an outcome`, async ({ page }) => {
    await page.goto("/");
    // The home page's doors lead into the wizard with the first answer given.
    await page
      .getByRole("link", { name: journey.answers[0] === "visitor" ? /visiting/ : /run the site/ })
      .click();
    await expect(page).toHaveURL(permalinkFor(journey.answers.slice(0, 1)));
    for (const [index, answer] of journey.answers.entries()) {
      const given = journey.answers.slice(0, index + 1);
      const replayed = replayAnswers(given);
      if (!replayed.ok) throw new Error(`journey ${given.join("/")} is not a valid path`);
      if (index > 0) {
        const before = replayAnswers(journey.answers.slice(0, index));
        if (!before.ok) throw new Error("invalid prefix");
        const label = stepOf(before.step.id).answers.find(
          (option) => option.answer === answer,
        )?.label;
        await page.getByTestId("answers").getByRole("link", { name: label, exact: true }).click();
        await expect(page).toHaveURL(permalinkFor(given));
      }
      await expectStep(page, replayed.step.id);
    }
    const end = replayAnswers(journey.answers);
    expect(end.ok && end.step.final, "the journey ends in an outcome").toBe(true);
    // At the outcome: no answers, the summary readable without the copy button, a way back.
    await expect(page.getByTestId("answers")).toHaveCount(0);
    await page.getByText("Show the summary").click();
    await expect(page.getByTestId("wizard-summary")).toBeVisible();
    await expect(page.getByTestId("wizard-summary")).toContainText(permalinkFor(journey.answers));
  });
}

test("the trail's change links and start over work without JavaScript", async ({ page }) => {
  await page.goto(permalinkFor(["owner", "502", "server-page"]));
  await page
    .getByRole("navigation", { name: "Your answers so far" })
    .getByRole("link", { name: /Change your answer to “Which error/ })
    .click();
  await expect(page).toHaveURL(permalinkFor(["owner"]));
  await expectStep(page, "ownerWhichError");
  await page
    .getByRole("region", { name: "Save or share this diagnosis" })
    .getByRole("link", { name: "Start over" })
    .click();
  await expect(page).toHaveURL(permalinkFor([]));
  await expectStep(page, "start");
});

test("a broken permalink still explains itself without JavaScript", async ({ page }) => {
  const response = await page.goto(permalinkFor(["owner", "nope"]));
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("wizard-not-found-problem")).toContainText("nope");
  await page.getByTestId("valid-prefix-link").click();
  await expectStep(page, "ownerWhichError");
});

test("copy buttons, which need JavaScript, are not shown without it", async ({ page }) => {
  // The 502 proxy step has commands in code blocks, and every step has the share panel's copies.
  await page.goto(permalinkFor(["owner", "502", "server-page"]));
  await expectStep(page, "proxyUpstream");
  const copies = page.locator("button", { hasText: /^(Copy|Copied)$/ });
  expect(await copies.count(), "copy buttons are in the page's HTML").toBeGreaterThan(2);
  for (const button of await copies.all()) await expect(button).toBeHidden();
  // Their captions go with them; the summary itself stays readable for copying by hand.
  const share = page.getByRole("region", { name: "Save or share this diagnosis" });
  await expect(share.getByText("Summary for a support ticket")).toBeHidden();
  await share.getByText("Show the summary").click();
  await expect(page.getByTestId("wizard-summary")).toBeVisible();
});

test("the visitor's ending writes the message to the owner from the answers and the check's link", async ({
  page,
}) => {
  // A visitor who said it works for others, and then found it fails on every network.
  const answers = [
    "visitor",
    "just-me",
    "still-broken",
    "still-broken",
    "still-broken",
    "still-broken",
  ];
  await page.goto(permalinkFor(answers));
  await expectStep(page, "visitorSiteDown");
  const message = page.getByRole("region", { name: "Send the site's owner this message" });
  await expect(message).toContainText("Other people can open the site");
  await expect(message).not.toContainText("Other people get the same error");
  await expect(message).toContainText("Fill in the parts in capitals");

  // Reached through a failed check, the link carries what the check saw, and the message says it.
  const query = new URLSearchParams({
    url: "https://shop.example/checkout",
    checked: "2026-12-02T14:05:09.000Z",
    code: "bad-gateway",
    status: "521",
    layer: "edge",
    vendor: "cloudflare",
    ref: "8c2f4e1a9b3d7f60-AMS",
  });
  await page.goto(`${permalinkFor(["visitor", "not-sure", "everyone"])}?${query}`);
  await expectStep(page, "visitorSiteDown");
  const text = page.getByRole("region", { name: "Send the site's owner this message" });
  await expect(text).toContainText("Page address: https://shop.example/checkout");
  await expect(text).toContainText("When: 2026-12-02 14:05:09 UTC");
  await expect(text).toContainText("Error: HTTP 521 Web server is down from Cloudflare");
  await expect(text).toContainText("Reference: 8c2f4e1a9b3d7f60-AMS (Cloudflare cf-ray)");
  await expect(text).not.toContainText("FULL ADDRESS");
  // Without JavaScript there is no copy button, and the text is there to select.
  await expect(text.getByRole("button")).toHaveCount(0);
});
