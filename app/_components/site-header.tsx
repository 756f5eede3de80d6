import Link from "next/link";

/** The site's sections besides the wizard, in the order a person in trouble needs them. */
const sections = [
  { href: "/analyze", label: "Analyze" },
  { href: "/diagnose/map", label: "Map" },
  { href: "/docs/embed", label: "Embed" },
] as const;

export function SiteHeader() {
  return (
    <header className="border-b border-line">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link
          href="/"
          className="flex items-center gap-2 font-semibold text-fg no-underline hover:text-fg"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 text-accent" fill="none">
            <path
              d="M3 12h4l2-6 4 12 2-6h6"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          {/* On a phone the mark stands alone so the links fit on the same line, leaving the
              first screen to the question; the name is still the link's accessible name. */}
          <span className="max-sm:sr-only">Gateway Doctor</span>
        </Link>
        <nav aria-label="Site">
          <ul className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm font-medium sm:gap-x-4">
            {sections.map((section) => (
              <li key={section.href}>
                <Link href={section.href} className="inline-block py-1 underline">
                  {section.label}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/diagnose" className="inline-block py-1 underline">
                Start over
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
