import { describe, expect, it, vi } from "vitest";
import {
  EmbedBridge,
  MAX_REPORTED_HEIGHT,
  type ReportedStep,
} from "@/app/_components/embed/bridge";
import { stepDetail } from "@/app/_lib/embed/step-events";
import type { VerdictFacts } from "@/lib/probe/verdict";
import { replayAnswers } from "@/machines/replay";

const hostOrigin = "https://help.example.com";

function at(answers: string[]): ReportedStep {
  const replay = replayAnswers(answers);
  if (!replay.ok) throw new Error("does not replay");
  const detail = stepDetail(replay.step.id, answers, replay.step.id, "https://doctor.example")!;
  return { detail, markdown: `# summary of ${answers.join("/") || "start"}` };
}

function setup({ parentOrigin = hostOrigin as string | null, shareCheckDetails = false } = {}) {
  const parent = { postMessage: vi.fn() };
  const restart = vi.fn();
  const bridge = new EmbedBridge({ parent, parentOrigin, shareCheckDetails, restart });
  const sent = () =>
    parent.postMessage.mock.calls.map(([message, origin]) => {
      expect(origin).toBe(parentOrigin);
      return message as { type: string; version: number; detail: Record<string, unknown> };
    });
  return { bridge, parent, restart, sent };
}

const verdict: VerdictFacts = {
  code: "bad-gateway",
  status: 502,
  layer: "proxy",
  vendor: "nginx",
  cause: "upstream-refused",
};

describe("the embed's side of the protocol", () => {
  it("holds the first step until started, then sends ready and step, to the parent origin only", () => {
    const { bridge, parent, sent } = setup();
    bridge.report(at([]));
    expect(parent.postMessage).not.toHaveBeenCalled();
    bridge.start();
    expect(sent().map((message) => message.type)).toEqual([
      "gateway-doctor:ready",
      "gateway-doctor:step",
    ]);
    expect(sent()[0]).toMatchObject({ version: 1, detail: { version: 1, stateId: "start" } });
  });

  it("sends events for each later step in the documented order", () => {
    const { bridge, sent } = setup();
    bridge.start();
    bridge.report(at([]));
    bridge.report(at(["visitor"]));
    bridge.report(at(["visitor", "just-me"]));
    bridge.report(at(["visitor", "just-me", "fixed"]));
    expect(sent().map((message) => message.type.replace("gateway-doctor:", ""))).toEqual([
      "ready",
      "step",
      "step",
      "step",
      "diagnosis",
      "resolved",
      "step",
    ]);
  });

  it("sends nothing at all without an announced parent origin", () => {
    const { bridge, parent } = setup({ parentOrigin: null });
    bridge.start();
    bridge.report(at([]));
    bridge.resize(500);
    expect(bridge.escalate()).toBe(false);
    expect(parent.postMessage).not.toHaveBeenCalled();
  });

  it("starts once the parent origin becomes known (options restored after a reload)", () => {
    const { bridge, parent } = setup({ parentOrigin: null });
    bridge.start();
    bridge.report(at(["owner"]));
    bridge.resize(480);
    bridge.configure({ parent, parentOrigin: hostOrigin, shareCheckDetails: false, restart() {} });
    expect(
      parent.postMessage.mock.calls.map(([message]) => (message as { type: string }).type),
    ).toEqual(["gateway-doctor:ready", "gateway-doctor:step", "gateway-doctor:resize"]);
    expect(parent.postMessage.mock.calls.every(([, origin]) => origin === hostOrigin)).toBe(true);
  });

  it("reports each new height once, rounded up and capped", () => {
    const { bridge, sent } = setup();
    bridge.start();
    bridge.resize(400.2);
    bridge.resize(400.9);
    bridge.resize(10 ** 9);
    expect(sent().map((message) => message.detail)).toEqual([
      { height: 401 },
      { height: MAX_REPORTED_HEIGHT },
    ]);
  });

  it("sends escalate with the current step's Markdown", () => {
    const { bridge, sent } = setup();
    bridge.start();
    bridge.report(at(["owner", "502"]));
    expect(bridge.escalate()).toBe(true);
    expect(sent().at(-1)).toMatchObject({
      type: "gateway-doctor:escalate",
      detail: { stateId: "whoRendered", markdown: "# summary of owner/502" },
    });
  });

  it("sends only the verdict code of a check unless the host opted in to details", () => {
    const quiet = setup();
    quiet.bridge.start();
    quiet.bridge.check({ verdict, url: "https://private.example/admin" });
    expect(quiet.sent().at(-1)?.detail).toEqual({ verdict: "bad-gateway" });
    expect(JSON.stringify(quiet.sent())).not.toContain("private.example");

    const sharing = setup({ shareCheckDetails: true });
    sharing.bridge.start();
    sharing.bridge.check({ verdict, url: "https://shop.example/" });
    expect(sharing.sent().at(-1)?.detail).toEqual({
      verdict: "bad-gateway",
      target: {
        url: "https://shop.example/",
        status: 502,
        layer: "proxy",
        vendor: "nginx",
        cause: "upstream-refused",
        intermittent: false,
      },
    });
  });

  it("ignores a check with an unknown verdict", () => {
    const { bridge, sent } = setup();
    bridge.start();
    bridge.check({ verdict: { ...verdict, code: "nope" as VerdictFacts["code"] }, url: "x" });
    expect(sent()).toEqual([]);
  });
});

describe("commands from the host", () => {
  const restartMessage = { type: "gateway-doctor:restart", version: 1 };

  it("runs restart from the parent window at the announced origin", () => {
    const { bridge, parent, restart } = setup();
    expect(bridge.receive({ origin: hostOrigin, source: parent, data: restartMessage })).toBe(true);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["another origin", { origin: "https://evil.example" }],
    ["another window of the right origin", { source: {} }],
    ["another version", { data: { ...restartMessage, version: 2 } }],
    ["extra fields", { data: { ...restartMessage, html: "<img src=x>" } }],
    ["another library's message", { data: { type: "webpackOk" } }],
    ["a string", { data: "gateway-doctor:restart" }],
  ])("ignores %s", (_, change) => {
    const { bridge, parent, restart } = setup();
    const event = {
      origin: hostOrigin,
      source: parent as unknown,
      data: restartMessage as unknown,
      ...change,
    };
    expect(bridge.receive(event)).toBe(false);
    expect(restart).not.toHaveBeenCalled();
  });

  it("ignores everything when no parent origin was announced", () => {
    const { bridge, parent, restart } = setup({ parentOrigin: null });
    expect(bridge.receive({ origin: "null", source: parent, data: restartMessage })).toBe(false);
    expect(restart).not.toHaveBeenCalled();
  });
});
