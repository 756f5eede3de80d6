import type { ProbeSample } from "@/lib/probe/connection";
import type { ProbeReport } from "@/lib/probe/probe";
import type { Verdict } from "@/lib/probe/classify";

/** A sample as the probe reports it; override what a test cares about. */
export function sample(overrides: Partial<ProbeSample> = {}): ProbeSample {
  return {
    address: "192.0.2.10",
    phases: { dns: 1.25, connect: 0.5, tls: null, firstByte: 12, total: 14.5 },
    failedPhase: null,
    error: null,
    tls: null,
    response: {
      status: 200,
      statusText: "OK",
      httpVersion: "1.1",
      headers: { server: "nginx" },
      bodyExcerpt: "",
      bodyBytes: 0,
      bodyComplete: true,
    },
    ...overrides,
  };
}

/** A report with the given verdict facts and samples. */
export function report(
  verdict: Partial<Verdict> & Pick<Verdict, "code">,
  samples: ProbeSample[] = [sample()],
): ProbeReport {
  const failureCount = verdict.failureCount ?? (verdict.code === "ok" ? 0 : samples.length);
  return {
    target: {
      requestedUrl: "https://shop.example/",
      url: "https://shop.example/",
      hostname: "shop.example",
      port: 443,
      originIp: null,
      scheme: "https",
      schemeNote: null,
    },
    dns: null,
    redirects: [],
    samples,
    verdict: {
      status: null,
      layer: "unknown",
      vendor: null,
      cause: null,
      reference: null,
      title: "A verdict",
      explanation: "What happened.",
      evidence: [],
      sampleCount: samples.length,
      failureCount,
      failureRate: failureCount / samples.length,
      intermittent: false,
      observed: {
        dnsResolved: false,
        connected: false,
        tlsHandshake: false,
        httpResponse: false,
        gateway: null,
      },
      ...verdict,
    },
    startedAt: "2026-03-01T14:05:09.123Z",
    durationMs: 20,
  };
}
