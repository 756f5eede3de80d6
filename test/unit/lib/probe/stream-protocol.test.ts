import { describe, expect, it } from "vitest";
import {
  encodeStreamEvent,
  readStreamEvents,
  type ProbeStreamEvent,
} from "@/lib/probe/stream-protocol";

const events: ProbeStreamEvent[] = [
  { type: "start", url: "https://shop.example/ünïcode?q=a\nb", samples: 3 },
  {
    type: "error",
    status: 422,
    error: { code: "refused", message: "a line\nbreak and “quotes” stay inside one line" },
  } as ProbeStreamEvent,
];

/** The bytes of `events`, delivered in chunks cut at the given byte offsets. */
function chunked(bytes: Uint8Array, cuts: readonly number[]): ReadableStream<Uint8Array> {
  const edges = [0, ...cuts.filter((cut) => cut > 0 && cut < bytes.length), bytes.length];
  return new ReadableStream({
    start(controller) {
      for (let i = 1; i < edges.length; i++)
        controller.enqueue(bytes.slice(edges[i - 1], edges[i]));
      controller.close();
    },
  });
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<ProbeStreamEvent[]> {
  const seen: ProbeStreamEvent[] = [];
  await readStreamEvents(body, (event) => seen.push(event));
  return seen;
}

describe("the check's NDJSON stream", () => {
  const bytes = concat(events.map(encodeStreamEvent));

  it("writes one event per line, newlines inside strings escaped", () => {
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\n")).toHaveLength(events.length + 1);
    expect(text.endsWith("\n")).toBe(true);
  });

  it("reads back every event whatever byte a chunk ends on, mid-character included", async () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await readAll(chunked(bytes, [cut]))).toEqual(events);
    }
    expect(await readAll(chunked(bytes, [1, 2, 3, 5, 8, 13, 21, 34, 55]))).toEqual(events);
  });

  it("hands each event over as soon as its line is complete", async () => {
    const seen: ProbeStreamEvent[] = [];
    let sendRest: (() => void) | undefined;
    const firstLine = encodeStreamEvent(events[0]!);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(firstLine);
        sendRest = () => {
          controller.enqueue(encodeStreamEvent(events[1]!));
          controller.close();
        };
      },
    });
    const reading = readStreamEvents(body, (event) => seen.push(event));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([events[0]]);
    sendRest!();
    await reading;
    expect(seen).toEqual(events);
  });

  it("skips blank lines and keeps a last line that lost its newline", async () => {
    const text = `\n${JSON.stringify(events[0])}\n\n${JSON.stringify(events[1])}`;
    expect(await readAll(chunked(new TextEncoder().encode(text), []))).toEqual(events);
  });
});
