import { describe, expect, it } from "vitest";
import {
  clientAddress,
  FORWARDED_CHAIN_HEADER,
  limitKey,
  parseTrustProxy,
} from "@/lib/probe/client-address";
import { loadProbeConfig, ProbeConfigError } from "@/lib/probe/config";

// proxy-addr's rule (https://github.com/jshttp/proxy-addr): from the connection, walk
// X-Forwarded-For right to left while the address is a trusted proxy; the first one that is not
// is the client.

function arrived(socket: string | null, forwardedFor: string | null) {
  const headers: Record<string, string> = {};
  if (socket !== null) {
    headers["x-forwarded-for"] = socket;
    headers[FORWARDED_CHAIN_HEADER] = `for=${forwardedFor ?? ""}`;
  } else if (forwardedFor !== null) headers["x-forwarded-for"] = forwardedFor;
  return { headers: { get: (name: string) => headers[name.toLowerCase()] ?? null } };
}

describe("PROBE_TRUST_PROXY", () => {
  it("reads off, a hop count, ranges and proxy-addr's names", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("true")).toEqual({ hops: 1 });
    expect(parseTrustProxy("2")).toEqual({ hops: 2 });
    const ranges = parseTrustProxy("10.0.0.0/8, loopback");
    expect(ranges !== false && "ranges" in ranges && ranges.ranges.map((r) => r.text)).toEqual([
      "10.0.0.0/8",
      "127.0.0.0/8",
      "::1/128",
    ]);
  });

  it("stops a server on a value it cannot use, naming it", () => {
    expect(() => loadProbeConfig({ PROBE_TRUST_PROXY: "everyone" })).toThrow(ProbeConfigError);
    expect(() => loadProbeConfig({ PROBE_TRUST_PROXY: "everyone" })).toThrow(/"everyone"/);
    expect(loadProbeConfig({ PROBE_TRUST_PROXY: "3" }).trustProxy).toEqual({ hops: 3 });
  });
});

describe("the client's address", () => {
  it("is the connection's when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(arrived("198.51.100.1", "1.2.3.4"), false)).toBe("198.51.100.1");
  });

  it("is the entry the last trusted hop added", () => {
    const request = arrived("10.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2");
    expect(clientAddress(request, { hops: 1 })).toBe("10.0.0.2");
    expect(clientAddress(request, { hops: 2 })).toBe("198.51.100.7");
    // More hops than addresses: the furthest one known.
    expect(clientAddress(request, { hops: 9 })).toBe("6.6.6.6");
  });

  it("stops at the first address outside the trusted ranges", () => {
    const trust = parseTrustProxy("10.0.0.0/8");
    expect(clientAddress(arrived("10.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2"), trust)).toBe(
      "198.51.100.7",
    );
    expect(clientAddress(arrived("203.0.113.5", "10.0.0.2"), trust)).toBe("203.0.113.5");
    // IPv4-mapped IPv6 from a dual-stack socket is the IPv4 proxy it carries.
    expect(clientAddress(arrived("::ffff:10.0.0.1", "198.51.100.7"), trust)).toBe("198.51.100.7");
  });

  it("is one shared 'unknown' when proxy.ts did not run and nothing is trusted", () => {
    expect(clientAddress(arrived(null, "1.1.1.1"), false)).toBe("unknown");
    expect(clientAddress(arrived(null, "2.2.2.2"), false)).toBe("unknown");
  });

  it("counts IPv6 by /64 and mapped IPv4 as IPv4", () => {
    expect(limitKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(limitKey("::ffff:198.51.100.3")).toBe("198.51.100.3");
    expect(limitKey("198.51.100.3")).toBe("198.51.100.3");
  });
});
