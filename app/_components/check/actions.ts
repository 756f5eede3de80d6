"use server";

import { headers } from "next/headers";
import type { CheckState } from "@/lib/evidence/check-state";
import { runFormCheck } from "./run-check";

/**
 * The check form's server action. With JavaScript the browser streams the check from
 * /api/probe/stream, applies the verdict with the machine itself and never calls it; without,
 * the form posts here and the step's page renders the result and the link to the step it
 * points to.
 */
export async function checkFormAction(_previous: CheckState, form: FormData): Promise<CheckState> {
  return runFormCheck(form, { headers: await headers() });
}
