import { describe, expect, it } from "vitest";
import { analyzeForm, ECHO_LIMIT, EMPTY_PASTE_MESSAGE } from "@/lib/analyzer/form";

function form(paste?: string | Blob): FormData {
  const data = new FormData();
  if (paste !== undefined) data.set("paste", paste);
  return data;
}

const LINE =
  '2026/11/21 01:02:03 [error] 7#7: *1 upstream sent too big header while reading response header from upstream, client: 203.0.113.9, request: "GET / HTTP/1.1"';

describe("analyzeForm (the no-JavaScript post)", () => {
  it("analyses the posted paste and sends it back to refill the box", () => {
    const state = analyzeForm(form(LINE));
    expect(state.status).toBe("done");
    if (state.status !== "done") return;
    expect(state.analysis.findings[0]?.ruleId).toBe("nginx-too-big-header");
    expect(state.analysis.findings[0]?.href).toBe("/diagnose/owner/502/server-page/too-big-header");
    expect(state.echo).toBe(LINE);
  });

  it("does not send a very large paste back", () => {
    const state = analyzeForm(form(`${LINE}\n`.repeat(Math.ceil(ECHO_LIMIT / LINE.length) + 1)));
    expect(state.status === "done" && state.echo).toBe("");
  });

  it("asks for text when the box was empty", () => {
    expect(analyzeForm(form("   \n"))).toEqual({ status: "error", message: EMPTY_PASTE_MESSAGE });
  });

  it("refuses a missing field or an uploaded file with a clear message", () => {
    for (const data of [form(), form(new Blob(["binary"]))]) {
      const state = analyzeForm(data);
      expect(state.status).toBe("error");
      expect(state.status === "error" && state.message).toMatch(/Paste text into the box/);
    }
  });
});
