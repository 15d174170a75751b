/**
 * The load balancer in front of Telegram webhook replicas, as small as one can be: each request goes to the next
 * backend in turn, method, path, headers and body as they came, and the backend's answer goes back as it is.
 * Round robin with no stickiness is what the README says replicas must bear (any update to any replica).
 */
import { once } from "node:events";
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobin {
  /** Where to send requests: `http://127.0.0.1:<port>`. */
  url: string;
  /** How many requests each backend was given, in the order of `backends`. */
  forwarded: number[];
  close(): Promise<void>;
}

/** Starts the proxy on a free port of 127.0.0.1 in front of `backends` (`http://host:port` each). */
export async function startRoundRobin(backends: readonly string[]): Promise<RoundRobin> {
  if (backends.length === 0) throw new Error("a round robin needs at least one backend");
  // Connections kept open, as a real balancer keeps them: a burst should not measure TCP handshakes.
  const agent = new Agent({ keepAlive: true });
  const forwarded = backends.map(() => 0);
  let next = 0;
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const index = next;
    next = (next + 1) % backends.length;
    forwarded[index] = (forwarded[index] ?? 0) + 1;
    const target = new URL(req.url ?? "/", backends[index]);
    const upstream = request(target, { method: req.method, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  };
  const server = createServer(forward);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
