import { type BotError, type Context, GrammyError, HttpError } from "grammy";
import { ConfigError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { messages } from "../../core/messages.ts";
import { describeError as describeAnyError, type ErrorDetails, unreachableError } from "../shared/errors.ts";

/**
 * Something the user should be told in so many words (an empty question, an expired button, too many
 * questions). Its message is shown verbatim; it is not a bug, so it is not logged as an error.
 */
export class UserFacingError extends Error {
  override name = "UserFacingError";
}

/**
 * What may be logged about an error. grammY's `HttpError` carries the underlying fetch error, whose message
 * contains the request URL and so the bot token: never log that object itself.
 */
export function describeError(error: unknown): ErrorDetails {
  if (error instanceof GrammyError) {
    const { name, message, method, error_code: code, description } = error;
    return { name, message, method, code, description };
  }
  if (error instanceof HttpError) return { name: error.name, message: error.message };
  return describeAnyError(error);
}

/**
 * Why the bot could not start, worded for the person running it, as a `ConfigError` because the fix is theirs:
 * Telegram answers 401 (or 404, for a token of the wrong shape) when the token is wrong; no answer at all means
 * the network or `TELEGRAM_API_ROOT`. The original error is not attached: its cause may hold the request URL,
 * and so the token.
 */
export function startupError(
  error: unknown,
  context: { apiRoot: string | undefined; timedOut: number | false },
): ConfigError {
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    return new ConfigError(
      `TELEGRAM_BOT_TOKEN was refused by Telegram (${error.error_code}: ${error.description}): check it with @BotFather.`,
    );
  }
  const where = context.apiRoot ?? "https://api.telegram.org";
  if (error instanceof GrammyError) {
    return new ConfigError(
      `The Telegram bot could not start: ${where} answered ${error.error_code}: ${error.description}`,
    );
  }
  const why = context.timedOut ? `no answer within ${context.timedOut / 1000} s` : networkCause(error);
  return unreachableError({ platform: "Telegram", where, why, setting: "TELEGRAM_API_ROOT" });
}

/**
 * What a failed request ran into, e.g. "connect ECONNREFUSED 127.0.0.1:1" or "getaddrinfo ENOTFOUND host":
 * grammY's `HttpError` only says "Network request for 'getMe' failed!", and its cause's message starts with the
 * request URL, token included, so only the part after "reason:" is taken.
 */
function networkCause(error: unknown): string {
  if (!(error instanceof HttpError)) return describeError(error).message;
  const cause = error.error as { message?: unknown; code?: unknown } | undefined;
  const reason = typeof cause?.message === "string" ? /reason: (.*)$/s.exec(cause.message)?.[1] : undefined;
  const said = reason ?? (typeof cause?.code === "string" ? cause.code : error.message);
  return said.replace(/\/bot[^/\s]+/g, "/bot<token>");
}

/** Tells the user, in the way the update allows, that their request failed. */
async function tell(ctx: Context, text: string): Promise<void> {
  if (ctx.callbackQuery) {
    // A toast, which also stops the button from spinning.
    await ctx.answerCallbackQuery({ text, show_alert: true });
  } else if (ctx.inlineQuery) {
    await ctx.answerInlineQuery([], { cache_time: 0 });
  } else if (ctx.message && ctx.chatId !== undefined) {
    await ctx.reply(text, {
      reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
    });
  }
}

/**
 * The one error boundary: logs what went wrong with one update and gives the user a short, kind reply.
 * It never throws, so that one bad update cannot stop the bot from serving the others.
 */
export function createErrorHandler(logger: Logger): (err: BotError<Context>) => Promise<void> {
  return async (err) => {
    const { ctx, error } = err;
    const where = { updateId: ctx.update.update_id, chatId: ctx.chatId };
    if (error instanceof UserFacingError) {
      logger.debug({ ...where, reason: error.message }, "told the user why their request was refused");
    } else {
      logger.error({ ...where, err: describeError(error) }, "failed to handle an update");
    }
    try {
      await tell(ctx, error instanceof UserFacingError ? error.message : messages.failure);
    } catch (replyError) {
      logger.warn({ ...where, err: describeError(replyError) }, "could not tell the user about an error");
    }
  };
}
