import { describe, expect, it } from "vitest";
import {
  allProducts,
  isGateway,
  PRODUCT_ROLES,
  productIdsWithRole,
  productRole,
} from "@/lib/products/registry";

// Ids other code already keys on: the diagnosis machine's vendor lists, the analyzer's
// catalog and the probe's verdicts. Losing one silently drops a route or a rule.
const IDS_IN_USE = [
  "cloudflare",
  "cloudfront",
  "aws-alb",
  "fastly",
  "varnish",
  "akamai",
  "azure-front-door",
  "azure-app-gateway",
  "nginx",
  "apache",
  "haproxy",
  "caddy",
  "go-proxy",
  "php-fpm",
  "php",
  "gunicorn",
  "uwsgi",
  "node",
  "pm2",
  "google",
  "envoy",
  "heroku",
  "vercel",
  "iis",
  "aws-waf",
  "imperva",
  "sucuri",
  "netlify",
  "traefik",
  "lighttpd",
  "squid",
  "trafficserver",
  "h2o",
];

describe("product registry", () => {
  it("keeps every id that the probe, machine and analyzer already use", () => {
    const ids = allProducts().map((p) => p.id);
    for (const id of IDS_IN_USE) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives every product a known role and at least one source", () => {
    for (const p of allProducts()) {
      expect(PRODUCT_ROLES).toContain(p.role);
      expect(p.sources.length, p.id).toBeGreaterThan(0);
    }
  });

  it("derives the machine's CDN and managed load-balancer lists from roles", () => {
    expect(productIdsWithRole("cdn")).toEqual(
      expect.arrayContaining(["cloudflare", "cloudfront", "fastly", "akamai", "azure-front-door"]),
    );
    expect(productIdsWithRole("load-balancer")).toEqual(
      expect.arrayContaining(["aws-alb", "google", "azure-app-gateway"]),
    );
    // A self-run proxy is not a console-managed load balancer.
    expect(productIdsWithRole("load-balancer")).not.toContain("haproxy");
    expect(productRole("gunicorn")).toBe("app-server");
    expect(productRole("no-such-product")).toBeNull();
    expect(isGateway("squid")).toBe(true);
    expect(isGateway("gunicorn")).toBe(false);
    expect(isGateway(null)).toBe(false);
  });

  it("states default timeouts in seconds for the lab's proxies", () => {
    const varnish = allProducts().find((p) => p.id === "varnish")!;
    expect(varnish.timeouts).toContainEqual(
      expect.objectContaining({ setting: "first_byte_timeout", seconds: 60 }),
    );
  });
});
