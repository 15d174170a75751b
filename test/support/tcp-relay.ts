/**
 * A TCP relay run as a process of its own by `tcp-proxy.ts`: it listens on a free port of 127.0.0.1, writes that
 * port on a line of stdout, and forwards every connection to 127.0.0.1:<the port given as its argument>.
 * Frozen with SIGSTOP it behaves as a stalled server or a partitioned network does: the kernel still completes
 * new connections and buffers what is written to the open ones, but nothing is forwarded and nothing answers.
 */
import { createConnection, createServer, type Socket } from "node:net";

const target = Number(process.argv[2]);
if (!Number.isInteger(target) || target <= 0)
  throw new Error(`tcp-relay: bad target port ${process.argv[2]}`);

const server = createServer((client) => {
  const upstream = createConnection(target, "127.0.0.1");
  // Either side closing or failing closes the other: a dependency that drops a connection is seen to drop it.
  const pair: Array<[Socket, Socket]> = [
    [client, upstream],
    [upstream, client],
  ];
  for (const [socket, other] of pair) {
    socket.on("error", () => other.destroy());
    socket.on("close", () => other.destroy());
  }
  client.pipe(upstream).pipe(client);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.stdout.write(`${address.port}\n`);
});
