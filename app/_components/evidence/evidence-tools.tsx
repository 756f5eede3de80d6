import type { EvidenceQuery } from "@/lib/evidence/digest";
import { evidenceReason, expiryWords, formatCheckTime, phaseLabel } from "@/lib/evidence/words";
import { listSteps, type Step } from "@/machines/steps";
import { loadStepText } from "../wizard/step-text";
import { LiveCheck, type CheckVariant } from "./live-check";

const visitorCheck: CheckVariant = {
  title: "Check it for me",
  intro:
    "Our server requests the site over the internet, as everyone else reaches it. If it fails from here too, the site is down for everyone; if it works here, the trouble is on your side.",
  button: "Check from our server",
  samples: 1,
  chooseSamples: false,
  originIp: "none",
};

const whoAnswered: CheckVariant = {
  title: "Check who answers",
  intro:
    "Our server requests the page and reads the headers that name who produced it (server, cf-ray, x-cache, via…), with the status and timings.",
  button: "Check it for me",
  samples: 1,
  chooseSamples: true,
  originIp: "none",
};

const timeouts: CheckVariant = {
  title: "Measure it for me",
  intro:
    "Our server times every phase of the request (DNS, connect, TLS, waiting for the answer) and reads which layer gave up.",
  button: "Measure it",
  samples: 1,
  chooseSamples: true,
  originIp: "none",
};

/**
 * The states where evidence can answer the question, and how the check presents itself there
 * (issue: "Check it for me" wherever evidence can answer).
 */
const VARIANTS: Readonly<Record<string, CheckVariant>> = {
  visitorScope: visitorCheck,
  visitorCheckScope: visitorCheck,
  ownerWhichError: {
    title: "Paste the URL that fails",
    intro:
      "Our server requests it and reads the answer: which error, who produced it, DNS, TLS and timings. It sends three requests a little apart, so errors that come and go show too.",
    button: "Check it for me",
    samples: 3,
    chooseSamples: true,
    originIp: "none",
  },
  whoRendered: whoAnswered,
  howToTellWhoRendered: whoAnswered,
  originDirect: {
    title: "Test the origin for me",
    intro:
      "Our server sends the request straight to your origin's IP address with your site's name, skipping the CDN, three times.",
    button: "Test the origin",
    samples: 3,
    chooseSamples: true,
    originIp: "required",
  },
  dnsRecords: {
    title: "Look up the records for me",
    intro:
      "Our server asks DNS for the name's addresses (with their TTLs) and then tries to connect to them.",
    button: "Look it up",
    samples: 1,
    chooseSamples: false,
    originIp: "none",
  },
  tlsUpstream: {
    title: "Check the certificate for me",
    intro:
      "Our server makes a TLS handshake and reads the certificate: names, issuer, expiry and whether the chain is complete. Give the origin's IP to check the origin's own certificate behind a CDN.",
    button: "Check the certificate",
    samples: 1,
    chooseSamples: false,
    originIp: "optional",
  },
  timeoutWhichLayer: timeouts,
  timeoutMeasure: timeouts,
  intermittentPattern: {
    title: "Sample it for me",
    intro: "Our server sends five requests a little apart and shows how many fail, and how.",
    button: "Take samples",
    samples: 5,
    chooseSamples: true,
    originIp: "none",
  },
};

/** On other steps reached with a check in the link: offer it again, e.g. to see whether a fix worked. */
const rerun: CheckVariant = {
  title: "Run the check again",
  intro: "Repeat the check this link carries, for example to see whether a fix worked.",
  button: "Run the check again",
  samples: 1,
  chooseSamples: true,
  originIp: "optional",
};

/** The check variant for a step, or null where evidence cannot answer its question. */
export function checkVariantFor(stepId: string): CheckVariant | null {
  return VARIANTS[stepId] ?? null;
}

/** Props of `<EvidenceTools>`. */
export interface EvidenceToolsProps {
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
function EvidenceNote({ evidence }: { evidence: EvidenceQuery }) {
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
      <p className="font-medium">{evidenceReason(digest)}</p>
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
 * The evidence tools of a step: what a check that led here found, and "Check it for me" on
 * the steps where evidence can answer (or "run it again" when the link carries a check).
 */
export async function EvidenceTools({
  step,
  answers,
  base,
  path,
  origin,
  evidence,
}: EvidenceToolsProps) {
  const variant = checkVariantFor(step.id) ?? (evidence.request && !step.final ? rerun : null);
  if (!variant && !evidence.digest) return null;
  // The browser applies a verdict itself and may land on any state, so it gets every title
  // (about 3 kB, only on steps that offer a check).
  const stepTitles = variant
    ? Object.fromEntries(
        await Promise.all(
          listSteps().map(async (each) => [each.id, (await loadStepText(each)).title] as const),
        ),
      )
    : {};
  return (
    <div className="space-y-4">
      <EvidenceNote evidence={evidence} />
      {variant ? (
        <LiveCheck
          variant={variant}
          answers={answers}
          base={base}
          path={path}
          origin={origin}
          prefill={evidence.request}
          stepTitles={stepTitles}
        />
      ) : null}
    </div>
  );
}
