/**
 * The bookkeeping of one sample: which phase is under way, how long each took (as segments,
 * the way httpstat draws them), the progress events a caller watches, and the one timer that
 * bounds the current phase. Kept apart from the sockets so runSample reads as the exchange.
 */
import { performance } from "node:perf_hooks";
import type { ProbeError } from "./errors";

/** Phases a sample can fail in. */
export type ProbePhase = "dns" | "connect" | "tls" | "firstByte" | "headers" | "body";

/** A phase of one sample starting, ending or failing, as it happens. */
export interface PhaseEvent {
  /** The phase. */
  phase: ProbePhase;
  /** "start" when it begins; "end" when it completed; "fail" when the sample ended in it. */
  status: "start" | "end" | "fail";
  /** How long the phase took, for "end" and "fail"; null for "start". */
  ms: number | null;
  /** What went wrong, for "fail". */
  error?: ProbeError;
}

/** Durations of each phase in milliseconds (segments, not cumulative); null when the phase did not run. */
export interface SamplePhases {
  /** Name resolution; null on samples that reused the first sample's resolution. */
  dns: number | null;
  /** TCP handshake. */
  connect: number | null;
  /** TLS handshake; null for http URLs. */
  tls: number | null;
  /** From sending the request to the first response byte (server processing). */
  firstByte: number | null;
  /** The whole sample, from its start to the last byte read. */
  total: number;
}

/** Records phases as they happen and tells a listener; a listener that throws changes nothing. */
export class PhaseRecorder {
  /** The durations so far. */
  readonly phases: SamplePhases;
  /** The phase under way, for progress events and for naming where an abort struck. */
  current: ProbePhase = "connect";
  private readonly started = performance.now();
  private currentStarted = this.started;
  private mark = this.started;

  constructor(
    /** Time the DNS lookup took, counted into the total (first sample only). */
    private readonly dnsMs: number | null,
    private readonly listener?: (event: PhaseEvent) => void,
  ) {
    this.phases = { dns: dnsMs, connect: null, tls: null, firstByte: null, total: 0 };
  }

  private emit(event: PhaseEvent): void {
    try {
      this.listener?.(event);
    } catch {
      // A progress listener must never change the outcome of the sample.
    }
  }

  /** Starts `phase`. */
  begin(phase: ProbePhase): void {
    this.current = phase;
    this.currentStarted = performance.now();
    this.emit({ phase, status: "start", ms: null });
  }

  /** Ends `phase`, reporting how long it took. */
  end(phase: ProbePhase, ms: number): void {
    this.emit({ phase, status: "end", ms });
  }

  /** Milliseconds since the last lap (or the start): one segment of the waterfall. */
  lap(): number {
    const now = performance.now();
    const span = now - this.mark;
    this.mark = now;
    return span;
  }

  /** Milliseconds since the current phase began. */
  inCurrent(): number {
    return performance.now() - this.currentStarted;
  }

  /** Closes the books: the total, and the failing (or the finished body) phase's event. */
  close(failedPhase: ProbePhase | null, error: ProbeError | null): void {
    this.phases.total = performance.now() - this.started + (this.dnsMs ?? 0);
    if (failedPhase && error) {
      this.emit({ phase: failedPhase, status: "fail", ms: this.inCurrent(), error });
    } else if (this.current === "body") {
      this.end("body", this.inCurrent());
    }
  }
}

/**
 * The single timer bounding the phase under way: each phase gets its own budget, never
 * beyond the sample's overall deadline. Arming again replaces the previous timer.
 */
export class PhaseTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** performance.now() value by which everything must have ended. */
    private readonly deadlineAt: number,
    /** Longest any one phase may take. */
    private readonly phaseTimeoutMs: number,
    private readonly expire: (phase: ProbePhase, error: ProbeError) => void,
  ) {}

  /** Ends the sample in `phase` with `code` unless disarmed or re-armed in time. */
  arm(phase: ProbePhase, code: ProbeError["code"], message: string): void {
    this.clear();
    const ms = Math.max(0, Math.min(this.phaseTimeoutMs, this.deadlineAt - performance.now()));
    this.timer = setTimeout(
      () => this.expire(phase, { code, message: `${message} (after ${Math.round(ms)} ms)` }),
      ms,
    );
  }

  /** Disarms the timer. */
  clear(): void {
    clearTimeout(this.timer);
  }
}
