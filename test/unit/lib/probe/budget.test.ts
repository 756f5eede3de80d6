import { describe, expect, it } from "vitest";
import { loadProbeConfig } from "@/lib/probe/config";
import { FORWARDED_CHAIN_HEADER } from "@/lib/probe/client-address";
import { ProbeGate, type AdmittedProbe, type ProbeFailure } from "@/lib/probe/http-api";

// The probe budget as the routes apply it: ProbeGate.admit() is the one gate the JSON route,
// the streaming route and the no-JavaScript form share. Requests are shaped as they arrive
// after proxy.ts: X-Forwarded-For carries the connection's address (filled in by Next.js), and
// FORWARDED_CHAIN_HEADER whatever X-Forwarded-For the client or its proxies sent.

type Headers = Record<string, string>;

function request(
  socket: string,
  extra: Headers = {},
  forwarded = "",
): { headers: { get(name: string): string | null } } {
  const all: Headers = {
    host: "doctor.example",
    "x-forwarded-for": socket,
    [FORWARDED_CHAIN_HEADER]: `for=${forwarded}`,
    ...extra,
  };
  return { headers: { get: (name: string) => all[name.toLowerCase()] ?? null } };
}

function gate(env: Record<string, string>): ProbeGate {
  const config = loadProbeConfig({ PROBE_RATE_LIMIT: "2", ...env });
  return new ProbeGate(() => config);
}

const body = (url = "https://www.example.com/") => ({ url });

function failed(result: AdmittedProbe | ProbeFailure): ProbeFailure {
  if (!("status" in result)) throw new Error("expected a refusal, the probe was admitted");
  return result;
}

function admitted(result: AdmittedProbe | ProbeFailure): AdmittedProbe {
  if ("status" in result)
    throw new Error(`expected admission, got ${result.status} ${result.error.code}`);
  return result;
}

describe("the probe budget", () => {
  it("keys on the connection's address: one client's spent limit leaves another's whole, and a forged X-Forwarded-For buys nothing", () => {
    const g = gate({});
    const a = request("198.51.100.1");
    admitted(g.admit(body(), a)).release();
    admitted(g.admit(body(), a)).release();
    const third = failed(g.admit(body(), a));
    expect(third.status).toBe(429);
    expect(third.error.code).toBe("rate-limited");
    expect(third.retryAfterS).toBeGreaterThan(0);
    // The same connection claiming to forward for someone else is still the same client.
    expect(failed(g.admit(body(), request("198.51.100.1", {}, "203.0.113.50"))).status).toBe(429);
    // Another connection has its own limit.
    admitted(g.admit(body(), request("198.51.100.2"))).release();
  });

  it("counts an IPv6 client by its /64, so rotating addresses inside it does not refill the budget", () => {
    const g = gate({});
    admitted(g.admit(body(), request("2001:db8:1:2::1"))).release();
    admitted(g.admit(body(), request("2001:db8:1:2::ffff"))).release();
    expect(failed(g.admit(body(), request("2001:db8:1:2:abcd::9"))).status).toBe(429);
    admitted(g.admit(body(), request("2001:db8:1:3::1"))).release();
  });

  it("behind one trusted proxy, takes the address that proxy saw and ignores what the client wrote left of it", () => {
    const g = gate({ PROBE_TRUST_PROXY: "1" });
    const via = (client: string, forged: string) => request("10.0.0.1", {}, `${forged}, ${client}`);
    admitted(g.admit(body(), via("198.51.100.7", "1.1.1.1"))).release();
    admitted(g.admit(body(), via("198.51.100.7", "2.2.2.2"))).release();
    expect(failed(g.admit(body(), via("198.51.100.7", "3.3.3.3"))).status).toBe(429);
    admitted(g.admit(body(), via("198.51.100.8", "3.3.3.3"))).release();
  });

  it("with trusted ranges, believes X-Forwarded-For only from a connection inside them", () => {
    const g = gate({ PROBE_TRUST_PROXY: "10.0.0.0/8" });
    // Through the trusted proxy: the client is the first untrusted address from the right.
    admitted(g.admit(body(), request("10.0.0.1", {}, "198.51.100.9, 10.0.0.2"))).release();
    admitted(g.admit(body(), request("10.0.0.1", {}, "7.7.7.7, 198.51.100.9, 10.0.0.2"))).release();
    expect(failed(g.admit(body(), request("10.0.0.3", {}, "198.51.100.9"))).status).toBe(429);
    // Straight from the internet, rotating X-Forwarded-For: always the connection's address.
    const direct = (forged: string) => request("203.0.113.5", {}, forged);
    admitted(g.admit(body(), direct("4.4.4.4"))).release();
    admitted(g.admit(body(), direct("5.5.5.5"))).release();
    expect(failed(g.admit(body(), direct("6.6.6.6"))).status).toBe(429);
  });

  it("refuses a browser request from a foreign page with 403 and serves this site and the allowed embed hosts", () => {
    const g = gate({ PROBE_RATE_LIMIT: "50", EMBED_ALLOWED_ORIGINS: "https://help.example.org" });
    const foreign = failed(
      g.admit(
        body(),
        request("198.51.100.1", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }),
      ),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.error.code).toBe("foreign-origin");
    // A simple text/plain POST from a sandboxed frame carries Origin: null.
    expect(failed(g.admit(body(), request("198.51.100.1", { origin: "null" }))).status).toBe(403);
    // Fetch metadata alone (Origin stripped by a privacy extension) still says cross-site.
    expect(
      failed(g.admit(body(), request("198.51.100.1", { "sec-fetch-site": "cross-site" }))).status,
    ).toBe(403);
    admitted(
      g.admit(
        body(),
        request("198.51.100.1", {
          origin: "https://doctor.example",
          "sec-fetch-site": "same-origin",
        }),
      ),
    ).release();
    admitted(
      g.admit(
        body(),
        request("198.51.100.1", {
          origin: "https://help.example.org",
          "sec-fetch-site": "cross-site",
        }),
      ),
    ).release();
    // Programs (curl, the CLI) send neither header and are served.
    admitted(g.admit(body(), request("198.51.100.1"))).release();
  });

  it("limits checks of one target across all clients, with Retry-After, and leaves other targets alone", () => {
    const g = gate({ PROBE_RATE_LIMIT: "50", PROBE_TARGET_RATE_LIMIT: "3" });
    for (let i = 1; i <= 3; i++)
      admitted(g.admit(body("https://victim.example/a"), request(`198.51.100.${i}`))).release();
    const fourth = failed(g.admit(body("https://VICTIM.example/other"), request("198.51.100.4")));
    expect(fourth.status).toBe(429);
    expect(fourth.error.code).toBe("target-limited");
    expect(fourth.retryAfterS).toBeGreaterThan(0);
    admitted(g.admit(body("https://bystander.example/"), request("198.51.100.4"))).release();
  });

  it("caps checks of one target running at once", () => {
    const g = gate({ PROBE_RATE_LIMIT: "50", PROBE_TARGET_MAX_CONCURRENT: "2" });
    const running = [1, 2].map((i) =>
      admitted(g.admit(body("https://victim.example/"), request(`198.51.100.${i}`))),
    );
    const busy = failed(g.admit(body("https://victim.example/"), request("198.51.100.3")));
    expect(busy.status).toBe(429);
    expect(busy.error.code).toBe("target-limited");
    running[0]!.release();
    admitted(g.admit(body("https://victim.example/"), request("198.51.100.3"))).release();
    running[1]!.release();
  });
});
