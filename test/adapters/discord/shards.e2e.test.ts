/**
 * `npm start` with DISCORD_SHARDS=auto against a stand-in Discord that recommends two shards: the real
 * ShardingManager forks two real shard processes, each identifies as its shard and answers the guild Discord routes
 * to it, Telegram runs once in the parent, the parent's health port speaks for all, and SIGTERM to the parent stops
 * them without losing an answer.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateShardId } from "@discordjs/util";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { fetchShardingAdvice, shardExecArgv, shardsDelivery } from "../../../src/adapters/discord/shards.ts";
import { ConfigError } from "../../../src/core/errors.ts";
import { SQLITE_FILE } from "../../../src/store/open-store.ts";
import { openSqliteStore } from "../../../src/store/sqlite.ts";
import { freePort } from "../../support/free-port.ts";
import { startMain, until } from "../../support/main-process.ts";
import { startNewsServer } from "../../support/news-server.ts";
import { postgresUnavailable, TEST_INDEX_URL, temporarySchema } from "../../support/postgres.ts";
import { CONFIG_DIR, cacheDirectory, memoryLogger, temporaryDirectory } from "../../support/seed-qa.ts";
import { startShardedBot } from "../../support/sharded-bot.ts";
import { workspace } from "../../support/workspace.ts";
import { BotApiStandIn } from "../telegram/stand-in.ts";
import { BOT, privateChat, TOKEN as TELEGRAM_TOKEN, textMessage, user } from "../telegram/updates.ts";
import {
  APPLICATION_ID,
  CHANNEL_ID,
  GUILD_ID,
  inGuild,
  OTHER_GUILD_ID,
  slashCommand,
  USER_ID,
} from "./fixtures.ts";
import { callbackOf, editOf, request, TOKEN } from "./harness.ts";
import { shardOfGuild, startStandIn } from "./stand-in.ts";

/** The process ID of the shard process `shard` among the children of `parent` (from their environments). */
function shardPid(parent: number, shard: number): number {
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(parent)], { encoding: "utf8" });
  const pids = children.split("\n").filter(Boolean).map(Number);
  const found = pids.find((pid) =>
    readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`SHARDS=${shard}`),
  );
  if (found === undefined) throw new Error(`no process of shard ${shard} among ${pids.join(", ")}`);
  return found;
}

/** The status of GET /healthz. */
const healthStatus = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status);

const noPostgres = await postgresUnavailable();

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("shardExecArgv", () => {
  it("gives a shard tsx's plain loader and the parent's other flags, not the tsx command's own hooks", () => {
    const fromTsxCommand = [
      "--require",
      "/app/node_modules/tsx/dist/preflight.cjs",
      "--import",
      "file:///app/node_modules/tsx/dist/loader.mjs",
      "--max-semi-space-size=64",
    ];
    expect(shardExecArgv(fromTsxCommand)).toEqual(["--import", "tsx", "--max-semi-space-size=64"]);
    expect(shardExecArgv(["--import", "tsx"])).toEqual(["--import", "tsx"]);
    expect(shardExecArgv(["--import=tsx", "--require", "./otel.cjs"])).toEqual([
      "--import",
      "tsx",
      "--require",
      "./otel.cjs",
    ]);
  });
});

describe("shardsDelivery", () => {
  const said = (value: string): PromiseSettledResult<unknown> => ({ status: "fulfilled", value });
  const failed = (reason: string): PromiseSettledResult<unknown> => ({
    status: "rejected",
    reason: new Error(reason),
  });
  it("is sent when one shard posted, whatever another said or how it failed", () => {
    expect(shardsDelivery("1", [failed("shard 0 did not answer within 60000 ms"), said("sent")])).toBe(
      "sent",
    );
    expect(shardsDelivery("1", [said("gone"), said("sent"), said("elsewhere")])).toBe("sent");
  });
  it("is gone when a shard found the channel gone and none posted, even if another failed", () => {
    expect(shardsDelivery("1", [said("gone"), failed("shard 1: busy")])).toBe("gone");
  });
  it("fails, to be tried again, when no shard posted or found it gone", () => {
    expect(() => shardsDelivery("1", [said("elsewhere"), failed("shard 1: busy")])).toThrow(
      "no shard posted in channel 1: Error: shard 1: busy",
    );
    expect(() => shardsDelivery("1", [said("elsewhere"), said("elsewhere")])).toThrow(
      "no shard holds the server of channel 1",
    );
    expect(() => shardsDelivery("1", [])).toThrow("no shard holds the server of channel 1");
  });
});

describe("fetchShardingAdvice", () => {
  const configFor = (apiRoot: string) => ({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guildId: undefined,
    apiRoot,
    rateLimitPerMinute: 5,
  });

  it("asks the configured API root, not Discord's, for the shard count and identify concurrency", async () => {
    const standIn = await startStandIn({ shards: 3, maxConcurrency: 16 });
    cleanups.push(() => standIn.close());
    expect(await fetchShardingAdvice(configFor(standIn.apiRoot))).toEqual({ shards: 3, maxConcurrency: 16 });
    const asked = await standIn.waitFor(request("GET", /^\/gateway\/bot$/));
    expect(asked.headers.authorization).toBe(`Bot ${TOKEN}`);
  });

  it("turns a refused token into a ConfigError that says what to do", async () => {
    const standIn = await startStandIn();
    cleanups.push(() => standIn.close());
    standIn.failOnce(request("GET", /^\/gateway\/bot$/), {
      status: 401,
      body: { message: "401: Unauthorized", code: 0 },
    });
    const advice = fetchShardingAdvice(configFor(standIn.apiRoot));
    await expect(advice).rejects.toThrow(ConfigError);
    await expect(advice).rejects.toThrow("DISCORD_TOKEN was refused by Discord");
  });
});

describe("npm start with DISCORD_SHARDS=auto", () => {
  it("runs the recommended shards beside Telegram, answers each guild from its shard, restarts a dead one, stops on SIGTERM", async () => {
    const guilds = [GUILD_ID, OTHER_GUILD_ID];
    // The fixtures' guilds fall on different shards of two, by Discord's rule as discord.js computes it too.
    expect(guilds.map((guild) => calculateShardId(guild, 2))).toEqual([1, 0]);
    expect(guilds.map((guild) => shardOfGuild(guild, 2))).toEqual([1, 0]);

    const standIn = await startStandIn({ shards: 2, maxConcurrency: 2, guilds });
    const telegram = await BotApiStandIn.start(TELEGRAM_TOKEN, BOT);
    const cache = await cacheDirectory();
    const port = await freePort();
    cleanups.push(
      () => standIn.close(),
      () => telegram.close(),
      () => cache.remove(),
    );
    const bot = await startShardedBot(
      standIn.apiRoot,
      {
        DISCORD_SHARDS: "auto",
        TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        HEALTH_PORT: String(port),
        CACHE_DIR: cache.dir,
      },
      cleanups,
    );

    // Each shard process identified once, with its own [id, count].
    const identified = standIn.received
      .filter((payload) => payload.op === 2)
      .map((payload) => payload.d.shard);
    expect(identified.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await health.json()).passages).toBeGreaterThan(50);

    // A question from each guild reaches only the shard the guild is on, and that process answers it.
    for (const guild of guilds) {
      const interaction = inGuild(slashCommand("ask", { question: "耶伦哪天访华？" }), guild);
      const since = standIn.mark();
      standIn.dispatch("INTERACTION_CREATE", interaction);
      const edit = await standIn.waitFor(editOf(interaction.token), since, 20_000);
      expect(edit.body.embeds[0].description).toContain("耶伦");
    }
    // Telegram runs once, in the parent: one bot registered its commands and answers; a shard running one too
    // would have doubled both.
    expect(telegram.callsOf("setMyCommands")).toHaveLength(1);
    const message = textMessage(privateChat(77), user(77), "耶伦哪天访华？");
    telegram.push({ message } as Omit<Update, "update_id">);
    await until("the Telegram answer", () => telegram.callsOf("sendMessage", 77).length > 0);
    expect(telegram.callsOf("sendMessage", 77)[0]?.payload.text).toContain("耶伦");

    // The parent's /metrics counts the questions of each shard apart, beside its own.
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const shard of ["0", "1"])
      expect(metrics).toContain(`citebot_questions_total{platform="discord",shard="${shard}"} 1`);
    expect(metrics).toContain('citebot_questions_total{platform="telegram"} 1');

    // A shard that dies is reported by /healthz, started again by the manager, and answers again.
    const identifies = standIn.received.filter((payload) => payload.op === 2).length;
    process.kill(shardPid(bot.child.pid ?? 0, 1), "SIGKILL");
    await until("/healthz to report the dead shard", async () => (await healthStatus(port)) === 503, 10_000);
    await until("shard 1 to identify again", () => {
      const again = standIn.received.filter((payload) => payload.op === 2).slice(identifies);
      return again.some((payload) => payload.d.shard[0] === 1);
    });
    await until("/healthz to recover", async () => (await healthStatus(port)) === 200);
    const afterRestart = inGuild(slashCommand("ask", { question: "耶伦哪天访华？" }), GUILD_ID);
    const sinceRestart = standIn.mark();
    standIn.dispatch("INTERACTION_CREATE", afterRestart);
    const answered = await standIn.waitFor(editOf(afterRestart.token), sinceRestart, 20_000);
    expect(answered.body.embeds[0].description).toContain("耶伦");
    expect(bot.output()).toContain("shard exited; starting it again");

    // An answer held up by a 429 on shard 0 when SIGTERM reaches the parent is still sent before the process exits.
    const held = inGuild(slashCommand("ask", { question: "耶伦哪天访华？" }), OTHER_GUILD_ID);
    const edit = editOf(held.token);
    standIn.failOnce(edit, {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 2, global: false },
      headers: { "retry-after": "2", "x-ratelimit-scope": "user" },
    });
    const since = standIn.mark();
    standIn.dispatch("INTERACTION_CREATE", held);
    expect((await standIn.waitFor(callbackOf(held.id), since, 20_000)).body.type).toBe(5); // deferred
    await standIn.waitFor((request) => edit(request) && request.status === 429, since, 20_000);

    const { code } = await bot.stop("SIGTERM");
    expect(code).toBe(0);
    const sent = standIn.requests.slice(since).filter((request) => edit(request) && request.status === 200);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.embeds[0].description).toContain("耶伦");
    expect(bot.output()).toContain("every Discord shard has stopped");
    expect(bot.output().match(/"msg":"disconnected from Discord"/g)).toHaveLength(2);
    expect(telegram.callsOf("sendMessage", 77)).toHaveLength(1);
  }, 90_000);

  it("exits with an error, and leaves no shard running, when a shard cannot start", async () => {
    const standIn = await startStandIn({ shards: 2, maxConcurrency: 2 });
    const cache = await cacheDirectory();
    cleanups.push(
      () => standIn.close(),
      () => cache.remove(),
    );
    // The parent's GET /gateway/bot succeeds; the first shard's own one, at its login, is refused.
    let asked = 0;
    standIn.failOnce(
      (candidate) => candidate.method === "GET" && candidate.path === "/gateway/bot" && ++asked === 2,
      { status: 401, body: { message: "401: Unauthorized", code: 0 } },
    );
    const bot = startMain({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_ROOT: standIn.apiRoot,
      DISCORD_SHARDS: "auto",
      CACHE_DIR: cache.dir,
      LOG_LEVEL: "info",
    });
    cleanups.push(() => bot.stop("SIGKILL"));
    const [code] = (await once(bot.child, "exit")) as [number | null];
    expect(code).toBe(1);
    expect(bot.output()).toContain("DISCORD_TOKEN was refused by Discord");
    expect(bot.output()).toContain("Discord shard 0 of 2 did not start");
    // Shard 0 is not forked again and again during start-up, and shard 1 never began.
    expect(bot.output()).toContain('"msg":"shard exited"');
    expect(bot.output()).not.toContain("starting it again");
    expect(bot.output()).toContain("every Discord shard has stopped");
    expect(standIn.received.filter((payload) => payload.op === 2)).toEqual([]);
  }, 60_000);
});

describe("npm start with DISCORD_SHARDS and no Telegram", () => {
  it("polls the feeds in the parent alone and announces in each channel through the shard holding its server", async () => {
    const otherChannel = "1300000000000000009";
    const guilds = [GUILD_ID, OTHER_GUILD_ID]; // on shards 1 and 0 of two
    const channels = { [GUILD_ID]: CHANNEL_ID, [OTHER_GUILD_ID]: otherChannel };
    const standIn = await startStandIn({ shards: 2, maxConcurrency: 2, guilds, channels });
    const site = await startNewsServer();
    const config = await temporaryDirectory();
    const dirs = await workspace(cleanups as Array<() => Promise<void>>);
    cleanups.push(
      () => standIn.close(),
      () => site.close(),
      () => config.remove(),
    );
    await cp(CONFIG_DIR, config.dir, { recursive: true });
    const feeds = { feeds: [{ url: `${site.url}/feed.rss` }] };
    await writeFile(path.join(config.dir, "feeds.json"), JSON.stringify(feeds));
    // Both channels opted in and a reader follows 关税, as /announce and /follow would have stored them.
    const store = openSqliteStore(path.join(dirs.cacheDir, SQLITE_FILE), memoryLogger().logger);
    for (const id of [CHANNEL_ID, otherChannel])
      await store.subscriptions.setAnnounce({ platform: "discord", id }, true);
    await store.subscriptions.follow({ platform: "discord", id: USER_ID, topic: "关税" });
    await store.close();

    const bot = await startShardedBot(
      standIn.apiRoot,
      {
        DISCORD_SHARDS: "auto",
        CORPUS_DIR: dirs.corpusDir,
        CONFIG_DIR: config.dir,
        CACHE_DIR: dirs.cacheDir,
        FETCH_ALLOW_PRIVATE: "1",
        // Long enough for the /add below to join the feed's burst, without the default 30 s wait.
        ANNOUNCE_BURST_MS: "8000",
      },
      cleanups,
    );

    // Shard 0, which does not hold CHANNEL_ID's server, asks Discord for it (shard 1 has it cached): that one
    // request fails. Shard 1's post still counts: the announcement is not logged as failed.
    standIn.failOnce((r) => r.method === "GET" && r.path === `/channels/${CHANNEL_ID}`, {
      status: 400,
      body: { message: "Invalid Form Body", code: 50035 },
    });
    // A moderator adds a link on shard 1: that article joins the feed's in the parent's one announcement.
    const add = inGuild(slashCommand("add", { url: `${site.url}/gen/3` }), GUILD_ID);
    const moderator = { ...add, member: { ...add.member, permissions: "8192" } };
    const since = standIn.mark();
    standIn.dispatch("INTERACTION_CREATE", moderator);
    expect((await standIn.waitFor(editOf(add.token), since, 20_000)).body.content).toContain("第3号新闻");

    const posts = (channel: string) =>
      standIn.requests.filter((r) => r.method === "POST" && r.path === `/channels/${channel}/messages`);
    await until(
      "an announcement in each channel",
      () => posts(CHANNEL_ID).length > 0 && posts(otherChannel).length > 0,
      60_000,
    );
    for (const channel of [CHANNEL_ID, otherChannel]) {
      expect(posts(channel)).toHaveLength(1);
      expect(posts(channel)[0]?.body.content).toContain("美国宣布对中国稀土加征关税");
      expect(posts(channel)[0]?.body.content).toContain("第3号新闻");
    }
    // The follower's direct message went out once, with the sentence naming 关税 (after the channels' posts).
    const directPosts = () => posts([...standIn.directChannels.keys()][0] ?? "");
    await until("the follower's direct message", () => directPosts().length > 0, 20_000);
    const opened = standIn.requests.filter((r) => r.method === "POST" && r.path === "/users/@me/channels");
    expect(opened.map((r) => r.body.recipient_id)).toEqual([USER_ID]);
    expect(directPosts()[0]?.body.content).toContain("加征百分之二十五的关税");
    expect(
      standIn.requests.filter((r) => r.path === `/channels/${CHANNEL_ID}` && r.status === 400),
    ).toHaveLength(1);
    expect(bot.output()).not.toContain("an announcement could not be sent");
    // One process polled the feed, once: neither shard polls it too.
    expect(site.requests.filter((r) => r.startsWith("GET /feed.rss"))).toHaveLength(1);

    const { code } = await bot.stop("SIGTERM");
    expect(code).toBe(0);
  }, 120_000);
});

describe.skipIf(noPostgres)("npm start with DISCORD_SHARDS and the index in PostgreSQL", () => {
  it("keeps the index in step from shard 0 alone, and the other shard answers from it", async () => {
    const standIn = await startStandIn({ shards: 2, maxConcurrency: 2, guilds: [GUILD_ID, OTHER_GUILD_ID] });
    const cache = await cacheDirectory();
    const { schema, drop } = temporarySchema();
    cleanups.push(
      () => standIn.close(),
      () => cache.remove(),
      () => drop(),
    );
    const bot = await startShardedBot(
      standIn.apiRoot,
      { DISCORD_SHARDS: "2", INDEX_URL: TEST_INDEX_URL, INDEX_SCHEMA: schema, CACHE_DIR: cache.dir },
      cleanups,
    );
    const inStep = () => bot.output().match(/.*"msg":"PostgreSQL index in step with the articles".*/g) ?? [];
    await until("the index to be in step", () => inStep().length > 0, 60_000);

    // Shard 1 (GUILD_ID's) answers from what shard 0 wrote.
    const interaction = inGuild(slashCommand("ask", { question: "耶伦哪天访华？" }), GUILD_ID);
    standIn.dispatch("INTERACTION_CREATE", interaction);
    expect((await standIn.waitFor(editOf(interaction.token))).body.embeds[0].description).toContain("耶伦");
    expect((await bot.stop("SIGTERM")).code).toBe(0);
    expect(inStep()).toHaveLength(1);
    expect(JSON.parse(inStep()[0] ?? "{}").shard).toBe(0);
  }, 90_000);
});
