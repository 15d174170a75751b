import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Partials, RESTEvents } from "discord.js";
import type { DiscordConfig } from "../../config.ts";
import type { Logger } from "../../core/logger.ts";
import type { Qa } from "../../core/types.ts";
import type { News } from "../../ingest/news.ts";
import { beginStartUp, START_TIMEOUT_MS, STOP_BUDGET_MS } from "../shared/deadlines.ts";
import { createQuestionLimit } from "../shared/question-limit.ts";
import { createTasks } from "../shared/tasks.ts";
import { discordAnnouncements } from "./announcements.ts";
import { NO_MENTIONS } from "./answer-message.ts";
import { describeError, startupError } from "./errors.ts";
import { interactionHandler } from "./interactions.ts";
import { mentionHandler } from "./mentions.ts";
import { exemptInteractionWebhooks } from "./rest.ts";

/** What `createDiscordBot` needs. */
export interface DiscordBotOptions {
  qa: Qa;
  config: DiscordConfig;
  logger: Logger;
  /** How long start-up may wait for the gateway session before it gives up with a `ConfigError`. Default 30 s. */
  startTimeoutMs?: number;
  /** How long the bot stays quiet about refused mentions after telling a user to slow down. Default 5 s. */
  rateNoticeIntervalMs?: number;
  /** `/add`, `/announce`, `/follow`, `/verify` and the announcements; without it the bot has none of them. */
  news?: News | undefined;
}

/** A Discord bot that can be started once and stopped (any number of times). */
export interface DiscordBot {
  /**
   * Logs in and resolves once the gateway session is ready to receive interactions and mentions; rejects with a
   * `ConfigError` when the token is refused or Discord cannot be reached.
   */
  start(): Promise<void>;
  /**
   * Takes no new interactions or mentions, lets those being answered finish (deferred ones get their edit) within
   * `STOP_BUDGET_MS`, then closes the gateway connection; later calls wait for the first.
   */
  stop(): Promise<void>;
}

/** A discord.js client with the intents, partials and mention rules the bot needs, pointed at `config.apiRoot`. */
function createClient(config: DiscordConfig): Client {
  const client = new Client({
    // No privileged Message Content intent: messages that mention the bot, and direct messages, carry text anyway.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // Direct-message channels are never cached ahead of their first message.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    // The gateway URL comes from GET /gateway/bot on this root too, so one setting moves both.
    rest: config.apiRoot ? { api: config.apiRoot } : {},
  });
  exemptInteractionWebhooks(client);
  return client;
}

/** Logs what the client reports about its connection and rate limits, never its debug output. */
function logEvents(client: Client, log: Logger): void {
  // Events.Debug is deliberately not forwarded: discord.js writes part of the token into it at login.
  client.on(Events.Error, (error) => log.error({ err: describeError(error) }, "client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ code: event.code, shard }, "gateway closed"),
  );
  client.on(Events.ShardReconnecting, (shard) => log.debug({ shard }, "gateway reconnecting"));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, "gateway resumed"));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    // The route, not the URL: the URL of an interaction response carries the interaction's token.
    log.warn(
      { route: info.route, method: info.method, global: info.global, retryAfter: info.retryAfter },
      "rate limited",
    ),
  );
}

/**
 * Creates the Discord adapter: slash commands, the "Ask citebot" message command, "More" buttons and
 * `@citebot` mentions, all answered from `qa`. Registering the commands is `npm run deploy:discord`'s job.
 */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const { qa, config, logger, startTimeoutMs = START_TIMEOUT_MS, rateNoticeIntervalMs } = options;
  const log = logger.child({ adapter: "discord" });
  const client = createClient(config);
  const context = {
    qa,
    news: options.news,
    logger: log,
    limit: createQuestionLimit(config.rateLimitPerMinute, {
      noticeIntervalMs: rateNoticeIntervalMs,
      redisUrl: config.redisUrl,
      keyPrefix: "citebot:limit:discord",
      logger: log,
    }),
  };
  logEvents(client, log);
  // Each handler's work is tracked, so that shutdown can wait for it before the client is destroyed.
  const tasks = createTasks();
  let closed = false;
  const tracked =
    <T>(handle: (event: T) => Promise<void>) =>
    (event: T) => {
      if (closed) return;
      const task = handle(event).catch((error: unknown) => {
        log.error({ err: describeError(error) }, "unhandled error in an event");
      });
      tasks.track(task);
    };
  client.on(Events.InteractionCreate, tracked(interactionHandler(context)));
  client.on(Events.MessageCreate, tracked(mentionHandler(context)));
  options.news?.announcer.attach(discordAnnouncements(client));

  const shutDown = async () => {
    closed = true;
    const unfinished = await tasks.drain(STOP_BUDGET_MS);
    if (unfinished > 0) log.warn({ unfinished }, "stopped while some answers were still being sent");
    await client.destroy();
    await context.limit.close();
    log.info("disconnected from Discord");
  };
  let stopping: Promise<void> | undefined;
  return {
    async start() {
      // discord.js retries an unreachable gateway for ever, inside login too, hence the deadline on both.
      const startUp = beginStartUp(startTimeoutMs);
      try {
        await Promise.all([
          client.login(config.token),
          once(client, Events.ClientReady, { signal: startUp.signal }),
        ]);
      } catch (error) {
        await client.destroy();
        await context.limit.close();
        const timedOut = startUp.timedOut && startTimeoutMs;
        throw startupError(error, { apiRoot: config.apiRoot, timedOut });
      } finally {
        startUp.finish();
      }
      log.info({ user: client.user?.tag, id: client.user?.id }, "connected to Discord");
    },
    stop() {
      stopping ??= shutDown();
      return stopping;
    },
  };
}
