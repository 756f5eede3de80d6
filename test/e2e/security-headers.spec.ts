import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { ogImagePathFor } from "@/app/_lib/og/state-card";
import {
  contentSecurityPolicyFor,
  FIXED_SECURITY_HEADERS,
  HSTS_HEADER,
  parseAllowedOrigins,
  siteIsHttps,
} from "@/lib/embed/frame-policy.mjs";
import { permalinkFor } from "@/machines/paths";
import { appServerEnv } from "./app-server";

// The security headers of every kind of response the app sends, read as a browser receives
// them, and the pages still working under the Content-Security-Policy they get.

const embedPolicy = parseAllowedOrigins(appServerEnv.EMBED_ALLOWED_ORIGINS);
const httpsSite = siteIsHttps(process.env.SITE_URL ?? appServerEnv.SITE_URL);

const wizardStep = permalinkFor(["owner", "502"]);

/** One request per route kind; `path` is what the framing rule is decided on. */
const ROUTE_KINDS: {
  kind: string;
  path: string;
  send: (request: import("@playwright/test").APIRequestContext) => Promise<APIResponse>;
  status: number;
}[] = [
  { kind: "home", path: "/", send: (r) => r.get("/"), status: 200 },
  { kind: "wizard step", path: wizardStep, send: (r) => r.get(wizardStep), status: 200 },
  { kind: "embed", path: "/embed", send: (r) => r.get("/embed"), status: 200 },
  { kind: "embed step", path: "/embed/owner", send: (r) => r.get("/embed/owner"), status: 200 },
  { kind: "analyze", path: "/analyze", send: (r) => r.get("/analyze"), status: 200 },
  {
    kind: "API",
    path: "/api/probe",
    send: (r) =>
      r.post("/api/probe", { data: "not json", headers: { "content-type": "application/json" } }),
    status: 400,
  },
  { kind: "404", path: "/no-such-page", send: (r) => r.get("/no-such-page"), status: 404 },
  {
    kind: "wizard 404",
    path: "/diagnose/owner/not-an-answer",
    send: (r) => r.get("/diagnose/owner/not-an-answer"),
    status: 404,
  },
  { kind: "static file", path: "/embed.js", send: (r) => r.get("/embed.js"), status: 200 },
  {
    kind: "OG image",
    path: "/og/diagnose",
    send: (r) => r.get(ogImagePathFor(["owner", "502"])),
    status: 200,
  },
  {
    kind: "refused method",
    path: "/embed.js",
    send: (r) => r.post("/embed.js", { data: "x" }),
    status: 405,
  },
];

/** A header value that names a server by URL: the x-middleware-rewrite leak of issue 14. */
const INTERNAL_URL =
  /\b(?:https?:)?\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(?::\d+)?\//i;

function expectSecurityHeaders(kind: string, path: string, response: APIResponse) {
  const headers = response.headers();
  for (const { key, value } of FIXED_SECURITY_HEADERS)
    expect(headers[key.toLowerCase()], `${kind}: ${key}`).toBe(value);
  expect(headers["content-security-policy"], `${kind}: CSP`).toBe(
    contentSecurityPolicyFor(path, embedPolicy),
  );
  const csp = headers["content-security-policy"]!.split("; ");
  // Scripts only from this site: no other origin, no eval.
  expect(csp).toContain("script-src 'self' 'unsafe-inline'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(csp).toContain("object-src 'none'");
  if (path.startsWith("/embed/") || path === "/embed") {
    expect(headers["x-frame-options"], `${kind}: may be framed`).toBeUndefined();
    expect(csp.at(-1)).toMatch(/^frame-ancestors 'self' http:\/\/127\.0\.0\.1:\d+$/);
  } else {
    expect(headers["x-frame-options"], `${kind}: X-Frame-Options`).toBe("DENY");
    expect(csp.at(-1)).toBe("frame-ancestors 'none'");
  }
  if (httpsSite) expect(headers["strict-transport-security"]).toBe(HSTS_HEADER.value);
  // HSTS over plain HTTP would be ignored at best and pin a wrong scheme at worst.
  else expect(headers["strict-transport-security"], `${kind}: no HSTS over http`).toBeUndefined();
  for (const [name, value] of Object.entries(headers)) {
    if (name === "content-security-policy") continue;
    expect(value, `${kind}: ${name} names an internal URL`).not.toMatch(INTERNAL_URL);
  }
  expect(headers["x-powered-by"]).toBeUndefined();
}

test.describe("security headers", () => {
  for (const route of ROUTE_KINDS) {
    test(`${route.kind} (${route.path})`, async ({ request }) => {
      const response = await route.send(request);
      expect(response.status()).toBe(route.status);
      expectSecurityHeaders(route.kind, route.path, response);
    });
  }

  test("Next.js's own assets carry them too", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, "a script of the home page").toBeTruthy();
    const response = await request.get(script!);
    expect(response.status()).toBe(200);
    expectSecurityHeaders("Next.js asset", script!, response);
  });
});

/** Collects the page's CSP violations: the DOM event and Chromium's console report. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void })
        .__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

test.describe("the pages work under their CSP", () => {
  test("home, a wizard step, the embed and the analyzer load and run without a violation", async ({
    page,
  }) => {
    const violations = await watchViolations(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    // A wizard step: client-side navigation needs the inline RSC payload and the chunks.
    await page.goto(permalinkFor(["owner"]));
    await page.getByRole("link", { name: /502/ }).first().click();
    await expect(page).toHaveURL(new RegExp(`${wizardStep}$`));

    await page.goto("/embed");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    // The analyzer reads a paste in the browser: it only answers if its script runs.
    // The analyzer reads a paste as it is typed: only its script can show the finding.
    await page.goto("/analyze");
    await expect(page.getByText("Results update as you type or paste.")).toBeVisible();
    await page
      .getByRole("textbox", { name: "Paste what you see" })
      .fill(
        "2026/11/21 01:02:03 [error] 1187#1187: *42 connect() failed (111: Connection refused) while connecting to upstream",
      );
    await expect(
      page.getByRole("list", { name: "Causes found" }).getByRole("listitem"),
    ).toHaveCount(1);

    expect(violations).toEqual([]);
  });
});
