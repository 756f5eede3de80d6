/**
 * What a check ("Check it for me") shows after it ran, in one shape for both ways it runs: in
 * the browser over the stream, and without JavaScript as a form posted to a server action.
 */
import type { ProbeReport } from "@/lib/probe/probe";

/** The step a check points to, ready to link. */
export interface NextLink {
  /** The state's id. */
  stepId: string;
  /** The step's title, for "Go to: <title>". */
  title: string;
  /** Permalink with the evidence in its query. */
  href: string;
  /** How many answers the check inferred after the person's own. */
  inferredCount: number;
}

/** Why a check did not produce a report. */
export interface CheckFailure {
  /**
   * invalid: the input is no usable URL or address; refused: our server will not check this
   * target; rate-limited / busy: try again later; unavailable: the probe is broken or off;
   * network: the browser lost the server; cancelled: the person stopped it.
   */
  kind: "invalid" | "refused" | "rate-limited" | "busy" | "unavailable" | "network" | "cancelled";
  /** What happened, in a sentence from the server or from the browser. */
  message: string;
  /** For refusals: the guard stage (parse, name, address, dns, redirect, origin). */
  stage?: string;
  /** For rate-limited and busy: seconds until trying again can work. */
  retryAfterS?: number;
}

/** What the person asked to check, echoed back into the form. */
export interface CheckInput {
  /** The URL as typed. */
  url: string;
  /** Origin address as typed, or "". */
  originIp: string;
  /** Samples asked for. */
  samples: number;
}

/** The state of a check form. */
export type CheckState =
  | { status: "idle" }
  | {
      status: "done";
      /** What was asked. */
      input: CheckInput;
      /** The probe's report. */
      report: ProbeReport;
      /** Where the verdict leads; null when it confirms the current step. */
      next: NextLink | null;
    }
  | {
      status: "error";
      /** What was asked. */
      input: CheckInput;
      /** Why there is no report. */
      failure: CheckFailure;
    };

/** The state before any check. */
export const IDLE_CHECK: CheckState = { status: "idle" };

/** Maps an HTTP error answer of the probe routes (status and JSON error body) to a failure. */
export function failureFromApi(
  status: number,
  error: { code?: string; message?: string; stage?: string } | null,
  retryAfter: string | null,
): CheckFailure {
  const message = error?.message ?? `The check failed with HTTP ${status}.`;
  const retryAfterS =
    retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  if (status === 422) return { kind: "refused", message, stage: error?.stage };
  if (status === 429)
    return {
      kind: error?.code === "busy" ? "busy" : "rate-limited",
      message,
      retryAfterS: retryAfterS ?? 5,
    };
  if (status === 400 || status === 413) return { kind: "invalid", message };
  return { kind: "unavailable", message };
}
