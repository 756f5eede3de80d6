import { describe, expect, it } from "vitest";
import { ProbeLimiter } from "@/lib/probe/limits";

const settings = {
  rateLimit: 3,
  rateWindowMs: 60_000,
  maxConcurrent: 4,
  maxConcurrentPerClient: 2,
};

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("probe admission limits", () => {
  it("allows a client its quota per window, then says when to come back", () => {
    const time = clock();
    const limiter = new ProbeLimiter(settings, time.now);
    for (let i = 0; i < 3; i++) {
      const admission = limiter.acquire("a");
      expect(admission.ok).toBe(true);
      if (admission.ok) admission.release();
      time.advance(10_000);
    }
    const refused = limiter.acquire("a");
    expect(refused).toMatchObject({ ok: false, reason: "rate", retryAfterS: 30 });
    expect(limiter.acquire("b").ok).toBe(true);
    time.advance(30_001);
    expect(limiter.acquire("a").ok).toBe(true);
  });

  it("caps concurrent probes per client and overall until they are released", () => {
    const limiter = new ProbeLimiter({ ...settings, rateLimit: 100 }, clock().now);
    const a1 = limiter.acquire("a");
    const a2 = limiter.acquire("a");
    expect(limiter.acquire("a")).toMatchObject({ ok: false, reason: "busy" });
    const b1 = limiter.acquire("b");
    const b2 = limiter.acquire("b");
    expect([a1, a2, b1, b2].every((x) => x.ok)).toBe(true);
    const c = limiter.acquire("c");
    expect(c).toMatchObject({ ok: false, reason: "busy" });
    if (!c.ok) expect(c.message).toMatch(/busy/);
    if (a1.ok) {
      a1.release();
      a1.release();
    }
    expect(limiter.acquire("c").ok).toBe(true);
    expect(limiter.acquire("d")).toMatchObject({ ok: false, reason: "busy" });
  });
});
