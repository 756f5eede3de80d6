import { afterEach, describe, expect, it, vi } from "vitest";
import { renderOgImage } from "@/app/_components/og/render-og-image";
import { readContentMetadata } from "@/lib/content/files";
import { hopCells, stateCardFor, type StateCard } from "@/app/_lib/og/state-card";

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: ArrayBuffer): { width: number; height: number } {
  const view = new DataView(bytes);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect(signature.map((_, i) => view.getUint8(i))).toEqual(signature);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

// Satori fetches fonts or emoji from the network for characters the given fonts lack; these
// tests fail if rendering asks for anything but a data: URL (how yoga's WebAssembly is loaded).
const realFetch = globalThis.fetch;
const remoteRequests: string[] = [];
vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.startsWith("data:")) return realFetch(input, init);
  remoteRequests.push(url);
  throw new Error(`renderOgImage fetched ${url}`);
});

afterEach(() => {
  expect(remoteRequests).toEqual([]);
  remoteRequests.length = 0;
});

describe("renderOgImage", () => {
  it("draws a deep state as a 1200×630 PNG", async () => {
    const card = await stateCardFor(
      ["owner", "502", "server-page", "connection-refused"],
      readContentMetadata,
    );
    expect(card).not.toBeNull();
    const png = await renderOgImage(card);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    expect(png.byteLength).toBeGreaterThan(10_000);
  });

  it("draws the generic card", async () => {
    const png = await renderOgImage(null);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  });

  it("draws text the fonts lack without going to the network", async () => {
    const card: StateCard = {
      title:
        "Tout est cassé 😀 — 中文 标题 that runs on and on and on past three whole lines of text",
      summary: "Ελληνικά, עברית and العربية in one summary.",
      kindLabel: "Check",
      trail: "… › 🚀 › Yes",
      hops: hopCells("database"),
    };
    const png = await renderOgImage(card);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  });
});
