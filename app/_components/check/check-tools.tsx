import { audienceOf, type Audience } from "@/lib/check/audience";
import { watchIntervalFrom } from "@/lib/check/watch";
import type { EvidenceQuery } from "@/lib/evidence/digest";
import { evidenceReason, expiryWords, formatCheckTime, phaseLabel } from "@/lib/evidence/words";
import type { CheckOffer } from "@/machines/diagnosis.machine";
import type { Step } from "@/machines/steps";
import { LiveCheck } from "./live-check";
import { MultiPlaceCheck } from "./multi-place-check";

/** On other steps reached with a check in the link: offer it again, e.g. to see whether a fix worked. */
const rerun: CheckOffer = {
  title: "Run the check again",
  intro: "Repeat the check this link carries, for example to see whether a fix worked.",
  button: "Run the check again",
  samples: 1,
  chooseSamples: true,
  originIp: "optional",
};

/** Props of `<CheckTools>`. */
export interface CheckToolsProps {
  /** The current step. */
  step: Step;
  /** The answers of the permalink. */
  answers: readonly string[];
  /** Where the wizard is mounted. */
  base: string;
  /** The current step's path under the base. */
  path: string;
  /** This site's origin. */
  origin: string;
  /** What the page's query says about a check. */
  evidence: EvidenceQuery;
}

/** What a check found, as the link carries it: shown on the step the check led to. */
function EvidenceNote({ evidence, audience }: { evidence: EvidenceQuery; audience: Audience }) {
  const { digest, request } = evidence;
  if (!digest || !request) return null;
  return (
    <section
      aria-labelledby="evidence-note-title"
      className="space-y-2 rounded-lg border border-line bg-surface p-4 text-sm"
      data-testid="evidence-note"
    >
      <h2 id="evidence-note-title" className="text-base font-semibold">
        Evidence from the check
      </h2>
      <p>
        <span className="break-all">{request.url}</span>
        {request.originIp ? ` sent to ${request.originIp}` : ""}, checked{" "}
        {formatCheckTime(digest.checkedAt)} from Gateway Doctor&apos;s server:
      </p>
      <p className="font-medium">{evidenceReason(digest, audience)}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {digest.reference ? (
          <>
            <dt className="text-muted">Reference id</dt>
            <dd className="font-mono break-all">{digest.reference}</dd>
          </>
        ) : null}
        {digest.failedPhase ? (
          <>
            <dt className="text-muted">Failed in</dt>
            <dd>
              {phaseLabel(digest.failedPhase)}
              {digest.errorCode ? ` (${digest.errorCode})` : ""}
            </dd>
          </>
        ) : null}
        {digest.timing ? (
          <>
            <dt className="text-muted">Timings</dt>
            <dd>{digest.timing}</dd>
          </>
        ) : null}
        {digest.certificateExpiry ? (
          <>
            <dt className="text-muted">Certificate</dt>
            <dd>{expiryWords(digest.certificateExpiry, new Date(digest.checkedAt))}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/**
 * The check tools of a step: what a check that led here found, and "Check it for me" on
 * the steps where evidence can answer (or "run it again" when the link carries a check).
 */
export async function CheckTools({ step, answers, base, path, origin, evidence }: CheckToolsProps) {
  // Where a check can answer the step's question, the flow declares it with the state.
  const offer = step.check ?? (evidence.request && !step.final ? rerun : null);
  if (!offer && !evidence.digest) return null;
  const audience = audienceOf(step.id, answers);
  return (
    <div className="space-y-4">
      <EvidenceNote evidence={evidence} audience={audience} />
      {offer ? (
        <LiveCheck
          offer={offer}
          answers={answers}
          base={base}
          path={path}
          origin={origin}
          prefill={evidence.request}
          audience={audience}
          // Only whether one is set: the file's path stays on the server.
          extraCa={Boolean(process.env.PROBE_EXTRA_CA_FILE)}
          watchIntervalMs={watchIntervalFrom(process.env.CHECK_WATCH_INTERVAL_MS)}
          baseline={evidence.digest}
        />
      ) : null}
      {step.id === "visitorCheckScope" ? (
        <MultiPlaceCheck defaultUrl={evidence.request?.url} />
      ) : null}
    </div>
  );
}
