import { describe, expect, it } from "vitest";
import * as route from "@/app/api/probe/route";

describe("app/api/probe/route", () => {
  it("runs on Node, never cached, with POST only", () => {
    expect(route.runtime).toBe("nodejs");
    expect(route.dynamic).toBe("force-dynamic");
    expect(Object.keys(route).sort()).toEqual(["POST", "dynamic", "runtime"]);
  });

  it("refuses loopback targets under the default settings", async () => {
    const response = await route.POST(
      new Request("http://app.test/api/probe", {
        method: "POST",
        body: JSON.stringify({ url: "http://127.0.0.1:8080/" }),
      }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "refused", stage: "address" } });
  });
});
