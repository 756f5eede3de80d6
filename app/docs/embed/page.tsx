import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { CodeBlock } from "@/app/_components/code-block";
import { EmbedPlayground } from "@/app/_components/embed/embed-playground";
import { ALLOWED_ORIGINS_VARIABLE } from "@/lib/embed/frame-policy.mjs";
import { EMBED_EVENTS, PROTOCOL_VERSION } from "@/lib/embed/protocol";
import { EVENT_DOCS, OPTION_DOCS } from "@/lib/embed/reference";
import { snippetFor } from "@/lib/embed/snippet-text";
import { siteOrigin } from "@/lib/wizard/site-origin";

export const metadata: Metadata = {
  title: "Embed the wizard in your help center",
  description:
    "Put Gateway Doctor on a help-center page with one script tag: options, events, the JavaScript API and a live preview.",
};

const listenExample = `<script>
  // DOM events bubble from the wizard's iframe to the document, so this works
  // wherever it is placed, before or after the snippet.
  document.addEventListener("gateway-doctor:diagnosis", (event) => {
    const { stateId, title, url } = event.detail;
    analytics.track("Diagnosis reached", { stateId, title, url });
  });
</script>`;

const apiExample = `<script src="ORIGIN/embed.js" data-escalate="true"></script>
<script>
  // Runs after embed.js (no defer on either tag), so GatewayDoctor exists.
  GatewayDoctor.on("escalate", ({ markdown, url }) => {
    openTicketForm({ subject: "502 on our site", body: markdown, link: url });
  });
  GatewayDoctor.on("resolved", ({ resolved, fixStateId }) => {
    if (resolved) showSurvey(fixStateId);
  });
  document.querySelector("#start-over").addEventListener("click", () => GatewayDoctor.restart());
</script>`;

const mountExample = `<script src="ORIGIN/embed.js" data-mount="manual" defer></script>
<script type="module">
  const wizard = GatewayDoctor.mount("#troubleshooter", { answers: "owner/502", theme: "dark" });
  const stop = wizard.on("step", ({ permalink }) => console.log("now at", permalink));
  // Later, when the view goes away:
  stop();
  wizard.destroy();
</script>`;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-2xl font-semibold tracking-tight">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Documentation of the embed: the snippet, every option and event, and a live configurator. */
export default async function EmbedDocsPage() {
  const origin = siteOrigin(process.env.SITE_URL, await headers());
  const snippet = snippetFor(origin);
  return (
    <div className="space-y-12">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight text-balance">
          Embed the wizard in your help center
        </h1>
        <p className="text-lg text-muted">
          People look for help where they already are when a site breaks. One script tag puts
          Gateway Doctor on any page: it grows and shrinks with each step, follows your colors, and
          tells your page what happens, so you can open a ticket with the diagnosis already written.
        </p>
      </header>

      <Section id="add" title="Add it to a page">
        <p>Paste this where the wizard should appear:</p>
        <CodeBlock code={snippet} language="html" />
        <p>
          The wizard appears right where the tag stands (or in the element named by{" "}
          <code>data-target</code>). It shows the same steps as{" "}
          <Link href="/diagnose" className="underline">
            the full site
          </Link>
          , and a link under it opens the current step there in a new tab.
        </p>
      </Section>

      <Section id="try" title="Try the options">
        <p>
          Choose options below; the snippet updates and the preview is the real snippet running on
          this page, with the events it sends listed as they arrive.
        </p>
        <EmbedPlayground origin={origin} />
      </Section>

      <Section id="options" title="Options">
        <p>
          Data attributes on the script tag. With <code>GatewayDoctor.mount()</code> use the
          camelCase names. Values the wizard cannot use are dropped with a warning in the console,
          and the default applies.
        </p>
        <div
          className="table-scroll overflow-x-auto"
          role="region"
          aria-label="Table of options"
          tabIndex={0}
        >
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="bg-surface text-left">
                <th className="border border-line px-2 py-1.5">Attribute</th>
                <th className="border border-line px-2 py-1.5">Values</th>
                <th className="border border-line px-2 py-1.5">Default</th>
                <th className="border border-line px-2 py-1.5">What it does</th>
              </tr>
            </thead>
            <tbody>
              {OPTION_DOCS.map((option) => (
                <tr key={option.attribute} className="align-top">
                  <th scope="row" className="border border-line px-2 py-1.5 text-left font-normal">
                    <code className="font-mono">{option.attribute}</code>
                    {option.mountOption ? (
                      <span className="block text-xs text-muted">
                        mount: <code className="font-mono">{option.mountOption}</code>
                      </span>
                    ) : null}
                  </th>
                  <td className="border border-line px-2 py-1.5">{option.values}</td>
                  <td className="border border-line px-2 py-1.5">{option.default}</td>
                  <td className="border border-line px-2 py-1.5">{option.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="events" title="Events">
        <p>
          Each event reaches your page two ways: as a DOM event named{" "}
          <code>gateway-doctor:&lt;name&gt;</code> on the iframe, which bubbles to the document, and
          through <code>GatewayDoctor.on(name, handler)</code>. The data is in{" "}
          <code>event.detail</code> (or the handler&apos;s first argument). Events of one answer
          arrive in this order: <code>resolved</code>, <code>step</code>, <code>diagnosis</code>.
        </p>
        <dl className="space-y-4">
          {EMBED_EVENTS.map((name) => (
            <div key={name} className="rounded-lg border border-line p-3">
              <dt>
                <code className="font-mono font-semibold">gateway-doctor:{name}</code>
              </dt>
              <dd className="mt-1">{EVENT_DOCS[name].when}</dd>
              <dd className="mt-1 text-sm text-muted">Detail: {EVENT_DOCS[name].detail}</dd>
            </div>
          ))}
        </dl>
        <p>
          <code>stateId</code> is the step&apos;s id on the{" "}
          <Link href="/diagnose/map" className="underline">
            decision map
          </Link>
          ; <code>kind</code> is one of question, check, fix, outcome and info; <code>answers</code>{" "}
          are the answer slugs given so far.
        </p>
        <CodeBlock code={listenExample} language="html" />
      </Section>

      <Section id="api" title="JavaScript API">
        <p>
          The snippet defines one global, <code>window.GatewayDoctor</code>:
        </p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <code>on(name, handler)</code> — listen to an event of every wizard on the page; returns
            a function that stops listening. A <code>ready</code> handler added after the wizard is
            ready is called at once.
          </li>
          <li>
            <code>off(name, handler)</code> — stop listening.
          </li>
          <li>
            <code>restart()</code> — send every wizard back to where it started (its{" "}
            <code>data-answers</code> or <code>data-start</code>, else the first question).
          </li>
          <li>
            <code>embeds</code> — the wizards on the page; each has <code>on</code>,{" "}
            <code>off</code>, <code>restart()</code>, <code>destroy()</code>, its{" "}
            <code>iframe</code>, <code>ready</code> and the last <code>step</code>.
          </li>
          <li>
            <code>mount(target, options)</code> — embed a wizard from script, e.g. in a single-page
            app (load the snippet with <code>data-mount=&quot;manual&quot;</code>).
          </li>
          <li>
            <code>protocol</code> — the protocol version, currently {PROTOCOL_VERSION};{" "}
            <code>events</code> — the event names.
          </li>
        </ul>
        <CodeBlock code={apiExample.replace("ORIGIN", origin)} language="html" />
        <CodeBlock code={mountExample.replace("ORIGIN", origin)} language="html" />
      </Section>

      <Section id="security" title="Which sites may embed it">
        <p>
          Only the wizard under <code>/embed</code> can be shown in a frame; every other page of
          this site refuses to be framed. The operator of this Gateway Doctor lists the sites that
          may embed it in the <code>{ALLOWED_ORIGINS_VARIABLE}</code> environment variable, which
          becomes the <code>frame-ancestors</code> of the embed&apos;s Content Security Policy.
          Unset, any site may embed it.
        </p>
        <CodeBlock
          code={`${ALLOWED_ORIGINS_VARIABLE}="https://help.example.com, https://*.example.org"`}
          language="bash"
        />
        <ul className="list-disc space-y-1 pl-6">
          <li>
            The wizard posts messages only to your page&apos;s origin, and acts only on messages
            from your page&apos;s window and origin that match the protocol exactly.
          </li>
          <li>The snippet accepts messages only from the wizard&apos;s iframe and origin.</li>
          <li>
            Nothing your page passes in (labels, URLs, colors) is ever rendered as HTML; colors must
            be hex values and URLs http(s).
          </li>
          <li>
            Check events carry only the verdict code unless you set{" "}
            <code>data-share-check-details</code>, because the URL a person checks may be private.
          </li>
        </ul>
      </Section>

      <Section id="versions" title="Versions">
        <p>
          Every message carries <code>version</code> ({PROTOCOL_VERSION} today). Within a version,
          fields are only ever added. Renaming or removing a field, or changing what an event means,
          makes a new version, and the snippet served by a Gateway Doctor always speaks that
          server&apos;s version, so a page that loads it from the server keeps working.
        </p>
      </Section>
    </div>
  );
}
