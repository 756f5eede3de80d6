/**
 * The HAR file field of the analyzer on /analyze. A server component: its words and markup
 * reach the browser as HTML, not as JavaScript in every page that has the analyzer box; the
 * box reads a chosen file through its form's change event (analyzer-box.tsx).
 */
export function HarPicker({ uploadMb }: { uploadMb: number }) {
  return (
    <div className="space-y-1">
      <label htmlFor="analyzer-har" className="block font-medium">
        Or choose a HAR file
      </label>
      <p id="analyzer-har-hint" className="text-sm text-muted">
        Saved from the browser&apos;s developer tools (Network tab, “Save all as HAR”), or dropped
        onto this box. Cookies, credentials and tokens are removed before anything is read. With
        JavaScript the file never leaves your browser; without, it is sent to the server, read there
        and not kept (up to {uploadMb} MB).
      </p>
      <input
        id="analyzer-har"
        type="file"
        name="har"
        accept=".har,application/json"
        aria-describedby="analyzer-har-hint"
        className="block text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-surface file:px-3 file:py-1.5 file:text-fg"
      />
    </div>
  );
}
