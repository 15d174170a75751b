import type { Server } from "node:http";
import { Api, type Bot, GrammyError } from "grammy";
import type { TelegramConfig } from "../../config.ts";
import type { Logger } from "../../core/logger.ts";
import type { StartUp } from "../shared/deadlines.ts";
import { describeError } from "./errors.ts";
import { listenForWebhook, type WebhookConfig } from "./webhook.ts";

/** The only update types the bot handles; asking for just these saves Telegram sending the rest. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/**
 * The signal type grammY's methods take. On Node it is typed after the `abort-controller` polyfill, which the
 * built-in `AbortSignal` matches at run time but not in tsc.
 */
type GrammySignal = NonNullable<Parameters<Bot["init"]>[0]>;

/** A start-up's signal as grammY's methods take it. */
export function grammySignal(startUp: StartUp): GrammySignal {
  return startUp.signal as unknown as GrammySignal;
}

/**
 * Sets `bot.botInfo` from `getMe`, asked once without auto-retry: auto-retry repeats a request that meets a
 * network error for ever, so an unreachable API (refused, unknown host, bad certificate) would only be reported
 * by the start-up deadline, without its cause. Telegram's own 5xx and 429 still get the retrying `bot.init`.
 */
export async function getMe(bot: Bot, config: TelegramConfig, signal: GrammySignal): Promise<void> {
  try {
    bot.botInfo = await new Api(config.token, { apiRoot: config.apiRoot }).getMe(signal);
  } catch (error) {
    const retryable = error instanceof GrammyError && (error.error_code >= 500 || error.error_code === 429);
    if (!retryable) throw error;
    await bot.init(signal);
  }
}

/**
 * Runs a start-up call whose failure should be logged, not fatal (the bot can serve without it). A call cut
 * short because the bot is stopping is not a failure worth logging.
 */
export async function tryStartupCall(
  logger: Logger,
  what: string,
  call: () => Promise<unknown>,
  startUp: StartUp,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (startUp.cancelled) return;
    logger.error({ err: describeError(error) }, `${what} failed; continuing without it`);
  }
}

/** Starts grammY's long polling; resolves once it runs, rejects if it cannot start. */
export function startPolling(bot: Bot, logger: Logger): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    bot.start({ allowed_updates: ALLOWED_UPDATES, onStart: () => resolve() }).catch((error: unknown) => {
      // After start-up nobody awaits this promise any more, so the log line is what reports a 409 or 401.
      logger.fatal({ err: describeError(error) }, "long polling stopped with an error");
      reject(error);
    });
  });
}

/** Listens for webhook requests, then tells Telegram where to send them and with which secret. */
export async function startWebhook(
  bot: Bot,
  webhook: WebhookConfig,
  logger: Logger,
  startUp: StartUp,
): Promise<Server> {
  const server = await listenForWebhook(bot, webhook, logger);
  const options = { secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES };
  const setWebhook = () => bot.api.setWebhook(webhook.url, options, grammySignal(startUp));
  await tryStartupCall(logger, "setWebhook", setWebhook, startUp);
  return server;
}
