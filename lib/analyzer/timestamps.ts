import type { SeenAt } from "./types";

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

// Each pattern is anchored or bounded and has no nested quantifiers, so a hostile line
// costs at most a few passes over its first characters.
/** nginx `2026/11/21 01:02:03`, ISO `2026-11-21T01:02:03.5Z`, Gunicorn `[2026-11-21 01:02:03 +0000]`, PostgreSQL `… UTC`. */
const NUMERIC =
  /^\[?(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?: ?(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?/;
/** Apache `[Sat Nov 21 01:02:03.412345 2026]`. */
const APACHE =
  /^\[(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})? (\d{4})\]/;
/** PHP and PHP-FPM `[21-Nov-2026 01:02:03]`, optionally with a zone name. */
const PHP = /^\[(\d{2})-([A-Z][a-z]{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: (UTC|GMT))?\]/;
/** Common log format and HAProxy's accept date `[21/Nov/2026:01:02:03.118 +0000]`, anywhere near the start. */
const CLF =
  /\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?: ([+-]\d{4}))?\]/;
/** JSON loggers (Caddy, pino): epoch seconds with a fraction, or milliseconds. */
const EPOCH = /"(?:ts|time|timestamp)": {0,2}(\d{10}(?:\.\d{1,9})?|\d{13})\b/;
/** Classic syslog `Nov 21 01:02:03`, which carries no year. */
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})\b/;

/** How far into a line a bracketed date is looked for. */
const CLF_WINDOW = 200;

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === "Z" || zone === "UTC" || zone === "GMT") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function utc(
  year: number,
  month: number,
  day: number,
  h: string,
  m: string,
  s: string,
  offset = 0,
): number {
  return Date.UTC(year, month, day, Number(h), Number(m), Number(s)) - offset * 60_000;
}

function monthOf(name: string | undefined): number | undefined {
  return name ? MONTHS[name.toLowerCase()] : undefined;
}

/**
 * Find the time a log line was written. Formats without a zone (nginx, Apache, syslog)
 * are read as UTC: good for ordering lines of one log, and the original text is kept
 * for display so no zone is invented.
 */
export function parseTimestamp(line: string, now: Date = new Date()): SeenAt | null {
  const head = line.slice(0, CLF_WINDOW);

  let m = NUMERIC.exec(head);
  if (m) {
    const [text, y, mo, d, h, mi, s, frac, zone] = m;
    const ms = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
    const time =
      utc(Number(y), Number(mo) - 1, Number(d), h!, mi!, s!, zoneOffsetMinutes(zone)) + ms;
    return valid(text.replace(/^\[/, ""), time);
  }

  m = APACHE.exec(head);
  if (m) {
    const month = monthOf(m[1]);
    if (month !== undefined) {
      return valid(m[0].slice(1, -1), utc(Number(m[6]), month, Number(m[2]), m[3]!, m[4]!, m[5]!));
    }
  }

  m = PHP.exec(head);
  if (m) {
    const month = monthOf(m[2]);
    if (month !== undefined) {
      return valid(m[0].slice(1, -1), utc(Number(m[3]), month, Number(m[1]), m[4]!, m[5]!, m[6]!));
    }
  }

  m = CLF.exec(head);
  if (m) {
    const month = monthOf(m[2]);
    if (month !== undefined) {
      const time = utc(
        Number(m[3]),
        month,
        Number(m[1]),
        m[4]!,
        m[5]!,
        m[6]!,
        zoneOffsetMinutes(m[7]),
      );
      return valid(m[0].slice(1, -1), time);
    }
  }

  m = EPOCH.exec(line.length > 2_000 ? line.slice(0, 2_000) : line);
  if (m) {
    const raw = m[1]!;
    const time = raw.length === 13 ? Number(raw) : Math.round(Number(raw) * 1000);
    if (Number.isFinite(time)) return valid(new Date(time).toISOString(), time);
  }

  m = SYSLOG.exec(head);
  if (m) {
    const month = monthOf(m[1]);
    if (month !== undefined) {
      return valid(m[0], utc(now.getUTCFullYear(), month, Number(m[2]), m[3]!, m[4]!, m[5]!));
    }
  }
  return null;
}

function valid(text: string, time: number): SeenAt | null {
  return Number.isFinite(time) ? { text, time } : null;
}
