/** First focusable element on every page: lets keyboard users jump past the header. */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only z-50 rounded-md bg-accent px-4 py-2 font-semibold text-bg no-underline focus:not-sr-only focus:fixed focus:top-3 focus:left-3 hover:text-bg"
    >
      Skip to main content
    </a>
  );
}
