import type { Server } from "node:http";
import { Bot } from "grammy";
import type { TelegramConfig } from "../../config.ts";
import type { Qa } from "../../core/types.ts";
import type { Logger } from "../../logger.ts";
import { commands } from "./commands.ts";
import { createErrorHandler, describeError, startupError } from "./errors.ts";
import { fallback } from "./fallback.ts";
import { createInFlight, type InFlight } from "./in-flight.ts";
import { inline } from "./inline.ts";
import { createRateLimiter, installApiLimits } from "./limits.ts";
import { more } from "./more.ts";
import { questions } from "./questions.ts";
import { commandList } from "./texts.ts";
import { closeServer, listenForWebhook, type WebhookConfig } from "./webhook.ts";

/** What the Telegram adapter needs: the question-answering port, its settings, a logger. */
export interface TelegramBotOptions {
  qa: Qa;
  config: TelegramConfig;
  logger: Logger;
  /** How long start-up may wait for Telegram before it gives up with a `ConfigError`. Default 30 s. */
  startTimeoutMs?: number;
}

/** A Telegram bot that can be started once and stopped (any number of times; only the first call acts). */
export interface TelegramBot {
  /** Connects (`getMe`), registers the command menu, then polls or listens for webhooks; resolves once serving. */
  start(): Promise<void>;
  /** Stops receiving updates and waits (boundedly) for the ones being answered. */
  stop(): Promise<void>;
}

/** The only update types the bot handles; asking for just these saves Telegram sending the rest. */
const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/** See `TelegramBotOptions.startTimeoutMs`. */
const START_TIMEOUT_MS = 30_000;

/** How long shutdown waits for the final `getUpdates` and for replies still being sent. */
const STOP_TIMEOUT_MS = 5_000;

/** The grammY bot with its middleware, in the order an update meets it. */
function buildBot({ qa, config, logger }: TelegramBotOptions): { bot: Bot; inFlight: InFlight } {
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot } });
  installApiLimits(bot.api);
  const limiter = createRateLimiter(config.rateLimitPerMinute);
  const inFlight = createInFlight(logger);
  const onError = createErrorHandler(logger);

  bot.use(inFlight.middleware); // the update loop does not wait for replies
  const guarded = bot.errorBoundary(onError); // one boundary: log, apologise, keep serving
  guarded.use(commands({ qa })); // /start, /help, /sources
  guarded.use(questions({ qa, limiter })); // private text, /ask, mentions, replies to the bot
  guarded.use(more({ qa, limiter })); // the "More" button
  guarded.use(inline({ qa })); // @BotName question
  guarded.use(fallback()); // stale buttons, hints in private chats, silence elsewhere
  bot.catch(onError); // reached only if the boundary itself is bypassed
  return { bot, inFlight };
}

/**
 * Runs a start-up call whose failure should be logged, not fatal (the bot can serve without it). A call cut
 * short because the bot is stopping is not a failure worth logging.
 */
async function tryStartupCall(
  logger: Logger,
  what: string,
  call: () => Promise<unknown>,
  stopped: AbortSignal,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!stopped.aborted)
      logger.error({ err: describeError(error) }, `${what} failed; continuing without it`);
  }
}

/** Resolves when `promise` (which must not reject) settles or `ms` pass; true if it settled in time. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}

/** Starts grammY's long polling; resolves once it runs, rejects if it cannot start. */
function startPolling(bot: Bot, logger: Logger): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    bot.start({ allowed_updates: ALLOWED_UPDATES, onStart: () => resolve() }).catch((error: unknown) => {
      // After start-up nobody awaits this promise any more, so the log line is what reports a 409 or 401.
      logger.fatal({ err: describeError(error) }, "long polling stopped with an error");
      reject(error);
    });
  });
}

/** Listens for webhook requests, then tells Telegram where to send them and with which secret. */
async function startWebhook(
  bot: Bot,
  webhook: WebhookConfig,
  logger: Logger,
  signal: Signals,
): Promise<Server> {
  const server = await listenForWebhook(bot, webhook, logger);
  const options = { secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES };
  const setWebhook = () => bot.api.setWebhook(webhook.url, options, signal.call());
  await tryStartupCall(logger, "setWebhook", setWebhook, signal.stopped);
  return server;
}

/**
 * The signal type grammY's methods take. On Node it is typed after the `abort-controller` polyfill, which the
 * built-in `AbortSignal` (all that `AbortSignal.any` and `timeout` return) matches at run time but not in tsc.
 */
type GrammySignal = NonNullable<Parameters<Bot["init"]>[0]>;

/** Abort signals for start-up calls: `stopped` once `stop()` is called; `call()` also times out. */
interface Signals {
  stopped: AbortSignal;
  call(): GrammySignal;
}

/**
 * Creates the Telegram adapter: turns updates into questions for `qa` and answers into Telegram messages.
 * Long polling by default; a webhook server when `config.webhook` is set. The token is never logged.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { config, logger } = options;
  const { bot, inFlight } = buildBot(options);
  let server: Server | undefined;
  let stopping: Promise<void> | undefined;

  // Auto-retry repeats a request that meets a network error for ever, so each start-up call gets a time limit,
  // and stop() cuts them all short: a start-up still waiting for Telegram neither hangs shutdown nor polls after it.
  const stopStarting = new AbortController();
  const timeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  const signal: Signals = {
    stopped: stopStarting.signal,
    call: () =>
      AbortSignal.any([stopStarting.signal, AbortSignal.timeout(timeoutMs)]) as unknown as GrammySignal,
  };
  let starting: Promise<void> | undefined;

  const connect = async () => {
    // Without getMe the bot cannot tell which commands and mentions are meant for it, so this one is fatal.
    const getMe = signal.call();
    await bot.init(getMe).catch((error: unknown) => {
      if (signal.stopped.aborted) return;
      throw startupError(error, { apiRoot: config.apiRoot, timedOut: getMe.aborted && timeoutMs });
    });
    if (signal.stopped.aborted) return;
    const mode = config.webhook ? "webhook" : "long polling";
    logger.info({ username: bot.botInfo.username, mode }, "starting the Telegram bot");
    const setMyCommands = () => bot.api.setMyCommands([...commandList], undefined, signal.call());
    await tryStartupCall(logger, "setMyCommands", setMyCommands, signal.stopped);
    if (signal.stopped.aborted) return;
    if (config.webhook === undefined) return startPolling(bot, logger);
    server = await startWebhook(bot, config.webhook, logger, signal);
  };

  const shutDown = async () => {
    stopStarting.abort();
    // bot.stop() also ends polling's own start-up; it confirms the last update with one more getUpdates, which
    // auto-retry would repeat for ever if the network is gone, hence the bound.
    const stopped = (async () => {
      await bot.stop();
      await starting?.catch(() => undefined);
      if (server) await closeServer(server);
    })().catch((error: unknown) => {
      logger.warn({ err: describeError(error) }, "stopping did not finish cleanly");
    });
    if (!(await settlesWithin(stopped, STOP_TIMEOUT_MS))) logger.warn("stopping took too long; giving up");
    const unfinished = await inFlight.drain(STOP_TIMEOUT_MS);
    if (unfinished > 0) logger.warn({ unfinished }, "stopped while some replies were still being sent");
    logger.info("the Telegram bot stopped");
  };

  return {
    start: () => {
      starting ??= connect();
      return starting;
    },
    stop: () => {
      stopping ??= shutDown();
      return stopping;
    },
  };
}
