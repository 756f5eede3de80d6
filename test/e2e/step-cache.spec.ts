import { expect, test } from "@playwright/test";
import { siteKey } from "@/lib/wizard/step-cache";
import { permalinkFor } from "@/machines/paths";

// Wizard steps are rendered once and served from Next's cache (lib/wizard/step-cache.ts,
// proxy.ts). What a person or an attacker could notice: the same page every time, links to the
// site's own origin, a query still rendered per request, and no way in to the cache's route.

// A step no other spec asks for, so the first request of this file is the one that renders it.
const answers = ["owner", "504", "cdn"];
const step = permalinkFor(answers);

function canonicalOf(html: string): string | undefined {
  return /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];
}

test("a permalink's page is rendered once, then served from cache, the same for everyone", async ({
  request,
  baseURL,
}) => {
  const first = await request.get(step);
  expect(first.status()).toBe(200);
  const second = await request.get(step);
  expect(second.status()).toBe(200);
  expect(second.headers()["x-nextjs-cache"]).toBe("HIT");
  expect(await second.text()).toBe(await first.text());
  expect(canonicalOf(await second.text())).toMatch(new RegExp(`^${baseURL}/diagnose/`));

  // The same answers spelled with percent-escapes are the same page.
  const escaped = await request.get(step.replace("owner", "%6Fwner"));
  expect(escaped.headers()["x-nextjs-cache"]).toBe("HIT");
});

test("a forged Host fills only its own cache entry, never the page others get", async ({
  request,
  baseURL,
}) => {
  const forged = await request.get(step, { headers: { host: "attacker.example" } });
  expect(forged.status()).toBe(200);
  const forgedHtml = await forged.text();
  const ours = await (await request.get(step)).text();
  expect(ours).not.toContain("attacker.example");
  expect(canonicalOf(ours)).toMatch(new RegExp(`^${baseURL}/`));
  // Unless SITE_URL names the site, a page speaks of the host it was asked for (site-origin.ts).
  if (!process.env.SITE_URL)
    expect(canonicalOf(forgedHtml)).toMatch(/^http:\/\/attacker\.example\//);
});

test("a check's evidence in the query is rendered for that request, not from cache", async ({
  request,
}) => {
  const withQuery = `${step}?url=${encodeURIComponent("https://example.com/")}`;
  const response = await request.get(withQuery);
  expect(response.status()).toBe(200);
  expect(response.headers()["x-nextjs-cache"]).toBeUndefined();
  // The check form is prefilled from the query, which a cached page could not do.
  expect(await response.text()).toContain("https://example.com/");
});

test("the cache's own route cannot be reached from outside", async ({ request, baseURL }) => {
  for (const origin of [baseURL!, "https://attacker.example"]) {
    const response = await request.get(
      `/step-cache/${siteKey(origin)}${permalinkFor(answers, "")}`,
    );
    expect(response.status()).toBe(404);
    expect(response.headers()["x-nextjs-cache"]).toBeUndefined();
  }
  // Nor by guessing the header the proxy marks its own rewrites with.
  const guessed = await request.get(`/step-cache/${siteKey(baseURL!)}/owner`, {
    headers: { "x-gateway-doctor-step-cache": "guess" },
  });
  expect(guessed.status()).toBe(404);
});
