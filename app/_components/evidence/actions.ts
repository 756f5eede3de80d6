"use server";

import { headers } from "next/headers";
import type { CheckState, NextLink } from "@/lib/evidence/check-state";
import { nextLinkFor, runFormCheck } from "./run-check";

/**
 * The check form's server action. With JavaScript the browser streams the check from
 * /api/probe/stream and never calls it; without, the form posts here and the step's page
 * renders the result and the link to the step it points to.
 */
export async function checkFormAction(_previous: CheckState, form: FormData): Promise<CheckState> {
  return runFormCheck(form, { headers: await headers() });
}

/** Where a check the browser ran leads from the current step; null when it confirms it. */
export async function nextStepAction(
  query: string,
  answers: string,
  base: string,
): Promise<NextLink | null> {
  if (typeof query !== "string" || typeof answers !== "string" || typeof base !== "string")
    return null;
  return nextLinkFor(query, answers, base);
}
