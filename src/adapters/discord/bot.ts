import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Partials, RESTEvents } from "discord.js";
import type { DiscordConfig } from "../../config.ts";
import type { Qa } from "../../core/types.ts";
import type { Logger } from "../../logger.ts";
import { NO_MENTIONS } from "./answer.ts";
import { describeError } from "./errors.ts";
import { interactionHandler } from "./interactions.ts";
import { mentionHandler } from "./mentions.ts";

/** What `createDiscordBot` needs. */
export interface DiscordBotOptions {
  qa: Qa;
  config: DiscordConfig;
  logger: Logger;
}

/** A Discord bot that can be started once and stopped (any number of times). */
export interface DiscordBot {
  /** Logs in and resolves once the gateway session is ready to receive interactions and mentions. */
  start(): Promise<void>;
  /** Closes the gateway connection; later calls wait for the first. */
  stop(): Promise<void>;
}

function createClient(config: DiscordConfig): Client {
  return new Client({
    // No privileged Message Content intent: messages that mention the bot, and direct messages, carry text anyway.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // Direct-message channels are never cached ahead of their first message.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    // The gateway URL comes from GET /gateway/bot on this root too, so one setting moves both.
    rest: config.apiRoot ? { api: config.apiRoot } : {},
  });
}

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
    log.warn({ route: info.route, method: info.method, retryAfter: info.retryAfter }, "rate limited"),
  );
}

/**
 * Creates the Discord adapter: slash commands, the "Ask citebot" message command, "More" buttons and
 * `@citebot` mentions, all answered from `qa`. Registering the commands is `npm run deploy:discord`'s job.
 */
export function createDiscordBot({ qa, config, logger }: DiscordBotOptions): DiscordBot {
  const log = logger.child({ adapter: "discord" });
  const client = createClient(config);
  const context = { qa, logger: log };
  logEvents(client, log);
  client.on(Events.InteractionCreate, interactionHandler(context));
  client.on(Events.MessageCreate, mentionHandler(context));

  let stopping: Promise<void> | undefined;
  return {
    async start() {
      const ready = once(client, Events.ClientReady);
      try {
        await client.login(config.token);
        await ready;
      } catch (error) {
        await client.destroy();
        throw error;
      }
      log.info({ user: client.user?.tag, id: client.user?.id }, "connected to Discord");
    },
    stop() {
      stopping ??= client.destroy().then(() => log.info("disconnected from Discord"));
      return stopping;
    },
  };
}
