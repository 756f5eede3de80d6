"use server";

import { headers } from "next/headers";
import { currentRequestSignal } from "@/lib/http-methods";
import type { CheckState } from "@/lib/check/state";
import { runFormCheck } from "./run-check";

/**
 * The check form's server action. With JavaScript the browser streams the check from
 * /api/probe/stream, applies the verdict with the machine itself and never calls it; without,
 * the form posts here and the step's page renders the result and the link to the step it
 * points to.
 */
export async function checkFormAction(_previous: CheckState, form: FormData): Promise<CheckState> {
  // Anyone can call a server action with arguments of their choosing (a POST with its id);
  // only a form's FormData is read, anything else is answered, not thrown on.
  if (!(form instanceof FormData))
    return {
      status: "error",
      input: { url: "", originIp: "", samples: 1 },
      failure: {
        kind: "invalid",
        message: "This form could not be read; reload the page and try again.",
      },
    };
  // Stop probing when the browser leaves (closes the tab, presses Stop): nobody reads the answer.
  return runFormCheck(form, { headers: await headers() }, currentRequestSignal());
}
