/**
 * Operator settings for the probe, read from the environment once. A bad
 * value stops start-up with a message naming the variable, because a probe
 * that silently falls back to defaults could be wider open than intended.
 */
import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { z } from "zod";
import { parseAddress, parseCidr, type Cidr } from "./cidr";
import { parseTrustProxy, type TrustProxy } from "./client-address";

/** Settings the engine, the route and the CLI share. */
export interface ProbeConfig {
  /** Ranges the operator allows despite the guard (PROBE_ALLOW_CIDRS). */
  allowCidrs: Cidr[];
  /** Destination ports a URL may name (PROBE_ALLOW_PORTS). */
  allowPorts: number[];
  /** DNS servers as "ip" or "ip:port" ("[v6]:port"); empty means the system's configured servers. */
  dnsServers: string[];
  /** Overall deadline of one probe in milliseconds, samples and redirects included (PROBE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Longest a single phase (DNS, connect, TLS, first byte, body) may take, capped by the deadline (PROBE_PHASE_TIMEOUT_MS). */
  phaseTimeoutMs: number;
  /** Probes one client may start per window (PROBE_RATE_LIMIT). */
  rateLimit: number;
  /** Length of the rate-limit window in milliseconds (PROBE_RATE_WINDOW_S). */
  rateWindowMs: number;
  /** Probes running at once across all clients (PROBE_MAX_CONCURRENT). */
  maxConcurrent: number;
  /** Probes one client may run at once (PROBE_MAX_CONCURRENT_PER_CLIENT). */
  maxConcurrentPerClient: number;
  /**
   * Which proxies in front of the app are believed about the client's address (PROBE_TRUST_PROXY):
   * false (the connection's address), true (one proxy), a hop count or address ranges.
   */
  trustProxy: boolean | TrustProxy;
  /** Probes of one target host per window across all clients (PROBE_TARGET_RATE_LIMIT). */
  targetRateLimit: number;
  /** Probes of one target host running at once across all clients (PROBE_TARGET_MAX_CONCURRENT). */
  targetMaxConcurrent: number;
  /**
   * Origins other than this site's that may call the probe from a browser: the embed hosts of
   * EMBED_ALLOWED_ORIGINS when it lists some (none when it allows any site or none).
   */
  embedOrigins?: string[];
  /** Certificates trusted for TLS verification: Node's bundled roots plus PROBE_EXTRA_CA_FILE. */
  trustedCa: string[];
}

/** Raised when a PROBE_* variable cannot be used; the message lists every problem. */
export class ProbeConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid probe settings:\n  - ${problems.join("\n  - ")}`);
    this.name = "ProbeConfigError";
  }
}

const DEFAULT_PORTS = [80, 443, 8080, 8443];

function integer(name: string, fallback: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be a whole number from ${min} to ${max}, got "${value}"`,
        });
        return z.NEVER;
      }
      return n;
    });
}

function list(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Checks "ip", "ip:port" or "[v6]:port" and returns the form node:dns setServers accepts. */
export function normaliseDnsServer(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  let host: string;
  let port: string | undefined;
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2];
  } else if (parseAddress(entry)) {
    host = entry;
  } else {
    const colon = entry.lastIndexOf(":");
    host = entry.slice(0, colon);
    port = colon > 0 ? entry.slice(colon + 1) : undefined;
  }
  const address = parseAddress(host);
  if (!address) throw new Error(`"${entry}" is not an IP address with an optional port`);
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw new Error(`"${entry}" has an invalid port`);
  }
  const hostPart = address.family === 6 ? `[${host}]` : host;
  return port === undefined ? host : `${hostPart}:${port}`;
}

const envSchema = z.object({
  PROBE_ALLOW_CIDRS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const ranges: Cidr[] = [];
      for (const item of list(value)) {
        try {
          ranges.push(parseCidr(item));
        } catch (error) {
          ctx.addIssue({
            code: "custom",
            message: `PROBE_ALLOW_CIDRS: ${(error as Error).message}`,
          });
        }
      }
      return ranges;
    }),
  PROBE_ALLOW_PORTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const items = list(value);
      if (items.length === 0) return DEFAULT_PORTS;
      const ports: number[] = [];
      for (const item of items) {
        const n = Number(item);
        if (!/^\d+$/.test(item) || n < 1 || n > 65535) {
          ctx.addIssue({
            code: "custom",
            message: `PROBE_ALLOW_PORTS: "${item}" is not a port from 1 to 65535`,
          });
        } else ports.push(n);
      }
      return ports;
    }),
  PROBE_DNS_SERVERS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const servers: string[] = [];
      for (const item of list(value)) {
        try {
          servers.push(normaliseDnsServer(item));
        } catch (error) {
          ctx.addIssue({
            code: "custom",
            message: `PROBE_DNS_SERVERS: ${(error as Error).message}`,
          });
        }
      }
      return servers;
    }),
  PROBE_TIMEOUT_MS: integer("PROBE_TIMEOUT_MS", 15_000, 500, 60_000),
  // 0 means "derive from PROBE_TIMEOUT_MS" (10 s, or the whole deadline when that is shorter).
  PROBE_PHASE_TIMEOUT_MS: integer("PROBE_PHASE_TIMEOUT_MS", 0, 100, 60_000),
  PROBE_RATE_LIMIT: integer("PROBE_RATE_LIMIT", 20, 1, 100_000),
  PROBE_RATE_WINDOW_S: integer("PROBE_RATE_WINDOW_S", 60, 1, 86_400),
  PROBE_MAX_CONCURRENT: integer("PROBE_MAX_CONCURRENT", 16, 1, 1_000),
  PROBE_MAX_CONCURRENT_PER_CLIENT: integer("PROBE_MAX_CONCURRENT_PER_CLIENT", 2, 1, 1_000),
  PROBE_TARGET_RATE_LIMIT: integer("PROBE_TARGET_RATE_LIMIT", 30, 1, 100_000),
  PROBE_TARGET_MAX_CONCURRENT: integer("PROBE_TARGET_MAX_CONCURRENT", 4, 1, 1_000),
  // The embed's allow-list; next.config.mjs checks its syntax at start-up (lib/embed/frame-policy),
  // this only needs the origins it lists ("*" and "none" list none).
  EMBED_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(/[\s,]+/)
        .filter((entry) => /^https?:\/\//i.test(entry))
        .map((entry) => entry.toLowerCase().replace(/\/$/, "")),
    ),
  PROBE_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const v = (value ?? "").trim().toLowerCase();
      // Kept as booleans for the two spellings that always meant off and one proxy.
      if (v === "" || v === "0" || v === "false") return false as const;
      if (v === "1" || v === "true") return true as const;
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  PROBE_EXTRA_CA_FILE: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return [];
      try {
        const pem = readFileSync(value.trim(), "utf8");
        const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
        if (!certs) throw new Error("it contains no PEM certificate");
        return certs;
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `PROBE_EXTRA_CA_FILE: cannot use "${value}": ${(error as Error).message}`,
        });
        return z.NEVER;
      }
    }),
});

/** Reads and checks the PROBE_* variables; throws ProbeConfigError listing every bad one. */
export function loadProbeConfig(
  env: Record<string, string | undefined> = process.env,
): ProbeConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new ProbeConfigError(parsed.error.issues.map((issue) => issue.message));
  const e = parsed.data;
  return {
    allowCidrs: e.PROBE_ALLOW_CIDRS,
    allowPorts: e.PROBE_ALLOW_PORTS,
    dnsServers: e.PROBE_DNS_SERVERS,
    timeoutMs: e.PROBE_TIMEOUT_MS,
    phaseTimeoutMs: Math.min(e.PROBE_TIMEOUT_MS, e.PROBE_PHASE_TIMEOUT_MS || 10_000),
    rateLimit: e.PROBE_RATE_LIMIT,
    rateWindowMs: e.PROBE_RATE_WINDOW_S * 1000,
    maxConcurrent: e.PROBE_MAX_CONCURRENT,
    maxConcurrentPerClient: e.PROBE_MAX_CONCURRENT_PER_CLIENT,
    trustProxy: e.PROBE_TRUST_PROXY,
    targetRateLimit: e.PROBE_TARGET_RATE_LIMIT,
    targetMaxConcurrent: e.PROBE_TARGET_MAX_CONCURRENT,
    embedOrigins: e.EMBED_ALLOWED_ORIGINS,
    trustedCa: [...rootCertificates, ...e.PROBE_EXTRA_CA_FILE],
  };
}

let cached: ProbeConfig | undefined;

/** The process-wide configuration, parsed on first use (instrumentation.ts forces that at start-up). */
export function getProbeConfig(): ProbeConfig {
  cached ??= loadProbeConfig();
  return cached;
}

/**
 * For server start-up: parses the settings and ends the process with the
 * list of problems if any is invalid. Next.js only logs an error thrown from
 * instrumentation and keeps serving, which would leave a misconfigured probe
 * running.
 */
export function requireValidProbeConfig(): ProbeConfig {
  try {
    return getProbeConfig();
  } catch (error) {
    if (!(error instanceof ProbeConfigError)) throw error;
    console.error(`${error.message}\nThe server will not start until these are fixed.`);
    process.exit(1);
  }
}
