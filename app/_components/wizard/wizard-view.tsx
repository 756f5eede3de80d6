import type { ReactNode } from "react";
import Link from "next/link";
import { AnswerList } from "./answer-list";
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
   * Per-step tools shown above the step's text: "Check it for me" and the analyzer's paste box.
   * Render nothing to leave the slot empty.
   */
  tools?: ReactNode;
}

/**
 * One step of the diagnosis, rendered on the server: trail, progress, the step's content, the
 * request-path picture, its answers as links, and the share panel. The only client code is the
 * focus handling and the copy buttons.
 */
export function WizardView({ model, answers, base, tools }: WizardViewProps) {
  const { step, text, trail, progress, progressText } = model;
  const { Content } = text;
  return (
    <div className="wizard space-y-8" data-step={step.id} data-content-id={step.id}>
      <Trail items={trail} />

      <header className="space-y-3">
        <ProgressLine progress={progress} text={progressText} />
        <h1
          id={STEP_HEADING_ID}
          tabIndex={-1}
          className="text-3xl font-bold tracking-tight text-balance sm:text-4xl"
        >
          {text.title}
        </h1>
        {text.summary ? <p className="text-lg text-muted">{text.summary}</p> : null}
        {step.final ? null : (
          <p className="text-sm print:hidden">
            <a href="#answers" className="underline">
              Skip to the answers
            </a>
          </p>
        )}
        <p className="hidden text-sm print:block">Permalink: {model.url}</p>
      </header>

      <RequestPath hop={step.hop} outcome={step.final} />

      {/* Tools come before the step's text: "Check it for me" and the paste box answer the
          question in one click, while the text below explains how to find out by hand. */}
      <div className="wizard-tools space-y-4 empty:hidden print:hidden">{tools}</div>

      {Content ? (
        <article className="prose-content" aria-labelledby={STEP_HEADING_ID}>
          <Content />
        </article>
      ) : (
        <p className="rounded-lg border-l-4 border-warn bg-warn-soft px-4 py-3">
          The guidance for this step has not been written yet. Its answers below still work, and the
          summary still records how you got here.
        </p>
      )}

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
      ) : (
        <AnswerList step={step} answers={answers} base={base} query={model.query} />
      )}

      <SharePanel base={base} url={model.url} summary={model.summary} />
      <StepFocus path={model.path} announcement={progressText} />
    </div>
  );
}
