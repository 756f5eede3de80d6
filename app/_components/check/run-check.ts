/**
 * Runs a check for the wizard on the server: the no-JavaScript form's path, and the browser's
 * request for "where does this lead?" after a streamed check. Both go through the probe's
 * shared gate (schema, guard, limits) and answer with a CheckState or a link, never a throw.
 */
import { loadStepText } from "@/app/_components/wizard/step-text";
import { EMBED_BASE } from "@/lib/embed/frame-policy.mjs";
import {
  failureFromApi,
  type CheckFailure,
  type CheckInput,
  type CheckState,
  type NextLink,
} from "@/lib/check/state";
import { normalizeCheckUrl } from "@/lib/evidence/digest";
import { nextStepFor, type NextStep } from "@/machines/next-step";
import {
  probeFailure,
  sharedProbeGate,
  type HeaderSource,
  type ProbeFailure,
} from "@/lib/probe/http-api";
import { MAX_SAMPLES } from "@/lib/probe/probe";
import { probeAnywhere } from "@/lib/workers/dispatch";
import { resolvePermalink } from "@/machines/permalink";
import { DIAGNOSE_BASE } from "@/machines/paths";
import { getStep } from "@/machines/steps";

/** Where the wizard may be mounted; links are only ever built under one of these. */
const BASES: readonly string[] = [DIAGNOSE_BASE, EMBED_BASE];

/** The answers and base a form or request names, checked: null when they are no permalink. */
export function wizardPosition(
  answersText: string,
  baseText: string,
): { answers: string[]; base: string } | null {
  if (!BASES.includes(baseText)) return null;
  const segments = answersText.split("/").filter((segment) => segment !== "");
  const resolved = resolvePermalink(segments);
  return resolved.ok ? { answers: resolved.answers, base: baseText } : null;
}

async function linkTo(next: NextStep | null): Promise<NextLink | null> {
  if (!next) return null;
  const step = getStep(next.stepId);
  if (!step) return null;
  const text = await loadStepText(step);
  return {
    stepId: next.stepId,
    title: text.title,
    href: next.href,
    inferredCount: next.answers.length - next.given,
  };
}

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** The form's input, as echoed back to it. */
export function checkInputOf(form: FormData, defaultSamples = 1): CheckInput {
  const samples = Number(field(form, "samples"));
  return {
    url: field(form, "url").slice(0, 2048),
    originIp: field(form, "origin").trim().slice(0, 64),
    samples:
      Number.isInteger(samples) && samples >= 1 && samples <= MAX_SAMPLES
        ? samples
        : defaultSamples,
  };
}

function invalid(input: CheckInput, message: string): CheckState {
  return { status: "error", input, failure: { kind: "invalid", message } };
}

/** Runs the check a form describes and works out where it leads. Never throws. */
export async function runFormCheck(
  form: FormData,
  client: HeaderSource,
  signal?: AbortSignal,
): Promise<CheckState> {
  const input = checkInputOf(form);
  try {
    const position = wizardPosition(field(form, "answers"), field(form, "base"));
    if (!position)
      return invalid(
        input,
        "This form was sent from a page the wizard does not know; reload the page and try again.",
      );
    if (input.url.trim() === "")
      return invalid(input, "Enter the address that fails, such as https://www.example.com/.");
    const url = normalizeCheckUrl(input.url);
    if (!url)
      return invalid(
        input,
        `“${input.url.slice(0, 200)}” is not a web address. Enter one such as https://www.example.com/.`,
      );
    if (form.get("origin-required") === "1" && input.originIp === "")
      return invalid(
        input,
        "Enter your origin server's IP address, or choose “I don't know the origin's address” below.",
      );

    // admitShared and probeAnywhere: the limits shared in Redis and the workers over NATS when
    // configured, exactly admit() and probe() otherwise (issue #17).
    const admitted = await sharedProbeGate().admitShared(
      {
        // Typed without a scheme, the address goes as typed: the probe tries HTTPS and falls
        // back to HTTP when the port speaks plain HTTP (lib/probe/probe.ts targetUrl).
        url: /^[a-z][a-z0-9+.-]*:\/\//i.test(input.url.trim()) ? url : input.url.trim(),
        originIp: input.originIp || undefined,
        samples: input.samples,
        followRedirects: true,
      },
      client,
    );
    if ("status" in admitted && "error" in admitted) {
      return { status: "error", input, failure: failureOf(admitted) };
    }
    try {
      const report = await probeAnywhere(admitted.request, { config: admitted.config, signal });
      const next = nextStepFor(report, position.answers, position.base, input.samples);
      return { status: "done", input, report, next: await linkTo(next) };
    } catch (error) {
      // The browser left; nobody reads this answer, and it is no failure of the probe.
      if (signal?.aborted)
        return {
          status: "error",
          input,
          failure: { kind: "cancelled", message: "The check was cancelled." },
        };
      return { status: "error", input, failure: failureOf(probeFailure(error)) };
    } finally {
      admitted.release();
    }
  } catch (error) {
    console.error("wizard check failed unexpectedly", error);
    return {
      status: "error",
      input,
      failure: { kind: "unavailable", message: "The check could not run; try again shortly." },
    };
  }
}

function failureOf(failure: ProbeFailure): CheckFailure {
  return failureFromApi(
    failure.status,
    failure.error,
    failure.retryAfterS === undefined ? null : String(failure.retryAfterS),
  );
}
