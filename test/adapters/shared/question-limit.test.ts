import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { type AddressInfo, createConnection, createServer, type Server, type Socket } from "node:net";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createQuestionLimit, type QuestionLimit } from "../../../src/adapters/shared/question-limit.ts";

/** The Redis every test machine runs (see the README's "Replicas"). */
const REDIS_URL = "redis://127.0.0.1:6379";

const opened: QuestionLimit[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((limit) => limit.close()));
});

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: { msg: string }[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** A limit of `perMinute` over `redisUrl`, closed after the test. */
function limitOver(
  redisUrl: string,
  perMinute: number,
  keyPrefix: string,
  logger = recordingLogger().logger,
) {
  const limit = createQuestionLimit(perMinute, { redisUrl, keyPrefix, logger });
  opened.push(limit);
  return limit;
}

/** A limit over the real Redis, once it is connected (before that, questions are counted in memory). */
async function sharedLimit(redisUrl: string, perMinute: number, keyPrefix: string) {
  const { logger, lines } = recordingLogger();
  const limit = limitOver(redisUrl, perMinute, keyPrefix, logger);
  await until(() => lines.some((line) => line.msg === "per-user limits are shared through Redis"));
  return { limit, lines };
}

/** Resolves once a condition holds, polling; rejects after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("until: the condition never held");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A TCP relay to the real Redis that the test can cut, as when Redis goes down mid-run. */
async function relayToRedis(): Promise<{ url: string; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(6379, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => socket.destroy());
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    async cut() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

describe("createQuestionLimit with REDIS_URL", () => {
  it("counts one user's questions once across replicas sharing the Redis", async () => {
    const prefix = `citebot:test:${randomUUID()}`;
    const { limit: first } = await sharedLimit(REDIS_URL, 3, prefix);
    const { limit: second } = await sharedLimit(REDIS_URL, 3, prefix);
    expect([await first("42"), await second("42"), await first("42")]).toEqual([
      "answer",
      "answer",
      "answer",
    ]);
    expect(await second("42")).toBe("notify");
    expect(await first("42")).toBe("notify");
    expect(await second("7")).toBe("answer"); // another user has a budget of their own
  });

  it("answers when Redis cannot be reached at start-up, counting in the process instead", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens on this port now
    const { logger, lines } = recordingLogger();
    const limit = limitOver(`redis://127.0.0.1:${port}`, 2, `citebot:test:${randomUUID()}`, logger);
    expect([await limit("42"), await limit("42"), await limit("42")]).toEqual(["answer", "answer", "notify"]);
    await until(() => lines.some((line) => line.msg.startsWith("Redis is unreachable")));
  });

  it("keeps answering when Redis goes away mid-run, counting in the process meanwhile", async () => {
    const prefix = `citebot:test:${randomUUID()}`;
    const relay = await relayToRedis();
    const { limit: behindRelay, lines } = await sharedLimit(relay.url, 2, prefix);
    const { limit: direct } = await sharedLimit(REDIS_URL, 2, prefix);
    expect(await behindRelay("42")).toBe("answer");
    await relay.cut();
    await until(() => lines.some((line) => line.msg.startsWith("Redis is unreachable")));
    // Counted in memory now: this replica's own budget, not the one in Redis.
    expect([await behindRelay("42"), await behindRelay("42")]).toEqual(["answer", "answer"]);
    expect(await behindRelay("42")).toBe("notify");
    // The other replica still sees the one question that reached Redis.
    expect([await direct("42"), await direct("42")]).toEqual(["answer", "notify"]);
  });
});
