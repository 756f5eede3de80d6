// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EMBED_THEMES, OPTION_PARAMS } from "@/lib/embed/options";
import { EMBED_EVENTS, PROTOCOL_VERSION } from "@/lib/embed/protocol";
import type { GatewayDoctorApi } from "@/lib/embed/snippet-api";

// public/embed.js is plain JavaScript served as is; these tests run it in jsdom the way a help
// center's page would, and hold its copy of the protocol to lib/embed/protocol.ts.

const source = readFileSync(path.resolve(__dirname, "../../../../public/embed.js"), "utf8");
const appOrigin = "https://doctor.example";

type Api = GatewayDoctorApi;

/** The page's window, where the snippet defines GatewayDoctor. */
const host = window as unknown as { GatewayDoctor?: Api };

/** Adds `<script src=… data-…>` to the page and runs the snippet as that tag. */
function runSnippet(data: Record<string, string> = {}, parent: Element = document.body): Api {
  const script = document.createElement("script");
  script.src = `${appOrigin}/embed.js`;
  for (const [name, value] of Object.entries(data)) script.setAttribute(`data-${name}`, value);
  parent.append(script);
  Object.defineProperty(document, "currentScript", { value: script, configurable: true });
  try {
    new Function(source)();
  } finally {
    Object.defineProperty(document, "currentScript", { value: null, configurable: true });
  }
  return host.GatewayDoctor!;
}

function frameOf(api: Api, index = 0): HTMLIFrameElement {
  return api.embeds[index]!.iframe;
}

/** Delivers a message to the host window as if `source` had posted it from `origin`. */
function deliver(
  data: unknown,
  { origin = appOrigin, source }: { origin?: string; source: unknown },
) {
  window.dispatchEvent(
    new MessageEvent("message", { data, origin, source: source as MessageEventSource }),
  );
}

const step = { stateId: "whoRendered", kind: "question", answers: ["owner", "502"] };
const message = (name: string, detail: unknown) => ({
  type: `gateway-doctor:${name}`,
  version: 1,
  detail,
});

beforeEach(() => {
  document.body.innerHTML = "<main><h1>Help center</h1><div id='help'></div></main>";
  delete host.GatewayDoctor;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the snippet's copy of the protocol", () => {
  it("speaks the same version and event names as lib/embed/protocol.ts", () => {
    const api = runSnippet();
    expect(api.protocol).toBe(PROTOCOL_VERSION);
    expect(api.events).toEqual([...EMBED_EVENTS]);
  });

  it("accepts the same themes", () => {
    expect(source).toContain(
      `var THEMES = ${JSON.stringify([...EMBED_THEMES]).replace(/,/g, ", ")}`,
    );
  });

  it("only sends query parameters the embed reads", () => {
    const api = runSnippet({
      theme: "dark",
      accent: "#ff5a5f",
      "live-check": "false",
      url: "https://shop.example/cart",
      "share-check-details": "true",
      escalate: "true",
      "escalate-label": "Open a ticket",
    });
    const names = [...new URL(frameOf(api).src).searchParams.keys()];
    expect(names.length).toBe(8);
    const known: string[] = Object.values(OPTION_PARAMS);
    for (const name of names) expect(known, name).toContain(name);
  });
});

describe("inserting the iframe", () => {
  it("puts it right where the script tag stands, with a title and the page's origin", () => {
    const api = runSnippet({}, document.querySelector("main")!);
    const iframe = frameOf(api);
    expect(iframe.previousElementSibling?.tagName).toBe("SCRIPT");
    expect(iframe.title).toMatch(/Gateway Doctor/);
    expect(iframe.name).toMatch(/^gateway-doctor-\d+-[a-z0-9]+$/);
    expect(iframe.getAttribute("allow")).toBe("clipboard-write");
    const url = new URL(iframe.src);
    expect(url.origin + url.pathname).toBe(`${appOrigin}/embed`);
    expect(url.searchParams.get("parent")).toBe(window.location.origin);
  });

  it("goes into data-target when given, by id or selector", () => {
    const api = runSnippet({ target: "#help" });
    expect(frameOf(api).parentElement?.id).toBe("help");
  });

  it("refuses a data-target that matches nothing, and says so", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const api = runSnippet({ target: "#nowhere" });
    expect(api.embeds).toHaveLength(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("#nowhere"));
  });

  it("turns data-answers into the permalink path and options into the query", () => {
    const api = runSnippet({
      answers: "owner/502",
      theme: "dark",
      accent: "ff5a5f",
      "live-check": "false",
      url: "https://shop.example/cart",
      "share-check-details": "",
      escalate: "true",
      "escalate-label": "Open a ticket",
    });
    const url = new URL(frameOf(api).src);
    expect(url.pathname).toBe("/embed/owner/502");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      parent: window.location.origin,
      theme: "dark",
      accent: "ff5a5f",
      check: "0",
      url: "https://shop.example/cart",
      "check-details": "1",
      escalate: "1",
      "escalate-label": "Open a ticket",
    });
  });

  it("passes data-start when no answers are given", () => {
    const url = new URL(frameOf(runSnippet({ start: "proxyUpstream" })).src);
    expect(url.pathname).toBe("/embed");
    expect(url.searchParams.get("start")).toBe("proxyUpstream");
  });

  it("drops options it cannot vouch for, with a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const url = new URL(
      frameOf(
        runSnippet({
          answers: "owner/../../admin",
          theme: "purple",
          accent: "red;x",
          start: "a b",
        }),
      ).src,
    );
    expect(url.pathname).toBe("/embed");
    expect([...url.searchParams.keys()]).toEqual(["parent"]);
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it("keeps one API when the snippet is on the page twice", () => {
    const first = runSnippet();
    const second = runSnippet({ theme: "dark" });
    expect(second).toBe(first);
    expect(first.embeds).toHaveLength(2);
  });
});

describe("messages from the wizard", () => {
  it("resize sets the iframe's height", () => {
    const api = runSnippet();
    const iframe = frameOf(api);
    deliver(message("resize", { height: 812.4 }), { source: iframe.contentWindow });
    expect(iframe.style.height).toBe("813px");
  });

  it("hand events to on() handlers, per embed and page-wide, and as DOM events", () => {
    const api = runSnippet();
    const embed = api.embeds[0]!;
    const pageWide = vi.fn();
    const perEmbed = vi.fn();
    const dom = vi.fn();
    api.on("step", pageWide);
    embed.on("gateway-doctor:step", perEmbed);
    document.addEventListener("gateway-doctor:step", (event) => dom((event as CustomEvent).detail));
    deliver(message("step", step), { source: embed.iframe.contentWindow });
    expect(pageWide).toHaveBeenCalledWith(step, embed);
    expect(perEmbed).toHaveBeenCalledWith(step, embed);
    expect(dom).toHaveBeenCalledWith(step);
    expect(embed.step).toEqual(step);
  });

  it("calls a ready handler registered late at once", async () => {
    const api = runSnippet();
    const embed = api.embeds[0]!;
    deliver(message("ready", { ...step, version: 1 }), { source: embed.iframe.contentWindow });
    expect(embed.ready).toBe(true);
    const late = vi.fn();
    embed.on("ready", late);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(late).toHaveBeenCalledWith({ ...step, version: 1 }, embed);
  });

  it("keeps calling handlers after one throws", () => {
    vi.spyOn(globalThis, "setTimeout").mockImplementation(
      (() => 0) as unknown as typeof setTimeout,
    );
    const api = runSnippet();
    const after = vi.fn();
    api.on("step", () => {
      throw new Error("host bug");
    });
    api.on("step", after);
    deliver(message("step", step), { source: frameOf(api).contentWindow });
    expect(after).toHaveBeenCalled();
  });

  it("refuses unknown event names in on()", () => {
    const api = runSnippet();
    // A typo a plain-JavaScript host can make; TypeScript hosts are stopped by the types.
    const on = api.on as (name: string, handler: () => void) => void;
    expect(() => on("stepp", () => {})).toThrow(/unknown event "stepp"/);
  });

  it.each([
    ["another origin", { origin: "https://evil.example" }, message("step", step)],
    ["another window", { source: "other" }, message("step", step)],
    ["another version", {}, { ...message("step", step), version: 2 }],
    ["an unknown event", {}, message("hijack", step)],
    ["a malformed step", {}, message("step", { stateId: 3 })],
    ["a malformed resize", {}, message("resize", { height: "9999px" })],
    ["a string", {}, "gateway-doctor:step"],
  ])("ignores %s", (_, change, data) => {
    const api = runSnippet();
    const iframe = frameOf(api);
    const handler = vi.fn();
    for (const name of api.events) api.on(name, handler);
    const from = change as { origin?: string; source?: unknown };
    deliver(data, {
      origin: from.origin ?? appOrigin,
      source: from.source === "other" ? window : iframe.contentWindow,
    });
    expect(handler).not.toHaveBeenCalled();
    expect(iframe.style.height).toBe("560px");
  });
});

describe("commands to the wizard", () => {
  it("restart() posts to the wizard's origin only", () => {
    const api = runSnippet();
    const iframe = frameOf(api);
    const post = vi.spyOn(iframe.contentWindow!, "postMessage");
    api.restart();
    expect(post).toHaveBeenCalledWith({ type: "gateway-doctor:restart", version: 1 }, appOrigin);
  });

  it("destroy() removes the iframe and stops listening", () => {
    const api = runSnippet();
    const embed = api.embeds[0]!;
    const handler = vi.fn();
    api.on("step", handler);
    const source = embed.iframe.contentWindow;
    embed.destroy();
    expect(document.querySelector("iframe")).toBeNull();
    deliver(message("step", step), { source });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("loading without embedding", () => {
  it('data-mount="manual" defines the API and waits for mount()', () => {
    const api = runSnippet({ mount: "manual" });
    expect(api.embeds).toHaveLength(0);
    expect(document.querySelector("iframe")).toBeNull();
    const embed = api.mount("#help", { answers: ["visitor"], theme: "light" });
    expect(embed?.iframe.parentElement?.id).toBe("help");
    const url = new URL(embed!.iframe.src);
    expect(url.pathname).toBe("/embed/visitor");
    expect(url.searchParams.get("theme")).toBe("light");
  });

  it("checks answers given as an array like those of data-answers", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const api = runSnippet({ mount: "manual" });
    const embed = api.mount("#help", { answers: ["owner", "../admin"] });
    expect(new URL(embed!.iframe.src).pathname).toBe("/embed");
  });
});
