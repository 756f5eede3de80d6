import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { diagnosisMachine } from "@/machines/diagnosis.machine";
import { applyEvidence, inferenceCost, permalinkForVerdict } from "@/machines/evidence";
import { getStep } from "@/machines/steps";
import { replayAnswers } from "@/machines/replay";
import { VERDICT_CODES, type VerdictFacts } from "@/lib/probe/verdict";

function verdict(facts: Partial<VerdictFacts> & Pick<VerdictFacts, "code">): VerdictFacts {
  return { status: null, layer: "unknown", vendor: null, cause: null, ...facts };
}

/** Runs a live actor, as the browser does, and returns the state evidence leads to. */
function stateAfterEvidence(facts: VerdictFacts, answers: string[] = ["owner"]): string {
  const actor = createActor(diagnosisMachine).start();
  for (const answer of answers) actor.send({ type: "ANSWER", answer });
  actor.send({ type: "EVIDENCE", verdict: facts });
  const value = String(actor.getSnapshot().value);
  actor.stop();
  return value;
}

describe("evidence moves the diagnosis", () => {
  it.each([
    // Failures the probe sees before any HTTP answer.
    [verdict({ code: "dns-nxdomain", layer: "dns" }), "dnsFixRecord"],
    [verdict({ code: "dns-error", layer: "dns" }), "dnsRecords"],
    [verdict({ code: "connect-refused", layer: "network" }), "originDown"],
    [verdict({ code: "connect-timeout", layer: "network" }), "firewallOrigin"],
    [verdict({ code: "tls-expired", layer: "tls" }), "tlsRenew"],
    [verdict({ code: "tls-incomplete-chain", layer: "tls" }), "tlsChain"],
    [verdict({ code: "tls-hostname-mismatch", layer: "tls" }), "tlsSni"],
    [verdict({ code: "malformed-response", layer: "app" }), "malformedInvalidResponse"],
    // Real nginx in front of a dead, slow or broken upstream (signals: nginx log table).
    [
      verdict({ code: "bad-gateway", status: 502, vendor: "nginx", cause: "upstream-refused" }),
      "appDown",
    ],
    [
      verdict({ code: "gateway-timeout", status: 504, vendor: "nginx", cause: "upstream-timeout" }),
      "timeoutProxyRead",
    ],
    [
      verdict({ code: "bad-gateway", status: 502, vendor: "nginx", cause: "upstream-closed" }),
      "appCrashing",
    ],
    [verdict({ code: "bad-gateway", status: 502, vendor: "nginx" }), "proxyUpstream"],
    // Cloudflare's own codes name the failure.
    [verdict({ code: "bad-gateway", status: 521, vendor: "cloudflare" }), "cf521"],
    [verdict({ code: "bad-gateway", status: 522, vendor: "cloudflare" }), "cf522"],
    [verdict({ code: "gateway-timeout", status: 524, vendor: "cloudflare" }), "cf524"],
    [verdict({ code: "bad-gateway", status: 525, vendor: "cloudflare" }), "cf525"],
    [verdict({ code: "bad-gateway", status: 526, vendor: "cloudflare" }), "cf526"],
    [verdict({ code: "bad-gateway", status: 502, vendor: "cloudflare" }), "cdnPage502"],
    [verdict({ code: "bad-gateway", status: 502, vendor: "cloudfront" }), "cdnPage502"],
    [verdict({ code: "gateway-timeout", status: 504, vendor: "aws-alb" }), "timeoutLoadBalancer"],
    [verdict({ code: "gateway-timeout", status: 504, vendor: "cloudfront" }), "timeoutCdnLimit"],
    // As the probe reports the lab's CloudFront and ALB 504 pages: the page names the cause too,
    // and the vendor's own time limit must still win over the proxy's read timeout.
    [
      verdict({
        code: "gateway-timeout",
        status: 504,
        vendor: "cloudfront",
        cause: "upstream-timeout",
      }),
      "timeoutCdnLimit",
    ],
    [
      verdict({
        code: "gateway-timeout",
        status: 504,
        vendor: "aws-alb",
        cause: "upstream-timeout",
      }),
      "timeoutLoadBalancer",
    ],
    [verdict({ code: "bad-gateway", status: 502 }), "whoRendered"],
    [verdict({ code: "unavailable", status: 503 }), "unavailableCause"],
    [verdict({ code: "blocked", status: 403, vendor: "cloudflare" }), "wafRules"],
    // Every target failing its health check (ALB 503) vs nginx giving up on some (502).
    [
      verdict({
        code: "unavailable",
        status: 503,
        vendor: "aws-alb",
        cause: "no-healthy-upstream",
      }),
      "appDown",
    ],
    [
      verdict({ code: "bad-gateway", status: 502, vendor: "nginx", cause: "no-healthy-upstream" }),
      "badNode",
    ],
    [
      verdict({ code: "bad-gateway", status: 502, vendor: "nginx", intermittent: true }),
      "intermittentPattern",
    ],
    [verdict({ code: "ok", status: 200 }), "intermittentPattern"],
  ])("%o → %s", (facts, expected) => {
    expect(stateAfterEvidence(facts)).toBe(expected);
    expect(applyEvidence(facts, ["owner"])?.step.id).toBe(expected);
  });

  it("leads every verdict code somewhere on the owner path", () => {
    for (const code of VERDICT_CODES) {
      const outcome = applyEvidence(verdict({ code }), ["owner"]);
      expect(outcome, code).not.toBeNull();
    }
  });

  it("answers the visitor's 'is it just me?' from our server's view", () => {
    expect(stateAfterEvidence(verdict({ code: "ok", status: 200 }), ["visitor"])).toBe(
      "visitorHardRefresh",
    );
    expect(stateAfterEvidence(verdict({ code: "bad-gateway", status: 502 }), ["visitor"])).toBe(
      "visitorSiteDown",
    );
  });

  it("reads an origin-direct check as the origin-direct step's answers", () => {
    const originDirect = ["owner", "502", "cdn-page", "no-incident"];
    expect(applyEvidence(verdict({ code: "ok", status: 200 }), originDirect)?.step.id).toBe(
      "edgeCannotReachOrigin",
    );
    expect(applyEvidence(verdict({ code: "connect-refused" }), originDirect)?.step.id).toBe(
      "originDown",
    );
    expect(applyEvidence(verdict({ code: "connect-timeout" }), originDirect)?.step.id).toBe(
      "originDown",
    );
    const flaky = verdict({
      code: "bad-gateway",
      status: 502,
      vendor: "nginx",
      intermittent: true,
    });
    expect(applyEvidence(flaky, originDirect)?.step.id).toBe("intermittentPattern");
    // What the origin's own answer explains still follows the owner rules.
    expect(applyEvidence(verdict({ code: "tls-expired" }), originDirect)?.step.id).toBe("tlsRenew");
    const outcome = applyEvidence(verdict({ code: "ok", status: 200 }), originDirect);
    expect(outcome?.answers).toEqual([...originDirect, "origin-works"]);
  });

  it("reads a valid certificate at the upstream TLS step as 'looks fine'", () => {
    const tlsUpstream = ["owner", "502", "server-page", "ssl-handshake"];
    expect(applyEvidence(verdict({ code: "ok", status: 200 }), tlsUpstream)?.answers).toEqual([
      ...tlsUpstream,
      "looks-fine",
    ]);
    expect(applyEvidence(verdict({ code: "tls-incomplete-chain" }), tlsUpstream)?.step.id).toBe(
      "tlsChain",
    );
  });

  it("keeps the person's own answers and infers the rest, so the permalink replays", () => {
    const outcome = applyEvidence(
      verdict({ code: "bad-gateway", status: 502, vendor: "nginx", cause: "upstream-refused" }),
      ["owner", "502"],
    );
    expect(outcome?.answers.slice(0, 2)).toEqual(["owner", "502"]);
    const replayed = replayAnswers(outcome?.answers ?? []);
    expect(replayed.ok && replayed.step.id).toBe("appDown");
    expect(outcome?.permalink).toBe("/diagnose/owner/502/server-page/connection-refused");
  });

  it("records the verdict in the machine's context", () => {
    const facts = verdict({ code: "bad-gateway", status: 521, vendor: "cloudflare" });
    const actor = createActor(diagnosisMachine).start();
    actor.send({ type: "ANSWER", answer: "owner" });
    actor.send({ type: "EVIDENCE", verdict: facts });
    expect(actor.getSnapshot().context.evidence).toEqual(facts);
    actor.stop();
  });

  it("points a verdict at a permalink that replays to its state", () => {
    const permalink = permalinkForVerdict(verdict({ code: "tls-expired", layer: "tls" }));
    const answers = permalink.split("/").slice(2);
    const replayed = replayAnswers(answers);
    expect(replayed.ok && replayed.step.id).toBe("tlsRenew");
  });

  it("reads a healthy check at the DNS step as resolvers disagreeing", () => {
    expect(stateAfterEvidence(verdict({ code: "ok", status: 200 }), ["owner", "no-status"])).toBe(
      "dnsPropagation",
    );
  });
});

describe("answers inferred from evidence", () => {
  /** Every answer the evidence filled in after the person's own ones. */
  function inferred(facts: VerdictFacts, given: string[] = ["owner"]) {
    const outcome = applyEvidence(facts, given);
    expect(outcome).not.toBeNull();
    const answers = outcome?.answers ?? [];
    expect(answers.slice(0, given.length)).toEqual(given);
    const replayed = replayAnswers(answers);
    expect(replayed.ok).toBe(true);
    return replayed.ok ? replayed.trail.slice(given.length) : [];
  }

  it.each([
    verdict({ code: "tls-expired", layer: "tls" }),
    verdict({ code: "tls-hostname-mismatch", layer: "tls" }),
    verdict({ code: "dns-nxdomain", layer: "dns" }),
    verdict({ code: "connect-refused", layer: "network" }),
    verdict({ code: "bad-gateway", status: 521, vendor: "cloudflare" }),
    verdict({ code: "gateway-timeout", status: 504, vendor: "aws-alb" }),
    verdict({ code: "unavailable", status: 503, vendor: "aws-alb", cause: "no-healthy-upstream" }),
  ])("never claim a fix was tried for %o", (facts) => {
    for (const entry of inferred(facts)) expect(entry.step.kind, entry.step.id).not.toBe("fix");
  });

  it("name the status the check saw, not another one", () => {
    const trail = inferred(verdict({ code: "bad-gateway", status: 521, vendor: "cloudflare" }));
    expect(trail.map((entry) => entry.answer)).toEqual(["cloudflare-52x", "521"]);
    const timeout = inferred(verdict({ code: "gateway-timeout", status: 504, vendor: "nginx" }));
    expect(timeout.map((entry) => entry.answer)).toEqual(["504", "proxy"]);
  });

  it("describe a certificate failure as a certificate warning, not as a 502 or a Cloudflare code", () => {
    const trail = inferred(verdict({ code: "tls-expired", layer: "tls" }));
    expect(trail.map((entry) => entry.answer)).toEqual(["certificate-error", "expired"]);
  });

  it("cost more when they contradict the verdict or claim an attempt", () => {
    const facts = verdict({ code: "bad-gateway", status: 521, vendor: "cloudflare" });
    const which = getStep("ownerWhichError");
    const fix = getStep("cf521");
    expect(which && inferenceCost(which, "cloudflare-52x", facts)).toBe(1);
    expect(which && inferenceCost(which, "502", facts)).toBeGreaterThan(1);
    expect(fix && inferenceCost(fix, "still-broken", facts)).toBeGreaterThan(1);
  });
});
