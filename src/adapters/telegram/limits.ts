import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Api, Context, MiddlewareFn } from "grammy";
import { messages } from "../../core/messages.ts";
import type { QuestionLimiter } from "../shared/rate-limit.ts";
import { createNoticeThrottle, NOTICE_INTERVAL_MS, RATE_WINDOW_MS } from "../shared/question-limit.ts";
import { UserFacingError } from "./errors.ts";

/**
 * Installs the outgoing-call plugins on an API object. Order matters: the transformer installed last runs
 * first, so auto-retry wraps the throttler and every retry waits its turn under the flood limits again.
 */
export function installApiLimits(api: Api): void {
  // Telegram's defaults: 30 messages/s overall, 1/s per private chat, 20/min per group.
  api.config.use(apiThrottler());
  api.config.use(
    autoRetry({
      // A reply delayed by more than half a minute is worth less than a clear failure and an apology.
      maxDelaySeconds: 30,
      maxRetryAttempts: 3,
    }),
  );
}

/**
 * A per-user rate limit for questions (messages and "More" presses; not inline queries, which Telegram sends
 * on every keystroke). A refused question raises a `UserFacingError`, which the error boundary turns into a
 * short reply saying why. Every refusal in a private chat and every refused button press is answered (silence
 * there reads as a broken bot); in groups a user is told at most once per `noticeIntervalMs`, so that someone
 * who keeps sending cannot make the bot flood the group.
 */
export function createRateLimiter(limiter: QuestionLimiter): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const verdict = await limiter.take(`telegram:${userId}`);
    if (verdict === "allowed") return next();
    const mustAnswer = ctx.callbackQuery !== undefined || ctx.chat?.type === "private";
    if (verdict === "refused" || mustAnswer) throw new UserFacingError(messages.rateLimited);
  };
}
