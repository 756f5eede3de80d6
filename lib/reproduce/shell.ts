/**
 * POSIX shell quoting for commands a person pastes into a terminal. Everything the command
 * carries comes from a URL or a server's answer, so nothing may be read by the shell as
 * syntax: each argument is one single-quoted word.
 */

/**
 * One shell word that stands for exactly `value`: single quotes, where the shell interprets
 * nothing, and each single quote inside closed, escaped and reopened ('\''). A newline stays
 * inside the quotes, so it cannot end the command either.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A word left bare when it only holds characters no POSIX shell treats specially. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : shellQuote(value);
}

/** Drops the C0 and C1 control characters (CR and LF among them) that no header value may hold. */
export function withoutControls(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
}
