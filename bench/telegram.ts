/**
 * Telegram throughput and latency: the real grammY bot and the real Qa, against the Bot API stand-in from
 * test/adapters/telegram on 127.0.0.1. Many users ask at once; each reply is timed from the moment the stand-in
 * served the update (getUpdates) to the moment the bot's sendMessage arrived.
 *
 * Two runs: the bot exactly as shipped (its outgoing-call throttler keeps to Telegram's 30 messages/s), and the
 * same middleware without the throttler, to show what the adapter and the core could serve if Telegram allowed it.
 */
import { Bot } from "grammy";
import type { Message, Update } from "grammy/types";
import { pino } from "pino";
import { createQuestionLimit } from "../src/adapters/shared/question-limit.ts";
import { commands } from "../src/adapters/telegram/commands.ts";
import { createErrorHandler } from "../src/adapters/telegram/errors.ts";
import { fallback } from "../src/adapters/telegram/fallback.ts";
import { createInFlight } from "../src/adapters/telegram/in-flight.ts";
import { createRateLimiter } from "../src/adapters/telegram/limits.ts";
import { questions as questionComposer } from "../src/adapters/telegram/questions.ts";
import { messages } from "../src/core/messages.ts";
import type { Qa } from "../src/core/types.ts";
import type { Call } from "../test/adapters/telegram/bot-api.ts";
import { startHarness } from "../test/adapters/telegram/harness.ts";
import { BotApiStandIn } from "../test/adapters/telegram/stand-in.ts";
import { BOT, privateChat, TOKEN, textMessage, user } from "../test/adapters/telegram/updates.ts";
import { type Latency, latency } from "./stats.ts";

/** The shipped default of TELEGRAM_RATE_LIMIT (questions per user per minute, src/config.ts). */
export const RATE_LIMIT_PER_MINUTE = 5;

/** What one load run measured. */
export interface TelegramRun {
  label: string;
  users: number;
  questions: number;
  /** Answered questions per second, from the first update served to the last reply. */
  perSecond: number;
  latency: Latency;
  /** Questions with no reply within the timeout, rate-limit replies, and error log lines. */
  errors: number;
}

/** A bot that the run can start and stop: the shipped one, or one without the throttler. */
interface Running {
  standIn: BotApiStandIn;
  logs: string[];
  stop(): Promise<void>;
}

async function shipped(qa: Qa): Promise<Running> {
  const h = await startHarness({ qa, rateLimitPerMinute: RATE_LIMIT_PER_MINUTE });
  return { standIn: h.standIn, logs: h.logs, stop: () => h.close() };
}

/** The question path of `createTelegramBot` (src/adapters/telegram/bot.ts) minus `installApiLimits`. */
async function unthrottled(qa: Qa): Promise<Running> {
  const standIn = await BotApiStandIn.start(TOKEN, BOT);
  const logs: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(line) });
  const bot = new Bot(TOKEN, { client: { apiRoot: standIn.apiRoot } });
  const inFlight = createInFlight(logger);
  const onError = createErrorHandler(logger);
  bot.use(inFlight.middleware);
  const guarded = bot.errorBoundary(onError);
  guarded.use(commands({ qa }));
  guarded.use(
    questionComposer({ qa, limiter: createRateLimiter(createQuestionLimit(RATE_LIMIT_PER_MINUTE)) }),
  );
  guarded.use(fallback());
  bot.catch(onError);
  await bot.init();
  void bot.start({ allowed_updates: ["message"] });
  return {
    standIn,
    logs,
    stop: async () => {
      await bot.stop();
      await inFlight.drain(5_000);
      await standIn.close();
    },
  };
}

/**
 * Waits for the reply to each message by scanning the stand-in's call log as it grows. (A `waitFor` per message
 * would rescan the whole log for every waiter on every call: quadratic, and it would be the bottleneck.)
 * A reply's time is stamped by the stand-in when it arrives, so polling does not move it.
 */
export async function collectReplies(standIn: BotApiStandIn, sent: Message[], timeoutMs: number) {
  const wanted = new Map(sent.map((m, i) => [`${m.chat.id}:${m.message_id}`, i]));
  const replies: Array<Call | undefined> = sent.map(() => undefined);
  let seen = 0;
  let found = 0;
  const deadline = performance.now() + timeoutMs;
  while (found < sent.length && performance.now() < deadline) {
    for (; seen < standIn.calls.length; seen++) {
      const call = standIn.calls[seen];
      if (call?.method !== "sendMessage") continue;
      const i = wanted.get(`${call.payload.chat_id}:${call.payload.reply_parameters?.message_id}`);
      if (i !== undefined && replies[i] === undefined) {
        replies[i] = call;
        found++;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return replies;
}

/** `users` users each ask `perUser` questions, all queued at once; waits for every reply. */
async function load(label: string, running: Running, texts: string[], users: number, perUser: number) {
  const { standIn } = running;
  const sent: Message[] = [];
  const updateIds: number[] = [];
  for (let round = 0; round < perUser; round++) {
    for (let u = 0; u < users; u++) {
      const id = 50_000 + u;
      const text = texts[(round * users + u) % texts.length] ?? "?";
      const message = textMessage(privateChat(id), user(id), text);
      updateIds.push(standIn.push({ message } as Omit<Update, "update_id">).update_id);
      sent.push(message);
    }
  }
  const replies = await collectReplies(standIn, sent, 120_000);
  const servedAt = (i: number) => standIn.servedAt.get(updateIds[i] ?? -1) ?? Number.NaN;
  const ms: number[] = [];
  let errors = 0;
  replies.forEach((reply, i) => {
    if (!reply || reply.payload.text === messages.rateLimited) errors++;
    else ms.push(reply.at - servedAt(i));
  });
  errors += running.logs.filter((l) => (JSON.parse(l) as { level: number }).level >= 50).length;
  const last = Math.max(...replies.map((r) => r?.at ?? 0));
  const first = Math.min(...sent.map((_, i) => servedAt(i)));
  const run: TelegramRun = {
    label,
    users,
    questions: sent.length,
    perSecond: (ms.length / (last - first)) * 1000,
    latency: latency(ms),
    errors,
  };
  return run;
}

/** Both runs over one Qa: the shipped bot, then the bot without the throttler. */
export async function benchTelegram(qa: Qa, texts: string[]): Promise<TelegramRun[]> {
  const runs: TelegramRun[] = [];
  const a = await shipped(qa);
  runs.push(await load("as shipped (throttler: 30 msg/s overall, 1/s per chat)", a, texts, 60, 5));
  await a.stop();
  const b = await unthrottled(qa);
  runs.push(await load("same middleware, throttler removed", b, texts, 200, 5));
  await b.stop();
  return runs;
}
