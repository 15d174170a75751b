import "./load-env.ts";
import path from "node:path";
import {
  answerParent,
  relayToParent,
  type ShardOfThisProcess,
  shardOfThisProcess,
} from "./adapters/discord/shard-process.ts";
import type { DiscordShards } from "./adapters/discord/shards.ts";
import { type Config, loadConfig } from "./config.ts";
import { ConfigError, CorpusError } from "./core/errors.ts";
import type { Logger } from "./core/logger.ts";
import { createQa, type LoadedQa } from "./core/qa.ts";
import type { Qa } from "./core/types.ts";
import { type News, type NewsService, type StartNewsOptions, startNews } from "./ingest/news.ts";
import { lifecycle, type Service } from "./lifecycle.ts";
import { createLogger } from "./logger.ts";
import { type Remembering, startRemembering } from "./ops/console/wire.ts";
import { createMetrics, type IndexSize, type Metrics, type Platform } from "./ops/metrics.ts";
import { createOpsServer, type OpsServer } from "./ops/server.ts";

/**
 * Wires citebot together in one of four modes: the console chat when no bot token is set; the bots whose tokens
 * are set; with `DISCORD_SHARDS`, the parent of the Discord shards (discord.js's `ShardingManager`, which starts
 * this same script once per shard, and keeps what must run once: Telegram and the health port); or one shard,
 * which runs its Discord client and nothing else. SIGINT/SIGTERM shut everything down once, and the process exits.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const shard = shardOfThisProcess();
  if (shard) return runShard(config, shard);
  if (!config.telegram && !config.discord) return runConsole(config);
  if (config.discord?.shards !== undefined) return runShardParent(config);
  return runBots(config);
}

/** The console chat on stdin/stdout, beside the health port when one is set; ends with its input. */
async function runConsole(config: Config): Promise<void> {
  // The chat shares the terminal with the log (stderr), so it only hears of problems unless asked for more.
  const { qa, life, parts, news } = await startAnswering(config, "warn");
  const { runConsoleChat } = await import("./adapters/console/chat.ts");
  // A signal ends the chat by closing its input; end of input ends it too.
  life.services.push({ stop: async () => void process.stdin.destroy() });
  await runConsoleChat({ qa: parts("console", qa).qa, input: process.stdin, output: process.stdout, news });
  await life.shutdown("end of input");
}

/** The Telegram and Discord bots whose tokens are set, in this one process. */
async function runBots(config: Config): Promise<void> {
  const { qa, life, parts, news, ops } = await startAnswering(config, "info");
  if (config.telegram) life.bots.push(await telegramBot(config, parts("telegram", qa), ops?.server, news));
  if (config.discord) {
    const { createDiscordBot } = await import("./adapters/discord/bot.ts");
    life.bots.push(createDiscordBot({ ...parts("discord", qa), config: config.discord, news }));
  }
  await life.startBots();
}

/**
 * What the console chat and the unsharded bots start alike, in this order: the log, the health port (listening
 * before the index loads), the question log and console, the index, the news service, and shutdown on signals.
 */
async function startAnswering(config: Config, level: string) {
  const logger = createLogger({ level: config.logLevel ?? level, secrets: config.secrets });
  const ops = config.health && (await startOps(config.health.port, logger));
  const remembering = await startRemembering(config, logger, true);
  const qa = await openQa(config, logger, true);
  ops?.server.ready(qa);
  remembering?.ready(qa);
  const life = lifecycle(logger, qa, ops, remembering);
  const news = startNewsFor(config, logger, remembering, life.services);
  life.onSignals("once");
  return { qa, life, news, ops, parts: partsFor(ops?.metrics, logger, remembering) };
}

/**
 * The parent of the Discord shards: the shards, Telegram when its token is set (with the only index this process
 * loads), the health port, which collects the shards' metrics and is ready once they all are, and the news: the
 * parent alone polls the feeds and announces, for Telegram and for every shard. It, not shard 0, because it is
 * the one process that talks to every shard: each channel's announcement goes out through the shard that holds
 * the channel's server (that shard's client has the channel; no shard posts into another's servers), and the
 * articles a shard adds by `/add` reach the same announcer (one message per burst, whichever process added
 * them). The feeds are polled once the shards are up to post.
 */
async function runShardParent(config: Config): Promise<void> {
  const logger = createLogger({ level: config.logLevel ?? "info", secrets: config.secrets });
  let shards: DiscordShards | undefined;
  const others = () => shards?.metrics() ?? Promise.resolve([]);
  const ops = config.health && (await startOps(config.health.port, logger, others));
  const remembering = await startRemembering(config, logger, true);
  const qa = config.telegram ? await openQa(config, logger, true) : undefined;
  if (qa) remembering?.ready(qa);
  const life = lifecycle(logger, qa, ops, remembering);
  const news = startNewsFor(config, logger, remembering, life.services, { pollNow: false });
  life.onSignals("once");
  const parts = partsFor(ops?.metrics, logger, remembering);
  if (config.telegram && qa)
    life.bots.push(await telegramBot(config, parts("telegram", qa), ops?.server, news));
  if (config.discord) {
    const { createDiscordShards, shardExecArgv } = await import("./adapters/discord/shards.ts");
    const execArgv = shardExecArgv(process.execArgv);
    const onAdded = news.announcer.added;
    shards = createDiscordShards({
      config: config.discord,
      logger,
      script: import.meta.filename,
      execArgv,
      onAdded,
    });
    news.announcer.attach(shards.announcements());
    life.bots.push(shards);
  }
  await life.startBots();
  if (!life.stopping()) news.poller?.start();
  // Ready once every shard is: until then /healthz says "loading".
  if (shards && ops && !life.stopping()) ops.server.ready(shardsHealth(shards, qa));
}

/**
 * One Discord shard, forked by the parent: its Discord client and its own index; its metrics go to the parent's
 * port over IPC. Of the shards, shard 0 alone keeps a PostgreSQL index in step (unless the parent does, for
 * Telegram).
 */
async function runShard(config: Config, shard: ShardOfThisProcess): Promise<void> {
  const level = config.logLevel ?? (config.telegram || config.discord ? "info" : "warn");
  const logger = createLogger({ level, secrets: config.secrets }).child({ shard: shard.id });
  // No port of its own: the parent's serves this shard's metrics and index size, from these.
  const metrics = config.health ? createMetrics({ shard: String(shard.id) }) : undefined;
  const remembering = await startRemembering(config, logger, false);
  const qa = config.discord && (await openQa(config, logger, shard.id === 0 && !config.telegram));
  if (qa) remembering?.ready(qa);
  // The parent polls the feeds and announces (see runShardParent); a shard serves /add, /follow and /verify for
  // its servers, hands the articles it adds to the parent, and posts in its servers' channels when asked.
  const relay = relayToParent();
  if (qa) {
    metrics?.watchIndex(qa);
    const answers = metrics ? { metrics: () => metrics.registry.getMetricsAsJSON() } : {};
    answerParent(
      { stats: () => qa.stats(), semantic: () => qa.semantic(), announcements: relay.sender, ...answers },
      logger,
    );
  }
  const life = lifecycle(logger, qa, undefined, remembering);
  const news = qa
    ? startNewsFor(config, logger, remembering, life.services, { announcer: relay, pollFeeds: false })
    : undefined;
  life.onSignals("shard");
  if (config.discord && qa) {
    const { createDiscordBot } = await import("./adapters/discord/bot.ts");
    const parts = partsFor(metrics, logger, remembering);
    life.bots.push(createDiscordBot({ ...parts("discord", qa), config: config.discord, news }));
  }
  await life.startBots();
}

/**
 * The index and the question-answering port over it. With PostgreSQL, start-up does not wait for the corpus
 * directory: answers come from the database meanwhile; a process that does not `write` only reads it.
 */
function openQa(config: Config, logger: Logger, writes: boolean): Promise<LoadedQa> {
  const postgres = config.index && (writes ? config.index : { ...config.index, sync: "off" as const });
  return createQa({ ...config, logger, watch: true, postgres });
}

/**
 * Links, feeds, announcements and quote checks (src/ingest), with the subscriptions of the console's store when
 * it is open; stopped with the other services, before the index closes.
 */
function startNewsFor(
  config: Config,
  logger: Logger,
  remembering: Remembering | undefined,
  services: Service[],
  options: StartNewsOptions = {},
): NewsService {
  const news = startNews(config, logger, remembering?.store.subscriptions, options);
  services.push({ stop: () => news.stop() });
  if (news.feeds) remembering?.feedsReady(news.feeds); // the console's feeds page
  return news;
}

/** The Telegram bot; updates accepted but not yet answered wait in the cache directory for the next start. */
async function telegramBot(
  config: Config,
  parts: { qa: Qa; logger: Logger },
  server: OpsServer | undefined,
  news: News | undefined,
): Promise<Service> {
  const { createTelegramBot } = await import("./adapters/telegram/bot.ts");
  const pendingDir = path.join(config.cacheDir, "telegram-pending");
  const bot = createTelegramBot({
    ...parts,
    config: config.telegram as NonNullable<Config["telegram"]>,
    pendingDir,
    news,
  });
  server?.reportPlatform("telegram", bot.reachability); // /healthz says when Telegram is unreachable
  return bot;
}

/**
 * What one adapter gets: the port and the logger, counted into the metrics when they are kept, and remembered
 * for the operator's console (questions logged, pins applied, errors shown) when its store is open.
 */
function partsFor(metrics: Metrics | undefined, logger: Logger, remembering: Remembering | undefined) {
  return (platform: Platform, qa: LoadedQa) => {
    const remembered = remembering ? remembering.wrap(qa, platform) : qa;
    const counted = metrics ? metrics.countErrors(logger, platform) : logger;
    return {
      qa: metrics ? metrics.measure(remembered, platform) : remembered,
      logger: remembering ? remembering.errors.capture(counted) : counted,
    };
  };
}

/**
 * What `/healthz` and the index gauges of the shards' parent report: an error (503) while a shard is down, else
 * the index's size, from the parent's own index when it has one (for Telegram), from shard 0's otherwise; and
 * the semantic layer's state, the parent's own and each shard's.
 */
function shardsHealth(shards: DiscordShards, qa: LoadedQa | undefined): IndexSize {
  return {
    async stats() {
      const { total, ready } = shards.status();
      if (ready < total) throw new Error(`${ready} of ${total} Discord shards are connected`);
      return qa ? qa.stats() : shards.stats();
    },
    semantic: () => qa?.semantic(),
    shardsSemantic: (waitMs) => shards.semantic(waitMs),
  };
}

/**
 * The metrics and the health and metrics port, listening before the index loads, so that a probe can tell
 * "loading" from "down"; `/metrics` serves this process's metrics and those `others` returns (the shards').
 */
async function startOps(
  port: number,
  logger: Logger,
  others: () => Promise<object[][]> = () => Promise.resolve([]),
): Promise<{ metrics: Metrics; server: OpsServer }> {
  const metrics = createMetrics();
  const server = createOpsServer({ port, metrics, logger, others });
  await server.start();
  return { metrics, server };
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof CorpusError;
  process.stderr.write(`${known ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
