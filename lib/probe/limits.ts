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
