import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";

/*
 * HAProxy termination states ("Session state at disconnection", configuration manual 8.5,
 * https://docs.haproxy.org/2.8/configuration.html#8.5) in httplog and tcplog lines.
 */

const http = (timers: string, status: number, state: string) =>
  `Nov 21 01:02:03 lb1 haproxy[2231]: 203.0.113.9:51234 [21/Nov/2026:01:02:03.118] www~ app/web1 ${timers} ${status} 1024 - - ${state} 12/12/3/1/0 0/0 "GET /cart HTTP/1.1"`;
const tcp = (timers: string, state: string) =>
  `Nov 21 01:02:03 lb1 haproxy[2231]: 203.0.113.9:51234 [21/Nov/2026:01:02:03.118] db-in db/pg1 ${timers} ${state} 3/3/2/1/0 0/0`;
/** `log stdout format raw` drops the syslog header; the fields are the same. */
const raw = (line: string) => line.replace(/^.{0,60}haproxy\[\d+\]: /, "");

const top = (text: string) => analyzePaste(text).findings[0];

describe("HAProxy client-side states", () => {
  it.each([
    ["CD--", "haproxy-state-client-closed-data"],
    ["cD--", "haproxy-state-client-timeout-data"],
    ["CH--", "haproxy-state-client-gave-up-waiting"],
    ["CR--", "haproxy-state-client-aborted-request"],
    ["cR--", "haproxy-state-client-request-timeout"],
    ["CC--", "haproxy-state-client-gave-up-connecting"],
    ["CQ--", "haproxy-state-client-gave-up-queued"],
  ])("reads %s as the client's doing, never a server fault", (state, ruleId) => {
    const finding = top(http("0/0/0/-1/29998", -1 as number, state));
    expect(finding?.ruleId).toBe(ruleId);
    expect(finding?.cause).toBe("client-gave-up");
  });
});

describe("HAProxy server and proxy states not in catalog.ts", () => {
  it.each([
    ["SD--", "haproxy-state-server-aborted-data", "upstream-closed"],
    ["sD--", "haproxy-state-server-timeout-data", "upstream-timeout"],
    ["PC--", "haproxy-state-proxy-connection-limit", "connection-limits"],
    ["RC--", "haproxy-state-resource-exhausted", "connection-limits"],
    ["PD--", "haproxy-state-proxy-blocked-data", "upstream-invalid-response"],
    ["PR--", "haproxy-state-proxy-blocked-request", "edge-blocked"],
    ["PT--", "haproxy-state-tarpit", "edge-blocked"],
  ])("reads %s", (state, ruleId, cause) => {
    const finding = top(http("0/0/0/12/340", 502, state));
    expect(finding?.ruleId).toBe(ruleId);
    expect(finding?.cause).toBe(cause);
  });

  it("leaves catalog.ts's own states to catalog.ts", () => {
    expect(top(http("0/0/-1/-1/3", 503, "SC--"))?.ruleId).toBe("haproxy-sc");
    expect(top(http("0/0/0/-1/30001", 504, "sH--"))?.ruleId).toBe("haproxy-server-timeout");
  });
});

describe("HAProxy TCP-mode logs", () => {
  it.each([
    ["SC", "haproxy-tcp-server-refused", "upstream-refused"],
    ["sC", "haproxy-tcp-connect-timeout", "upstream-connect-timeout"],
    ["sQ", "haproxy-tcp-queue-timeout", "connection-limits"],
    ["SD", "haproxy-tcp-server-aborted-data", "upstream-closed"],
    ["sD", "haproxy-tcp-server-timeout-data", "upstream-timeout"],
    ["PC", "haproxy-tcp-proxy-connection-limit", "connection-limits"],
    ["CD", "haproxy-tcp-client-closed-data", "client-gave-up"],
    ["cD", "haproxy-tcp-client-timeout-data", "client-gave-up"],
  ])("reads %s", (state, ruleId, cause) => {
    const finding = top(tcp("0/0/5012", state));
    expect(finding?.ruleId).toBe(ruleId);
    expect(finding?.cause).toBe(cause);
    // The same line without its syslog header (log stdout format raw) reads the same.
    expect(top(raw(tcp("0/0/5012", state)))?.ruleId).toBe(ruleId);
  });
});

describe("HAProxy near-misses", () => {
  it("does not read states out of a path, a normal completion or a shell command", () => {
    expect(top(http("0/0/0/12/14", 200, "----").replace("/cart", "/CD/SD"))).toBeUndefined();
    expect(top(tcp("0/0/12", "--"))).toBeUndefined();
    expect(analyzePaste("cd /etc/haproxy && sD restart").findings).toEqual([]);
  });
});
