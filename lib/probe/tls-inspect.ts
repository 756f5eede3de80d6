/**
 * Turns what a TLS handshake revealed into plain data for the report, and
 * maps OpenSSL's verification codes onto the failures a person can act on.
 */
import { X509Certificate } from "node:crypto";
import {
  checkServerIdentity,
  createSecureContext,
  type DetailedPeerCertificate,
  type PeerCertificate,
  type SecureContext,
  type TLSSocket,
} from "node:tls";

/** Trusted roots, ready for handshakes and for recognising a root in a chain. */
export interface TrustStore {
  /** TLS context holding the roots. */
  context: SecureContext;
  /** SHA-256 fingerprints of the roots, in Node's colon-separated form. */
  anchors: Set<string>;
}

const stores = new WeakMap<string[], TrustStore>();

/**
 * The trust store for a list of PEM roots, built once per list: loading ~140
 * roots into a context on every connection would dominate the TLS timing.
 */
export function trustStoreFor(ca: string[]): TrustStore {
  let store = stores.get(ca);
  if (!store) {
    const anchors = new Set<string>();
    for (const pem of ca) {
      try {
        anchors.add(new X509Certificate(pem).fingerprint256);
      } catch {
        // A malformed root cannot anchor anything; createSecureContext reports it below.
      }
    }
    store = { context: createSecureContext({ ca }), anchors };
    stores.set(ca, store);
  }
  return store;
}

/** One certificate as the server presented it. */
export interface CertificateSummary {
  /** Subject distinguished name, e.g. "CN=www.example.com". */
  subject: string;
  /** Issuer distinguished name. */
  issuer: string;
  /** DNS and IP names the certificate covers. */
  subjectAltNames: string[];
  /** Start of validity, ISO 8601. */
  validFrom: string;
  /** End of validity, ISO 8601. */
  validTo: string;
  /** Whole days until validTo; negative once expired. */
  daysLeft: number;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
  /** Whether subject and issuer are the same certificate. */
  selfSigned: boolean;
  /** Whether this is one of the probe's trusted roots (the end of a verified path, usually not sent by the server). */
  trustAnchor: boolean;
}

/** The TLS session and how its certificate fared. */
export interface TlsReport {
  /** Negotiated protocol, e.g. "TLSv1.3". */
  protocol: string | null;
  /** Negotiated cipher suite name. */
  cipher: string | null;
  /** Protocol agreed through ALPN, or null when the server chose none. */
  alpn: string | null;
  /** The server's own certificate. */
  certificate: CertificateSummary | null;
  /**
   * The path from the leaf upwards: the certificates the server sent, in the
   * order they link, then the trusted root that completes it, if one does
   * (marked trustAnchor).
   */
  chain: CertificateSummary[];
  /** Whether the chain verified against the trusted roots. */
  chainValid: boolean;
  /** OpenSSL's verification code when the chain did not verify (e.g. CERT_HAS_EXPIRED). */
  verifyError: string | null;
  /** Whether the certificate covers the name that was asked for. */
  hostnameValid: boolean;
  /** Why the name did not match, when it did not. */
  hostnameError: string | null;
}

/** The certificate problem a person sees, most fundamental first. */
export type TlsProblem =
  | "expired"
  | "not-yet-valid"
  | "self-signed"
  | "untrusted"
  | "incomplete-chain"
  | "hostname-mismatch";

function dn(value: unknown): string {
  if (!value || typeof value !== "object") return "";
  return Object.entries(value as Record<string, string | string[]>)
    .map(([key, v]) => `${key}=${Array.isArray(v) ? v.join("+") : v}`)
    .join(", ");
}

function summarise(cert: PeerCertificate, now: number, anchors: Set<string>): CertificateSummary {
  const validTo = new Date(cert.valid_to);
  const validFrom = new Date(cert.valid_from);
  const sans = (cert.subjectaltname ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const subject = dn(cert.subject);
  const issuer = dn(cert.issuer);
  return {
    subject,
    issuer,
    subjectAltNames: sans,
    validFrom: Number.isNaN(validFrom.getTime()) ? cert.valid_from : validFrom.toISOString(),
    validTo: Number.isNaN(validTo.getTime()) ? cert.valid_to : validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now) / 86_400_000),
    fingerprint256: cert.fingerprint256,
    selfSigned: subject === issuer,
    trustAnchor: anchors.has(cert.fingerprint256),
  };
}

/** Reads protocol, cipher, certificates and both verification results from a finished handshake. */
export function inspectTls(socket: TLSSocket, servername: string, trust: TrustStore): TlsReport {
  const now = Date.now();
  // An empty object (not null) comes back when the server sent no certificate.
  const peer: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const chain: CertificateSummary[] = [];
  let hostnameError: string | null = null;
  if (peer && peer.subject) {
    let current: DetailedPeerCertificate | undefined = peer;
    const seen = new Set<string>();
    while (current && current.fingerprint256 && !seen.has(current.fingerprint256)) {
      seen.add(current.fingerprint256);
      chain.push(summarise(current, now, trust.anchors));
      current = current.issuerCertificate;
    }
    const identityError = checkServerIdentity(servername, peer);
    if (identityError) hostnameError = identityError.message;
  } else {
    hostnameError = "The server presented no certificate.";
  }
  const cipher = socket.getCipher();
  const authError = socket.authorizationError as unknown as Error | string | null | undefined;
  const authCode =
    authError === null || authError === undefined
      ? null
      : typeof authError === "string"
        ? authError
        : ((authError as { code?: string }).code ?? authError.message);
  // Node folds the name check into authorizationError; keep it apart so a
  // trusted chain for the wrong name reads as a name mismatch, not as untrusted.
  const verifyError = authCode === "ERR_TLS_CERT_ALTNAME_INVALID" ? null : authCode;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: cipher?.name ?? null,
    alpn: typeof socket.alpnProtocol === "string" ? socket.alpnProtocol : null,
    certificate: chain[0] ?? null,
    chain,
    chainValid: verifyError === null,
    verifyError,
    hostnameValid: hostnameError === null,
    hostnameError,
  };
}

/**
 * The single problem to report. A chain that does not verify outranks a
 * name mismatch, because replacing the certificate fixes both. A leaf whose
 * issuer is missing is reported as an incomplete chain when the server sent
 * no intermediates (the usual misconfiguration), and as untrusted otherwise.
 */
export function tlsProblem(report: TlsReport): TlsProblem | null {
  switch (report.verifyError) {
    case null:
      return report.hostnameValid ? null : "hostname-mismatch";
    case "CERT_HAS_EXPIRED":
      return "expired";
    case "CERT_NOT_YET_VALID":
      return "not-yet-valid";
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
      return "self-signed";
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "UNABLE_TO_GET_ISSUER_CERT":
      return report.chain.length <= 1 ? "incomplete-chain" : "untrusted";
    default:
      return "untrusted";
  }
}
