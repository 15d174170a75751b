import type { Update } from "grammy/types";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot, type DiscordBot } from "../../../src/adapters/discord/bot.ts";
import { REDIS_COMMAND_TIMEOUT_MS } from "../../../src/adapters/shared/redis.ts";
import { createTelegramBot, type TelegramBot } from "../../../src/adapters/telegram/bot.ts";
import type { TelegramConfig } from "../../../src/config.ts";
import { QUESTION_QUERY_TIMEOUT_MS } from "../../../src/core/index/postgres/pool.ts";
import { messages, phrases } from "../../../src/core/messages.ts";
import { createQa, type LoadedQa } from "../../../src/core/qa.ts";
import { createMetrics } from "../../../src/ops/metrics.ts";
import { createOpsServer, type OpsServer } from "../../../src/ops/server.ts";
import { APPLICATION_ID, slashCommand } from "../../adapters/discord/fixtures.ts";
import { callbackOf, TOKEN as DISCORD_TOKEN, editOf } from "../../adapters/discord/harness.ts";
import { type StandIn as DiscordStandIn, startStandIn } from "../../adapters/discord/stand-in.ts";
import { BotApiStandIn } from "../../adapters/telegram/stand-in.ts";
import { BOT, privateChat, TOKEN, textMessage, user } from "../../adapters/telegram/updates.ts";
import { until } from "../../support/main-process.ts";
import { postgresUnavailable, temporarySchema } from "../../support/postgres.ts";
import {
  CONFIG_DIR,
  cacheDirectory,
  memoryLogger,
  SEEDS_DIR,
  type temporaryDirectory,
} from "../../support/seed-qa.ts";
import { type StallableProxy, startStallableProxy } from "../../support/tcp-proxy.ts";

/** What a probe or a scraper waits at most: `/healthz` and `/metrics` must answer within it. */
const PROBE_MS = 1_000;
/** Room on top of a deadline for the rest of the answer's way (the stand-in's long poll, the reply). */
const SLACK_MS = 1_500;
/** How long Discord waits for an interaction's acknowledgement before it tells the user "did not respond". */
const DISCORD_ACK_MS = 3_000;

const noPostgres = await postgresUnavailable();
const QUESTION = "中美关系";

/**
 * Both bots as `npm start` wires them, with their PostgreSQL index and their Redis each behind a proxy the test
 * can freeze: a real grammY bot polling the Telegram stand-in, a real discord.js client on the Discord stand-in,
 * a real `Qa` over the seed articles, the real ops port.
 */
describe.skipIf(noPostgres !== undefined)(
  "a dependency that accepts connections and then stops answering",
  () => {
    let postgres: StallableProxy;
    let redis: StallableProxy;
    let standIn: BotApiStandIn;
    let qa: LoadedQa;
    let bot: TelegramBot;
    let discordStandIn: DiscordStandIn;
    let discord: DiscordBot;
    let ops: OpsServer;
    let base: string;
    const log = memoryLogger();
    const schema = temporarySchema();
    let cache: Awaited<ReturnType<typeof temporaryDirectory>>;
    const cleanups: Array<() => Promise<unknown>> = [];

    beforeAll(async () => {
      [postgres, redis] = await Promise.all([startStallableProxy(5432), startStallableProxy(6379)]);
      cleanups.push(
        () => postgres.close(),
        () => redis.close(),
      );
      cache = await cacheDirectory();
      cleanups.push(cache.remove, schema.drop);
      qa = await createQa({
        corpusDir: SEEDS_DIR,
        cacheDir: cache.dir,
        configDir: CONFIG_DIR,
        logger: log.logger,
        postgres: {
          url: `postgres://postgres@127.0.0.1:${postgres.port}/test`,
          schema: schema.schema,
          sync: "wait",
        },
      });
      cleanups.unshift(() => qa.close());
      const metrics = createMetrics();
      ops = createOpsServer({ port: 0, host: "127.0.0.1", metrics, logger: log.logger });
      base = `http://127.0.0.1:${await ops.start()}`;
      ops.ready(qa);
      cleanups.unshift(() => ops.stop());
      standIn = await BotApiStandIn.start(TOKEN, BOT);
      const config: TelegramConfig = {
        token: TOKEN,
        apiRoot: standIn.apiRoot,
        webhook: undefined,
        rateLimitPerMinute: 100,
        redisUrl: `redis://127.0.0.1:${redis.port}`,
      };
      bot = createTelegramBot({
        qa: metrics.measure(qa, "telegram"),
        config,
        logger: metrics.countErrors(log.logger, "telegram"),
      });
      await bot.start();
      cleanups.unshift(
        () => bot.stop(),
        () => standIn.close(),
      );
      discordStandIn = await startStandIn();
      discord = createDiscordBot({
        qa: metrics.measure(qa, "discord"),
        config: {
          token: DISCORD_TOKEN,
          applicationId: APPLICATION_ID,
          guildId: undefined,
          apiRoot: discordStandIn.apiRoot,
          rateLimitPerMinute: 1000, // one user asks every question
          redisUrl: config.redisUrl,
        },
        logger: log.logger,
      });
      await discord.start();
      cleanups.unshift(
        () => discord.stop(),
        () => discordStandIn.close(),
      );
      await until("both bots' limits to be shared through Redis", () => count("through Redis") === 2, 10_000);
    }, 60_000);

    afterAll(async () => {
      // Thawed first, so that closing what talks through the proxies does not wait on them.
      postgres?.resume();
      redis?.resume();
      for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    }, 30_000);

    const count = (fragment: string) =>
      log.lines().filter((line) => String(line.msg).includes(fragment)).length;
    const logged = (fragment: string) => count(fragment) > 0;
    let nextUser = 1_000_000 + Math.floor(Math.random() * 1e9); // fresh Redis keys on every run
    /** Asks `QUESTION` as a new user in a private chat; the reply's text, if it comes within `withinMs`. */
    const ask = async (withinMs: number) => {
      const id = nextUser++;
      const message = textMessage(privateChat(id), user(id), QUESTION);
      standIn.push({ message } as Omit<Update, "update_id">);
      const reply = await standIn.waitFor(
        "sendMessage",
        (call) => call.payload.reply_parameters?.message_id === message.message_id,
        withinMs,
      );
      return { text: String(reply.payload.text), userId: id };
    };
    /**
     * Asks `QUESTION` with a private /ask on Discord: the acknowledgement must come within Discord's 3 s, the
     * answer (or the apology) that replaces "thinking…" within `withinMs`. The answer's content: the apology, or
     * its first quote.
     */
    const askDiscord = async (withinMs: number) => {
      const interaction = slashCommand("ask", { question: QUESTION, private: true });
      const since = discordStandIn.mark();
      discordStandIn.dispatch("INTERACTION_CREATE", interaction);
      const ack = await discordStandIn.waitFor(callbackOf(interaction.id), since, DISCORD_ACK_MS);
      expect(ack.body).toEqual({ type: 5, data: { flags: 64 } });
      const edit = await discordStandIn.waitFor(editOf(interaction.token), since, withinMs);
      return String(edit.body.embeds?.[0]?.description ?? edit.body.content);
    };
    /** GETs `route` of the ops port, giving up after `PROBE_MS` as a probe would. */
    const probe = async (route: string) => {
      const response = await fetch(`${base}${route}`, { signal: AbortSignal.timeout(PROBE_MS) });
      return { status: response.status, body: await response.text() };
    };

    it("PostgreSQL: the apology comes within the query deadline, /healthz says unavailable within 1 s, and all recovers on its own", async () => {
      expect((await ask(10_000)).text).toContain("BBC"); // answered from PostgreSQL through the proxy
      postgres.pause();
      try {
        expect((await ask(QUESTION_QUERY_TIMEOUT_MS + SLACK_MS)).text).toBe(messages.failure);
        expect(await askDiscord(QUESTION_QUERY_TIMEOUT_MS + SLACK_MS)).toBe(phrases.failure.zh);
        expect(await probe("/healthz")).toEqual({ status: 503, body: '{"status":"unavailable"}' });
        const scraped = await probe("/metrics");
        expect(scraped.status).toBe(200);
        expect(scraped.body).toContain("citebot_indexed_passages");
        // What the operator sees: the failed question as an error (and counted), the health check's warning.
        expect(scraped.body).toMatch(/^citebot_platform_errors_total\{platform="telegram"\} [1-9]/m);
        const errors = log.lines().filter((line) => line.level === 50);
        expect(errors.map((line) => (line.err as { message?: string })?.message)).toContain(
          "Query read timeout",
        );
        expect(logged("health check: the index did not answer")).toBe(true);
        // A second question, with the pool's connections now gone: a new connection meets the same stall.
        expect((await ask(QUESTION_QUERY_TIMEOUT_MS + SLACK_MS)).text).toBe(messages.failure);
      } finally {
        postgres.resume();
      }
      await until("/healthz to say ok again", async () => (await probe("/healthz")).status === 200, 10_000);
      expect((await ask(QUESTION_QUERY_TIMEOUT_MS + SLACK_MS)).text).toContain("BBC");
      expect(await askDiscord(QUESTION_QUERY_TIMEOUT_MS + SLACK_MS)).toContain("中美关系");
    }, 30_000);

    it("Redis: questions are answered within the command deadline, counted in this process, and shared again once it is back", async () => {
      const direct = new Redis("redis://127.0.0.1:6379");
      cleanups.push(async () => direct.quit());
      const countedInRedis = async (userId: number) =>
        (await direct.get(`citebot:limit:telegram:${userId}`)) !== null;
      const before = await ask(10_000);
      expect(await countedInRedis(before.userId)).toBe(true);
      redis.pause();
      try {
        const during = await ask(REDIS_COMMAND_TIMEOUT_MS + SLACK_MS);
        expect(during.text).toContain("BBC");
        expect(await countedInRedis(during.userId)).toBe(false);
        expect(await askDiscord(REDIS_COMMAND_TIMEOUT_MS + SLACK_MS)).toContain("中美关系");
        expect(logged("count in this process")).toBe(true);
        expect((await probe("/healthz")).status).toBe(200);
        expect((await probe("/metrics")).status).toBe(200);
      } finally {
        redis.resume();
      }
      await until("Redis to be back for both bots", () => count("Redis is back") === 2, 10_000);
      expect(count("Redis is unreachable")).toBe(2); // one warning per bot for the whole outage
      const after = await ask(10_000);
      expect(after.text).toContain("BBC");
      expect(await countedInRedis(after.userId)).toBe(true);
      expect(await askDiscord(10_000)).toContain("中美关系");
    }, 30_000);
  },
);
