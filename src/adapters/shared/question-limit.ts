import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

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

/** A per-user limit of `perMinute` questions, with throttled notices for the refused ones. */
export type QuestionLimit = (userId: string) => Promise<LimitDecision>;

export function createQuestionLimit(
  perMinute: number,
  options: { noticeIntervalMs?: number } = {},
): QuestionLimit {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: RATE_WINDOW_MS / 1000 });
  const shouldNotify = createNoticeThrottle(options.noticeIntervalMs);
  return async (userId) => {
    try {
      await limiter.consume(userId);
      return "answer";
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return shouldNotify(userId) ? "notify" : "quiet";
    }
  };
}
