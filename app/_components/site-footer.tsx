export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-line">
      <div className="mx-auto max-w-3xl px-4 py-6 text-sm text-muted">
        <p>
          Gateway Doctor helps find the cause of 502 Bad Gateway, 503, 504 and Cloudflare 52x
          errors. It gives general guidance: check each step against your own setup before changing
          a live server.
        </p>
      </div>
    </footer>
  );
}
