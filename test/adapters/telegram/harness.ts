import type { Message, Update } from "grammy/types";
import { pino } from "pino";
import { createTelegramBot, type TelegramBot } from "../../../src/adapters/telegram/bot.ts";
import type { TelegramConfig } from "../../../src/config.ts";
import type { Qa } from "../../../src/core/types.ts";
import type { News } from "../../../src/ingest/news.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
import type { Call } from "./bot-api.ts";
import { BotApiStandIn } from "./stand-in.ts";
import { BOT, TOKEN } from "./updates.ts";

/** A real grammY bot from `createTelegramBot`, wired to a fresh stand-in, with its log lines captured. */
export interface Harness {
  standIn: BotApiStandIn;
  bot: TelegramBot;
  qa: Qa;
  /** Every JSON log line the bot wrote. */
  logs: string[];
  /** Delivers a new message to the bot and returns it. */
  send(message: Message): Message;
  /** Waits for the bot's sendMessage that replies to `message`. */
  replyTo(message: Message): Promise<Call>;
  /** Starts another bot on the same stand-in, as after a restart; the old one must be stopped first. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Options for {@link startHarness}. */
export interface HarnessOptions {
  qa?: Qa;
  rateLimitPerMinute?: number;
  rateNoticeIntervalMs?: number;
  webhook?: TelegramConfig["webhook"];
  /** Where the bot keeps updates it has not answered yet (none kept when unset). */
  pendingDir?: string;
  /** Runs against the stand-in before the bot starts, e.g. to make a start-up call fail. */
  prepare?: (standIn: BotApiStandIn) => void;
  /** Links, feeds, announcements and quote checks (none when unset). */
  news?: News;
}

/** Starts a stand-in and a bot talking to it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const standIn = await BotApiStandIn.start(TOKEN, BOT);
  options.prepare?.(standIn);
  const logs: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(line) });
  const qa = options.qa ?? createFakeQa();
  const config: TelegramConfig = {
    token: TOKEN,
    apiRoot: standIn.apiRoot,
    webhook: options.webhook,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100,
  };
  const botOptions = {
    rateNoticeIntervalMs: options.rateNoticeIntervalMs,
    pendingDir: options.pendingDir,
    news: options.news,
  };
  const harness: Harness = {
    standIn,
    bot: createTelegramBot({ qa, config, logger, ...botOptions }),
    qa,
    logs,
    send: (message) => {
      standIn.push({ message } as Omit<Update, "update_id">);
      return message;
    },
    replyTo: (message) =>
      standIn.waitFor(
        "sendMessage",
        (c) =>
          c.payload.chat_id === message.chat.id &&
          c.payload.reply_parameters?.message_id === message.message_id,
      ),
    restart: async () => {
      harness.bot = createTelegramBot({ qa, config, logger, ...botOptions });
      await harness.bot.start();
    },
    close: async () => {
      await harness.bot.stop();
      await standIn.close();
    },
  };
  await harness.bot.start();
  return harness;
}
