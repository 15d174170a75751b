import type { Server } from "node:http";
import { Bot } from "grammy";
import type { TelegramConfig } from "../../config.ts";
import type { Logger } from "../../core/logger.ts";
import type { Qa } from "../../core/types.ts";
import type { News } from "../../ingest/news.ts";
import {
  beginStartUp,
  START_TIMEOUT_MS,
  STOP_BUDGET_MS,
  type StartUp,
  settlesWithin,
} from "../shared/deadlines.ts";
import { createQuestionLimit, type QuestionLimit } from "../shared/question-limit.ts";
import { telegramAnnouncements } from "./announcements.ts";
import { answerButtons } from "./answer-buttons.ts";
import { commandList, commands, newsCommandList } from "./commands.ts";
import { compareAndTimeline } from "./compare-timeline.ts";
import { createErrorHandler, describeError, startupError } from "./errors.ts";
import { fallback } from "./fallback.ts";
import { createInFlight, type InFlight } from "./in-flight.ts";
import { inline } from "./inline.ts";
import { createRateLimiter, installApiLimits } from "./limits.ts";
import { more } from "./more.ts";
import { newsCommands } from "./news-commands.ts";
import { questions } from "./questions.ts";
import { type Reachability, watchReachability } from "./reachability.ts";
import { getMe, grammySignal, startPolling, startWebhook, tryStartupCall } from "./start-up.ts";
import { closeServer } from "./webhook.ts";

/** What the Telegram adapter needs: the question-answering port, its settings, a logger. */
export interface TelegramBotOptions {
  qa: Qa;
  config: TelegramConfig;
  logger: Logger;
  /** How long start-up may wait for Telegram before it gives up with a `ConfigError`. Default 30 s. */
  startTimeoutMs?: number;
  /** How long the bot stays quiet after telling a user to slow down. Default 5 s. */
  rateNoticeIntervalMs?: number;
  /**
   * Where updates accepted but not yet answered are kept (one fsynced file each), so that the next start answers
   * what a shutdown or crash cut short. Without it they are lost.
   */
  pendingDir?: string;
  /** `/add`, `/announce`, `/follow`, `/verify` and the announcements; without it the bot has none of them. */
  news?: News | undefined;
}

/** A Telegram bot that can be started once and stopped (any number of times; only the first call acts). */
export interface TelegramBot {
  /** Connects (`getMe`), registers the command menu, then polls or listens for webhooks; resolves once serving. */
  start(): Promise<void>;
  /**
   * Stops receiving updates and waits, within `STOP_BUDGET_MS`, for the ones being answered; those still
   * unanswered then stay in `pendingDir` for the next start.
   */
  stop(): Promise<void>;
  /** Whether the last Bot API call reached Telegram (`unknown` before the first): `/healthz` reports it. */
  reachability(): Reachability;
}

/** The grammY bot with its middleware, in the order an update meets it. */
function buildBot({ qa, config, logger, rateNoticeIntervalMs, pendingDir, news }: TelegramBotOptions): {
  bot: Bot;
  inFlight: InFlight;
  questionLimit: QuestionLimit;
  reachability: () => Reachability;
} {
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot } });
  const reachability = watchReachability(bot.api, logger); // first: closest to the network, under the retries
  installApiLimits(bot.api);
  const questionLimit = createQuestionLimit(config.rateLimitPerMinute, {
    noticeIntervalMs: rateNoticeIntervalMs,
    redisUrl: config.redisUrl,
    keyPrefix: "citebot:limit:telegram",
    logger,
  });
  const limiter = createRateLimiter(questionLimit);
  const inFlight = createInFlight(logger, pendingDir);
  const onError = createErrorHandler(logger);

  bot.use(inFlight.middleware); // the update loop does not wait for replies
  const guarded = bot.errorBoundary(onError); // one boundary: log, apologise, keep serving
  guarded.use(commands({ qa })); // /start, /help, /sources
  if (news) guarded.use(newsCommands({ news })); // /add, /announce, /follow, /unfollow, /following, /verify
  guarded.use(compareAndTimeline({ qa, limiter })); // /compare, /timeline and its "More"
  guarded.use(questions({ qa, limiter })); // private text, /ask, mentions, replies to the bot
  guarded.use(more({ qa })); // the "More" button: paging, not a new question
  guarded.use(answerButtons({ qa, limiter })); // each quote's "Context", 👍/👎
  guarded.use(inline({ qa })); // @BotName question
  guarded.use(fallback()); // stale buttons, hints in private chats, silence elsewhere
  bot.catch(onError); // reached only if the boundary itself is bypassed
  news?.announcer.attach(telegramAnnouncements(bot.api));
  return { bot, inFlight, questionLimit, reachability };
}

/**
 * Creates the Telegram adapter: turns updates into questions for `qa` and answers into Telegram messages.
 * Long polling by default; a webhook server when `config.webhook` is set. The token is never logged.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { config, logger } = options;
  const { bot, inFlight, questionLimit, reachability } = buildBot(options);
  let server: Server | undefined;
  let stopping: Promise<void> | undefined;

  const timeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  let startUp: StartUp | undefined;
  let starting: Promise<void> | undefined;

  const connect = async (attempt: StartUp) => {
    // Without getMe the bot cannot tell which commands and mentions are meant for it, so this one is fatal.
    await getMe(bot, config, grammySignal(attempt)).catch((error: unknown) => {
      if (attempt.cancelled) return;
      throw startupError(error, { apiRoot: config.apiRoot, timedOut: attempt.timedOut && timeoutMs });
    });
    if (attempt.cancelled) return;
    const mode = config.webhook ? "webhook" : "long polling";
    logger.info({ username: bot.botInfo.username, mode }, "starting the Telegram bot");
    const menu = options.news ? [...commandList, ...newsCommandList] : commandList;
    const setMyCommands = () => bot.api.setMyCommands(menu, undefined, grammySignal(attempt));
    await tryStartupCall(logger, "setMyCommands", setMyCommands, attempt);
    if (attempt.cancelled) return;
    await inFlight.resume(bot);
    if (config.webhook === undefined) return startPolling(bot, logger);
    server = await startWebhook(bot, config.webhook, logger, attempt);
  };

  const shutDown = async () => {
    startUp?.cancel();
    const drained = inFlight.drain(STOP_BUDGET_MS); // takes no new work from here on
    // bot.stop() also ends polling's own start-up; it confirms the last update with one more getUpdates, which
    // auto-retry would repeat for ever if the network is gone, hence the bound. Every update it confirms is saved.
    const stopped = (async () => {
      await bot.stop();
      await starting?.catch(() => undefined);
      if (server) await closeServer(server);
    })().catch((error: unknown) => {
      logger.warn({ err: describeError(error) }, "stopping did not finish cleanly");
    });
    if (!(await settlesWithin(stopped, STOP_BUDGET_MS))) logger.warn("stopping took too long; giving up");
    const unfinished = await drained;
    if (unfinished > 0) {
      const kept = options.pendingDir !== undefined;
      logger.warn(
        { unfinished, kept },
        kept
          ? "unanswered updates are kept for the next start"
          : "stopped while some updates were unanswered",
      );
    }
    await questionLimit.close();
    logger.info("the Telegram bot stopped");
  };

  return {
    start: () => {
      if (starting) return starting;
      const current = beginStartUp(timeoutMs);
      startUp = current;
      starting = connect(current).finally(() => current.finish());
      return starting;
    },
    stop: () => {
      stopping ??= shutDown();
      return stopping;
    },
    reachability,
  };
}
