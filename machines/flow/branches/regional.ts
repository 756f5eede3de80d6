/**
 * Regional: the site fails from some places and works from others. A check from several
 * places (POST /api/probe/places, lib/workers/combine.ts) tells the kinds apart by what each
 * place saw: other DNS answers, connections refused or blocked, or error pages from the edge.
 */
import { outcome, question, to } from "../builder";

export const regionalBranch = {
  // Which of the three regional patterns the places show; the multi-place check's combined
  // verdict names it, and a person comparing reports from friends abroad can tell it too.
  regionalWhy: question("dns", {
    "other-addresses": to("The failing places got other addresses for the name", "regionalDns"),
    blocked: to("The failing places cannot connect, or get 403 or 451", "regionalBlock"),
    "error-pages": to("The failing places get error pages, the others the site", "regionalPop"),
    "not-sure": to("I can't tell", "visitorSiteDown"),
  }),
  // A changed record reaches resolvers only as their cached copies expire (the record's TTL),
  // so for a while places disagree on the address (RFC 1034 §4.3.5, RFC 2181 §8).
  regionalDns: outcome("dns"),
  // Refused or dropped connections, or 403/451 (RFC 7725, "Unavailable For Legal Reasons"),
  // from some places only: a firewall, a country block or a routing hole on those paths.
  regionalBlock: outcome("edge"),
  // Error pages from the edge in some places and pages in others: CDNs answer each visitor
  // from a nearby point of presence, and one of them (or its path to the origin) is failing.
  regionalPop: outcome("edge"),
};
