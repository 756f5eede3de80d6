import { answerPathsFrom, permalinkFor, shortestAnswersTo } from "@/machines/paths";
import { getStep, START_STATE_ID, type AnswerOption } from "@/machines/steps";

/** A link into the wizard, and the answers it stands for. */
export interface WizardLink {
  /** URL path of the wizard step, e.g. "/diagnose/owner/502/server-page/connection-refused". */
  href: string;
  /** The labels of the answers the link gives on the person's behalf, in order. */
  answers: string[];
}

/** The question where an owner says which error they see; evidence always starts there. */
const WHICH_ERROR = "ownerWhichError";

const pathsFrom = new Map<string, ReadonlyMap<string, readonly string[]>>();
function cachedPathsFrom(stateId: string): ReadonlyMap<string, readonly string[]> {
  let paths = pathsFrom.get(stateId);
  if (!paths) {
    paths = answerPathsFrom(stateId);
    pathsFrom.set(stateId, paths);
  }
  return paths;
}

/** Status codes with a branch of their own, most common first. */
const GATEWAY_CODES = [502, 504, 503, 500];

function linkOf(answers: readonly string[]): WizardLink {
  return { href: permalinkFor(answers), answers: labelsAlong(answers) };
}

/** Labels of the answers along a path of answer slugs, walked from the start state. */
function labelsAlong(answers: readonly string[]): string[] {
  const labels: string[] = [];
  let stateId: string | undefined = START_STATE_ID;
  for (const answer of answers) {
    const option: AnswerOption | undefined = stateId
      ? getStep(stateId)?.answers.find((o) => o.answer === answer)
      : undefined;
    labels.push(option?.label ?? answer);
    stateId = option?.target;
  }
  return labels;
}

/**
 * The wizard link for a finding. Evidence tells us the status code the visitor saw, so
 * the path goes through that answer ("502", then on to the cause) when the machine
 * offers it; the plain shortest path can cross an unrelated branch (reaching a TLS fix
 * by way of Cloudflare's 526, say), which reads as nonsense to someone who saw a 502.
 */
export function wizardLinkFor(stateId: string, status: number | null): WizardLink | null {
  const toWhichError = shortestAnswersTo(WHICH_ERROR);
  const whichError = getStep(WHICH_ERROR);
  if (toWhichError && whichError) {
    // A CDN's 503 page can still call for a step that sits under the 502 branch; the
    // gateway codes are tried in order of how often they carry such evidence.
    const codes =
      status === null ? [] : [status, ...GATEWAY_CODES.filter((code) => code !== status)];
    for (const code of codes) {
      const option = whichError.answers.find((o) => o.answer === String(code));
      const rest = option ? cachedPathsFrom(option.target).get(stateId) : undefined;
      if (option && rest) return linkOf([...toWhichError, option.answer, ...rest]);
    }
    const direct = cachedPathsFrom(WHICH_ERROR).get(stateId);
    if (direct) return linkOf([...toWhichError, ...direct]);
  }
  const answers = shortestAnswersTo(stateId);
  return answers ? linkOf(answers) : null;
}
