import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Frame, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { readContentMetadata } from "@/lib/content/files";
import type { WindowWithGatewayDoctor } from "@/lib/embed/snippet-api";
import { EMBED_EVENTS } from "@/lib/embed/protocol";
import { OPTION_DOCS } from "@/lib/embed/reference";
import { accentProperties, PALETTES } from "@/lib/embed/theme";
import { appPort, baseURL, embedHostPorts } from "./app-server";
import { labDir } from "./lab-server";

// A help center on another origin embeds the wizard with the one-line snippet. The host pages
// are served from loopback ports of their own (see embedHostPorts): `allowed` is listed in the
// app's EMBED_ALLOWED_ORIGINS, `refused` is not and plays both the stranger who tries to frame
// the wizard and the third-party frame that sends it messages.

// Fixed ports: every test of this file runs in one worker, so one pair of servers serves them all.
test.describe.configure({ mode: "default" });

const appOrigin = new URL(baseURL).origin;
const hostOrigin = `http://127.0.0.1:${embedHostPorts.allowed}`;
const strangerOrigin = `http://127.0.0.1:${embedHostPorts.refused}`;

/** Pages the two host servers answer with, by path; tests add their own. */
const pages = new Map<string, string>();
const servers: Server[] = [];

function listen(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? "/", "http://host").pathname);
    response.writeHead(html ? 200 : 404, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
    });
    response.end(html ?? "not found");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

test.beforeAll(async () => {
  servers.push(await listen(embedHostPorts.allowed), await listen(embedHostPorts.refused));
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
});

/** Escapes a value for an HTML attribute of the test's own host page. */
function attr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * A help-center page: a heading, the snippet with the given data attributes, and a recorder
 * that keeps every event the snippet hands to the page, through its JS API and as DOM events.
 */
function hostPage(data: Record<string, string>, extra = ""): string {
  const attributes = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${attr(value)}"`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Example help center</title></head>
<body>
<main>
<h1>Example help center</h1>
<p>Seeing 502 Bad Gateway? Let the troubleshooter find the cause.</p>
<script src="${appOrigin}/embed.js"${attributes}></script>
<script>
  window.recorded = [];
  window.domEvents = [];
  for (const name of GatewayDoctor.events) {
    GatewayDoctor.on(name, (detail) => window.recorded.push({ name, detail }));
    document.addEventListener("gateway-doctor:" + name, () => window.domEvents.push(name));
  }
</script>
${extra}
</main>
</body>
</html>`;
}

let pageCounter = 0;

/** Serves a host page and opens it; returns the page and the embedded wizard's frame. */
async function openHost(
  page: Page,
  data: Record<string, string> = {},
  { origin = hostOrigin, extra = "" } = {},
): Promise<Frame> {
  const pagePath = `/help-${++pageCounter}.html`;
  pages.set(pagePath, hostPage(data, extra));
  await page.goto(`${origin}${pagePath}`);
  await expect(page.locator("iframe[name^='gateway-doctor-']")).toHaveCount(1);
  const frame = await frameOf(page);
  await expect(frame.locator("h1")).toBeVisible();
  return frame;
}

async function frameOf(page: Page): Promise<Frame> {
  const handle = await page.locator("iframe[name^='gateway-doctor-']").elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error("the embed iframe has no frame");
  return frame;
}

let labUrls: Record<string, string> | undefined;

/** A failure-lab scenario's URL, written by the lab at start-up (read lazily). */
function labUrl(scenario: string): string {
  labUrls ??= JSON.parse(readFileSync(path.join(labDir(appPort), "urls.json"), "utf8")) as Record<
    string,
    string
  >;
  const url = labUrls[scenario];
  if (!url) throw new Error(`The failure lab has no scenario "${scenario}"`);
  return url;
}

type Recorded = { name: string; detail: Record<string, unknown> };

/** Events the host page received, without the frequent `resize`. */
async function recorded(page: Page): Promise<Recorded[]> {
  const all = await page.evaluate(() => (window as unknown as { recorded: Recorded[] }).recorded);
  return all.filter((event) => event.name !== "resize");
}

async function eventNames(page: Page): Promise<string[]> {
  return (await recorded(page)).map((event) => event.name);
}

async function iframeHeight(page: Page): Promise<number> {
  return page.locator("iframe[name^='gateway-doctor-']").evaluate((el) => el.clientHeight);
}

async function contentHeight(frame: Frame): Promise<number> {
  return frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
}

/** Clicks an answer inside the frame and waits for the next step's heading. */
async function answer(frame: Frame, label: string, nextTitle: string) {
  await frame.getByRole("link", { name: label, exact: true }).click();
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(nextTitle);
}

async function title(id: string): Promise<string> {
  return (await readContentMetadata(id)).title;
}

test("the iframe grows and shrinks with the step it shows, without a scrollbar", async ({
  page,
}) => {
  const frame = await openHost(page);
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("start"));

  // The iframe follows the content, whatever height it started at.
  await expect.poll(() => iframeHeight(page)).toBe(await contentHeight(frame));
  const start = await iframeHeight(page);

  await answer(frame, "I run the site (owner, developer or ops)", await title("ownerWhichError"));
  await answer(frame, "502 Bad Gateway", await title("whoRendered"));
  await answer(frame, "A plain web-server page (nginx, Apache…)", await title("proxyUpstream"));
  await expect.poll(() => iframeHeight(page)).toBeGreaterThan(start + 400);
  await expect.poll(async () => (await iframeHeight(page)) - (await contentHeight(frame))).toBe(0);
  const noScroll = await frame.evaluate(
    () => document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1,
  );
  expect(noScroll, "the frame's own page does not scroll").toBe(true);

  // "Start over" goes back to the short first question; the iframe shrinks back with it.
  await frame.getByRole("link", { name: "Start over" }).click();
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("start"));
  await expect.poll(() => iframeHeight(page)).toBe(start);
});

test("answering sends the documented events to the host page, in order", async ({ page }) => {
  const frame = await openHost(page);
  await expect.poll(() => eventNames(page)).toEqual(["ready", "step"]);

  await answer(frame, "I'm visiting a site that shows the error", await title("visitorScope"));
  await answer(frame, "It works for others, just not for me", await title("visitorHardRefresh"));
  await answer(frame, "Yes, that fixed it", await title("visitorResolved"));

  await expect
    .poll(() => eventNames(page))
    .toEqual(["ready", "step", "step", "step", "diagnosis", "resolved", "step"]);
  const events = await recorded(page);
  const [ready, first, second, third, diagnosis, resolved, last] = events;

  expect(ready!.detail).toEqual({
    version: 1,
    stateId: "start",
    kind: "question",
    title: await title("start"),
    answers: [],
    permalink: "/diagnose",
    url: `${appOrigin}/diagnose`,
  });
  expect(first!.detail).toMatchObject({ stateId: "start", answers: [] });
  expect(second!.detail).toMatchObject({
    stateId: "visitorScope",
    answers: ["visitor"],
    permalink: "/diagnose/visitor",
  });
  expect(third!.detail).toMatchObject({
    stateId: "visitorHardRefresh",
    kind: "fix",
    title: await title("visitorHardRefresh"),
    answers: ["visitor", "just-me"],
    permalink: "/diagnose/visitor/just-me",
    url: `${appOrigin}/diagnose/visitor/just-me`,
  });
  expect(diagnosis!.detail).toEqual(third!.detail);
  expect(resolved!.detail).toMatchObject({
    resolved: true,
    fixStateId: "visitorHardRefresh",
    answer: "fixed",
    stateId: "visitorResolved",
  });
  expect(last!.detail).toMatchObject({
    stateId: "visitorResolved",
    kind: "outcome",
    answers: ["visitor", "just-me", "fixed"],
  });

  // The same events arrive as DOM events on the iframe, bubbling to the document.
  const domEvents = await page.evaluate(() =>
    (window as unknown as { domEvents: string[] }).domEvents.filter((name) => name !== "resize"),
  );
  expect(domEvents).toEqual(events.map((event) => event.name));
});

test("'No, still failing' after a fix is reported as not resolved", async ({ page }) => {
  const frame = await openHost(page, { answers: "visitor/just-me" });
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(
    await title("visitorHardRefresh"),
  );
  await answer(frame, "No, still failing", await title("visitorPrivateWindow"));
  await expect
    .poll(() => eventNames(page))
    .toEqual(["ready", "step", "diagnosis", "resolved", "step"]);
  const resolved = (await recorded(page))[3]!;
  expect(resolved.detail).toMatchObject({
    resolved: false,
    answer: "still-broken",
    fixStateId: "visitorHardRefresh",
  });
});

test("escalate hands the host the Markdown summary when it asked for a support button", async ({
  page,
}) => {
  const frame = await openHost(page, {
    answers: "owner/502",
    escalate: "true",
    "escalate-label": "Open a ticket",
  });
  await frame.getByRole("button", { name: "Open a ticket" }).click();
  await expect(frame.getByRole("status").filter({ hasText: "passed on" })).toBeVisible();
  await expect.poll(() => eventNames(page)).toContain("escalate");
  const escalate = (await recorded(page)).find((event) => event.name === "escalate")!;
  expect(escalate.detail).toMatchObject({
    stateId: "whoRendered",
    answers: ["owner", "502"],
    url: `${appOrigin}/diagnose/owner/502`,
  });
  const markdown = String(escalate.detail.markdown);
  expect(markdown).toMatch(/^# Gateway Doctor diagnosis: /);
  expect(markdown).toContain(`- Link: ${appOrigin}/diagnose/owner/502`);
  expect(markdown).toContain("502 Bad Gateway");
});

test("without data-escalate there is no support button", async ({ page }) => {
  const frame = await openHost(page);
  await expect(frame.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(frame.getByTestId("embed-escalate")).toHaveCount(0);
});

test.describe("options", () => {
  test("data-answers opens at that step", async ({ page }) => {
    const frame = await openHost(page, { answers: "owner/502" });
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("whoRendered"));
    await expect.poll(() => eventNames(page)).toEqual(["ready", "step"]);
    expect((await recorded(page))[0]!.detail).toMatchObject({
      stateId: "whoRendered",
      answers: ["owner", "502"],
    });
  });

  test("data-start opens at a step by its id, and restart() returns there", async ({ page }) => {
    const frame = await openHost(page, { start: "proxyUpstream" });
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("proxyUpstream"));
    await frame
      .getByRole("link", { name: "Change your answer to “Whose error page is it?”" })
      .click();
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("whoRendered"));
    await page.evaluate(() =>
      (window as unknown as WindowWithGatewayDoctor).GatewayDoctor.restart(),
    );
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("proxyUpstream"));
  });

  for (const [theme, scheme, background] of [
    ["dark", "light", PALETTES.dark.bg],
    ["light", "dark", PALETTES.light.bg],
  ] as const) {
    test(`data-theme="${theme}" wins over a ${scheme} system setting`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const frame = await openHost(page, { theme });
      const color = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(color).toBe(rgb(background));
    });
  }

  test('data-theme="auto" follows the system setting', async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    const frame = await openHost(page, { theme: "auto" });
    const color = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(color).toBe(rgb(PALETTES.dark.bg));
  });

  test("data-accent colors links and buttons, shaded for contrast", async ({ page }) => {
    const frame = await openHost(page, { accent: "#ffd400", theme: "light" });
    const expected = accentProperties("#ffd400")["--embed-accent-light"]!;
    const link = frame.getByTestId("embed-open-full");
    await expect(link).toHaveCSS("color", rgb(expected));
    expect(expected).not.toBe("#ffd400");
  });

  test("data-url pre-fills the live check; data-live-check=false takes it away", async ({
    page,
  }) => {
    const on = await openHost(page, { answers: "visitor", url: "https://shop.example/cart" });
    await expect(on.locator(".gd-embed")).toHaveAttribute("data-live-check", "on");
    await expect(on.getByRole("heading", { name: "Check it for me" })).toBeVisible();
    await expect(on.getByRole("textbox", { name: /URL/ })).toHaveValue("https://shop.example/cart");

    const off = await openHost(page, { answers: "visitor", "live-check": "false" });
    await expect(off.getByRole("heading", { level: 1 })).toHaveText(await title("visitorScope"));
    await expect(off.locator(".gd-embed")).toHaveAttribute("data-live-check", "off");
    await expect(off.getByRole("heading", { name: "Check it for me" })).toHaveCount(0);
  });
});

test("a reload inside the frame keeps the host's options and its channel to the host", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  const frame = await openHost(page, { theme: "dark" });
  await answer(frame, "I run the site (owner, developer or ops)", await title("ownerWhichError"));
  await expect.poll(() => eventNames(page)).toEqual(["ready", "step", "step"]);
  // The address no longer carries the options: answering moved to a bare permalink.
  expect(new URL(frame.url()).search).toBe("");

  await frame.evaluate(() => window.location.reload());
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("ownerWhichError"));
  await expect(frame.locator(".gd-embed")).toHaveAttribute("data-theme", "dark");
  // The reloaded wizard announces itself again and keeps reporting steps.
  await expect.poll(() => eventNames(page)).toEqual(["ready", "step", "step", "ready", "step"]);
  await answer(frame, "502 Bad Gateway", await title("whoRendered"));
  await expect
    .poll(() => eventNames(page))
    .toEqual(["ready", "step", "step", "ready", "step", "step"]);
});

test.describe("check events", () => {
  test.skip(
    Boolean(process.env.BASE_URL),
    "needs the app started by the test run, aimed at the failure lab (test/e2e/lab-server.ts)",
  );

  // Each test is its own client for the probe's rate limit (the test app trusts X-Forwarded-For).
  test.beforeEach(async ({ page }, info) => {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `e2e-embed-${info.testId}-${info.retry}` });
  });

  for (const share of [false, true]) {
    test(`a live check in the frame sends the verdict code${share ? " and, opted in, the details" : " and nothing about the target"}`, async ({
      page,
    }) => {
      const target = labUrl("edge-cloudflare-521");
      const frame = await openHost(page, {
        answers: "owner",
        ...(share ? { "share-check-details": "true" } : {}),
      });
      await frame.getByLabel("Address (URL) of the page that fails").fill(target);
      await frame.getByRole("button", { name: "Check it for me" }).click();
      await expect(frame.getByTestId("check-report")).toHaveAttribute(
        "data-verdict",
        "bad-gateway",
      );

      await expect.poll(() => eventNames(page)).toContain("check");
      const all = await recorded(page);
      const checks = all.filter((event) => event.name === "check");
      expect(checks).toHaveLength(1);
      if (share) {
        expect(checks[0]!.detail).toMatchObject({
          verdict: "bad-gateway",
          target: { url: target, status: 521, vendor: "cloudflare" },
        });
      } else {
        expect(checks[0]!.detail).toEqual({ verdict: "bad-gateway" });
        // No event, of any kind, tells the host which site was checked.
        expect(JSON.stringify(all)).not.toContain(new URL(target).hostname);
      }
    });
  }
});

test.describe("security", () => {
  test("only /embed may be framed, and only by the allowed origins", async ({ page, request }) => {
    const site = await request.get("/diagnose");
    expect(site.headers()["x-frame-options"]).toBe("DENY");
    // The CSP carries more directives than framing (lib/embed/frame-policy.mjs); this one decides framing.
    expect(site.headers()["content-security-policy"]!.split("; ")).toContain(
      "frame-ancestors 'none'",
    );
    const embed = await request.get("/embed");
    expect(embed.headers()["x-frame-options"]).toBeUndefined();
    expect(
      embed.headers()["content-security-policy"]!.split("; "),
      "the app must run with EMBED_ALLOWED_ORIGINS from test/e2e/app-server.ts",
    ).toContain(`frame-ancestors 'self' ${hostOrigin}`);

    // Plain iframes from the allowed origin: the wizard loads under /embed, the site does not.
    pages.set(
      "/frames.html",
      `<!doctype html><html lang="en"><head><title>Frames</title></head><body>
<iframe title="embed" src="${appOrigin}/embed"></iframe>
<iframe title="site" src="${appOrigin}/diagnose"></iframe></body></html>`,
    );
    await page.goto(`${hostOrigin}/frames.html`);
    const embedded = page.frameLocator("iframe[title=embed]");
    await expect(embedded.getByRole("heading", { level: 1 })).toHaveText(await title("start"));
    await expectRefused(page, "site");

    // The same iframe on an origin that is not listed is refused too.
    await page.goto(`${strangerOrigin}/frames.html`);
    await expectRefused(page, "embed");
  });

  test("a message from another origin is ignored, both ways", async ({ page }) => {
    // A third-party frame on the help-center page (an ad, a widget) tries to steer the wizard
    // and to forge its events.
    pages.set(
      "/stranger.html",
      `<!doctype html><html lang="en"><head><title>Ad</title></head><body><p>Ad</p></body></html>`,
    );
    const frame = await openHost(
      page,
      { answers: "owner" },
      { extra: `<iframe title="Advertisement" src="${strangerOrigin}/stranger.html"></iframe>` },
    );
    await answer(frame, "502 Bad Gateway", await title("whoRendered"));
    await expect.poll(() => eventNames(page)).toEqual(["ready", "step", "step"]);

    const stranger = page.frames().find((candidate) => candidate.url().startsWith(strangerOrigin));
    expect(stranger).toBeDefined();
    await stranger!.evaluate(() => {
      const wizard = window.parent.frames[0]!;
      wizard.postMessage({ type: "gateway-doctor:restart", version: 1 }, "*");
      window.parent.postMessage(
        { type: "gateway-doctor:step", version: 1, detail: { stateId: "forged", answers: [] } },
        "*",
      );
    });
    // The host page itself posting into its own window is not the wizard either.
    await page.evaluate(() =>
      window.postMessage(
        { type: "gateway-doctor:escalate", version: 1, detail: { stateId: "x", answers: [] } },
        "*",
      ),
    );
    // A restart from the right origin but of an unknown version or shape is ignored as well.
    await page.evaluate(() => {
      const wizard = document.querySelector<HTMLIFrameElement>("iframe[name^='gateway-doctor-']")!;
      const origin = new URL(wizard.src).origin;
      wizard.contentWindow!.postMessage({ type: "gateway-doctor:restart", version: 2 }, origin);
      wizard.contentWindow!.postMessage(
        { type: "gateway-doctor:restart", version: 1, then: "<img src=x onerror=alert(1)>" },
        origin,
      );
    });

    await page.waitForTimeout(500);
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("whoRendered"));
    expect(await eventNames(page)).toEqual(["ready", "step", "step"]);

    // The real host can restart it: the command works, the stranger was simply not obeyed.
    await page.evaluate(() =>
      (window as unknown as WindowWithGatewayDoctor).GatewayDoctor.embeds[0]!.restart(),
    );
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(
      await title("ownerWhichError"),
    );
  });

  test("events go only to the origin the snippet announced", async ({ page }) => {
    // A page that frames the wizard while claiming to be another (allowed) origin hears nothing.
    pages.set(
      "/claims.html",
      `<!doctype html><html lang="en"><head><title>Claims</title></head><body>
<iframe title="wizard" src="${appOrigin}/embed?parent=${encodeURIComponent(strangerOrigin)}"></iframe>
<script>
  window.heard = [];
  window.addEventListener("message", (event) => window.heard.push(event.data && event.data.type));
</script></body></html>`,
    );
    const heardByTruthful = pages
      .get("/claims.html")!
      .replace(encodeURIComponent(strangerOrigin), encodeURIComponent(hostOrigin));
    pages.set("/truthful.html", heardByTruthful);

    await page.goto(`${hostOrigin}/truthful.html`);
    await expect(page.frameLocator("iframe").getByRole("heading", { level: 1 })).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard))
      .toContain("gateway-doctor:ready");

    await page.goto(`${hostOrigin}/claims.html`);
    await expect(page.frameLocator("iframe").getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
  });

  test("host text is never rendered as HTML", async ({ page }) => {
    const frame = await openHost(page, {
      escalate: "1",
      "escalate-label": "<img src=x onerror=window.pwned=1>Help",
      accent: "red;background:url(//evil.example)",
    });
    const button = frame.getByTestId("embed-escalate");
    await expect(button).toHaveText("<img src=x onerror=window.pwned=1>Help");
    expect(await frame.locator(".gd-embed img[src=x]").count()).toBe(0);
    expect(await frame.evaluate(() => "pwned" in window)).toBe(false);
    await expect(frame.locator(".gd-embed")).not.toHaveAttribute("data-accent", /./);
  });
});

test.describe("inside the frame", () => {
  test("'Open in full' opens the current step on the full site in a new tab", async ({ page }) => {
    const frame = await openHost(page, { answers: "owner/502" });
    const link = frame.getByRole("link", { name: /Open in full/ });
    await expect(link).toHaveAttribute("target", "_blank");
    const [full] = await Promise.all([page.waitForEvent("popup"), link.click()]);
    await expect(full).toHaveURL(`${appOrigin}/diagnose/owner/502`);
    await expect(full.getByRole("heading", { level: 1 })).toHaveText(await title("whoRendered"));
    await expect(full.getByRole("link", { name: "Gateway Doctor" })).toBeVisible();
  });

  test("the site header and footer are not drawn inside the frame", async ({ page }) => {
    const frame = await openHost(page);
    await expect(frame.getByRole("banner")).toHaveCount(0);
    await expect(frame.getByRole("contentinfo")).toHaveCount(0);
    await expect(frame.getByRole("main")).toBeVisible();
  });

  test("a link that leaves the wizard opens in a new tab, not in the frame", async ({ page }) => {
    const frame = await openHost(page, { answers: "owner/502/server-page" });
    const analyzer = frame.getByRole("link", { name: "/analyze", exact: true });
    const [tab] = await Promise.all([page.waitForEvent("popup"), analyzer.click()]);
    await expect(tab).toHaveURL(`${appOrigin}/analyze`);
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(await title("proxyUpstream"));
  });

  for (const [scheme, data] of [
    ["light", {}],
    ["dark", {}],
    ["light", { accent: "#ffd400", escalate: "1" }],
    ["dark", { accent: "#0b1f66", escalate: "1", answers: "owner/502/server-page" }],
  ] as const) {
    test(`axe-core finds no violations (${scheme}, ${JSON.stringify(data)})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const frame = await openHost(page, data);
      await expect(frame.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoViolations(page, { frameChecked: true });
    });
  }
});

test.describe("documentation page", () => {
  test("shows the snippet with a copy button, every option and event", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: appOrigin });
    await page.goto("/docs/embed");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Embed the wizard in your help center",
    );
    const snippet = `<script src="${appOrigin}/embed.js" defer></script>`;
    await expect(page.locator("pre").first()).toHaveText(snippet);
    await expectNoViolations(page);
    await page.getByRole("button", { name: /^Copy/ }).first().click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

    for (const option of OPTION_DOCS) {
      await expect(
        page.getByRole("rowheader", { name: new RegExp(`^${option.attribute}( |$)`) }),
      ).toBeVisible();
    }
    for (const name of EMBED_EVENTS) {
      await expect(page.getByText(`gateway-doctor:${name}`, { exact: true })).toBeVisible();
    }
  });

  test("the live preview is the real snippet: options apply and its events are listed", async ({
    page,
  }) => {
    await page.goto("/docs/embed");
    const preview = page.frameLocator("[data-testid=playground-preview] iframe");
    await expect(preview.getByRole("heading", { level: 1 })).toHaveText(await title("start"));
    const log = page.getByTestId("playground-events");
    await expect(log).toContainText("ready");

    await preview.getByRole("link", { name: "I'm visiting a site that shows the error" }).click();
    await expect(preview.getByRole("heading", { level: 1 })).toHaveText(
      await title("visitorScope"),
    );
    // Newest first; a resize may already have arrived after the step.
    await expect(log.locator("li", { hasText: 'step {"stateId":"visitorScope"' })).toHaveCount(1);

    await page.getByLabel("Theme").selectOption("dark");
    await expect(page.getByTestId("playground-snippet")).toContainText('data-theme="dark"');
    await expect(page.locator("[data-testid=playground-preview] iframe")).toHaveAttribute(
      "src",
      /[?&]theme=dark/,
    );
    const background = await preview
      .locator("body")
      .evaluate((body) => getComputedStyle(body).backgroundColor);
    expect(background).toBe(rgb(PALETTES.dark.bg));
  });
});

/** Runs axe-core on the page and every frame in it (the wizard's included). */
async function expectNoViolations(page: Page, { frameChecked = false } = {}) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  if (frameChecked) {
    // A target of more than one selector is a node inside a frame: proof axe looked inside.
    const inFrame = results.passes.some((rule) => rule.nodes.some((n) => n.target.length > 1));
    expect(inFrame, "axe-core checked the content of the frame").toBe(true);
  }
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, "axe-core violations").toEqual([]);
}

/** "#0b0f17" → "rgb(11, 15, 23)", as getComputedStyle reports colors. */
function rgb(hex: string): string {
  const value = parseInt(hex.slice(1), 16);
  return `rgb(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255})`;
}

/** Asserts that the iframe titled `title` was refused: its document never became the app's. */
async function expectRefused(page: Page, title: string) {
  const handle = await page.locator(`iframe[title=${title}]`).elementHandle();
  const frame = await handle!.contentFrame();
  // Give the browser time to load (and refuse) it.
  await page.waitForTimeout(500);
  const url = frame?.url() ?? "";
  expect(url.startsWith(appOrigin), `frame "${title}" shows ${url}`).toBe(false);
}
