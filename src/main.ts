import "dotenv/config";
import path from "node:path";
import { loadConfig } from "./config.ts";
import { ConfigError, CorpusError } from "./core/errors.ts";
import type { Logger } from "./core/logger.ts";
import { createQa } from "./core/qa.ts";
import { createLogger } from "./logger.ts";
import { createMetrics, type Metrics, type Platform } from "./ops/metrics.ts";
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
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const chat = !config.telegram && !config.discord;
  // The chat shares the terminal with the log (stderr), so it only hears of problems unless asked for more.
  const logger = createLogger({
    level: config.logLevel ?? (chat ? "warn" : "info"),
    secrets: config.secrets,
  });
  // The health port listens before the index loads, so that a probe can tell "loading" from "down".
  const ops = config.health && (await startOps(config.health.port, logger));
  // With PostgreSQL, start-up does not wait for the corpus directory: answers come from the database meanwhile.
  const qa = await createQa({ ...config, logger, watch: true, postgres: config.index });
  ops?.server.ready(qa);
  const services: Service[] = [{ stop: () => qa.close() }];
  // Stopped after the bots, so that their last answers are still counted, and before the index closes.
  if (ops) services.push({ stop: () => ops.server.stop() });
  /** What one adapter gets: the port and the logger, counted into the metrics when the health port is on. */
  const partsFor = (platform: Platform) => ({
    qa: ops ? ops.metrics.measure(qa, platform) : qa,
    logger: ops ? ops.metrics.countErrors(logger, platform) : logger,
  });

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
  const onSignal = (signal: NodeJS.Signals) => {
    void shutdown(signal).then(() => {
      setTimeout(() => {
        logger.warn("something was still running after shutdown; exiting anyway");
        process.exit(0);
      }, EXIT_GRACE_MS).unref();
    });
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  if (chat) {
    const { runConsoleChat } = await import("./adapters/console/chat.ts");
    // A signal ends the chat by closing its input; end of input ends it too.
    services.push({ stop: async () => void process.stdin.destroy() });
    await runConsoleChat({ qa: partsFor("console").qa, input: process.stdin, output: process.stdout });
    await shutdown("end of input");
    return;
  }
  if (config.telegram) {
    const { createTelegramBot } = await import("./adapters/telegram/bot.ts");
    // Updates accepted but not yet answered wait here for the next start.
    const pendingDir = path.join(config.cacheDir, "telegram-pending");
    bots.push(createTelegramBot({ ...partsFor("telegram"), config: config.telegram, pendingDir }));
  }
  if (config.discord) {
    const { createDiscordBot } = await import("./adapters/discord/bot.ts");
    bots.push(createDiscordBot({ ...partsFor("discord"), config: config.discord }));
  }
  for (const service of bots) {
    // A signal during start-up stops what has started; the rest need not start at all.
    if (stopping) return;
    await service.start?.().catch((error: unknown) => {
      if (!stopping) throw error; // a start cut short by shutdown is no failure
    });
  }
}

/** The metrics and the health and metrics port, listening. */
async function startOps(port: number, logger: Logger): Promise<{ metrics: Metrics; server: OpsServer }> {
  const metrics = createMetrics();
  const server = createOpsServer({ port, metrics, logger });
  await server.start();
  return { metrics, server };
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof CorpusError;
  process.stderr.write(`${known ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
