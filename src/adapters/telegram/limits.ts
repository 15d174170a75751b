import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Api, Context, MiddlewareFn } from "grammy";
import { messages } from "../../core/messages.ts";
import type { QuestionLimit } from "../shared/question-limit.ts";
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
 * A per-user rate limit for questions (messages, Context and 👍/👎 presses; not "More", which pages an answer
 * already given, nor inline queries, which Telegram sends on every keystroke), counted by the limit Discord shares (in Redis when `REDIS_URL` is set). Exceeding it
 * raises a `UserFacingError`, which the error boundary turns into a polite reply. In chats that reply is sent
 * at most once per notice interval per user, so every refused question is told why yet a user who keeps
 * sending cannot make the bot flood a group; a button press is always answered, so that it never keeps spinning.
 */
export function createRateLimiter(limit: QuestionLimit): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next(); // channel posts: nobody to count
    const decision = await limit(String(userId));
    if (decision === "answer") return next();
    if (decision === "quiet" && ctx.callbackQuery === undefined) return;
    throw new UserFacingError(messages.rateLimited);
  };
}
