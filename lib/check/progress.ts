/**
 * The live view of a running check, folded from the stream's events (POST /api/probe/stream):
 * DNS, then each sample's phases as they start, end or fail. Pure, so the browser's view and
 * its tests agree on every transition.
 */
import type { ProbePhase } from "@/lib/probe/connection";
import type { ProbeStreamEvent } from "@/lib/probe/stream-protocol";
import { phaseLabel } from "@/lib/evidence/words";

/** Where one phase stands. */
export interface PhaseProgress {
  /** "running" from its start event; "done" or "failed" from its end. */
  status: "running" | "done" | "failed";
  /** Its duration once finished, in milliseconds. */
  ms: number | null;
  /** The error code it failed with. */
  errorCode: string | null;
}

/** One sample (or one followed redirect) as it runs. */
export interface SampleProgress {
  /** 0-based sample number. */
  index: number;
  /** Address connected to. */
  address: string;
  /** URL requested. */
  url: string;
  /** Phases seen so far, in the order they started. */
  phases: { phase: ProbePhase; progress: PhaseProgress }[];
  /** True once the sample has ended. */
  done: boolean;
  /** HTTP status, once the sample ended with one. */
  status: number | null;
  /** Set when this sample was a redirect that is being followed. */
  redirectedTo: string | null;
}

/** Everything shown while a check runs. */
export interface CheckProgress {
  /** Samples that will be taken. */
  samples: number;
  /** Name resolution: null until it starts (it never does for IP addresses or origin checks). */
  dns: {
    /** The name looked up. */
    name: string;
    /** Where it stands. */
    status: "running" | "done" | "failed";
    /** Addresses found, once done. */
    addresses: string[];
    /** Its duration once finished. */
    ms: number | null;
  } | null;
  /** Samples and redirect hops, in the order they started. */
  runs: SampleProgress[];
}

/** The view before the first event. */
export function initialProgress(samples: number): CheckProgress {
  return { samples, dns: null, runs: [] };
}

function updateLast(
  runs: SampleProgress[],
  index: number,
  update: (run: SampleProgress) => SampleProgress,
): SampleProgress[] {
  const at = runs.findLastIndex((run) => run.index === index);
  if (at < 0) return runs;
  return runs.map((run, i) => (i === at ? update(run) : run));
}

/** Folds one stream event into the view; events that change nothing return the same object. */
export function reduceProgress(state: CheckProgress, event: ProbeStreamEvent): CheckProgress {
  switch (event.type) {
    case "start":
      return initialProgress(event.samples);
    case "dns-start":
      return { ...state, dns: { name: event.name, status: "running", addresses: [], ms: null } };
    case "dns-end":
      return {
        ...state,
        dns: {
          name: event.result.name,
          status: event.result.error ? "failed" : "done",
          addresses: event.result.addresses.map((a) => a.address),
          ms: event.result.durationMs,
        },
      };
    case "sample-start":
      return {
        ...state,
        runs: [
          ...state.runs,
          {
            index: event.index,
            address: event.address,
            url: event.url,
            phases: [],
            done: false,
            status: null,
            redirectedTo: null,
          },
        ],
      };
    case "phase":
      return {
        ...state,
        runs: updateLast(state.runs, event.index, (run) => {
          const progress: PhaseProgress = {
            status:
              event.status === "start" ? "running" : event.status === "end" ? "done" : "failed",
            ms: event.ms,
            errorCode: event.error?.code ?? null,
          };
          const known = run.phases.some((p) => p.phase === event.phase);
          return {
            ...run,
            phases: known
              ? run.phases.map((p) => (p.phase === event.phase ? { ...p, progress } : p))
              : [...run.phases, { phase: event.phase, progress }],
          };
        }),
      };
    case "sample-end":
      return {
        ...state,
        runs: updateLast(state.runs, event.index, (run) => ({
          ...run,
          done: true,
          status: event.sample.response?.status ?? null,
          redirectedTo: event.redirect?.location ?? null,
        })),
      };
    default:
      return state;
  }
}

/** One sentence for screen readers on what the check is doing now. */
export function describeProgress(state: CheckProgress): string {
  const run = state.runs.at(-1);
  if (!run) {
    if (state.dns?.status === "running") return `Looking up ${state.dns.name}…`;
    if (state.dns?.status === "failed") return `DNS lookup of ${state.dns.name} failed.`;
    return "Starting the check…";
  }
  const which = state.samples > 1 ? `Sample ${run.index + 1} of ${state.samples}: ` : "";
  if (run.done) {
    if (run.redirectedTo) return `${which}redirected to ${run.redirectedTo}, following it…`;
    return `${which}${run.status !== null ? `answered ${run.status}` : "ended without an answer"}.`;
  }
  const current = run.phases.at(-1);
  if (!current) return `${which}starting…`;
  const label = phaseLabel(current.phase);
  if (current.progress.status === "failed")
    return `${which}${label} failed${current.progress.errorCode ? ` (${current.progress.errorCode})` : ""}.`;
  return `${which}${label}${current.progress.status === "running" ? "…" : " done."}`;
}
