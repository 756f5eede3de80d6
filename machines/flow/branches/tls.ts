/** TLS between the proxy or CDN and the origin. */
import { check, fix, fixedOr, to, whenVerdict, type CheckOffer } from "../builder";

/** The certificate, read in a handshake with the site or, given its IP, with the origin. */
const certificateCheck: CheckOffer = {
  title: "Check the certificate for me",
  intro:
    "Our server makes a TLS handshake and reads the certificate: names, issuer, expiry and whether the chain is complete. Give the origin's IP to check the origin's own certificate behind a CDN.",
  button: "Check the certificate",
  samples: 1,
  chooseSamples: false,
  originIp: "optional",
};

/**
 * The origin's certificate checked directly and found valid: the machine's own "looks fine"
 * answer, so the proxy's error log is next.
 */
const tlsUpstreamEvidence = [whenVerdict({ codes: ["ok"] }, "proxyUpstream")];

export const tlsBranch = {
  // nginx "SSL_do_handshake() failed" and "upstream SSL certificate verify
  // error"; CloudFront 502 for name mismatch, bad chain or no common
  // protocol (signals).
  tlsUpstream: check(
    "proxy",
    {
      expired: to("The certificate has expired", "tlsRenew"),
      "incomplete-chain": to("The chain is incomplete", "tlsChain"),
      "name-mismatch": to("The name doesn't match (SNI)", "tlsSni"),
      "protocol-or-cipher": to("No common protocol or cipher", "tlsProtocol"),
      // s_client's "wrong version number": TLS spoken to a plain-HTTP port.
      "wrong-version": to(
        "“wrong version number”: that port isn't TLS",
        "malformedInvalidResponse",
      ),
      "looks-fine": to("The certificate looks fine", "proxyUpstream"),
    },
    { evidence: tlsUpstreamEvidence, check: certificateCheck },
  ),
  tlsRenew: fix("proxy", fixedOr("resolvedTls", "tlsChain")),
  tlsChain: fix("proxy", fixedOr("resolvedTls", "tlsSni")),
  tlsSni: fix("proxy", fixedOr("resolvedTls", "tlsProtocol")),
  tlsProtocol: fix("proxy", fixedOr("resolvedTls", "escalate")),
};
