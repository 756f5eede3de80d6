import { describe, expect, it } from "vitest";
import { PROBE_USER_AGENT } from "@/lib/probe/request-headers";
import { bodyMarker, hurlFile, type ObservedAnswer } from "@/lib/reproduce/hurl";
import type { ReproduceTarget } from "@/lib/reproduce/curl";
import { parseHurl } from "./hurl-grammar";

const target: ReproduceTarget = {
  url: "https://shop.example.com/checkout",
  hostname: "shop.example.com",
  port: 443,
  address: "203.0.113.7",
  originIp: null,
};

const nginx502: ObservedAnswer = {
  status: 502,
  ok: false,
  title: "502 Bad Gateway from nginx",
  checkedAt: "2026-12-02T14:32:05.000Z",
  server: "nginx/1.22.1",
  via: null,
  // nginx's own error page (observed in the lab, nginx 1.22.1).
  bodyExcerpt:
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
};

describe("the grammar checker", () => {
  // The checker must be able to fail, or passing it proves nothing.
  it.each([
    ["GET https://a.example/#x\nHTTP 200\n", "comment"],
    ["GET https://a.example/?q={{x}}\nHTTP 200\n", "template"],
    ["GET https://a.example/\n[Options]\nretries: 3\nHTTP 200\n", "not an option"],
    ["GET https://a.example/\n[Options]\nhttp1.1: yes\nHTTP 200\n", "true or false"],
    ['GET https://a.example/\nHTTP 200\n[Asserts]\nbody has "x"\n', "predicate"],
    ['GET https://a.example/\nHTTP 200\n[Asserts]\nbody contains "a"b"\n', "after the value"],
    ['GET https://a.example/\nHTTP 200\n[Asserts]\nbody contains "\\q"\n', "no escape"],
    ["GET https://a.example/\n", "no response line"],
    ["GET https://a.example/\nHTTP 200", "newline"],
  ])("rejects %j", (file, reason) => {
    expect(() => parseHurl(file)).toThrow(reason);
  });
});

describe("hurlFile", () => {
  it("repeats a failing check and asserts a healthy answer from the same front server", () => {
    const entry = parseHurl(hurlFile(target, nginx502));
    expect(entry).toMatchObject({
      method: "GET",
      url: "https://shop.example.com/checkout",
      version: "HTTP",
      status: 200,
    });
    expect(entry.headers).toEqual([
      ["User-Agent", PROBE_USER_AGENT],
      ["Accept", "*/*"],
      ["Accept-Encoding", "identity"],
      ["Connection", "close"],
    ]);
    expect(entry.options).toEqual([
      ["resolve", "shop.example.com:443:203.0.113.7"],
      ["http1.1", "true"],
    ]);
    expect(entry.asserts).toEqual([
      { query: "header Server", not: false, predicate: "startsWith", value: "nginx" },
      { query: "body", not: true, predicate: "contains", value: "502 Bad Gateway" },
    ]);
  });

  it("asserts the status, server and page marker a healthy check saw", () => {
    const entry = parseHurl(
      hurlFile(
        { ...target, originIp: "203.0.113.7" },
        {
          ...nginx502,
          status: 200,
          ok: true,
          title: "200 OK",
          bodyExcerpt: "<!doctype html><title>Checkout — Shop</title><p>Your basket</p>",
        },
      ),
    );
    expect(entry.status).toBe(200);
    expect(entry.options[0]).toEqual(["connect-to", "shop.example.com:443:203.0.113.7:443"]);
    expect(entry.asserts).toContainEqual({
      query: "body",
      not: false,
      predicate: "contains",
      value: "Checkout — Shop",
    });
  });

  it("keeps hostile URLs and bodies inside their values", () => {
    const url = 'https://shop.example.com/a\\b?q={{evil}}&c=%23x&d="q"';
    const hostile = parseHurl(
      hurlFile(
        { ...target, url },
        {
          ...nginx502,
          server: 'evil" == "x\nGET https://attacker.example/',
          bodyExcerpt: '<title>{{x}} "quoted" \\ # not a comment</title>',
          title: "line one\nGET https://attacker.example/",
        },
      ),
    );
    expect(hostile.url).toBe(new URL(url).href);
    expect(hostile.method).toBe("GET");
    // The Server header's first word keeps its quote, as a value and nothing more.
    expect(hostile.asserts.map((a) => a.value)).toEqual([
      'evil"',
      '{{x}} "quoted" \\ # not a comment',
    ]);
  });

  it("says when no answer came, and asserts nothing it cannot know", () => {
    const file = hurlFile(target, { ...nginx502, status: null, server: null, bodyExcerpt: "" });
    expect(file).toContain("# The check got no HTTP answer");
    expect(parseHurl(file).asserts).toEqual([]);
  });
});

describe("bodyMarker", () => {
  it("prefers the title, then the first line of text, cut at a word", () => {
    expect(bodyMarker("<title>Service Unavailable</title>")).toBe("Service Unavailable");
    expect(bodyMarker("hello from the lab app: /\n")).toBe("hello from the lab app: /");
    expect(bodyMarker(`${"word ".repeat(20)}`)!.length).toBeLessThanOrEqual(60);
    expect(bodyMarker("")).toBeNull();
  });
});
