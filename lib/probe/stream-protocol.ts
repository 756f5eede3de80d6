/**
 * The streaming check's wire format, writer and reader in one place: POST /api/probe/stream
 * answers with NDJSON, one JSON object per line. The server writes progress events as the probe
 * works and ends with exactly one `report` or one `error`; the browser reads lines as they
 * arrive. Kept free of server code so the browser's check can import the reader.
 */
import type { ApiError, ProbeApiReport } from "./http-api";
import type { ProbeProgress } from "./probe";

/** Media type of the stream: one JSON object per line. */
export const NDJSON = "application/x-ndjson; charset=utf-8";

/**
 * One line of the stream. Progress events (ProbeProgress) arrive as the probe works; the stream
 * ends with exactly one `report` or one `error`.
 */
export type ProbeStreamEvent =
  | ProbeProgress
  | {
      /** The probe was admitted and starts now. */
      type: "start";
      /** The URL as given. */
      url: string;
      /** Samples that will be taken. */
      samples: number;
    }
  | {
      /** The probe finished: the same report POST /api/probe answers with. */
      type: "report";
      report: ProbeApiReport;
    }
  | {
      /**
       * The probe could not finish: a refusal found after the stream started (a private
       * address in DNS, a refused redirect), or the probe failing. `status` is the HTTP status
       * POST /api/probe would have answered with.
       */
      type: "error";
      status: number;
      error: ApiError["error"];
    };

const encoder = new TextEncoder();

/** One event as the bytes of its line. JSON escapes newlines inside strings, so a line is an event. */
export function encodeStreamEvent(event: ProbeStreamEvent): Uint8Array {
  return encoder.encode(`${JSON.stringify(event)}\n`);
}

/**
 * Reads a stream's body, calling `onEvent` for each line as soon as it is complete. Chunks may
 * split a line, or a character, anywhere; blank lines are skipped, and a last line without its
 * newline still counts.
 */
export async function readStreamEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ProbeStreamEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onEvent(JSON.parse(line) as ProbeStreamEvent);
      newline = buffer.indexOf("\n");
    }
    if (done) {
      const last = buffer.trim();
      if (last) onEvent(JSON.parse(last) as ProbeStreamEvent);
      return;
    }
  }
}
