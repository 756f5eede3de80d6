import type { ReactNode } from "react";
import type { ProbeSample } from "@/lib/probe/connection";
import type { DnsResult } from "@/lib/probe/dns";
import type { ProbeReport } from "@/lib/probe/probe";
import type { TlsReport } from "@/lib/probe/tls-inspect";
import { explanationFor, type Audience } from "@/lib/check/audience";
import { verdictSampleIndex } from "@/lib/evidence/digest";
import { errorMeaning, formatCheckTime, phaseLabel } from "@/lib/evidence/words";

// Everything here renders data from the checked server (headers, certificate names, error
// messages) as React text only, never as HTML. No hooks: the same view renders in the browser
// after a streamed check and on the server after a form post without JavaScript.

function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h4 className="font-semibold">{title}</h4>
      {children}
    </section>
  );
}

/** One bar of the waterfall: the phase's share of the slowest sample. */
interface Bar {
  label: string;
  ms: number | null;
  failed: boolean;
}

function barsOf(sample: ProbeSample): Bar[] {
  const p = sample.phases;
  const failed = sample.failedPhase;
  const bars: Bar[] = [];
  if (p.dns !== null) bars.push({ label: "DNS", ms: p.dns, failed: failed === "dns" });
  bars.push({ label: "Connect", ms: p.connect, failed: failed === "connect" });
  if (p.tls !== null || failed === "tls")
    bars.push({ label: "TLS", ms: p.tls, failed: failed === "tls" });
  if (p.connect !== null && failed !== "tls")
    bars.push({ label: "Request", ms: p.firstByte, failed: failed === "firstByte" });
  if (p.firstByte !== null) {
    const before = (p.dns ?? 0) + (p.connect ?? 0) + (p.tls ?? 0) + p.firstByte;
    bars.push({
      label: "Response",
      ms: Math.max(0, p.total - before),
      failed: failed === "headers" || failed === "body",
    });
  }
  // A failed phase has no recorded duration; it lasted until the sample ended.
  const known = bars.reduce((sum, bar) => sum + (bar.ms ?? 0), 0);
  return bars.map((bar) =>
    bar.failed && bar.ms === null ? { ...bar, ms: Math.max(0, p.total - known) } : bar,
  );
}

function Waterfall({
  sample,
  index,
  scale,
}: {
  sample: ProbeSample;
  index: number;
  scale: number;
}) {
  const bars = barsOf(sample);
  // Each bar starts where the phases before it ended.
  const starts = bars.map((_, i) => bars.slice(0, i).reduce((sum, bar) => sum + (bar.ms ?? 0), 0));
  const status = sample.response
    ? `${sample.response.status} ${sample.response.statusText}`.trim()
    : null;
  const meaning = errorMeaning(sample.error?.code);
  return (
    <li className="space-y-1" data-testid="check-sample">
      <p className="text-sm">
        <span className="font-medium">Sample {index + 1}</span>{" "}
        <span className="text-muted">
          to {sample.address} · {ms(sample.phases.total)}
          {status ? ` · ${status}` : ""}
        </span>
      </p>
      <ol className="space-y-0.5 text-xs" aria-label={`Timings of sample ${index + 1}`}>
        {bars.map((bar, i) => {
          const left = scale > 0 ? ((starts[i] ?? 0) / scale) * 100 : 0;
          const width = scale > 0 ? ((bar.ms ?? 0) / scale) * 100 : 0;
          return (
            <li
              key={bar.label}
              className="grid grid-cols-[5.5rem_1fr_4.5rem] items-center gap-2"
              data-phase={bar.label}
              data-failed={bar.failed ? "true" : undefined}
            >
              <span className={bar.failed ? "font-semibold text-warn" : ""}>
                {bar.failed ? "✕ " : ""}
                {bar.label}
              </span>
              <span aria-hidden="true" className="relative block h-2.5 rounded bg-surface-strong">
                <span
                  className={`absolute inset-y-0 block rounded ${bar.failed ? "bg-warn" : "bg-accent"}`}
                  style={{ left: `${left}%`, width: `max(2px, ${width}%)` }}
                />
              </span>
              <span className="text-right tabular-nums">
                {bar.ms === null ? "—" : ms(bar.ms)}
                {bar.failed ? <span className="sr-only"> (failed here)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      {sample.error ? (
        <p className="rounded border-l-4 border-warn bg-warn-soft px-3 py-2 text-sm">
          <span className="font-medium">
            Failed in {phaseLabel(sample.failedPhase ?? "connect")}:{" "}
            <code className="font-mono">{sample.error.code}</code>
          </span>
          {meaning ? ` — ${meaning}` : null}
          <span className="mt-1 block text-xs text-muted">{sample.error.message}</span>
        </p>
      ) : null}
    </li>
  );
}

function WhoAnswered({ sample, report }: { sample: ProbeSample | undefined; report: ProbeReport }) {
  const headers = Object.entries(sample?.response?.headers ?? {});
  if (!sample?.response) return null;
  return (
    <Section title="Who answered">
      <p className="text-sm">
        {report.verdict.vendor ? (
          <>
            The answer came from <strong>{report.verdict.vendor}</strong>
            {report.verdict.reference ? (
              <>
                {" "}
                (reference id <code className="font-mono">{report.verdict.reference}</code>)
              </>
            ) : null}
            .
          </>
        ) : (
          "No CDN, load balancer or proxy product could be recognised from the headers."
        )}
      </p>
      {headers.length > 0 ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 rounded border border-line bg-code p-2 font-mono text-xs">
          {headers.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-muted">{name}:</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </Section>
  );
}

function TlsCard({ tls }: { tls: TlsReport }) {
  const cert = tls.certificate;
  const sent = tls.chain.filter((c) => !c.trustAnchor).length;
  const complete = tls.chainValid;
  return (
    <Section title="TLS certificate">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="tls-card">
        {cert ? (
          <>
            <dt className="text-muted">Subject</dt>
            <dd className="break-all">{cert.subject || "—"}</dd>
            <dt className="text-muted">Names</dt>
            <dd className="break-all">{cert.subjectAltNames.join(", ") || "—"}</dd>
            <dt className="text-muted">Issuer</dt>
            <dd className="break-all">{cert.issuer || "—"}</dd>
            <dt className="text-muted">Expires</dt>
            <dd className={cert.daysLeft < 0 ? "font-semibold text-warn" : ""}>
              {cert.validTo.slice(0, 10)}{" "}
              {cert.daysLeft < 0
                ? `(expired ${-cert.daysLeft} day${cert.daysLeft === -1 ? "" : "s"} ago)`
                : `(${cert.daysLeft} day${cert.daysLeft === 1 ? "" : "s"} left)`}
            </dd>
          </>
        ) : (
          <>
            <dt className="text-muted">Certificate</dt>
            <dd>The server sent none.</dd>
          </>
        )}
        <dt className="text-muted">Chain</dt>
        <dd className={complete ? "" : "font-semibold text-warn"}>
          {complete
            ? `Complete: the server sent ${sent} certificate${sent === 1 ? "" : "s"}, linking to a trusted root.`
            : `Not trusted${tls.verifyError ? ` (${tls.verifyError})` : ""}: the server sent ${sent} certificate${sent === 1 ? "" : "s"}${sent === 1 ? " and no intermediate" : ""}.`}
        </dd>
        <dt className="text-muted">Name match</dt>
        <dd className={tls.hostnameValid ? "" : "font-semibold text-warn"}>
          {tls.hostnameValid ? "Yes" : `No: ${tls.hostnameError ?? "the name is not covered"}`}
        </dd>
        <dt className="text-muted">Protocol</dt>
        <dd>{[tls.protocol, tls.cipher].filter(Boolean).join(", ") || "—"}</dd>
      </dl>
    </Section>
  );
}

function DnsAnswers({ dns }: { dns: DnsResult }) {
  return (
    <Section title="DNS answers">
      <p className="text-sm">
        <code className="font-mono">{dns.name}</code> in {ms(dns.durationMs)}, asked{" "}
        {dns.servers.length > 0 ? dns.servers.join(", ") : "the server's resolvers"}.
        {dns.cnameChain.length > 0 ? ` Aliases: ${[dns.name, ...dns.cnameChain].join(" → ")}.` : ""}
      </p>
      {dns.error ? (
        <p className="rounded border-l-4 border-warn bg-warn-soft px-3 py-2 text-sm">
          {dns.error.message}
        </p>
      ) : (
        <ul className="font-mono text-xs" data-testid="dns-answers">
          {dns.addresses.map((a) => (
            <li key={`${a.family}-${a.address}`}>
              {a.family === 4 ? "A" : "AAAA"} {a.address}{" "}
              <span className="text-muted">TTL {a.ttl} s</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** What the one HTTP/2 sample found, beside the HTTP/1.1 samples. */
function Http2Line({ report }: { report: ProbeReport }) {
  const h2 = report.http2;
  if (!h2) return null;
  const http1 = report.verdict.status;
  const differs = h2.offered && (h2.status === null || (http1 !== null && h2.status !== http1));
  return (
    <Section title="HTTP/2">
      <p
        className={`text-sm ${differs ? "rounded border-l-4 border-warn bg-warn-soft px-3 py-2" : ""}`}
        data-testid="http2-sample"
        data-offered={h2.offered ? "true" : "false"}
        data-status={h2.status ?? undefined}
      >
        {!h2.offered
          ? `The server does not offer HTTP/2 (it chose ${h2.alpn ?? "no protocol"} in the TLS handshake), so browsers use HTTP/1.1 as the check did.`
          : h2.status !== null
            ? `The server offers HTTP/2; one request over it answered ${h2.status}${h2.headers.server ? ` (server: ${h2.headers.server})` : ""} in ${ms(h2.totalMs)}${http1 !== null && h2.status !== http1 ? `, where HTTP/1.1 answered ${http1}: browsers use HTTP/2, so they see the HTTP/2 answer` : ", the same as over HTTP/1.1"}.`
            : `The server offers HTTP/2, but the request over it failed (${h2.error?.code ?? "no answer"}: ${h2.error?.message ?? ""})${http1 !== null ? `, where HTTP/1.1 answered ${http1}` : ""}.`}
      </p>
    </Section>
  );
}

/** How sure a cause is, in words: "high" only where one observation alone determines it. */
const CONFIDENCE_WORDS = {
  high: "high, the answer itself names the cause",
  medium: "medium, the cause is the likeliest reading of what came back",
  low: "low, a guess from little evidence",
} as const;

/** Everything a check found: verdict, failure rate, waterfalls, who answered, TLS, DNS. */
export function CheckReport({
  report,
  audience = "owner",
}: {
  report: ProbeReport;
  /** Who reads it: a visitor gets what the verdict means for them instead of the owner's to-do. */
  audience?: Audience;
}) {
  const { verdict } = report;
  const samples = report.samples;
  const scale = Math.max(0, ...samples.map((s) => s.phases.total));
  const witness = samples[verdictSampleIndex(report)];
  const tls = samples.find((s) => s.tls)?.tls ?? null;
  const percent = Math.round(verdict.failureRate * 100);
  return (
    <div className="space-y-5" data-testid="check-report" data-verdict={verdict.code}>
      <div className="space-y-1">
        <h3 className="text-lg font-semibold">{verdict.title}</h3>
        <p className="text-sm text-muted">
          {report.target.requestedUrl}
          {report.target.originIp ? ` sent to ${report.target.originIp}` : ""} · checked{" "}
          {formatCheckTime(report.startedAt)} from Gateway Doctor&apos;s server
        </p>
        {report.target.schemeNote ? (
          <p className="text-sm" data-testid="scheme-note">
            {report.target.schemeNote}
          </p>
        ) : null}
        <p data-testid="verdict-explanation">{explanationFor(verdict, audience)}</p>
        {verdict.cause && verdict.confidence ? (
          <p className="text-sm" data-testid="verdict-confidence">
            <strong>How sure: {CONFIDENCE_WORDS[verdict.confidence]}.</strong> What it rests on is
            listed under &ldquo;The evidence, line by line&rdquo; below.
          </p>
        ) : null}
      </div>

      {verdict.sampleCount > 1 ? (
        <p className="text-sm" data-testid="failure-rate">
          <strong>
            {verdict.failureCount} of {verdict.sampleCount} samples failed
          </strong>{" "}
          ({percent}%).
          {verdict.intermittent
            ? " Some requests fail and others work: an intermittent fault."
            : ""}
        </p>
      ) : null}

      {report.redirects.length > 0 ? (
        <Section title="Redirects followed">
          <ol className="list-decimal pl-5 text-sm">
            {report.redirects.map((hop) => (
              <li key={`${hop.url}-${hop.location}`} className="break-all">
                {hop.status} from {hop.url} to {hop.location}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      {samples.length > 0 ? (
        <Section title={samples.length > 1 ? "Timings per sample" : "Timings"}>
          <ol className="space-y-3">
            {samples.map((sample, index) => (
              <Waterfall key={index} sample={sample} index={index} scale={scale} />
            ))}
          </ol>
        </Section>
      ) : null}

      <WhoAnswered sample={witness} report={report} />
      {tls ? <TlsCard tls={tls} /> : null}
      <Http2Line report={report} />
      {report.dns ? <DnsAnswers dns={report.dns} /> : null}

      {verdict.evidence.length > 0 ? (
        // Open when the verdict names a cause, so what it rests on is in view, not folded away.
        <details className="text-sm" open={verdict.cause !== null}>
          <summary className="cursor-pointer font-medium">
            The evidence, line by line ({verdict.evidence.length})
          </summary>
          <ul className="mt-2 space-y-0.5 font-mono text-xs break-all">
            {verdict.evidence.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
