/**
 * In-memory admission control for the public probe: a per-client rate limit
 * and caps on concurrent probes overall and per client. A probe holds
 * sockets for up to its deadline, so concurrency, not just rate, is what
 * protects the server and the sites being probed.
 */

/** Limits taken from the probe configuration. */
export interface LimitSettings {
  /** Probes one client may start per window. */
  rateLimit: number;
  /** Window length in milliseconds. */
  rateWindowMs: number;
  /** Probes running at once across all clients. */
  maxConcurrent: number;
  /** Probes one client may run at once. */
  maxConcurrentPerClient: number;
}

/** The outcome of asking to start a probe. */
export type Admission =
  | {
      /** The probe may start. */
      ok: true;
      /** Call exactly once when the probe has finished. */
      release: () => void;
    }
  | {
      ok: false;
      /** rate: too many probes in the window; busy: too many running (overall or for this client). */
      reason: "rate" | "busy";
      /** Seconds after which trying again can succeed. */
      retryAfterS: number;
      /** Sentence for the API response. */
      message: string;
    };

/** Forget clients idle this long, so the map does not grow with every address ever seen. */
const SWEEP_EVERY = 1_000;

/** Sliding-window rate limiter and concurrency caps, keyed by a client identifier. */
export class ProbeLimiter {
  private readonly starts = new Map<string, number[]>();
  private readonly running = new Map<string, number>();
  private total = 0;
  private admissions = 0;

  constructor(
    private readonly settings: LimitSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits a probe for the client or says when to come back. */
  acquire(client: string): Admission {
    const now = this.now();
    if (++this.admissions % SWEEP_EVERY === 0) this.sweep(now);
    const windowStart = now - this.settings.rateWindowMs;
    const recent = (this.starts.get(client) ?? []).filter((t) => t > windowStart);
    if (recent.length >= this.settings.rateLimit) {
      const retryAfterS = Math.max(
        1,
        Math.ceil((recent[0]! + this.settings.rateWindowMs - now) / 1000),
      );
      this.starts.set(client, recent);
      return {
        ok: false,
        reason: "rate",
        retryAfterS,
        message: `Too many probes: at most ${this.settings.rateLimit} per ${Math.round(this.settings.rateWindowMs / 1000)} s. Try again in ${retryAfterS} s.`,
      };
    }
    const mine = this.running.get(client) ?? 0;
    if (this.total >= this.settings.maxConcurrent || mine >= this.settings.maxConcurrentPerClient) {
      return {
        ok: false,
        reason: "busy",
        retryAfterS: 5,
        message:
          mine >= this.settings.maxConcurrentPerClient
            ? `You already have ${mine} probe(s) running; wait for them to finish.`
            : "The probe is busy with other checks; try again in a few seconds.",
      };
    }
    recent.push(now);
    this.starts.set(client, recent);
    this.running.set(client, mine + 1);
    this.total++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.running.get(client) ?? 1) - 1;
        if (left <= 0) this.running.delete(client);
        else this.running.set(client, left);
      },
    };
  }

  private sweep(now: number): void {
    const windowStart = now - this.settings.rateWindowMs;
    for (const [client, times] of this.starts) {
      if (times.every((t) => t <= windowStart) && !this.running.has(client))
        this.starts.delete(client);
    }
  }
}

/** Limits per probed machine, so the tool cannot be used to hammer one site. */
export interface TargetLimitSettings {
  /** Probes of one host (or origin address) per window, across all clients. */
  targetRateLimit: number;
  /** Window length in milliseconds (shared with the per-client limit). */
  rateWindowMs: number;
  /** Probes of one host running at once, across all clients. */
  targetMaxConcurrent: number;
}

/**
 * The per-target limit: the same sliding window and concurrency cap as ProbeLimiter, keyed by
 * the host probed instead of the client, with messages that say so. Many visitors may check
 * the same site during an outage, so the limit is wider than a client's.
 */
export class TargetLimiter {
  private readonly inner: ProbeLimiter;

  constructor(
    private readonly settings: TargetLimitSettings,
    now: () => number = Date.now,
  ) {
    this.inner = new ProbeLimiter(
      {
        rateLimit: settings.targetRateLimit,
        rateWindowMs: settings.rateWindowMs,
        maxConcurrent: Number.MAX_SAFE_INTEGER,
        maxConcurrentPerClient: settings.targetMaxConcurrent,
      },
      now,
    );
  }

  /** Admits a probe of the host or says when it may be checked again. */
  acquire(host: string): Admission {
    const admission = this.inner.acquire(host);
    if (admission.ok) return admission;
    const windowS = Math.round(this.settings.rateWindowMs / 1000);
    return {
      ...admission,
      message:
        admission.reason === "rate"
          ? `This site was checked ${this.settings.targetRateLimit} times in ${windowS} s from here, the most allowed. Try again in ${admission.retryAfterS} s.`
          : `${this.settings.targetMaxConcurrent} checks of this site are already running; try again in a few seconds.`,
    };
  }
}

/**
 * A refusal by the shared limits, with the scope that refused: the client's own budget or the
 * target's, so the API answers rate-limited, busy or target-limited as the in-memory gate does.
 */
export type SharedAdmission =
  | Extract<Admission, { ok: true }>
  | (Extract<Admission, { ok: false }> & { scope: "client" | "target" });

/**
 * Limits kept in a store every app instance shares, so N instances allow a client (and a
 * target) what one instance allows, not N times as much. Each instance's ProbeLimiter and
 * TargetLimiter still apply in front of these: they cap the instance's own sockets, and they
 * keep limiting when the store cannot be reached.
 */
export interface SharedLimiter {
  /** Admits one probe of `target` for `client` across every instance, or says when to come back. */
  acquire(client: string, target: string): Promise<SharedAdmission>;
  /** Resolves once the store is reachable (tests and readiness). */
  ready(): Promise<void>;
  /** True while the store answers. */
  healthy(): boolean;
  /** Closes the store's connection. */
  close(): Promise<void>;
}

/** Settings of the shared limits: the client's and the target's, and how long a probe may hold a slot. */
export type SharedLimitSettings = LimitSettings &
  TargetLimitSettings & {
    /** A slot held longer than this is given back (an instance died holding it). */
    slotTtlMs: number;
  };

/**
 * Takes a concurrency slot in a sorted set of slot ids scored by their expiry: expired slots
 * (from an instance that died) are dropped first, then a slot is added if fewer than the cap
 * are held. One script, so two instances never both take the last slot.
 * KEYS[1] set; ARGV: now, cap, expiry, slot id, key TTL in ms.
 */
const TAKE_SLOT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/**
 * The shared limits in Redis: the rate with rate-limiter-flexible's RateLimiterRedis (an
 * in-memory RateLimiterMemory as its insurance while Redis is down, as its README advises:
 * https://github.com/animir/node-rate-limiter-flexible/wiki/Insurance-Strategy) and the
 * concurrency caps as slot sets (TAKE_SLOT). The modules load only when REDIS_URL is set.
 */
export async function createRedisLimiter(
  url: string,
  settings: SharedLimitSettings,
  keyPrefix = "gd",
): Promise<SharedLimiter> {
  const [{ Redis }, { RateLimiterMemory, RateLimiterRedis, RateLimiterRes }] = await Promise.all([
    import("ioredis"),
    import("rate-limiter-flexible"),
  ]);
  // Without the offline queue a command fails at once while Redis is away, and the insurance
  // limiter answers instead of the check waiting for a reconnection.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined);
  const connected = new Promise<void>((resolve) => redis.once("ready", () => resolve()));
  const windowS = Math.max(1, Math.round(settings.rateWindowMs / 1000));
  const rateLimiter = (prefix: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rate:${prefix}`,
      points,
      duration: windowS,
      insuranceLimiter: new RateLimiterMemory({ points, duration: windowS }),
    });
  const clientRate = rateLimiter("client", settings.rateLimit);
  const targetRate = rateLimiter("target", settings.targetRateLimit);

  const takeSlot = async (key: string, cap: number): Promise<(() => void) | "full"> => {
    const slot = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    const now = Date.now();
    try {
      const taken = await redis.eval(
        TAKE_SLOT,
        1,
        key,
        now,
        cap,
        now + settings.slotTtlMs,
        slot,
        settings.slotTtlMs * 2,
      );
      if (taken !== 1) return "full";
    } catch {
      // Redis is away: this instance's own caps (ProbeLimiter) still hold.
      return () => undefined;
    }
    return () => void redis.zrem(key, slot).catch(() => undefined);
  };

  /** Consumes a point; the seconds to wait when the window is used up, 0 when admitted. */
  const consume = async (limiter: InstanceType<typeof RateLimiterRedis>, key: string) => {
    try {
      await limiter.consume(key);
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes)
        return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      // Neither Redis nor the insurance answered: do not turn a store failure into a refusal.
      return 0;
    }
  };
  const giveBack = (limiter: InstanceType<typeof RateLimiterRedis>, key: string) =>
    void limiter.reward(key, 1).catch(() => undefined);

  return {
    async acquire(client, target) {
      const clientWait = await consume(clientRate, client);
      if (clientWait > 0)
        return {
          ok: false,
          scope: "client",
          reason: "rate",
          retryAfterS: clientWait,
          message: `Too many probes: at most ${settings.rateLimit} per ${windowS} s. Try again in ${clientWait} s.`,
        };
      const clientSlot = await takeSlot(
        `${keyPrefix}:running:client:${client}`,
        settings.maxConcurrentPerClient,
      );
      if (clientSlot === "full") {
        giveBack(clientRate, client);
        return {
          ok: false,
          scope: "client",
          reason: "busy",
          retryAfterS: 5,
          message: `You already have ${settings.maxConcurrentPerClient} probe(s) running; wait for them to finish.`,
        };
      }
      const targetWait = await consume(targetRate, target);
      if (targetWait > 0) {
        clientSlot();
        giveBack(clientRate, client);
        return {
          ok: false,
          scope: "target",
          reason: "rate",
          retryAfterS: targetWait,
          message: `This site was checked ${settings.targetRateLimit} times in ${windowS} s from here, the most allowed. Try again in ${targetWait} s.`,
        };
      }
      const targetSlot = await takeSlot(
        `${keyPrefix}:running:target:${target}`,
        settings.targetMaxConcurrent,
      );
      if (targetSlot === "full") {
        clientSlot();
        giveBack(clientRate, client);
        giveBack(targetRate, target);
        return {
          ok: false,
          scope: "target",
          reason: "busy",
          retryAfterS: 5,
          message: `${settings.targetMaxConcurrent} checks of this site are already running; try again in a few seconds.`,
        };
      }
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          targetSlot();
          clientSlot();
        },
      };
    },
    ready: () => connected,
    healthy: () => redis.status === "ready",
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

const SHARED_REDIS_LIMITER = Symbol.for("gateway-doctor.probe.redis-limiter");

/**
 * The process's shared limiter when REDIS_URL is set, null otherwise (the limits then stay in
 * this process's memory, as they always did). Created once per process.
 */
export function sharedLimiter(settings: SharedLimitSettings): Promise<SharedLimiter> | null {
  const url = process.env.REDIS_URL?.trim();
  if (!url) return null;
  const holder = globalThis as typeof globalThis & {
    [SHARED_REDIS_LIMITER]?: Promise<SharedLimiter>;
  };
  holder[SHARED_REDIS_LIMITER] ??= createRedisLimiter(url, settings);
  return holder[SHARED_REDIS_LIMITER];
}
