import Link from "next/link";
import { notFound } from "next/navigation";
import { loadContent } from "@/lib/content/load";

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

export default async function HomePage() {
  // The question above the doors is the wizard's first step (content/start.mdx), so its
  // wording is edited in one place; its longer explanation belongs to the wizard itself.
  const start = await loadContent("start");
  if (!start) notFound();

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
          <Link href="/diagnose" className="font-medium underline">
            Let the wizard help you decide
          </Link>
          .
        </p>
      </section>
    </div>
  );
}
