import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentRequestSignal, hardenHttpServers } from "@/lib/http-methods";

// The process-wide rules instrumentation.ts installs, on a plain Node server on loopback.

describe("hardened HTTP servers", () => {
  let server: http.Server;
  let port: number;
  let aborted: Promise<boolean>;
  let reportAborted: (value: boolean) => void = () => {};

  beforeAll(async () => {
    hardenHttpServers();
    server = http.createServer((req, res) => {
      if (req.url === "/slow") {
        const signal = currentRequestSignal();
        // Like a probe: answers only after a long while, unless the client leaves first.
        const timer = setTimeout(() => res.end("late\n"), 10_000);
        signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reportAborted(true);
        });
        if (!signal) reportAborted(false);
        return;
      }
      res.setHeader("x-middleware-rewrite", "http://localhost:1/_not-found");
      res.writeHead(200, { "content-type": "text/plain", "x-middleware-rewrite": "/inner" });
      res.end(`signal: ${currentRequestSignal() ? "yes" : "no"}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = (method: string, path: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
      (resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method, path }, (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        });
        req.on("error", reject);
        req.end();
      },
    );

  it("answers TRACE with 405 instead of handing it on", async () => {
    const answer = await send("TRACE", "/");
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    expect(answer.body).toContain("does not answer TRACE");
    // TRACK never gets this far: Node's own parser refuses it (observed, Node 20).
    expect((await send("TRACK", "/")).status).toBe(400);
  });

  it("keeps x-middleware-rewrite out of responses, however it was set", async () => {
    const answer = await send("GET", "/");
    expect(answer.status).toBe(200);
    expect(answer.headers["x-middleware-rewrite"]).toBeUndefined();
    expect(answer.headers["content-type"]).toBe("text/plain");
    expect(answer.body).toBe("signal: yes\n");
  });

  it("aborts the request's signal when the client goes away before the answer", async () => {
    aborted = new Promise((resolve) => (reportAborted = resolve));
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/slow" });
    req.on("error", () => {});
    req.end("x");
    // Leave once the server is working on it.
    setTimeout(() => req.destroy(), 200);
    expect(await aborted).toBe(true);
  });
});
