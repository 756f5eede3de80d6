// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MultiPlaceCheck } from "@/app/_components/check/multi-place-check";
import type { PlacesAnswer } from "@/lib/workers/places";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/** What POST /api/probe/places answers when ap-south is blocked and us-east did not answer. */
const answer = {
  places: [
    {
      place: "ap-south",
      kind: "region",
      outcome: "answered",
      report: {
        verdict: {
          code: "connect-refused",
          status: null,
          vendor: null,
          title: "Connection refused",
        },
        samples: [{ phases: { total: 3.2 } }],
      },
    },
    {
      place: "eu-west",
      kind: "region",
      outcome: "answered",
      report: {
        verdict: { code: "ok", status: 200, vendor: "nginx", title: "200 OK from nginx" },
        samples: [{ phases: { total: 41.6 } }],
      },
    },
    {
      place: "us-east",
      kind: "region",
      outcome: "unavailable",
      reason: "worker stopped answering",
    },
  ],
  combined: {
    kind: "regional-block",
    title: "Fails only from ap-south: the connection is refused, dropped or blocked there",
    failing: ["ap-south"],
    working: ["eu-west"],
    unavailable: ["us-east"],
    evidence: ["ap-south: connect-refused in 3 ms", "eu-west: HTTP 200 from nginx in 42 ms"],
    stateId: "regionalBlock",
    permalink: "/diagnose/visitor/not-sure/some-places/blocked",
  },
} as unknown as PlacesAnswer;

describe("<MultiPlaceCheck>", () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    container = document.createElement("div");
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.unstubAllGlobals();
  });

  it("renders nothing without JavaScript, so the page offers only the checks that work there", () => {
    expect(renderToStaticMarkup(<MultiPlaceCheck defaultUrl="https://shop.example/" />)).toBe("");
  });

  it("posts the URL and shows every place side by side, the unavailable one as unavailable", async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(answer), { status: 200 }));
    vi.stubGlobal("fetch", fetchMock);
    act(() => root.render(<MultiPlaceCheck defaultUrl="https://shop.example/" />));
    const form = container.querySelector("form")!;
    await act(async () => {
      form.requestSubmit();
    });
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/probe/places",
      expect.objectContaining({
        method: "POST",
        body: JSON.stringify({ url: "https://shop.example/" }),
      }),
    );
    const rows = [...container.querySelectorAll("tbody tr")].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ["ap-south", "connect-refused", "—", "3 ms", "Connection refused"],
      ["eu-west", "200", "nginx", "42 ms", "200 OK from nginx"],
      ["us-east", "unavailable", "—", "—", "worker stopped answering"],
    ]);
    expect(container.querySelector('[data-testid="multi-place-verdict"]')?.textContent).toBe(
      answer.combined.title,
    );
    expect(container.querySelector("a")?.getAttribute("href")).toBe(answer.combined.permalink);
  });

  it("says why when the server refuses the check", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ error: { code: "rate-limited", message: "Too many probes." } }),
            {
              status: 429,
            },
          ),
      ),
    );
    act(() => root.render(<MultiPlaceCheck />));
    const input = container.querySelector("input")!;
    input.value = "https://shop.example/";
    await act(async () => {
      container.querySelector("form")!.requestSubmit();
    });
    expect(container.textContent).toContain("Too many probes.");
  });
});
