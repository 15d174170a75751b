import { Redis } from "ioredis";
import type { Logger } from "../../core/logger.ts";

/**
 * How long one Redis command may take before the question it counts is counted in this process instead. Short,
 * because every question waits for it: a Redis on the same network answers in well under a millisecond.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * How long a connection to Redis may take, from the first packet to Redis' first answer, before it is dropped
 * and tried again. Questions never wait for it: they are counted in this process meanwhile.
 */
export const REDIS_CONNECT_TIMEOUT_MS = 2_000;

/** The per-user limits' Redis connection, and what its user tells it when a command failed. */
export interface LimitRedis {
  readonly client: Redis;
  /** A command failed with `error`: logged once per outage; a timeout also starts the connection over. */
  failed(error: unknown): void;
}

/**
 * The Redis connection the per-user limits share. It fails a command at once while it is not ready, instead of
 * queueing it, so that the limits fall back to counting in this process and no answer waits for Redis; it
 * reconnects in the background. A connection that accepts and then stops answering (a stalled server, a
 * partition) is dropped when a command times out or when it is not ready within `REDIS_CONNECT_TIMEOUT_MS`, and
 * made again. One warning per outage, not one per attempt.
 */
export function connectLimitRedis(url: string, logger: Logger | undefined): LimitRedis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // A command that timed out was counted in memory: sent again after a reconnection, it would count twice.
    autoResendUnfulfilledCommands: false,
  });
  let down = false;
  const wentDown = (why: string) => {
    if (down) return;
    down = true;
    logger?.warn(
      { err: why },
      "Redis is unreachable: per-user limits count in this process until it is back",
    );
  };
  client.on("error", (error: Error) => wentDown(error.message));
  // The TCP connection is up; Redis must answer the ready check within the deadline, or it is tried again.
  let attempts = 0;
  client.on("connect", () => {
    const attempt = ++attempts;
    setTimeout(() => {
      // Ready, closed, or another attempt since: not this timer's business.
      if (attempt !== attempts || client.status !== "connect") return;
      wentDown(`no answer within ${REDIS_CONNECT_TIMEOUT_MS} ms of connecting`);
      client.disconnect(true);
    }, REDIS_CONNECT_TIMEOUT_MS).unref();
  });
  client.on("ready", () => {
    // Until the first "ready", callers work in memory too: start-up never waits for Redis.
    logger?.info(
      down ? "Redis is back: per-user limits are shared again" : "per-user limits are shared through Redis",
    );
    down = false;
  });
  return {
    client,
    failed(error) {
      const message = error instanceof Error ? error.message : String(error);
      if (client.status !== "ready") return wentDown(message);
      if (!/timed out/i.test(message)) {
        logger?.warn({ err: message }, "a Redis command failed: this question is counted in this process");
        return;
      }
      wentDown(`a command had no answer within ${REDIS_COMMAND_TIMEOUT_MS} ms`);
      client.disconnect(true); // until it answers again, commands fail at once rather than after the deadline
    },
  };
}
