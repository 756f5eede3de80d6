import type { ReactNode } from "react";
import Link from "next/link";
import { AnswerList } from "./answer-list";
import { OwnerMessage } from "./owner-message";
import { ProgressLine } from "./progress-line";
import { RequestPath } from "./request-path";
import { SharePanel } from "./share-panel";
import { STEP_HEADING_ID, StepFocus } from "./step-focus";
import { Trail } from "./trail";
import type { WizardModel } from "./wizard-model";

/** Props of the wizard view, shared by the full site (/diagnose) and the embed (/embed). */
export interface WizardViewProps {
  /** Everything to show, from loadWizardModel for the same `base`. */
  model: WizardModel;
  /** The answers of the permalink, in order; answer links append to them. */
  answers: readonly string[];
  /** Where the wizard is mounted ("/diagnose" or "/embed"); every link is built under it. */
  base: string;
  /**
   * Per-step tools shown right after the answers: "Check it for me" and the analyzer's paste
   * box. Render nothing to leave the slot empty.
   */
  tools?: ReactNode;
}

/** Id of the step's explanation, which the answers point to for "how do I tell?". */
export const STEP_HELP_ID = "step-help";

/**
 * One step of the diagnosis, rendered on the server. Someone in the middle of an outage comes
 * to answer a question, so a question step shows the question and its answers first and the
 * explanation after them (GOV.UK Smart Answers puts the question and its options first the
 * same way). A fix step shows the fix first and keeps "Did it work?" in a bar stuck to the
 * bottom of the screen until the reader reaches it. The only client code is the focus handling
 * and the copy buttons.
 */
export function WizardView({ model, answers, base, tools }: WizardViewProps) {
  const { step, text, trail, progress, progressText } = model;
  const { Content } = text;
  const fixFirst = step.kind === "fix";
  const answerList = step.final ? null : (
    <AnswerList
      step={step}
      answers={answers}
      base={base}
      query={model.query}
      sticky={fixFirst}
      helpId={!fixFirst && Content ? STEP_HELP_ID : null}
    />
  );
  const toolSlot = <div className="wizard-tools space-y-4 empty:hidden print:hidden">{tools}</div>;
  return (
    <div className="wizard space-y-6 sm:space-y-8" data-step={step.id} data-content-id={step.id}>
      <header className="space-y-2 sm:space-y-3">
        <ProgressLine progress={progress} text={progressText} />
        <h1
          id={STEP_HEADING_ID}
          tabIndex={-1}
          className="text-2xl font-bold tracking-tight text-balance sm:text-4xl"
        >
          {text.title}
        </h1>
        {text.summary ? <p className="text-muted sm:text-lg">{text.summary}</p> : null}
        <p className="hidden text-sm print:block">Permalink: {model.url}</p>
      </header>

      {/* A question is answered first; its tools answer it in one click, so they follow. */}
      {fixFirst ? null : (
        <>
          {answerList}
          {toolSlot}
        </>
      )}

      {model.ownerMessage ? <OwnerMessage message={model.ownerMessage} /> : null}

      {fixFirst ? null : <Trail items={trail} />}

      <RequestPath hop={step.hop} outcome={step.final} />

      {Content ? (
        <article id={STEP_HELP_ID} className="prose-content" aria-labelledby={STEP_HEADING_ID}>
          <Content />
        </article>
      ) : (
        <p className="rounded-lg border-l-4 border-warn bg-warn-soft px-4 py-3">
          The guidance for this step has not been written yet. Its answers still work, and the
          summary still records how you got here.
        </p>
      )}

      {fixFirst ? (
        <>
          {toolSlot}
          {answerList}
          <Trail items={trail} />
        </>
      ) : null}

      {step.final ? (
        <section aria-labelledby="end-title" className="space-y-2">
          <h2 id="end-title" className="text-xl font-semibold">
            End of this diagnosis
          </h2>
          <p>
            Copy the summary below to keep a record or hand it on, or{" "}
            <Link href={base} className="font-medium underline">
              start a new diagnosis
            </Link>
            .
          </p>
        </section>
      ) : null}

      <SharePanel base={base} url={model.url} summary={model.summary} />
      <StepFocus path={model.path} announcement={progressText} />
    </div>
  );
}
