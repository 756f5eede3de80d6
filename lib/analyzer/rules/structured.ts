import type { Rule } from "../types";
import { awsLoadBalancerLogRules, cloudFrontLogRules } from "./aws";
import { envoyLogRules } from "./envoy";
import { haproxyStateLogRules } from "./haproxy-states";
import { herokuLogRules } from "./heroku";
import { platformLogRules, platformPageRules } from "./platforms";

/*
 * Structured access logs and platform logs: Envoy/Istio response flags, AWS ALB/ELB and
 * CloudFront access logs, Heroku router codes, HAProxy termination states, Kubernetes
 * events, kernel OOM lines, app servers (uWSGI, Puma, Passenger, Unicorn), libcurl through
 * PHP, Node proxies, Traefik, Kong and Google's front-end pages. catalog.ts places these
 * ahead of the general rules, so a line in one of these formats is read by its own rule.
 * Each family lives in its own file with the documentation it was written from.
 */

/** Per-line rules for log formats (see catalog.ts for ordering). */
export const structuredLogRules: Rule[] = [
  ...envoyLogRules,
  ...awsLoadBalancerLogRules,
  ...cloudFrontLogRules,
  ...herokuLogRules,
  ...haproxyStateLogRules,
  ...platformLogRules,
];

/** Per-line rules for client-side messages (libraries reporting a failed request). */
export const structuredClientRules: Rule[] = [];

/** Whole-paste rules for error pages and header blocks. */
export const structuredPageRules: Rule[] = [...platformPageRules];
