/** Cloudflare 52x: one fix per code. */
import { fix, fixedOr, question, to } from "../builder";

export const cloudflareBranch = {
  // Cloudflare's codes each name one way the edge failed to get a usable
  // answer from the origin (signals: Cloudflare's 52x family).
  cloudflareWhichCode: question("edge", {
    "520": to("520 Web server returned an unknown error", "cf520"),
    "521": to("521 Web server is down", "cf521"),
    "522": to("522 Connection timed out", "cf522"),
    "523": to("523 Origin is unreachable", "cf523"),
    "524": to("524 A timeout occurred", "cf524"),
    "525": to("525 SSL handshake failed", "cf525"),
    "526": to("526 Invalid SSL certificate", "cf526"),
    "530": to("530 (with a 1xxx error)", "cf530"),
    "502-or-504": to("A Cloudflare-branded 502 or 504", "cdnPage502"),
  }),
  // 520: empty or unexpected answer, or response headers over 16 KB.
  cf520: fix("app", fixedOr("resolvedEdge", "proxyUpstream")),
  // 521: the origin refused the connection.
  cf521: fix("proxy", fixedOr("resolvedEdge", "firewallOrigin")),
  // 522: no SYN+ACK within 15 s — firewall drops, overload, wrong address.
  cf522: fix("proxy", fixedOr("resolvedEdge", "resourcesCheck")),
  // 523: no route to the origin — usually a wrong A/AAAA record.
  cf523: fix("dns", fixedOr("resolvedDns", "dnsRecords")),
  // 524: connected, but no HTTP answer within 100 s.
  cf524: fix("app", fixedOr("resolvedTimeouts", "timeoutSlowApp")),
  // 525: the TLS handshake with the origin failed.
  cf525: fix("proxy", fixedOr("resolvedTls", "tlsUpstream")),
  // 526: the origin certificate is invalid under Full (strict).
  cf526: fix("proxy", fixedOr("resolvedTls", "tlsRenew")),
  // 530 comes with a 1xxx code; 1016 is an origin DNS error.
  cf530: fix("dns", fixedOr("resolvedDns", "dnsRecords")),
};
