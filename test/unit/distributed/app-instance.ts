/**
 * One app instance for the distributed test, in its own process: the real route handlers of
 * /api/probe, /api/probe/places and /api/readyz behind node:http, configured by the environment
 * like `next start` would be (NATS_URL, NATS_TOKEN, REDIS_URL, PROBE_*). A full `next start`
 * twice would need a production build; the handlers are the same code either way. As proxy.ts
 * does in the app, the connection's address is handed on as X-Forwarded-For.
 *
 *   APP_PORT=… node --import tsx test/unit/distributed/app-instance.ts
 */
import { createServer } from "node:http";
import * as probeRoute from "@/app/api/probe/route";
import * as placesRoute from "@/app/api/probe/places/route";
import * as readyRoute from "@/app/api/readyz/route";
import { FORWARDED_CHAIN_HEADER } from "@/lib/probe/client-address";

const routes: Record<string, (request: Request) => Promise<Response>> = {
  "POST /api/probe": probeRoute.POST,
  "POST /api/probe/places": placesRoute.POST,
  "GET /api/readyz": () => readyRoute.GET(),
};

const port = Number(process.env.APP_PORT);
const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
  incoming.on("end", () => {
    const handler = routes[`${incoming.method} ${incoming.url}`];
    if (!handler) {
      outgoing.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === "string") headers.set(name, value);
    headers.set("x-forwarded-for", incoming.socket.remoteAddress ?? "unknown");
    headers.set(FORWARDED_CHAIN_HEADER, "for=");
    const body = incoming.method === "POST" ? Buffer.concat(chunks) : undefined;
    void handler(
      new Request(`http://127.0.0.1:${port}${incoming.url}`, {
        method: incoming.method,
        headers,
        body,
      }),
    )
      .then(async (response) => {
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        console.error(error);
        outgoing.writeHead(500).end();
      });
  });
});
server.listen(port, "127.0.0.1", () => console.log(`app instance listening on ${port}`));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
