import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRedisLimiter,
  type SharedLimiter,
  type SharedLimitSettings,
} from "@/lib/probe/limits";
import { startRedis, type LabRedis } from "@/test/lab/redis";

// The shared limits against a real redis-server (Debian redis-server 7.0.15, observed in the
// lab). Each limiter has its own connection, as two app instances would; the cross-process
// proof with two app processes is in test/unit/distributed.
const settings: SharedLimitSettings = {
  rateLimit: 3,
  rateWindowMs: 60_000,
  maxConcurrent: 100,
  maxConcurrentPerClient: 2,
  targetRateLimit: 5,
  targetMaxConcurrent: 100,
  slotTtlMs: 30_000,
};

describe("limits shared in Redis", () => {
  let redis: LabRedis;
  const limiters: SharedLimiter[] = [];
  let prefix = 0;
  /** Two instances on fresh keys, so each test starts from an empty budget. */
  const pair = async (overrides: Partial<SharedLimitSettings> = {}) => {
    const keys = `test${++prefix}`;
    const made = await Promise.all(
      [0, 1].map(() => createRedisLimiter(redis.url, { ...settings, ...overrides }, keys)),
    );
    limiters.push(...made);
    await Promise.all(made.map((limiter) => limiter.ready()));
    return made as [SharedLimiter, SharedLimiter];
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const limiter of limiters) await limiter.close();
    await redis?.stop();
  });

  it("holds one client to its rate across instances", async () => {
    const [a, b] = await pair({ maxConcurrentPerClient: 100 });
    const outcomes = [];
    for (const limiter of [a, b, a, b])
      outcomes.push(await limiter.acquire("198.51.100.7", `site${outcomes.length}`));
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false]);
    expect(outcomes[3]).toMatchObject({ ok: false, scope: "client", reason: "rate" });
    // Another client still has its own budget.
    expect((await b.acquire("198.51.100.8", "site9")).ok).toBe(true);
  });

  it("caps a client's running probes across instances and frees the slot on release", async () => {
    const [a, b] = await pair();
    const first = await a.acquire("client", "t1");
    const second = await b.acquire("client", "t2");
    const third = await a.acquire("client", "t3");
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(third).toMatchObject({ ok: false, scope: "client", reason: "busy" });
    if (first.ok) first.release();
    await expect
      .poll(async () => {
        const again = await b.acquire("client", "t4");
        if (again.ok) again.release();
        return again.ok;
      })
      .toBe(true);
  });

  it("limits checks of one target across clients and instances", async () => {
    const [a, b] = await pair({ targetRateLimit: 2, rateLimit: 100, maxConcurrentPerClient: 100 });
    expect((await a.acquire("c1", "shop.example")).ok).toBe(true);
    expect((await b.acquire("c2", "shop.example")).ok).toBe(true);
    expect(await a.acquire("c3", "shop.example")).toMatchObject({
      ok: false,
      scope: "target",
      reason: "rate",
    });
  });

  it("keeps limiting in memory while Redis is away", async () => {
    const away = await createRedisLimiter(
      "redis://127.0.0.1:1",
      { ...settings, rateLimit: 1 },
      "away",
    );
    limiters.push(away);
    expect(away.healthy()).toBe(false);
    expect((await away.acquire("client", "t")).ok).toBe(true);
    expect(await away.acquire("client", "t")).toMatchObject({ ok: false, reason: "rate" });
  });
});
