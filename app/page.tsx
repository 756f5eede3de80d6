import Link from "next/link";
import { notFound } from "next/navigation";
import { analyzerPostFields, ANALYZE_PATH, PASTE_FIELD } from "@/app/_lib/home/analyzer-post";
import { SymptomSearch } from "@/app/_components/map/symptom-search";
import { loadContent } from "@/lib/content/load";
import { EVIDENCE_PARAMS } from "@/lib/evidence/digest";
import { MAX_INPUT_CHARS } from "@/lib/analyzer/input";
import { permalinkForState } from "@/machines/paths";

const doors = [
  {
    href: "/diagnose/visitor",
    label: "I'm visiting a site that shows 502",
    detail: "Rule out your own browser, network and DNS, and learn what to tell the site's owner.",
  },
  {
    href: "/diagnose/owner",
    label: "I run the site",
    detail:
      "Trace the error from the CDN or load balancer through the proxy to the app, with a command to check each step.",
  },
] as const;

// The owner's first question offers the live check (machines/flow/branches/owner.ts), and its
// check form fills in the URL a link carries as ?url= (lib/evidence/digest.ts), so a plain GET
// form lands on the check with the address already typed in; the person starts it with a click.
const CHECK_STATE = "ownerWhichError";

const boxClass = "space-y-2 rounded-xl border border-line bg-surface p-4";
const fieldClass =
  "block w-full rounded-md border border-line bg-bg px-3 py-2 font-mono text-sm text-fg";
const buttonClass =
  "rounded-md bg-accent px-4 py-2 font-medium text-bg hover:bg-accent-strong focus-visible:outline-offset-2";

export default async function HomePage() {
  // The question above the doors is the wizard's first step (content/start.mdx), so its
  // wording is edited in one place; its longer explanation belongs to the wizard itself.
  const start = await loadContent("start");
  if (!start) notFound();
  const checkPath = permalinkForState(CHECK_STATE);
  const notSurePath = permalinkForState("startNotSure");
  if (!checkPath || !notSurePath) notFound();
  const postFields = analyzerPostFields();

  return (
    <div className="space-y-8">
      <section aria-labelledby="home-title" className="space-y-3">
        <h1 id="home-title" className="text-3xl font-bold tracking-tight text-balance sm:text-4xl">
          Find out why a site shows <span className="whitespace-nowrap">502 Bad Gateway</span>
        </h1>
        <p className="text-lg text-muted">
          Gateway Doctor asks a few questions, checks what it can, and points you to the likely
          cause and its fix. It also covers 503, 504 and Cloudflare&apos;s 52x errors.
        </p>
      </section>

      <section aria-labelledby="start-question" className="space-y-4">
        <h2 id="start-question" className="text-xl font-semibold">
          {start.metadata.title}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2" aria-label="Choose where to start">
          {doors.map((door) => (
            <li
              key={door.href}
              className="relative rounded-xl border border-line bg-surface p-5 focus-within:border-accent hover:border-accent"
            >
              <Link
                href={door.href}
                className="text-lg font-semibold no-underline after:absolute after:inset-0 after:rounded-xl hover:underline"
              >
                {door.label}
              </Link>
              <p className="mt-2 text-sm text-muted">{door.detail}</p>
            </li>
          ))}
        </ul>
        <p className="text-sm text-muted">
          Not sure which fits?{" "}
          <Link href={notSurePath} className="font-medium underline">
            Let the wizard help you decide
          </Link>
          .
        </p>
      </section>

      <section aria-labelledby="ways-in" className="space-y-4">
        <h2 id="ways-in" className="text-xl font-semibold">
          Or start from what you have
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <form action={checkPath} method="get" className={boxClass}>
            <h3 className="text-lg font-semibold">
              <label htmlFor="home-url">Paste the URL that fails</label>
            </h3>
            <p id="home-url-hint" className="text-sm text-muted">
              Our server requests it and reads which error, from whom, and why.
            </p>
            <input
              id="home-url"
              name={EVIDENCE_PARAMS.url}
              type="text"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              autoCapitalize="off"
              required
              aria-describedby="home-url-hint"
              placeholder="https://www.example.com/checkout"
              className={fieldClass}
            />
            <button type="submit" className={buttonClass}>
              Go to the check
            </button>
          </form>
          {postFields ? (
            <form
              action={ANALYZE_PATH}
              method="post"
              encType="multipart/form-data"
              className={boxClass}
            >
              {postFields.map((field) => (
                <input key={field.name} type="hidden" name={field.name} value={field.value} />
              ))}
              <h3 className="text-lg font-semibold">
                <label htmlFor="home-paste">Paste the error or log lines</label>
              </h3>
              <p id="home-paste-hint" className="text-sm text-muted">
                An error page, headers, or lines from your server&apos;s log.
              </p>
              <textarea
                id="home-paste"
                name={PASTE_FIELD}
                rows={2}
                required
                maxLength={MAX_INPUT_CHARS}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                aria-describedby="home-paste-hint"
                placeholder="connect() failed (111: Connection refused) while connecting to upstream"
                className={fieldClass}
              />
              <button type="submit" className={buttonClass}>
                Analyse
              </button>
            </form>
          ) : (
            <div className={boxClass}>
              <h3 className="text-lg font-semibold">
                <Link href={ANALYZE_PATH} className="underline">
                  Paste the error or log lines
                </Link>
              </h3>
              <p className="text-sm text-muted">
                An error page, response headers, or lines from your server&apos;s log.
              </p>
            </div>
          )}
        </div>
      </section>

      <SymptomSearch query="" headingLevel={2} />
    </div>
  );
}
