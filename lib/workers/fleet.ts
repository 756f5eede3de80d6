/**
 * The app's view of the workers: one NATS connection per app process and the workers heard
 * from lately, keyed by id. A worker is live while its heartbeats keep coming (a missed few
 * and it is gone); a worker that shuts down says so and is dropped at once.
 */
import type { NatsConnection } from "nats";
import { logger } from "./log";
import { metrics } from "./metrics";
import { connectNats, natsSettings, type NatsSettings } from "./nats";
import {
  decode,
  encode,
  HEARTBEAT_MS,
  heartbeatSubject,
  helloSubject,
  MISSED_HEARTBEATS,
  type Heartbeat,
} from "./protocol";

/** A worker as the app knows it. */
export interface KnownWorker extends Heartbeat {
  /** Date.now() of its last heartbeat. */
  lastSeen: number;
}

/** The connection and the live workers. */
export class Fleet {
  private readonly workers = new Map<string, KnownWorker>();

  private constructor(
    readonly connection: NatsConnection,
    private readonly now: () => number,
  ) {
    connection.subscribe(heartbeatSubject(), {
      callback: (_error, msg) => {
        const beat = decode<Heartbeat>(msg.data);
        if (!beat || typeof beat.workerId !== "string" || typeof beat.region !== "string") return;
        if (beat.leaving) this.workers.delete(beat.workerId);
        else this.workers.set(beat.workerId, { ...beat, lastSeen: this.now() });
        this.updateGauge();
      },
    });
  }

  /** Connects, subscribes to heartbeats and asks every worker to announce itself now. */
  static async open(settings: NatsSettings, now: () => number = Date.now): Promise<Fleet> {
    const connection = await connectNats(settings, `gateway-doctor-app-${process.pid}`);
    const fleet = new Fleet(connection, now);
    await connection.flush();
    connection.publish(helloSubject(), encode({}));
    // The answers to hello arrive within a round trip; wait for them so the first check
    // after start-up already knows the regions.
    await connection.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    return fleet;
  }

  /** True when the worker has been heard from within the last few heartbeats. */
  isLive(workerId: string): boolean {
    const worker = this.workers.get(workerId);
    return worker !== undefined && this.now() - worker.lastSeen <= HEARTBEAT_MS * MISSED_HEARTBEATS;
  }

  /** Live workers, oldest region name first. */
  live(): KnownWorker[] {
    for (const [id, worker] of this.workers) {
      if (!this.isLive(id) && this.now() - worker.lastSeen > HEARTBEAT_MS * MISSED_HEARTBEATS * 10)
        this.workers.delete(id);
    }
    return [...this.workers.values()]
      .filter((worker) => this.isLive(worker.workerId))
      .sort((a, b) => a.region.localeCompare(b.region) || a.workerId.localeCompare(b.workerId));
  }

  /** Regions with at least one live worker, sorted. */
  liveRegions(): string[] {
    return [...new Set(this.live().map((worker) => worker.region))];
  }

  private updateGauge(): void {
    const gauge = metrics().liveWorkers;
    gauge.reset();
    for (const worker of this.live()) gauge.inc({ region: worker.region });
  }

  /** Closes the connection (tests and shutdown). */
  async close(): Promise<void> {
    await this.connection.drain().catch(() => undefined);
  }
}

const SHARED_FLEET = Symbol.for("gateway-doctor.workers.fleet");

/**
 * The process's fleet when NATS_URL is set, null otherwise. The connection is opened on first
 * use and shared by every route (Next.js may load this module once per route bundle).
 */
export function sharedFleet(): Promise<Fleet> | null {
  const settings = natsSettings();
  if (!settings) return null;
  const holder = globalThis as typeof globalThis & { [SHARED_FLEET]?: Promise<Fleet> };
  holder[SHARED_FLEET] ??= Fleet.open(settings).catch((error: unknown) => {
    // Let the next request try again instead of failing forever on one bad start.
    delete holder[SHARED_FLEET];
    logger().error({ err: error }, "cannot connect to NATS");
    throw error;
  });
  return holder[SHARED_FLEET];
}
