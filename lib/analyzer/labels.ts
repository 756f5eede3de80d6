import type { VerdictLayer } from "@/lib/probe/verdict";
import type { AnalyzerCause, Confidence } from "./types";

/**
 * A short heading for each cause. Typed as a full record so that adding a cause without
 * its heading fails the type check instead of showing a raw id to someone mid-outage.
 */
export const CAUSE_LABELS: Record<AnalyzerCause, string> = {
  "upstream-refused": "The next server refused the connection",
  "upstream-timeout": "The app took too long to answer",
  "upstream-connect-timeout": "The connection to the next server timed out",
  "upstream-unreachable": "The next server cannot be reached",
  "upstream-invalid-response": "The app sent an invalid response",
  "upstream-tls": "The TLS handshake between servers failed",
  "upstream-tls-invalid-certificate": "A server's certificate was rejected",
  "upstream-dns": "A host name could not be resolved",
  "no-healthy-upstream": "No healthy server left to send requests to",
  "upstream-closed": "The app closed the connection without a full answer",
  "headers-too-large": "Response or request headers are too large",
  "app-crashed": "The app crashed",
  "app-error": "The app failed with an error",
  "app-not-started": "A service failed to start",
  "worker-pool-full": "All app workers were busy",
  "worker-timeout": "An app worker was stopped for running too long",
  "out-of-memory": "Out of memory",
  "connection-reset": "Connections were reset mid-request",
  "connection-limits": "A connection limit was reached",
  "proxy-config": "A configuration problem",
  "origin-dns": "The CDN cannot resolve your origin",
  "edge-blocked": "The CDN blocked the request",
  "origin-error-passed-on": "The CDN passed on an error from your origin",
  "origin-unknown-response": "The CDN got an unusable answer from your origin",
  "client-gave-up": "Clients gave up waiting",
  "database-connections": "The database refused connections",
  "status-only": "An error status, without its reason",
};

/** Where on the request path a layer sits, in an owner's words. */
export const LAYER_LABELS: Record<VerdictLayer, string> = {
  dns: "DNS",
  network: "the network between servers",
  tls: "TLS between servers",
  edge: "the CDN or load balancer",
  proxy: "the web server or reverse proxy",
  app: "the app and its servers",
  unknown: "not known yet",
};

/** How each confidence level reads. */
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  high: "High confidence",
  medium: "Medium confidence",
  low: "Low confidence",
  "status-only": "Status only: no cause shown",
};
