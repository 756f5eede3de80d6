import { describe, expect, it } from "vitest";
import { readEvidenceQuery } from "@/lib/evidence/digest";
import {
  buildOwnerMessage,
  type CheckedSite,
  type GivenAnswer,
} from "@/lib/wizard/visitor-message";
import { replayAnswers } from "@/machines/replay";

/** The answers as the wizard replays them, so each path is one the machine really offers. */
function given(answers: readonly string[]): GivenAnswer[] {
  const replayed = replayAnswers(answers);
  if (!replayed.ok) throw new Error(`${answers.join("/")} is not a path of the machine`);
  expect(replayed.step.id, "the path ends at the visitor's 'site is down' ending").toBe(
    "visitorSiteDown",
  );
  return replayed.trail.map((entry) => ({ stateId: entry.step.id, answer: entry.answer }));
}

/** What a check's link carries, read back the way the page reads it. */
function checked(query: Record<string, string>): CheckedSite {
  const { request, digest } = readEvidenceQuery(query);
  if (!request || !digest) throw new Error("the query carries no check");
  return { url: request.url, digest };
}

// A visitor who first said it works for others, then found it fails on every network.
const justMeEveryNetwork = [
  "visitor",
  "just-me",
  "still-broken",
  "still-broken",
  "still-broken",
  "still-broken",
];
// The same visitor, but it worked on another network and the provider found nothing.
const justMeProviderFoundNothing = [
  "visitor",
  "just-me",
  "still-broken",
  "still-broken",
  "still-broken",
  "works-elsewhere",
  "still-broken",
  "still-broken",
];

describe("the visitor's message to the site's owner", () => {
  it("says others see it too only when the visitor said so", () => {
    const { text, hasPlaceholders } = buildOwnerMessage({
      answers: given(["visitor", "everyone"]),
      check: null,
    });
    expect(text).toContain("Other people get the same error");
    expect(text).not.toContain("Other people can open the site");
    // Nothing was checked, so every fact is left for the visitor to fill in.
    expect(hasPlaceholders).toBe(true);
    expect(text).toContain("Page address: FULL ADDRESS OF THE PAGE");
    expect(text).toContain("When: DATE AND TIME, WITH TIME ZONE");
    expect(text).toContain("Still failing at: LATEST TIME YOU TRIED");
  });

  it("never claims it fails for others after 'It works for others, just not for me'", () => {
    const { text } = buildOwnerMessage({ answers: given(justMeEveryNetwork), check: null });
    expect(text).not.toMatch(/Other people get the same error|for other people too/);
    expect(text).toContain("Other people can open the site, but for me it fails on every network");
    expect(text).toContain(
      "It still fails after waiting and reloading with a hard refresh, a private window, turning off my VPN or proxy and restarting my router and trying another network.",
    );
  });

  it("after the provider found nothing, says it is one connection and what was tried", () => {
    const { text } = buildOwnerMessage({
      answers: given(justMeProviderFoundNothing),
      check: null,
    });
    expect(text).toContain("works on other networks but not on my internet connection");
    expect(text).not.toContain("Other people get the same error");
    expect(text).toContain("flushing DNS and using a public DNS service");
    expect(text).toContain("asking my internet provider, who found nothing wrong");
  });

  it("fills in everything a failed check knew, and leaves no placeholder", () => {
    const check = checked({
      url: "https://shop.example/checkout",
      checked: "2026-12-02T14:05:09.000Z",
      code: "bad-gateway",
      status: "521",
      layer: "edge",
      vendor: "cloudflare",
      cause: "upstream-refused",
      ref: "8c2f4e1a9b3d7f60-AMS",
    });
    const { text, hasPlaceholders } = buildOwnerMessage({
      answers: given(["visitor", "not-sure", "everyone"]),
      check,
    });
    expect(text).toContain("Page address: https://shop.example/checkout");
    expect(text).toContain("When: 2026-12-02 14:05:09 UTC");
    expect(text).toContain("Error: HTTP 521 Web server is down from Cloudflare");
    expect(text).toContain("Reference: 8c2f4e1a9b3d7f60-AMS (Cloudflare cf-ray)");
    expect(text).toContain("It fails from other devices and networks too");
    expect(text).toContain(
      "A check from another server (Gateway Doctor) at 2026-12-02 14:05:09 UTC failed too",
    );
    expect(text).not.toMatch(/[A-Z]{4,} [A-Z]{3,}/);
    expect(hasPlaceholders).toBe(false);
  });

  it("names the socket error when the check got no HTTP answer, and asks for the reference", () => {
    const check = checked({
      url: "https://shop.example/",
      checked: "2026-12-02T14:05:09.000Z",
      code: "connect-timeout",
      layer: "network",
      error: "ETIMEDOUT",
    });
    const { text, hasPlaceholders } = buildOwnerMessage({
      answers: given(["visitor", "not-sure", "everyone"]),
      check,
    });
    expect(text).toContain("Error: no HTTP answer (ETIMEDOUT)");
    expect(text).toContain("Reference: RAY ID / REFERENCE # / REQUEST ID");
    expect(hasPlaceholders).toBe(true);
  });

  it("reports a check that got a normal answer as such, not as the error", () => {
    const check = checked({
      url: "https://shop.example/",
      checked: "2026-12-02T14:05:09.000Z",
      code: "ok",
      status: "200",
      layer: "unknown",
    });
    const { text } = buildOwnerMessage({ answers: given(justMeEveryNetwork), check });
    expect(text).toContain("Page address: https://shop.example/");
    expect(text).toContain("got a normal answer");
    expect(text).toContain("Error: EXACT ERROR TEXT");
    expect(text).not.toContain("HTTP 200");
  });
});
