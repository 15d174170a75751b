import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "../../core/logger.ts";
import { connectLimitRedis } from "./redis.ts";

/** The window per-user question limits count in. */
export const RATE_WINDOW_MS = 60_000;

/**
 * How long after telling a user to slow down the bot may stay quiet about further refused questions: every
 * refused question is told why, yet a user who keeps sending cannot make the bot flood a chat with notices.
 */
export const NOTICE_INTERVAL_MS = 5_000;

/**
 * Whether to tell a user, now, that a question was refused: true at most once per `intervalMs` per user.
 * Bounded memory: forgetting a user only risks one notice more.
 */
export function createNoticeThrottle(intervalMs = NOTICE_INTERVAL_MS): (userId: string) => boolean {
  const toldAt = new Map<string, number>();
  return (userId) => {
    const now = Date.now();
    if (now - (toldAt.get(userId) ?? Number.NEGATIVE_INFINITY) < intervalMs) return false;
    if (toldAt.size > 10_000) toldAt.clear();
    toldAt.set(userId, now);
    return true;
  };
}

/** What to do with a user's question under the limit. */
export type LimitDecision = "answer" | "notify" | "quiet";

/** A per-user limit of questions, with throttled notices for the refused ones. */
export interface QuestionLimit {
  (userId: string): Promise<LimitDecision>;
  /** Closes the Redis connection, if any. */
  close(): Promise<void>;
}

/** Options for {@link createQuestionLimit}. */
export interface QuestionLimitOptions {
  /** How long the bot stays quiet after telling a user to slow down. Default {@link NOTICE_INTERVAL_MS}. */
  noticeIntervalMs?: number;
  /**
   * `redis://…` of a Redis that replicas share, so that a user's questions count once whichever replica gets
   * them. Unset: counted in this process only.
   */
  redisUrl?: string;
  /** Prefix of the Redis keys, one per platform (and per test). Default `citebot:limit`. */
  keyPrefix?: string;
  /** Told when Redis goes away and comes back; required with `redisUrl`. */
  logger?: Logger;
}

/**
 * A per-user limit of `perMinute` questions. With `redisUrl` the count lives in Redis and every replica sees
 * it; while Redis is unreachable or stalled (at start-up or later) each process counts on its own, so an outage
 * can let a user ask up to `perMinute` questions per replica but never stops answers: a question waits for Redis
 * at most `REDIS_COMMAND_TIMEOUT_MS`, once per outage. The notice throttle stays per
 * process: at worst a user is told once per replica per interval, and sharing it would add a Redis round trip
 * to every refused question for no difference a user would notice.
 */
export function createQuestionLimit(perMinute: number, options: QuestionLimitOptions = {}): QuestionLimit {
  const window = { points: perMinute, duration: RATE_WINDOW_MS / 1000 };
  const redis = options.redisUrl ? connectLimitRedis(options.redisUrl, options.logger) : undefined;
  const inProcess = new RateLimiterMemory(window);
  const shared =
    redis &&
    new RateLimiterRedis({
      ...window,
      storeClient: redis.client,
      keyPrefix: options.keyPrefix ?? "citebot:limit",
      rejectIfRedisNotReady: true,
    });
  // Counted in Redis when it answers within its deadline, in this process otherwise (rate-limiter-flexible's
  // insurance limiter does the same, but would not tell the connection that a command timed out).
  const consume = async (userId: string) => {
    if (!shared) return inProcess.consume(userId);
    try {
      return await shared.consume(userId);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw error;
      redis?.failed(error);
      return inProcess.consume(userId);
    }
  };
  const shouldNotify = createNoticeThrottle(options.noticeIntervalMs);
  const limit = async (userId: string): Promise<LimitDecision> => {
    try {
      await consume(userId);
      return "answer";
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return shouldNotify(userId) ? "notify" : "quiet";
    }
  };
  return Object.assign(limit, {
    async close() {
      if (redis) await redis.client.quit().catch(() => redis.client.disconnect());
    },
  });
}
