import type { ReactNode } from "react";
import { CopyButton } from "@/app/_components/copy-button";
import type { ProbeReport } from "@/lib/probe/probe";
import { reproduceKit } from "@/lib/reproduce/kit";

// No hooks: rendered in the browser after a streamed check and on the server after a form post.

/** Props of `<ReproduceKit>`. */
export interface ReproduceKitProps {
  report: ProbeReport;
  /**
   * Whether this Gateway Doctor trusts a certificate authority of its own besides the public
   * ones (PROBE_EXTRA_CA_FILE): then a certificate it accepted may need `--cacert` elsewhere.
   */
  extraCa: boolean;
}

/** One command or file of the kit: its title with a Copy button, then the text as it is copied. */
function CommandBox({
  title,
  name,
  text,
  testId,
  children,
}: {
  title: string;
  /** What the Copy button and the box are called for screen readers. */
  name: string;
  text: string;
  testId: string;
  /** A note under the box. */
  children?: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <p className="flex items-center gap-2">
        <span className="font-medium">{title}</span>
        <CopyButton text={text} label={name} />
      </p>
      <pre
        className="overflow-x-auto rounded border border-line bg-code p-2 font-mono text-xs"
        // Long lines scroll inside the box; focusable, so a keyboard can scroll it too.
        tabIndex={0}
        aria-label={name}
        data-testid={testId}
      >
        {text}
      </pre>
      {children}
    </div>
  );
}

/** The curl command and Hurl file that repeat the check from the owner's own network. */
export function ReproduceKit({ report, extraCa }: ReproduceKitProps) {
  if (report.samples.length === 0) return null;
  const kit = reproduceKit(report);
  const pinned = kit.target.address !== null && kit.curl.includes(kit.target.address);
  return (
    <details className="text-sm" data-testid="reproduce-kit">
      <summary className="cursor-pointer font-medium">
        Repeat this check yourself: curl and Hurl
      </summary>
      <div className="mt-2 space-y-3">
        <p>
          The same request our server sent (method, headers, the name for TLS)
          {pinned ? `, to the same address (${kit.target.address})` : ""}, so you can compare from
          your own network. curl prints the response headers, then the timings; paste the output
          into the analyzer to read it.
        </p>
        <CommandBox title="curl" name="curl command" text={kit.curl} testId="reproduce-curl" />
        {kit.curlHttp2 ? (
          <CommandBox
            title="curl over HTTP/2, as browsers connect"
            name="curl command over HTTP/2"
            text={kit.curlHttp2}
            testId="reproduce-curl-http2"
          />
        ) : null}
        <CommandBox
          title="Hurl file, for CI"
          name="Hurl file"
          text={kit.hurl}
          testId="reproduce-hurl"
        >
          <p className="text-xs text-muted">
            Save it as <code className="font-mono">check.hurl</code> and run{" "}
            <code className="font-mono">hurl --test check.hurl</code>: it passes once the page
            answers as a healthy page should.
          </p>
        </CommandBox>
        {extraCa && report.target.scheme === "https" ? (
          <p className="text-xs text-muted" data-testid="reproduce-ca-note">
            This Gateway Doctor also trusts a private certificate authority. If the site&apos;s
            certificate comes from it, add{" "}
            <code className="font-mono">--cacert &lt;that authority&apos;s file&gt;</code> to curl (
            <code className="font-mono">cacert:</code> under [Options] in the Hurl file).
          </p>
        ) : null}
      </div>
    </details>
  );
}
