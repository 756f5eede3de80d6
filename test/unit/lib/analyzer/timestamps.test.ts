import { describe, expect, it } from "vitest";
import { parseTimestamp } from "@/lib/analyzer/timestamps";

const NOW = new Date("2026-11-21T12:00:00Z");

describe("parseTimestamp", () => {
  it.each([
    [
      "nginx",
      "2026/11/21 01:02:03 [error] 11#11: *1 connect() failed",
      "2026/11/21 01:02:03",
      "2026-11-21T01:02:03.000Z",
    ],
    [
      "Apache",
      "[Sat Nov 21 01:02:03.412345 2026] [proxy:error] [pid 1] AH00957",
      "Sat Nov 21 01:02:03.412345 2026",
      "2026-11-21T01:02:03.000Z",
    ],
    [
      "PHP-FPM",
      "[21-Nov-2026 01:02:03] WARNING: [pool www] server reached pm.max_children setting (5)",
      "21-Nov-2026 01:02:03",
      "2026-11-21T01:02:03.000Z",
    ],
    [
      "Gunicorn, with its zone",
      "[2026-11-21 03:02:03 +0200] [412] [CRITICAL] WORKER TIMEOUT (pid:418)",
      "2026-11-21 03:02:03 +0200",
      "2026-11-21T01:02:03.000Z",
    ],
    [
      "ISO 8601",
      "2026-11-21T01:02:03.250Z app error",
      "2026-11-21T01:02:03.250Z",
      "2026-11-21T01:02:03.250Z",
    ],
    [
      "HAProxy accept date after a syslog prefix",
      "Nov 21 01:02:09 lb1 haproxy[1]: 203.0.113.9:51234 [21/Nov/2026:01:02:03.118] www app/web1 0/0/0/-1/12 502",
      "21/Nov/2026:01:02:03.118",
      "2026-11-21T01:02:03.000Z",
    ],
    [
      "common log format with a zone",
      '203.0.113.9 - - [21/Nov/2026:02:02:03 +0100] "GET / HTTP/1.1" 502 157',
      "21/Nov/2026:02:02:03 +0100",
      "2026-11-21T01:02:03.000Z",
    ],
    [
      "Caddy's epoch seconds",
      '{"level":"error","ts":1763686923.5,"msg":"x"}',
      "2025-11-21T01:02:03.500Z",
      "2025-11-21T01:02:03.500Z",
    ],
    [
      "syslog without a year",
      "Nov 21 01:02:03 web1 kernel: Out of memory",
      "Nov 21 01:02:03",
      "2026-11-21T01:02:03.000Z",
    ],
  ])("reads %s timestamps", (_name, line, text, iso) => {
    const seen = parseTimestamp(line, NOW);
    expect(seen?.text).toBe(text);
    expect(new Date(seen!.time).toISOString()).toBe(iso);
  });

  it("returns null for a line without a time", () => {
    expect(parseTimestamp("upstream sent too big header", NOW)).toBeNull();
    expect(parseTimestamp("", NOW)).toBeNull();
  });

  it("ignores month names it does not know", () => {
    expect(parseTimestamp("[21-Foo-2026 01:02:03] WARNING", NOW)).toBeNull();
  });
});
