/**
 * Real certificates for the TLS scenarios, made with the system's openssl:
 * a lab root and intermediate CA, an untrusted "rogue" root and intermediate,
 * and leaf certificates that are valid, expired, not yet valid, self-signed
 * or issued for another name. openssl 3.0 has no -not_before for x509, so
 * the dated leaves are signed with `openssl ca -startdate/-enddate`.
 * Generated once per process into a temp directory.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** What a TLS server presents: its key and the chain it sends (leaf first). */
export interface ServerCredentials {
  /** PEM private key. */
  key: string;
  /** PEM certificates as the server sends them, leaf first. */
  cert: string;
}

/** Every credential the lab uses. */
export interface LabCerts {
  /** PEM of the lab root CA: trust this (and only this) in tests. */
  rootCa: string;
  /** Directory holding the files (removed when the process exits). */
  dir: string;
  /** Leaf for *.lab.test, lab.test and 127.0.0.1, with the intermediate. */
  valid: ServerCredentials;
  /** Same names, validity ended in 2021. */
  expired: ServerCredentials;
  /** Same names, validity starts in 2099. */
  notYetValid: ServerCredentials;
  /** Same names, signed by its own key. */
  selfSigned: ServerCredentials;
  /** Valid and trusted, but only for other.example. */
  wrongHost: ServerCredentials;
  /** The valid leaf sent alone, without its intermediate. */
  missingIntermediate: ServerCredentials;
  /** Leaf and intermediate from a root nobody trusts. */
  untrustedRoot: ServerCredentials;
}

const LAB_NAMES = "subjectAltName=DNS:lab.test,DNS:*.lab.test,IP:127.0.0.1";

const CA_CONFIG = (dir: string, name: string) => `
[ ca ]
default_ca = lab
[ lab ]
dir = ${dir}/${name}
database = ${dir}/${name}/index.txt
new_certs_dir = ${dir}/${name}
serial = ${dir}/${name}/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
`;

async function openssl(args: string[], cwd: string): Promise<void> {
  await run("openssl", args, { cwd });
}

async function key(dir: string, name: string): Promise<string> {
  await openssl(
    ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", `${name}.key`],
    dir,
  );
  return join(dir, `${name}.key`);
}

async function selfSignedCa(dir: string, name: string, cn: string): Promise<void> {
  await key(dir, name);
  await openssl(
    [
      "req",
      "-x509",
      "-new",
      "-key",
      `${name}.key`,
      "-subj",
      `/CN=${cn}`,
      "-days",
      "3650",
      "-out",
      `${name}.pem`,
      "-addext",
      "basicConstraints=critical,CA:true",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
}

async function prepareCa(dir: string, name: string): Promise<string> {
  const caDir = join(dir, name);
  await run("mkdir", ["-p", caDir]);
  writeFileSync(join(caDir, "index.txt"), "");
  // A random serial per certificate: repeated issuer+serial pairs confuse some clients.
  writeFileSync(join(caDir, "serial"), `${randomBytes(8).toString("hex")}\n`);
  const conf = join(dir, `${name}.cnf`);
  writeFileSync(conf, CA_CONFIG(dir, name));
  return conf;
}

interface SignOptions {
  ca: string;
  csr: string;
  out: string;
  ext: string;
  start?: string;
  end?: string;
}

async function sign(dir: string, options: SignOptions): Promise<void> {
  const conf = await prepareCa(dir, `ca-${options.out}`);
  const extFile = join(dir, `${options.out}.ext`);
  writeFileSync(extFile, options.ext);
  await openssl(
    [
      "ca",
      "-batch",
      "-notext",
      "-config",
      conf,
      "-cert",
      `${options.ca}.pem`,
      "-keyfile",
      `${options.ca}.key`,
      "-in",
      options.csr,
      "-out",
      `${options.out}.pem`,
      "-extfile",
      extFile,
      "-startdate",
      options.start ?? "20240101000000Z",
      "-enddate",
      options.end ?? "20451231235959Z",
    ],
    dir,
  );
}

async function csr(dir: string, keyName: string, cn: string, out: string): Promise<string> {
  await openssl(
    ["req", "-new", "-key", `${keyName}.key`, "-subj", `/CN=${cn}`, "-out", `${out}.csr`],
    dir,
  );
  return `${out}.csr`;
}

const INTERMEDIATE_EXT =
  "basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n";
const leafExt = (names: string) =>
  `basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n${names}\n`;

async function generate(): Promise<LabCerts> {
  const dir = mkdtempSync(join(tmpdir(), "gd-certs-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  await Promise.all([
    selfSignedCa(dir, "root", "Gateway Doctor Lab Root CA"),
    selfSignedCa(dir, "rogue-root", "Rogue Root CA"),
    key(dir, "leaf"),
    key(dir, "inter"),
    key(dir, "rogue-inter"),
  ]);
  await Promise.all([
    sign(dir, {
      ca: "root",
      csr: await csr(dir, "inter", "Gateway Doctor Lab Intermediate CA", "inter"),
      out: "inter",
      ext: INTERMEDIATE_EXT,
    }),
    sign(dir, {
      ca: "rogue-root",
      csr: await csr(dir, "rogue-inter", "Rogue Intermediate CA", "rogue-inter"),
      out: "rogue-inter",
      ext: INTERMEDIATE_EXT,
    }),
  ]);
  const leafCsr = await csr(dir, "leaf", "lab.test", "leaf");
  const otherCsr = await csr(dir, "leaf", "other.example", "other");
  await Promise.all([
    sign(dir, { ca: "inter", csr: leafCsr, out: "valid", ext: leafExt(LAB_NAMES) }),
    sign(dir, {
      ca: "inter",
      csr: leafCsr,
      out: "expired",
      ext: leafExt(LAB_NAMES),
      start: "20200101000000Z",
      end: "20210101000000Z",
    }),
    sign(dir, {
      ca: "inter",
      csr: leafCsr,
      out: "notyet",
      ext: leafExt(LAB_NAMES),
      start: "20990101000000Z",
      end: "21000101000000Z",
    }),
    sign(dir, {
      ca: "inter",
      csr: otherCsr,
      out: "wronghost",
      ext: leafExt("subjectAltName=DNS:other.example"),
    }),
    sign(dir, { ca: "rogue-inter", csr: leafCsr, out: "rogue-leaf", ext: leafExt(LAB_NAMES) }),
    openssl(
      [
        "req",
        "-x509",
        "-key",
        "leaf.key",
        "-subj",
        "/CN=lab.test",
        "-days",
        "825",
        "-out",
        "selfsigned.pem",
        "-addext",
        LAB_NAMES,
      ],
      dir,
    ),
  ]);
  const read = (name: string) => readFileSync(join(dir, name), "utf8");
  const leafKey = read("leaf.key");
  const withChain = (leaf: string, intermediate: string): ServerCredentials => ({
    key: leafKey,
    cert: read(leaf) + read(intermediate),
  });
  return {
    rootCa: read("root.pem"),
    dir,
    valid: withChain("valid.pem", "inter.pem"),
    expired: withChain("expired.pem", "inter.pem"),
    notYetValid: withChain("notyet.pem", "inter.pem"),
    selfSigned: { key: leafKey, cert: read("selfsigned.pem") },
    wrongHost: withChain("wronghost.pem", "inter.pem"),
    missingIntermediate: { key: leafKey, cert: read("valid.pem") },
    untrustedRoot: withChain("rogue-leaf.pem", "rogue-inter.pem"),
  };
}

let pending: Promise<LabCerts> | undefined;

/** The lab's certificates, generated on first call and shared afterwards. */
export function labCerts(): Promise<LabCerts> {
  pending ??= generate();
  return pending;
}
