/**
 * A minimal authoritative DNS server over UDP for the distributed test: it answers A queries for
 * every name with one fixed address and any other query type with an empty NOERROR answer, so
 * two of them on different ports play resolvers that disagree about a site (one still serving
 * the old record). dnsmasq in test/lab binds loopback only, which the namespaces cannot reach.
 * Message layout: RFC 1035 §4.1 (header, question, resource records; name compression §4.1.4).
 */
import { createSocket, type Socket } from "node:dgram";

/** A running server. */
export interface DnsAnswers {
  /** "host:port", for PROBE_DNS_SERVERS. */
  server: string;
  stop: () => Promise<void>;
}

const TYPE_A = 1;
const CLASS_IN = 1;

/** The answer to one query, or null for a message that is not a query we can read. */
export function answerQuery(query: Buffer, address: string, ttl = 60): Buffer | null {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return null;
  // Walk the question's labels to find its end (type and class follow the zero label).
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) offset += query[offset]! + 1;
  const questionEnd = offset + 5;
  if (questionEnd > query.length) return null;
  const type = query.readUInt16BE(offset + 1);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR, AA, RD copied, RA; RCODE 0.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | 0x0080, 2);
  header.writeUInt16BE(1, 4);
  const answers: Buffer[] = [];
  if (type === TYPE_A) {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // the question's name, by pointer
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(ttl, 6);
    record.writeUInt16BE(4, 10);
    address.split(".").forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
    answers.push(record);
  }
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

/** Serves `address` for every name on host, on a port the system picks. */
export async function startDnsAnswers(host: string, address: string): Promise<DnsAnswers> {
  const socket: Socket = createSocket("udp4");
  socket.on("message", (message, remote) => {
    const reply = answerQuery(message, address);
    if (reply) socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  return {
    server: `${host}:${socket.address().port}`,
    stop: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
