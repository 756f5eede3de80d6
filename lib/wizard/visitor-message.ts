/**
 * The message a visitor sends the people who run a failing site, written from what the visitor
 * answered and what a live check saw. Each sentence states only what the answers say (someone who
 * answered "It works for others, just not for me" is never made to claim it fails for others
 * too), and each field a check knew (address, status, time with its zone, vendor, reference id)
 * is filled in; a placeholder in capitals stays only for what nobody told us.
 */
import type { EvidenceDigest } from "@/lib/evidence/digest";
import { evidenceReason, formatCheckTime } from "@/lib/evidence/words";
import { product } from "@/lib/products/registry";

/** One answer on the way to the visitor's ending. */
export interface GivenAnswer {
  /** The state it was given in ("visitorScope"). */
  stateId: string;
  /** The answer's slug ("just-me"). */
  answer: string;
}

/** What a live check saw of the site, as the permalink's query carries it. */
export interface CheckedSite {
  /** The address checked. */
  url: string;
  /** What came back. */
  digest: EvidenceDigest;
}

/** The message, and whether the visitor still has capital-letter parts to fill in. */
export interface OwnerMessage {
  /** Plain text, ready to paste into a contact form or an email. */
  text: string;
  /** True while at least one field is a placeholder in capitals. */
  hasPlaceholders: boolean;
}

// What each thing the visitor tried and still saw fail is called in the message, keyed by the
// state that suggested it and the answer that said it did not help.
const TRIED: Record<string, Partial<Record<string, string>>> = {
  visitorHardRefresh: { "still-broken": "waiting and reloading with a hard refresh" },
  visitorPrivateWindow: { "still-broken": "a private window" },
  visitorClearCache: { "still-broken": "clearing the site's cookies and saved files" },
  visitorVpnProxy: { "still-broken": "turning off my VPN or proxy" },
  visitorNetwork: {
    "still-broken": "restarting my router and trying another network",
    "works-elsewhere": "restarting my router",
  },
  visitorDns: { "still-broken": "flushing DNS and using a public DNS service" },
  visitorIsp: { "still-broken": "asking my internet provider, who found nothing wrong" },
};

// Reason phrases of the statuses this wizard is about (RFC 9110 §15.6; 52x are Cloudflare's own,
// https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/).
const REASONS: Partial<Record<number, string>> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  520: "Web server is returning an unknown error",
  521: "Web server is down",
  522: "Connection timed out",
  523: "Origin is unreachable",
  524: "A timeout occurred",
  525: "SSL handshake failed",
  526: "Invalid SSL certificate",
  530: "Origin DNS error",
};

function answered(answers: readonly GivenAnswer[], stateId: string): string | null {
  // A person who went back round a loop answered the same state again; the last answer counts.
  return answers.findLast((given) => given.stateId === stateId)?.answer ?? null;
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** What the visitor's answers (and the check) say about who sees the failure, as sentences. */
function scopeSentences(answers: readonly GivenAnswer[], check: CheckedSite | null): string[] {
  const tried = answers.flatMap((given) => {
    const words = TRIED[given.stateId]?.[given.answer];
    return words ? [words] : [];
  });
  const scope = answered(answers, "visitorScope");
  const checkedScope = answered(answers, "visitorCheckScope");
  const network = answered(answers, "visitorNetwork");
  const sentences: string[] = [];
  if (scope === "everyone") {
    sentences.push("Other people get the same error, so it does not seem to be my connection.");
  } else if (checkedScope === "everyone") {
    sentences.push(
      "It fails from other devices and networks too, so it does not seem to be my connection.",
    );
  } else if (network === "works-elsewhere") {
    sentences.push(
      "The site works on other networks but not on my internet connection, so something between my provider's network and your site may treat it differently (a firewall or bot rule, or a route).",
    );
  } else if (scope === "just-me" || checkedScope === "just-me") {
    sentences.push(
      network === "still-broken"
        ? "Other people can open the site, but for me it fails on every network I tried, so it may affect only some visitors."
        : "Other people can open the site, but it fails for me, so it may affect only some visitors.",
    );
  }
  if (check && check.digest.code !== "ok") {
    sentences.push(
      `A check from another server (Gateway Doctor) at ${formatCheckTime(check.digest.checkedAt)} failed too: ${evidenceReason(check.digest)}.`,
    );
  } else if (check) {
    sentences.push(
      `A check from another server (Gateway Doctor) at ${formatCheckTime(check.digest.checkedAt)} got a normal answer, so the failure may depend on where the request comes from.`,
    );
  }
  if (tried.length > 0) sentences.push(`It still fails after ${joinWords(tried)}.`);
  return sentences;
}

/** "HTTP 502 Bad Gateway from nginx", or null when the check got no HTTP status. */
function statusWords(digest: EvidenceDigest): string | null {
  if (digest.status === null) return null;
  const reason = REASONS[digest.status];
  const vendor = digest.vendor ? (product(digest.vendor)?.name ?? digest.vendor) : null;
  return `HTTP ${digest.status}${reason ? ` ${reason}` : ""}${vendor ? ` from ${vendor}` : ""}`;
}

/** The reference id with the header it came in, so the team knows where to look it up. */
function referenceWords(digest: EvidenceDigest): string | null {
  if (!digest.reference) return null;
  const vendor = digest.vendor ? product(digest.vendor) : undefined;
  const header = vendor?.referenceHeaders?.[0];
  return header ? `${digest.reference} (${vendor.name} ${header})` : digest.reference;
}

/**
 * The message to the site's owner for a visitor's ending. `answers` are the answers given on
 * the way, oldest first; `check` is what a live check saw, when one ran.
 */
export function buildOwnerMessage({
  answers,
  check,
}: {
  answers: readonly GivenAnswer[];
  check: CheckedSite | null;
}): OwnerMessage {
  // Only a check that failed saw the error; one that got a normal answer knows the address and
  // its own time, not what the visitor's browser showed.
  const failed = check && check.digest.code !== "ok" ? check.digest : null;
  const error =
    (failed && statusWords(failed)) ??
    (failed?.errorCode ? `no HTTP answer (${failed.errorCode})` : null);
  const reference = failed ? referenceWords(failed) : null;
  const fields = [
    `Page address: ${check?.url ?? "FULL ADDRESS OF THE PAGE (copy it from the address bar)"}`,
    failed
      ? `When: ${formatCheckTime(failed.checkedAt)}`
      : "When: DATE AND TIME, WITH TIME ZONE (for example 21 Nov 2026, 14:05 CET)",
    `Error: ${error ?? 'EXACT ERROR TEXT (for example "502 Bad Gateway" or "Error 522 Connection timed out")'}`,
    `Reference: ${reference ?? "RAY ID / REFERENCE # / REQUEST ID FROM THE BOTTOM OF THE PAGE, if it shows one"}`,
  ];
  if (!failed) fields.push("Still failing at: LATEST TIME YOU TRIED");
  const text = [
    "Hello, your website is showing me an error.",
    "",
    ...fields,
    "",
    ...scopeSentences(answers, check),
  ].join("\n");
  // Every field above falls back to a placeholder when the check did not know it.
  return { text, hasPlaceholders: !check || !failed || !error || !reference };
}
