import "dotenv/config";
import { ConfigError, loadConfig } from "./config.ts";
import { CorpusError } from "./core/corpus/read-corpus.ts";
import { createQa } from "./core/qa.ts";
import { createLogger } from "./logger.ts";

/** Something `main` started that must be stopped on shutdown. */
interface Service {
  stop(): Promise<void>;
}

/**
 * Wires citebot together: validated settings, the shared index, then the bots whose tokens are set,
 * or the console chat when none is. SIGINT/SIGTERM shut everything down once, cleanly.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const chat = !config.telegram && !config.discord;
  // The chat shares the terminal with the log (stderr), so it only hears of problems unless asked for more.
  const logger = createLogger({
    level: config.logLevel ?? (chat ? "warn" : "info"),
    secrets: config.secrets,
  });
  const qa = await createQa({ ...config, logger, watch: true });
  const services: Service[] = [{ stop: () => qa.close() }];

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info({ reason }, "shutting down");
      for (const service of services.reverse()) {
        await service.stop().catch((error) => logger.error({ error: String(error) }, "error while stopping"));
      }
    })();
    return stopping;
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  if (chat) {
    const { runConsoleChat } = await import("./adapters/console/chat.ts");
    await runConsoleChat({ qa, input: process.stdin, output: process.stdout });
    await shutdown("end of input");
    return;
  }
  if (config.telegram) {
    const { createTelegramBot } = await import("./adapters/telegram/bot.ts");
    const bot = createTelegramBot({ qa, config: config.telegram, logger });
    services.push(bot);
    await bot.start();
  }
  if (config.discord) {
    const { createDiscordBot } = await import("./adapters/discord/bot.ts");
    const bot = createDiscordBot({ qa, config: config.discord, logger });
    services.push(bot);
    await bot.start();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof CorpusError;
  process.stderr.write(`${known ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
