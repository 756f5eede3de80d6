/**
 * TLS servers that speak HTTP/2 (offered in ALPN beside http/1.1), for the probe's HTTP/2
 * sample: one answers the same over both protocols, the other fails over HTTP/2 only, as a
 * front server does when its h2 path to the origin is broken while HTTP/1.1 still works (a
 * real class of CDN 502: browsers use h2, curl and monitors often HTTP/1.1). The split one is
 * a fixture that chooses its answer by protocol, and says so in its Server header.
 *
 * node:http2 (https://nodejs.org/api/http2.html): createSecureServer({ allowHTTP1: true })
 * negotiates h2 or http/1.1 by ALPN and hands both to one compatibility-API handler, whose
 * request.httpVersion is "2.0" or "1.1".
 */
import { createSecureServer } from "node:http2";
import type { ServerCredentials } from "./certs";
import { listen, type Fixture } from "./fixtures";

/** How the server answers: the same over both protocols, or 502 over HTTP/2 only. */
export type Http2Behaviour = "same" | "h2-502";

/** Starts an HTTP/2-capable TLS server with the given credentials. */
export function startHttp2Server(
  credentials: ServerCredentials,
  behaviour: Http2Behaviour,
  host = "127.0.0.1",
  port = 0,
): Promise<Fixture> {
  const server = createSecureServer(
    { key: credentials.key, cert: credentials.cert, allowHTTP1: true },
    (req, res) => {
      const h2 = req.httpVersion === "2.0";
      if (behaviour === "h2-502" && h2) {
        res.writeHead(502, { "content-type": "text/html", server: "lab-h2-split" });
        res.end(
          "<html><head><title>502 Bad Gateway</title></head><body>h2 path down</body></html>\n",
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/plain", server: "lab-h2-split" });
      res.end(`hello over HTTP/${req.httpVersion}\n`);
    },
  );
  return listen(server, host, port);
}
