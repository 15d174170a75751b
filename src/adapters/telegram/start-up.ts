import type { Server } from "node:http";
import type { Bot } from "grammy";
import type { Logger } from "../../core/logger.ts";
import { describeError } from "./errors.ts";
import { listenForWebhook, type WebhookConfig } from "./webhook.ts";

/** The only update types the bot handles; asking for just these saves Telegram sending the rest. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/**
 * The signal type grammY's methods take. On Node it is typed after the `abort-controller` polyfill, which the
 * built-in `AbortSignal` matches at run time but not in tsc.
 */
type GrammySignal = NonNullable<Parameters<Bot["init"]>[0]>;

/**
 * One start-up's deadline and off switch. Auto-retry repeats a request that meets a network error for ever, so
 * without them a start-up with Telegram out of reach would hang silently, and a stop() meanwhile would not stop
 * it from polling afterwards.
 */
export interface StartUp {
  /** For grammY calls: aborted by `cancel()` or when the deadline passes. */
  signal: GrammySignal;
  /** True once `cancel()` cut start-up short, as opposed to the deadline. */
  readonly cancelled: boolean;
  /** True once the deadline passed. */
  readonly timedOut: boolean;
  cancel(): void;
  /** Start-up is over: the deadline no longer applies. */
  finish(): void;
}

/** Starts the clock on a start-up that may take at most `timeoutMs`. */
export function beginStartUp(timeoutMs: number): StartUp {
  // A plain controller and timer: Node 20 can collect an `AbortSignal.any` or `timeout` signal before it fires.
  const controller = new AbortController();
  let cancelled = false;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  return {
    signal: controller.signal as unknown as GrammySignal,
    get cancelled() {
      return cancelled;
    },
    get timedOut() {
      return timedOut;
    },
    cancel() {
      cancelled = true;
      controller.abort();
    },
    finish: () => clearTimeout(timer),
  };
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
  const setWebhook = () => bot.api.setWebhook(webhook.url, options, startUp.signal);
  await tryStartupCall(logger, "setWebhook", setWebhook, startUp);
  return server;
}
