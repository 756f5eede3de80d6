import { listSteps } from "@/machines/steps";
import { loadStepText } from "@/app/_components/wizard/step-text";

// Every state's title by id, for the live check's "Go to: <title>" link once the browser has
// applied a verdict (app/_components/check/live-check.tsx). Fetched only when a check runs,
// instead of riding along in every check step's HTML (issue 15); prerendered at build time,
// since titles change only with the content, which changes only with a deploy.
export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  const titles = Object.fromEntries(
    await Promise.all(
      listSteps().map(async (step) => [step.id, (await loadStepText(step)).title] as const),
    ),
  );
  return Response.json(titles);
}
