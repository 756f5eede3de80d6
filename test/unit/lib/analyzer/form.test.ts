import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  analyzeForm,
  analyzeUpload,
  ECHO_LIMIT,
  EMPTY_PASTE_MESSAGE,
  MAX_HAR_UPLOAD_BYTES,
} from "@/lib/analyzer/form";
import { PLANTED } from "@/test/lab/har/planted";

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

  it("sends a 200 KB paste back whole (issue 13: it came back as an empty box)", () => {
    const paste = `${LINE}\n`.repeat(Math.ceil(200_000 / LINE.length));
    const state = analyzeForm(form(paste));
    expect(state.status === "done" && state.echo).toBe(paste);
    expect(state.status === "done" && state.echoCut).toBe(0);
  });

  it("sends back the part of an oversized paste that was read, and how much was cut", () => {
    const paste = `${LINE}\n`.repeat(Math.ceil(ECHO_LIMIT / LINE.length) + 10);
    const state = analyzeForm(form(paste));
    if (state.status !== "done") throw new Error(state.status);
    expect(state.echoCut).toBeGreaterThan(0);
    expect(state.echo.length + state.echoCut).toBe(paste.length);
    expect(paste.endsWith(state.echo)).toBe(true);
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

describe("analyzeUpload (a HAR file sent without JavaScript)", () => {
  const recorded = readFileSync(path.join(__dirname, "../../../lab/har/chromium-lab.har"));

  function upload(file: Blob, name = "lab.har"): FormData {
    const data = form("");
    data.set("har", file, name);
    return data;
  }

  it("sanitises and reads the file on the server, keeping none of its secrets", async () => {
    const state = await analyzeUpload(upload(new Blob([recorded])));
    if (state.status !== "har") throw new Error(state.status);
    expect(state.fileName).toBe("lab.har");
    expect(state.report.failureCount).toBe(3);
    const text = JSON.stringify(state);
    for (const secret of Object.values(PLANTED)) expect(text).not.toContain(secret);
  });

  it("reads the paste as before when no file was chosen (a browser sends an empty file)", async () => {
    const data = upload(new Blob([]), "");
    data.set("paste", LINE);
    const state = await analyzeUpload(data);
    expect(state.status).toBe("done");
  });

  it("refuses a file over the limit, and a file that is not a HAR, with a reason", async () => {
    const big = await analyzeUpload(upload(new Blob([new Uint8Array(MAX_HAR_UPLOAD_BYTES + 1)])));
    expect(big.status === "error" && big.message).toMatch(/larger than 2 MB/);
    const notHar = await analyzeUpload(upload(new Blob(["just text"]), "notes.har"));
    expect(notHar.status === "error" && notHar.message).toMatch(/not JSON/);
  });

  it("shows only the file's own name, whatever path a client sends", async () => {
    const state = await analyzeUpload(upload(new Blob([recorded]), "C:\\Users\\ann\\lab.har"));
    expect(state.status === "har" && state.fileName).toBe("lab.har");
  });
});
