import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startRoundRobin } from "../../bench/round-robin.ts";

/** A backend that answers each request with its own name, the method, path, a header and the body it got. */
async function echo(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      res.writeHead(name === "b" ? 201 : 200, { "x-backend": name });
      res.end(
        JSON.stringify({ name, method: req.method, path: req.url, secret: req.headers["x-secret"], body }),
      );
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("the bench's round-robin proxy", () => {
  it("gives each request to the next backend in turn, passing method, path, headers and body both ways", async () => {
    const backends = [await echo("a"), await echo("b")];
    const proxy = await startRoundRobin(backends.map((b) => b.url));
    cleanups.push(
      () => proxy.close(),
      ...backends.map((b) => () => new Promise((resolve) => b.server.close(resolve))),
    );
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => {
        const response = await fetch(`${proxy.url}/telegram/hook?n=${n}`, {
          method: "POST",
          headers: { "x-secret": "s3cret" },
          body: `update ${n}`,
        });
        return {
          status: response.status,
          backend: response.headers.get("x-backend"),
          ...(await response.json()),
        };
      }),
    );
    expect(answers.map((a) => a.name).sort()).toEqual(["a", "a", "a", "b", "b"]);
    expect(proxy.forwarded).toEqual([3, 2]);
    for (const [i, a] of answers.entries()) {
      expect(a).toMatchObject({
        method: "POST",
        path: `/telegram/hook?n=${i + 1}`,
        secret: "s3cret",
        body: `update ${i + 1}`,
      });
      expect(a.status).toBe(a.name === "b" ? 201 : 200);
      expect(a.backend).toBe(a.name);
    }
  });

  it("answers 502 when the backend it picked is down", async () => {
    const down = await echo("gone");
    await new Promise((resolve) => down.server.close(resolve));
    const proxy = await startRoundRobin([down.url]);
    cleanups.push(() => proxy.close());
    expect((await fetch(proxy.url)).status).toBe(502);
  });
});
