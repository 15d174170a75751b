import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Message, Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { APPLICATION_ID, slashCommand } from "../../adapters/discord/fixtures.ts";
import { callbackOf, TOKEN as DISCORD_TOKEN, editOf } from "../../adapters/discord/harness.ts";
import { startStandIn } from "../../adapters/discord/stand-in.ts";
import { tooManyRequests } from "../../adapters/telegram/bot-api.ts";
import { BotApiStandIn } from "../../adapters/telegram/stand-in.ts";
import { BOT, privateChat, TOKEN, textMessage, user } from "../../adapters/telegram/updates.ts";
import { type MainProcess, startMain, until } from "../../support/main-process.ts";
import { cacheDirectory } from "../../support/seed-qa.ts";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in Bot API and a cache directory that outlive any one bot process. */
async function setUp(): Promise<{
  standIn: BotApiStandIn;
  start: () => Promise<MainProcess>;
  cache: string;
}> {
  const standIn = await BotApiStandIn.start(TOKEN, BOT);
  const cache = await cacheDirectory();
  cleanups.push(
    () => standIn.close(),
    () => cache.remove(),
  );
  const start = async () => {
    const commandsSet = standIn.callsOf("setMyCommands").length;
    const bot = startMain({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: standIn.apiRoot,
      CACHE_DIR: cache.dir,
      LOG_LEVEL: "info",
    });
    cleanups.push(() => bot.stop("SIGKILL"));
    // setMyCommands comes after getMe and just before polling starts.
    await until("the bot to start", () => standIn.callsOf("setMyCommands").length > commandsSet, 60_000);
    return bot;
  };
  return { standIn, start, cache: cache.dir };
}

/** The successful replies to `message`. */
function answersTo(standIn: BotApiStandIn, message: Message) {
  return standIn
    .callsOf("sendMessage", message.chat.id)
    .filter((c) => c.response.ok && c.payload.reply_parameters?.message_id === message.message_id);
}

/** Asks a question and waits until the bot has fetched it and begun sending its reply. */
async function ask(standIn: BotApiStandIn, id: number): Promise<Message> {
  const message = textMessage(privateChat(id), user(id), "耶伦哪天访华？");
  const sent = standIn.requested.filter((m) => m === "sendMessage").length;
  standIn.push({ message } as Omit<Update, "update_id">);
  await until(
    "the reply to be sent",
    () => standIn.requested.filter((m) => m === "sendMessage").length > sent,
  );
  return message;
}

describe("SIGTERM while a reply is held back", () => {
  it("finishes a slow reply before the process exits", async () => {
    const { standIn, start, cache } = await setUp();
    const bot = await start();
    standIn.delayNext("sendMessage", 2_000);
    const message = await ask(standIn, 901);
    expect(answersTo(standIn, message)).toHaveLength(0);

    const { code } = await bot.stop("SIGTERM");
    expect(code).toBe(0);
    expect(answersTo(standIn, message)).toHaveLength(1);
    expect(answersTo(standIn, message)[0]?.payload.text).toContain("耶伦");
    expect(await readdir(path.join(cache, "telegram-pending"))).toEqual([]); // nothing left for the next start
  }, 90_000);

  it("keeps a reply stuck in a 429 retry and sends it after a restart", async () => {
    const { standIn, start } = await setUp();
    const first = await start();
    standIn.failNext("sendMessage", tooManyRequests(30)); // auto-retry waits 30 s, longer than shutdown may
    const message = await ask(standIn, 902);

    const { code } = await first.stop("SIGTERM");
    expect(code).toBe(0);
    expect(answersTo(standIn, message)).toHaveLength(0);
    expect(first.output()).toContain("unanswered updates are kept for the next start");

    // Telegram was told the update arrived (the stand-in forgot it), so only the saved copy can bring it back.
    const second = await start();
    await until("the answer after the restart", () => answersTo(standIn, message).length > 0);
    expect(answersTo(standIn, message)[0]?.payload.text).toContain("耶伦");
    expect(second.output()).toContain("answering an update left over from the last run");
    expect((await second.stop("SIGTERM")).code).toBe(0);
    expect(answersTo(standIn, message)).toHaveLength(1); // answered once, not again at the next start
  }, 120_000);
});

describe("SIGTERM while a deferred Discord answer waits out a 429", () => {
  it("sends the edit before the process exits", async () => {
    const standIn = await startStandIn();
    const cache = await cacheDirectory();
    cleanups.push(
      () => standIn.close(),
      () => cache.remove(),
    );
    const bot = startMain({
      DISCORD_TOKEN: DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_ROOT: standIn.apiRoot,
      CACHE_DIR: cache.dir,
      LOG_LEVEL: "info",
    });
    cleanups.push(() => bot.stop("SIGKILL"));
    await until("the bot to connect", () => bot.output().includes("connected to Discord"), 60_000);

    const interaction = slashCommand("ask", { question: "耶伦哪天访华？" });
    const edit = editOf(interaction.token);
    // Discord.js waits 4 s and tries again: longer than the old shutdown gave it, within the new budget.
    standIn.failOnce(edit, {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 4, global: false },
      headers: { "retry-after": "4", "x-ratelimit-scope": "user" },
    });
    const since = standIn.mark();
    standIn.dispatch("INTERACTION_CREATE", interaction);
    expect((await standIn.waitFor(callbackOf(interaction.id), since, 30_000)).body.type).toBe(5); // deferred
    await standIn.waitFor((r) => edit(r) && r.status === 429, since, 30_000);

    const { code } = await bot.stop("SIGTERM");
    expect(code).toBe(0);
    const edits = standIn.requests.slice(since).filter((r) => edit(r) && r.status === 200);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.body.embeds[0].description).toContain("耶伦");
  }, 90_000);
});
