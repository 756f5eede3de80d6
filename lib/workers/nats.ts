/**
 * The NATS connection, from the environment: NATS_URL names the server(s), and NATS_TOKEN or
 * NATS_USER with NATS_PASSWORD authenticate (https://docs.nats.io/running-a-nats-service/
 * configuration/securing_nats/auth_intro). Without NATS_URL there are no workers and the app
 * probes in-process, exactly as it did before workers existed.
 */
import { connect, type ConnectionOptions, type NatsConnection } from "nats";

/** How to reach NATS; null when NATS_URL is not set. */
export interface NatsSettings {
  /** Comma-separated server URLs, e.g. nats://127.0.0.1:4222. */
  servers: string[];
  /** NATS_TOKEN. */
  token?: string;
  /** NATS_USER. */
  user?: string;
  /** NATS_PASSWORD. */
  pass?: string;
}

/** The settings in the environment, or null when NATS is not configured. */
export function natsSettings(env: NodeJS.ProcessEnv = process.env): NatsSettings | null {
  const url = env.NATS_URL?.trim();
  if (!url) return null;
  return {
    servers: url
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    token: env.NATS_TOKEN || undefined,
    user: env.NATS_USER || undefined,
    pass: env.NATS_PASSWORD || undefined,
  };
}

/** Opens a connection that keeps reconnecting for as long as the process lives. */
export function connectNats(settings: NatsSettings, name: string): Promise<NatsConnection> {
  const options: ConnectionOptions = {
    servers: settings.servers,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  };
  if (settings.token) options.token = settings.token;
  if (settings.user) {
    options.user = settings.user;
    options.pass = settings.pass;
  }
  return connect(options);
}
