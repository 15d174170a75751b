import "dotenv/config";
import path from "node:path";
import { answerParent, shardOfThisProcess } from "./adapters/discord/shard-process.ts";
import type { DiscordShards } from "./adapters/discord/shards.ts";
import { loadConfig } from "./config.ts";
import { ConfigError, CorpusError } from "./core/errors.ts";
import type { Logger } from "./core/logger.ts";
import { createQa, type LoadedQa } from "./core/qa.ts";
import { startNews } from "./ingest/news.ts";
import { createLogger } from "./logger.ts";
import { startRemembering } from "./ops/console/wire.ts";
import { createMetrics, type IndexSize, type Metrics, type Platform } from "./ops/metrics.ts";
import { createOpsServer, type OpsServer } from "./ops/server.ts";

/** Something `main` started that must be stopped on shutdown. */
interface Service {
  start?(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How long the process may linger after shutdown before it is made to exit (a library left a handle open, or a
 * reply shutdown gave up on is still waiting for a retry). With the bots' `STOP_BUDGET_MS` of 6 s this stays
 * inside Docker's 10 s between SIGTERM and SIGKILL.
 */
const EXIT_GRACE_MS = 2_000;

/**
 * Wires citebot together: validated settings, the shared index, then the bots whose tokens are set,
 * or the console chat when none is. SIGINT/SIGTERM shut everything down once, and the process exits.
 *
 * With `DISCORD_SHARDS` this process is the parent of the Discord shards: it runs discord.js's `ShardingManager`,
 * which starts this same script once per shard, and keeps what must run once, Telegram and the health port. A
 * shard process runs its Discord client and nothing else, and loads the index for it; the parent loads one only
 * for Telegram.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const shard = shardOfThisProcess();
  const shardsParent = !shard && config.discord?.shards !== undefined;
  const telegram = shard ? undefined : config.telegram;
  /** The Discord client in this process: a shard's, or the only one when Discord is not sharded. */
  const discord = shardsParent ? undefined : config.discord;
  const health = shard ? undefined : config.health;
  const chat = !config.telegram && !config.discord;
  // The chat shares the terminal with the log (stderr), so it only hears of problems unless asked for more.
  const processLogger = createLogger({
    level: config.logLevel ?? (chat ? "warn" : "info"),
    secrets: config.secrets,
  });
  const logger = shard ? processLogger.child({ shard: shard.id }) : processLogger;
  /** The Discord shards, when this process is their parent. */
  let shards: DiscordShards | undefined;
  // The health port listens before the index loads, so that a probe can tell "loading" from "down". A shard has
  // no port of its own, but counts into metrics that the parent's port collects from it.
  const ops = health && (await startOps(health.port, logger, () => shards?.metrics() ?? Promise.resolve([])));
  const metrics = ops
    ? ops.metrics
    : shard && config.health
      ? createMetrics({ shard: String(shard.id) })
      : undefined;
  // What the operator's console shows: every process that answers remembers its questions (and applies pins);
  // the one that is not a shard serves the console, like the health port, before the index loads.
  const remembering =
    chat || telegram || discord ? await startRemembering(config, logger, !shard) : undefined;
  // With PostgreSQL, start-up does not wait for the corpus directory: answers come from the database meanwhile.
  // Of the shards, shard 0 alone keeps a PostgreSQL index in step (unless the parent does, for Telegram).
  const writes = !shard || (shard.id === 0 && !config.telegram);
  const postgres = config.index && (writes ? config.index : { ...config.index, sync: "off" as const });
  const qa =
    chat || telegram || discord ? await createQa({ ...config, logger, watch: true, postgres }) : undefined;
  if (shard && qa) {
    // The parent's port serves a shard's index size from these, as its own server does for an unsharded bot.
    metrics?.watchIndex(qa);
    answerParent(
      { stats: () => qa.stats(), ...(metrics ? { metrics: () => metrics.registry.getMetricsAsJSON() } : {}) },
      logger,
    );
  }
  if (!shardsParent && qa) ops?.server.ready(qa);
  if (qa) remembering?.ready(qa);
  const services: Service[] = qa ? [{ stop: () => qa.close() }] : [];
  // Links, feeds, announcements and quote checks. Feeds are polled once, by the process that is not a shard;
  // a shard serves /add, /follow and /verify for its guilds and announces what it adds.
  const newsConfig = shard ? { ...config, news: { ...config.news, feeds: [] } } : config;
  const news = qa ? startNews(newsConfig, logger, remembering?.store.subscriptions) : undefined;
  if (news) services.push({ stop: () => news.stop() });
  // Stopped after the bots, so that their last answers are still counted, and before the index closes.
  if (ops) services.push({ stop: () => ops.server.stop() });
  if (remembering) services.push({ stop: () => remembering.stop() });
  /** What one adapter gets: the port and the logger, counted into the metrics when they are kept. */
  const partsFor = (platform: Platform, loaded: LoadedQa) => {
    const remembered = remembering ? remembering.wrap(loaded, platform) : loaded;
    const counted = metrics ? metrics.countErrors(logger, platform) : logger;
    return {
      qa: metrics ? metrics.measure(remembered, platform) : remembered,
      logger: remembering ? remembering.errors.capture(counted) : counted,
    };
  };

  // The bots stop together, each finishing its answers within the same budget, then the rest in reverse order.
  const bots: Service[] = [];
  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info({ reason }, "shutting down");
      await Promise.all(
        bots.map((bot) =>
          bot.stop().catch((error) => logger.error({ error: String(error) }, "error while stopping")),
        ),
      );
      for (const service of [...services].reverse()) {
        await service.stop().catch((error) => logger.error({ error: String(error) }, "error while stopping"));
      }
    })();
    return stopping;
  };
  const onSignal = (reason: string) => {
    void shutdown(reason).then(() => {
      setTimeout(() => {
        logger.warn("something was still running after shutdown; exiting anyway");
        process.exit(0);
      }, EXIT_GRACE_MS).unref();
    });
  };
  if (shard) {
    // A shard stops only through its parent, which may signal it after the whole process group was signalled
    // (Ctrl-C, systemd): a second signal must not kill it mid-answer, as it would with `once`.
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    // The parent was killed outright: nobody will signal this shard, and its gateway session is orphaned.
    const orphaned = () => onSignal("the shard manager exited");
    process.once("disconnect", orphaned);
    // Closed last: an open IPC channel would keep the process alive after shutdown until its exit grace ran out.
    services.unshift({
      stop: async () => {
        process.off("disconnect", orphaned);
        if (process.connected) process.disconnect();
      },
    });
    // discord.js tells the parent of gateway events over IPC; after a disconnect that send fails here.
    process.on("error", (error) => logger.debug({ error: String(error) }, "IPC to the shard manager failed"));
  } else {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }

  if (chat && qa) {
    const { runConsoleChat } = await import("./adapters/console/chat.ts");
    // A signal ends the chat by closing its input; end of input ends it too.
    services.push({ stop: async () => void process.stdin.destroy() });
    await runConsoleChat({
      qa: partsFor("console", qa).qa,
      input: process.stdin,
      output: process.stdout,
      news,
    });
    await shutdown("end of input");
    return;
  }
  if (telegram && qa) {
    const { createTelegramBot } = await import("./adapters/telegram/bot.ts");
    // Updates accepted but not yet answered wait here for the next start.
    const pendingDir = path.join(config.cacheDir, "telegram-pending");
    const bot = createTelegramBot({ ...partsFor("telegram", qa), config: telegram, pendingDir, news });
    ops?.server.reportPlatform("telegram", bot.reachability); // /healthz says when Telegram is unreachable
    bots.push(bot);
  }
  if (discord && qa) {
    const { createDiscordBot } = await import("./adapters/discord/bot.ts");
    bots.push(createDiscordBot({ ...partsFor("discord", qa), config: discord, news }));
  }
  if (shardsParent && config.discord) {
    const { createDiscordShards, shardExecArgv } = await import("./adapters/discord/shards.ts");
    shards = createDiscordShards({
      config: config.discord,
      logger,
      script: import.meta.filename,
      execArgv: shardExecArgv(process.execArgv),
    });
    bots.push(shards);
  }
  for (const service of bots) {
    // A signal during start-up stops what has started; the rest need not start at all.
    if (stopping) return;
    await service.start?.().catch((error: unknown) => {
      if (!stopping) throw error; // a start cut short by shutdown is no failure
    });
  }
  // The parent of the shards is ready once they all are: until then /healthz says "loading".
  if (shards && ops && !stopping) ops.server.ready(shardsHealth(shards, qa));
}

/**
 * What `/healthz` and the index gauges of the shards' parent report: an error (503) while a shard is down, else
 * the index's size, from the parent's own index when it has one (for Telegram), from shard 0's otherwise.
 */
function shardsHealth(shards: DiscordShards, qa: LoadedQa | undefined): IndexSize {
  return {
    async stats() {
      const { total, ready } = shards.status();
      if (ready < total) throw new Error(`${ready} of ${total} Discord shards are connected`);
      return qa ? qa.stats() : shards.stats();
    },
  };
}

/**
 * The metrics and the health and metrics port, listening; `/metrics` serves this process's metrics and those
 * `others` returns (the Discord shards').
 */
async function startOps(
  port: number,
  logger: Logger,
  others: () => Promise<object[][]>,
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
