/**
 * The embedded wizard's side of the message protocol (lib/embed/protocol.ts), kept out of React
 * so its rules — post only to the announced parent origin, act only on that parent's
 * well-formed commands, send events in a fixed order — are unit-tested without a browser.
 * EmbedShell owns one bridge per frame and feeds it steps, sizes, checks and incoming messages.
 */
import {
  embedMessage,
  isFromParent,
  parseHostMessage,
  PROTOCOL_VERSION,
  type CheckDetail,
  type EmbedEventDetails,
  type EmbedEventName,
  type EmbedMessage,
  type StepDetail,
} from "@/lib/embed/protocol";
import { eventsForStep } from "@/app/_lib/embed/step-events";
import { VERDICT_CODES, type VerdictFacts } from "@/lib/probe/verdict";

/** A step as the embed page reports it. */
export interface ReportedStep {
  /** What the host is told about the step. */
  detail: StepDetail;
  /** The Markdown summary of the diagnosis at this step, sent with `escalate`. */
  markdown: string;
}

/** The window that embeds us, as far as the bridge needs it. */
export interface ParentWindow {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** What the bridge needs from its surroundings. */
export interface BridgeEnvironment {
  /**
   * The embedding window, or null when the page is not framed (opened directly): then nothing
   * is ever posted.
   */
  parent: ParentWindow | null;
  /** The parent's origin as the snippet announced it; null posts nothing and accepts nothing. */
  parentOrigin: string | null;
  /** Whether check events may carry the checked URL and its details. */
  shareCheckDetails: boolean;
  /** Goes to the step the embed started at (the `restart` command). */
  restart(): void;
}

/** A live check's result, as the live check reports it (see check-signal.ts). */
export interface CheckResult {
  /** The verdict facts. */
  verdict: VerdictFacts;
  /** The URL that was checked. */
  url: string;
}

/** Largest height reported; a runaway layout must not make the host's iframe endless. */
export const MAX_REPORTED_HEIGHT = 100_000;

export class EmbedBridge {
  private wantsStart = false;
  private started = false;
  private pending: ReportedStep | null = null;
  private current: ReportedStep | null = null;
  private lastHeight = -1;

  constructor(private env: BridgeEnvironment) {}

  /** Replaces the environment (options restored after a reload of the frame). */
  configure(env: BridgeEnvironment): void {
    this.env = env;
    this.tryStart();
  }

  /** The step shown now, or null before the first report. */
  get step(): ReportedStep | null {
    return this.current ?? this.pending;
  }

  /**
   * Starts talking to the host: sends `ready` and the first `step` once a step is known (now,
   * or at the first report) and the parent's origin is (now, or at the next configure). Calling
   * it again does nothing.
   */
  start(): void {
    this.wantsStart = true;
    this.tryStart();
  }

  private tryStart(): void {
    if (this.started || !this.wantsStart || !this.env.parent || !this.env.parentOrigin) return;
    this.started = true;
    if (this.pending) this.show(this.pending);
    this.pending = null;
    // A size measured before the parent was known went nowhere; send it now.
    if (this.lastHeight >= 0) {
      const height = this.lastHeight;
      this.lastHeight = -1;
      this.resize(height);
    }
  }

  /** The embed page reports the step it shows. */
  report(step: ReportedStep): void {
    if (!this.started) {
      this.pending = step;
      return;
    }
    this.show(step);
  }

  private show(step: ReportedStep): void {
    const previous = this.current;
    this.current = step;
    if (!previous) {
      this.post("ready", { ...step.detail, version: PROTOCOL_VERSION });
    }
    for (const event of eventsForStep(previous?.detail ?? null, step.detail)) {
      this.post(event.name, event.detail);
    }
  }

  /** The content height changed; repeated heights are not sent again. */
  resize(height: number): void {
    const rounded = Math.min(MAX_REPORTED_HEIGHT, Math.max(0, Math.ceil(height)));
    if (!Number.isFinite(rounded) || rounded === this.lastHeight) return;
    this.lastHeight = rounded;
    if (this.started) this.post("resize", { height: rounded });
  }

  /** A live check finished; the host gets the verdict code, and details only if it opted in. */
  check(result: CheckResult): void {
    if (!VERDICT_CODES.includes(result.verdict.code)) return;
    const detail: CheckDetail = { verdict: result.verdict.code };
    if (this.env.shareCheckDetails) {
      detail.target = {
        url: result.url,
        status: result.verdict.status,
        layer: result.verdict.layer,
        vendor: result.verdict.vendor,
        cause: result.verdict.cause,
        intermittent: result.verdict.intermittent ?? false,
      };
    }
    this.post("check", detail);
  }

  /** The person asked for support: the host gets the current step and its Markdown summary. */
  escalate(): boolean {
    const step = this.step;
    if (!step) return false;
    return this.post("escalate", { ...step.detail, markdown: step.markdown });
  }

  /** Handles a message event; returns true when it was a command from the parent and was run. */
  receive(event: { origin: string; source: unknown; data: unknown }): boolean {
    if (!isFromParent(event, { window: this.env.parent, origin: this.env.parentOrigin })) {
      return false;
    }
    const command = parseHostMessage(event.data);
    if (!command) return false;
    switch (command.type) {
      case "gateway-doctor:restart":
        this.env.restart();
        return true;
    }
  }

  /** Posts to the parent's announced origin only; the browser drops it if the parent differs. */
  private post<Name extends EmbedEventName>(name: Name, detail: EmbedEventDetails[Name]): boolean {
    const { parent, parentOrigin } = this.env;
    if (!parent || !parentOrigin) return false;
    const message: EmbedMessage<Name> = embedMessage(name, detail);
    parent.postMessage(message, parentOrigin);
    return true;
  }
}
