import type { Product } from "./types";

/**
 * Every product a catalog rule can name. Reference extractors live here rather than on
 * each rule so that a new rule for a known vendor picks up its reference id for free.
 */
export const PRODUCTS = {
  cloudflare: {
    name: "Cloudflare",
    role: "CDN",
    references: [
      // Ray ids are 16 hex digits, optionally followed by the data-centre code in the header form.
      {
        label: "Ray ID",
        after: ["ray id", "cf-ray"],
        pattern: /\b([0-9a-f]{16}(?:-[A-Za-z]{3})?)\b/i,
      },
    ],
  },
  cloudfront: {
    name: "Amazon CloudFront",
    role: "CDN",
    references: [
      {
        label: "Request ID",
        after: ["x-amz-cf-id", "request id"],
        pattern: /([A-Za-z0-9_=-]{20,100})/,
      },
    ],
  },
  "aws-alb": { name: "AWS Application Load Balancer", role: "load balancer" },
  fastly: {
    name: "Fastly",
    role: "CDN",
    references: [
      {
        label: "Fastly details",
        after: ["details:"],
        pattern: /(cache-[a-z0-9-]{1,40} \d{1,12} \d{1,12})/i,
      },
      { label: "Varnish XID", after: ["xid:"], pattern: /(\d{1,20})/ },
    ],
  },
  varnish: {
    name: "Varnish",
    role: "caching proxy",
    references: [{ label: "Varnish XID", after: ["xid:"], pattern: /(\d{1,20})/ }],
  },
  akamai: {
    name: "Akamai",
    role: "CDN",
    references: [
      {
        label: "Reference #",
        after: ["reference #", "reference&#32;&#35;"],
        pattern: /([0-9a-f]{1,4}\.[0-9a-f]{1,16}\.\d{1,12}\.[0-9a-f]{1,16})/i,
      },
    ],
  },
  "azure-front-door": {
    name: "Azure Front Door",
    role: "CDN",
    references: [
      { label: "x-azure-ref", after: ["x-azure-ref"], pattern: /([A-Za-z0-9+/=-]{10,120})/ },
    ],
  },
  "azure-app-gateway": {
    name: "Azure Application Gateway",
    role: "load balancer",
    references: [
      { label: "x-azure-ref", after: ["x-azure-ref"], pattern: /([A-Za-z0-9+/=-]{10,120})/ },
    ],
  },
  nginx: { name: "nginx", role: "web server / reverse proxy" },
  apache: { name: "Apache httpd", role: "web server / reverse proxy" },
  haproxy: { name: "HAProxy", role: "load balancer / reverse proxy" },
  caddy: { name: "Caddy", role: "web server / reverse proxy" },
  "go-proxy": { name: "Caddy, Traefik or another Go proxy", role: "reverse proxy" },
  "php-fpm": { name: "PHP-FPM", role: "PHP app server" },
  php: { name: "PHP", role: "application" },
  gunicorn: { name: "Gunicorn", role: "Python app server" },
  uwsgi: { name: "uWSGI", role: "Python app server" },
  node: { name: "Node.js", role: "application" },
  pm2: { name: "PM2", role: "Node.js process manager" },
  kernel: { name: "Linux kernel", role: "operating system" },
  systemd: { name: "systemd", role: "service manager" },
  google: { name: "Google Cloud Load Balancer", role: "load balancer" },
  envoy: { name: "Envoy (also Istio, Kubernetes ingress)", role: "reverse proxy" },
  heroku: { name: "Heroku router", role: "platform router" },
  traefik: { name: "Traefik", role: "reverse proxy" },
  kong: { name: "Kong", role: "API gateway" },
  kubernetes: { name: "Kubernetes", role: "container platform" },
  puma: { name: "Puma", role: "Ruby app server" },
  passenger: { name: "Phusion Passenger", role: "app server" },
  unicorn: { name: "Unicorn", role: "Ruby app server" },
  "php-curl": { name: "PHP cURL / Guzzle (libcurl)", role: "HTTP client in the app" },
  "node-proxy": { name: "http-proxy-middleware (Node.js)", role: "reverse proxy" },
  vercel: {
    name: "Vercel",
    role: "hosting platform",
    references: [
      {
        label: "Vercel ID",
        after: ["x-vercel-id", "id:"],
        pattern: /([a-z]{3}\d?::[A-Za-z0-9:-]{5,80})/,
      },
    ],
  },
  iis: { name: "IIS with the ASP.NET Core Module", role: "web server" },
  "access-log": { name: "web server access log", role: "web server / reverse proxy" },
  wordpress: { name: "WordPress", role: "application" },
  postgres: { name: "PostgreSQL", role: "database" },
  mysql: { name: "MySQL / MariaDB", role: "database" },
  browser: { name: "your browser", role: "client" },
  curl: { name: "curl", role: "command-line client" },
  http: { name: "an HTTP server", role: "unknown layer" },
} as const satisfies Record<string, Product>;

/** A product id the catalog may use. */
export type ProductId = keyof typeof PRODUCTS;

/** Look up a product by id; unknown ids come back as a generic server so a typo never crashes a page. */
export function productById(id: string): Product {
  return (PRODUCTS as Record<string, Product>)[id] ?? PRODUCTS.http;
}
