import { product as registryProduct } from "@/lib/products/registry";
import type { ProductRole } from "@/lib/products/types";
import type { Product, ReferenceExtractor } from "./types";

/** The registry's coarse roles in an owner's words, for products without their own label. */
const ROLE_WORDS: Record<ProductRole, string> = {
  cdn: "CDN",
  "load-balancer": "load balancer",
  "reverse-proxy": "reverse proxy",
  "app-server": "app server",
  platform: "hosting platform",
};

/**
 * A product the shared registry (lib/products/registry.ts) knows: its name and role come
 * from there, so the probe, the machine and the analyzer name a vendor the same way. The
 * analyzer adds only how to pull a reference id out of a pasted page.
 */
function registered(id: string, references?: readonly ReferenceExtractor[]): Product {
  const entry = registryProduct(id);
  if (!entry) throw new Error(`analyzer product "${id}" is missing from lib/products/registry.ts`);
  const product: Product = { name: entry.name, role: entry.roleLabel ?? ROLE_WORDS[entry.role] };
  return references ? { ...product, references } : product;
}

/**
 * Every product a catalog rule can name: vendors from the shared registry, plus what only
 * a pasted log shows (the kernel, databases, an access log, the browser). Reference
 * extractors live here rather than on each rule so that a new rule for a known vendor picks
 * up its reference id for free.
 */
export const PRODUCTS = {
  cloudflare: registered("cloudflare", [
    // Ray ids are 16 hex digits, optionally followed by the data-centre code in the header form.
    {
      label: "Ray ID",
      after: ["ray id", "cf-ray"],
      pattern: /\b([0-9a-f]{16}(?:-[A-Za-z]{3})?)\b/i,
    },
  ]),
  cloudfront: registered("cloudfront", [
    {
      label: "Request ID",
      after: ["x-amz-cf-id", "request id"],
      pattern: /([A-Za-z0-9_=-]{20,100})/,
    },
  ]),
  "aws-alb": registered("aws-alb"),
  fastly: registered("fastly", [
    {
      label: "Fastly details",
      after: ["details:"],
      pattern: /(cache-[a-z0-9-]{1,40} \d{1,12} \d{1,12})/i,
    },
    { label: "Varnish XID", after: ["xid:"], pattern: /(\d{1,20})/ },
  ]),
  varnish: registered("varnish", [
    { label: "Varnish XID", after: ["xid:"], pattern: /(\d{1,20})/ },
  ]),
  akamai: registered("akamai", [
    {
      label: "Reference #",
      after: ["reference #", "reference&#32;&#35;"],
      pattern: /([0-9a-f]{1,4}\.[0-9a-f]{1,16}\.\d{1,12}\.[0-9a-f]{1,16})/i,
    },
  ]),
  "azure-front-door": registered("azure-front-door", [
    { label: "x-azure-ref", after: ["x-azure-ref"], pattern: /([A-Za-z0-9+/=-]{10,120})/ },
  ]),
  "azure-app-gateway": registered("azure-app-gateway", [
    { label: "x-azure-ref", after: ["x-azure-ref"], pattern: /([A-Za-z0-9+/=-]{10,120})/ },
  ]),
  nginx: registered("nginx"),
  apache: registered("apache"),
  haproxy: registered("haproxy"),
  caddy: registered("caddy"),
  "go-proxy": registered("go-proxy"),
  "php-fpm": registered("php-fpm"),
  php: registered("php"),
  gunicorn: registered("gunicorn"),
  uwsgi: registered("uwsgi"),
  node: registered("node"),
  pm2: registered("pm2"),
  kernel: { name: "Linux kernel", role: "operating system" },
  systemd: { name: "systemd", role: "service manager" },
  google: registered("google"),
  envoy: registered("envoy"),
  heroku: registered("heroku"),
  traefik: registered("traefik"),
  kong: registered("kong"),
  kubernetes: { name: "Kubernetes", role: "container platform" },
  puma: registered("puma"),
  passenger: { name: "Phusion Passenger", role: "app server" },
  unicorn: { name: "Unicorn", role: "Ruby app server" },
  "php-curl": { name: "PHP cURL / Guzzle (libcurl)", role: "HTTP client in the app" },
  "node-proxy": { name: "http-proxy-middleware (Node.js)", role: "reverse proxy" },
  vercel: registered("vercel", [
    {
      label: "Vercel ID",
      after: ["x-vercel-id", "id:"],
      pattern: /([a-z]{3}\d?::[A-Za-z0-9:-]{5,80})/,
    },
  ]),
  iis: registered("iis"),
  "access-log": { name: "web server access log", role: "web server / reverse proxy" },
  wordpress: { name: "WordPress", role: "application" },
  postgres: { name: "PostgreSQL", role: "database" },
  mysql: { name: "MySQL / MariaDB", role: "database" },
  browser: { name: "your browser", role: "client" },
  curl: { name: "curl", role: "command-line client" },
  http: { name: "an HTTP server", role: "unknown layer" },
  squid: registered("squid"),
  trafficserver: registered("trafficserver"),
  h2o: registered("h2o"),
  lighttpd: registered("lighttpd"),
} as const satisfies Record<string, Product>;

/** A product id the catalog may use. */
export type ProductId = keyof typeof PRODUCTS;

/** Look up a product by id; unknown ids come back as a generic server so a typo never crashes a page. */
export function productById(id: string): Product {
  return (PRODUCTS as Record<string, Product>)[id] ?? PRODUCTS.http;
}
