/**
 * C libraries word the same errno differently, and the catalog's rules anchor on glibc's
 * wording as nginx prints it: `(111: Connection refused)`. An Alpine image (musl), a Mac
 * (BSD numbering) or nginx and Apache on Windows (Winsock codes) print the same failure
 * in other words or under another number. Before matching, `canonicalErrno` rewrites
 * such a pair to glibc's number and text on Linux, so one rule reads all of them; the
 * finding still shows the line as it was pasted.
 *
 * Sources:
 * - glibc: sysdeps/gnu/errlist.h (the `_S(E…, N_("…"))` table); also observed on this
 *   machine with Python's os.strerror on Debian's glibc.
 * - musl 1.1 and 1.2: src/errno/__strerror.h ("Operation timed out", "Host is unreachable",
 *   "Address in use", "No file descriptors available", …); an older musl table words
 *   EAGAIN "Operation would block".
 * - BSD and macOS numbers: sys/errno.h (ECONNREFUSED 61, ETIMEDOUT 60, EHOSTUNREACH 65).
 * - Windows: Winsock error codes, https://learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2
 *   (WSAECONNREFUSED 10061 "No connection could be made because the target machine
 *   actively refused it", WSAETIMEDOUT 10060, WSAEHOSTUNREACH 10065, WSAECONNRESET 10054).
 */

export interface ErrnoWording {
  /** The symbolic name (ECONNREFUSED), the same on every system. */
  name: string;
  /** The number on Linux (x86 and ARM, where the catalog's examples come from). */
  linux: number;
  /** glibc's text, which the rules anchor on. */
  glibc: string;
  /** Other libraries' texts for the same error, lowercase, without a final full stop. */
  others: readonly string[];
}

/** The errors proxies log while failing to reach an upstream, in every wording known. */
export const ERRNOS: readonly ErrnoWording[] = [
  { name: "ENOENT", linux: 2, glibc: "No such file or directory", others: [] },
  {
    name: "EAGAIN",
    linux: 11,
    glibc: "Resource temporarily unavailable",
    others: ["operation would block", "try again"],
  },
  { name: "EACCES", linux: 13, glibc: "Permission denied", others: ["access is denied"] },
  {
    name: "EMFILE",
    linux: 24,
    glibc: "Too many open files",
    others: ["no file descriptors available"],
  },
  { name: "EPIPE", linux: 32, glibc: "Broken pipe", others: [] },
  {
    name: "EADDRINUSE",
    linux: 98,
    glibc: "Address already in use",
    others: [
      "address in use",
      "only one usage of each socket address (protocol/network address/port) is normally permitted",
    ],
  },
  {
    name: "EADDRNOTAVAIL",
    linux: 99,
    glibc: "Cannot assign requested address",
    others: [
      "address not available",
      "can't assign requested address",
      "the requested address is not valid in its context",
    ],
  },
  {
    name: "ENETUNREACH",
    linux: 101,
    glibc: "Network is unreachable",
    others: ["network unreachable", "a socket operation was attempted to an unreachable network"],
  },
  {
    name: "ECONNABORTED",
    linux: 103,
    glibc: "Software caused connection abort",
    others: [
      "connection aborted",
      "an established connection was aborted by the software in your host machine",
    ],
  },
  {
    name: "ECONNRESET",
    linux: 104,
    glibc: "Connection reset by peer",
    others: ["an existing connection was forcibly closed by the remote host"],
  },
  {
    name: "ETIMEDOUT",
    linux: 110,
    glibc: "Connection timed out",
    others: [
      "operation timed out",
      "a connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond",
    ],
  },
  {
    name: "ECONNREFUSED",
    linux: 111,
    glibc: "Connection refused",
    others: ["no connection could be made because the target machine actively refused it"],
  },
  {
    name: "EHOSTUNREACH",
    linux: 113,
    glibc: "No route to host",
    others: ["host is unreachable", "a socket operation was attempted to an unreachable host"],
  },
];

const byText = new Map<string, ErrnoWording>();
const byNumber = new Map<number, ErrnoWording>();
for (const errno of ERRNOS) {
  byNumber.set(errno.linux, errno);
  byText.set(errno.glibc.toLowerCase(), errno);
  for (const other of errno.others) byText.set(other, errno);
}

function wordingKey(text: string): string {
  let key = text.trim().toLowerCase();
  while (key.endsWith(".")) key = key.slice(0, -1).trimEnd();
  return key;
}

/**
 * The errno a (number, text) pair names: by its text when the text is a known wording
 * (a Mac's `61: Connection refused` is ECONNREFUSED whatever its number), else by its
 * Linux number (musl's or a translated glibc's text for 111 is still ECONNREFUSED).
 */
function errnoOf(number: number, text: string): ErrnoWording | undefined {
  return byText.get(wordingKey(text)) ?? byNumber.get(number);
}

/** nginx and most C programs: `(111: Connection refused)`. */
const COLON_FORM = /\((\d{1,5}): ([^()\n]{1,200})\)/g;
/** Apache (APR): `(111)Connection refused:`, on Windows `(OS 10061)No connection … it.  :`. */
const APR_FORM = /\((?:OS )?(\d{1,5})\)([A-Za-z][^():\n]{0,200}):/g;

/**
 * Rewrite errno texts to glibc's wording and Linux numbers. Lines without a parenthesis
 * are returned as they are, and each form is one linear pass.
 */
export function canonicalErrno(line: string): string {
  if (!line.includes("(")) return line;
  let result = line;
  if (result.includes(": ")) {
    result = result.replace(COLON_FORM, (whole, number: string, text: string) => {
      const errno = errnoOf(Number(number), text);
      return errno ? `(${errno.linux}: ${errno.glibc})` : whole;
    });
  }
  if (result.includes(")")) {
    result = result.replace(APR_FORM, (whole, number: string, text: string) => {
      const errno = errnoOf(Number(number), text);
      return errno ? `(${errno.linux})${errno.glibc}:` : whole;
    });
  }
  return result;
}
