import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NewsService, startNews } from "../../../src/ingest/news.ts";
import { openSqliteStore } from "../../../src/store/sqlite.ts";
import type { ConsoleStore } from "../../../src/store/types.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
import { newsConfigIn } from "../../support/news-config.ts";
import { type NewsServer, startNewsServer } from "../../support/news-server.ts";
import {
  BOT_ROLE_ID,
  CHANNEL_ID,
  EDITORS_ROLE_ID,
  GUILD_ID,
  guildPayload,
  inLocale,
  message,
  messageCommand,
  slashCommand,
  USER_ID,
  user,
} from "./fixtures.ts";
import { callbackOf, editOf, type Harness, startHarness } from "./harness.ts";

let site: NewsServer;
let store: ConsoleStore;
let news: NewsService;
let harness: Harness;

beforeAll(async () => {
  site = await startNewsServer();
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-discord-news-"));
  const logger = pino({ level: "silent" });
  store = openSqliteStore(path.join(dir, "console.sqlite"), logger);
  const config = newsConfigIn(dir, { moderatorRole: "editors" });
  news = startNews(config, logger, store.subscriptions, { burstMs: 60_000 });
  harness = await startHarness(createFakeQa(), { news });
});
afterAll(async () => {
  await harness.close();
  await news.stop();
  await store.close();
  await site.close();
});

/** Dispatches an interaction; resolves to its immediate reply's body, and the edit's when `deferred`. */
async function interact(interaction: { id: string; token: string }, deferred = false) {
  const since = harness.standIn.mark();
  harness.standIn.dispatch("INTERACTION_CREATE", interaction);
  const ack = await harness.standIn.waitFor(callbackOf(interaction.id), since);
  if (!deferred) return ack.body as { type: number; data: { content: string; flags?: number } };
  const edit = await harness.standIn.waitFor(editOf(interaction.token), since, 20_000);
  return { type: 4, data: edit.body as { content: string } };
}
/** A member with Manage Messages (and nothing else). */
const asModerator = <T extends { member: object }>(interaction: T): T => ({
  ...interaction,
  member: { ...interaction.member, permissions: "8192" },
});
/** A member without Manage Messages and without the moderators' role. */
const asMember = <T extends { member: object }>(interaction: T): T => ({
  ...interaction,
  member: { ...interaction.member, permissions: "0", roles: [] },
});

/** A user who follows topics and then refuses the bot's direct messages (Discord's 50007). */
const REFUSER = "1400000000000000077";

/** The same interaction from another user (the fixtures' member is USER_ID). */
const fromUser = <T extends { member: { user: object } }>(interaction: T, id: string): T => ({
  ...interaction,
  member: {
    ...interaction.member,
    user: { ...interaction.member.user, id, username: `user${id.slice(-4)}` },
  },
});

/** A member without Manage Messages who holds the role `roleId`. */
const withRole = <T extends { member: object }>(interaction: T, roleId: string): T => ({
  ...interaction,
  member: { ...interaction.member, permissions: "0", roles: [roleId] },
});

describe("Discord news commands", () => {
  it("lets only moderators add, and says what was added", async () => {
    const refused = await interact(asMember(slashCommand("add", { url: `${site.url}/article/og` })));
    expect(refused.data).toMatchObject({ content: "只有管理员可以添加文章。", flags: 64 });
    const added = await interact(asModerator(slashCommand("add", { url: `${site.url}/article/og` })), true);
    expect(added.data.content).toBe(
      "已添加：**欧盟与中国举行气候对话 · 世界日报 · 2025-07-03**\n<https://world.example.org/climate-dialogue>\n3 个段落",
    );
    const again = inLocale(asModerator(slashCommand("add", { url: `${site.url}/article/og` })), "en-US");
    expect((await interact(again, true)).data.content).toBe(
      "Not added: already in: **欧盟与中国举行气候对话 · 世界日报 · 2025-07-03**\n<https://world.example.org/climate-dialogue>",
    );
  });

  it("lets a member with the MODERATOR_ROLE role add without Manage Messages, and not one with another role", async () => {
    const url = `${site.url}/gen/8`;
    const otherRole = await interact(withRole(slashCommand("add", { url }), BOT_ROLE_ID));
    expect(otherRole.data).toMatchObject({ content: "只有管理员可以添加文章。", flags: 64 });
    const editor = await interact(withRole(slashCommand("add", { url }), EDITORS_ROLE_ID), true);
    expect(editor.data.content).toMatch(/^已添加：\*\*第8号新闻 · /);
  });

  it("sends a follower a direct message with the matching quote, and unsubscribes one who refuses DMs", async () => {
    await news.announcer.flush(); // what the tests before added
    const follows = await interact(slashCommand("follow", { topic: "关税" }));
    expect(follows.data).toMatchObject({ flags: 64 });
    await interact(fromUser(slashCommand("follow", { topic: "关税" }), REFUSER));
    await interact(fromUser(slashCommand("follow", { topic: "样本" }), REFUSER));
    expect(await store.subscriptions.following({ platform: "discord", id: REFUSER })).toEqual([
      "关税",
      "样本",
    ]);
    harness.standIn.refusingDirectMessages.add(REFUSER);
    const since = harness.standIn.mark();
    await news.add(`${site.url}/article/jsonld`);
    await news.announcer.flush();
    const sent = harness.standIn.requests.slice(since);
    const opened = sent.filter((r) => r.method === "POST" && r.path === "/users/@me/channels");
    expect(opened.map((r) => r.body.recipient_id).sort()).toEqual([REFUSER, USER_ID].sort());
    const dmOf = (id: string) =>
      [...harness.standIn.directChannels].find(([, recipient]) => recipient === id)?.[0];
    const delivered = sent.find((r) => r.path === `/channels/${dmOf(USER_ID)}/messages`);
    expect(delivered?.status).toBe(200);
    expect(delivered?.body.content).toContain("🔔 关税");
    expect(delivered?.body.content).toContain(
      "> 美国商务部周三宣布，将对从中国进口的稀土产品加征百分之二十五的关税，新措施将于八月一日生效。",
    );
    const refused = sent.find((r) => r.path === `/channels/${dmOf(REFUSER)}/messages`);
    expect(refused?.status).toBe(403);
    // The refuser is unsubscribed; the reader still follows.
    expect(await store.subscriptions.following({ platform: "discord", id: REFUSER })).toEqual([]);
    expect(await store.subscriptions.following({ platform: "discord", id: USER_ID })).toEqual(["关税"]);
  });

  it("does not retry a follower who refused DMs when the next matching article arrives", async () => {
    // It followed 样本 too, which every generated article names: were it not forgotten, this would DM it again.
    const since = harness.standIn.mark();
    await news.add(`${site.url}/gen/10`);
    await news.announcer.flush();
    const opened = harness.standIn.requests
      .slice(since)
      .filter((r) => r.method === "POST" && r.path === "/users/@me/channels");
    expect(opened.map((r) => r.body.recipient_id)).not.toContain(REFUSER);
  });

  it("announces a burst once in a channel a moderator opted in", async () => {
    const on = await interact(asModerator(slashCommand("announce", { state: "on" })));
    expect(on.data.content).toBe("此后新文章会在这里通知。");
    await news.announcer.flush(); // the article of the test before
    const since = harness.standIn.mark();
    await news.add(`${site.url}/gen/5`);
    await news.add(`${site.url}/gen/9`);
    await news.announcer.flush();
    const posts = harness.standIn.requests
      .slice(since)
      .filter((r) => r.method === "POST" && r.path === `/channels/${CHANNEL_ID}/messages`);
    expect(posts).toHaveLength(1);
    const content = (posts[0]?.body as { content: string } | undefined)?.content;
    // The fixtures' server is not a Community one, so has no language of its own: the heading says both.
    expect(content).toMatch(
      /^📰 2 篇新文章 2 new articles\n\n\*\*第5号新闻 · 测试通讯社 · 2025-07-06\*\*\n<http:/,
    );
    expect(content).toContain(
      "> 第5号新闻的第1段：研究人员在第5次实验中记录了36个样本，并比较了不同方法的结果。",
    );
    expect(content).toContain("**第9号新闻 · 测试通讯社 · 2025-07-10**");
    await interact(asModerator(slashCommand("announce", { state: "off" })));
  });

  it("keeps a channel's announcements while its server has not arrived, and posts once it has", async () => {
    await interact(asModerator(slashCommand("announce", { state: "on" })));
    await news.announcer.flush(); // what the tests before added
    const posts = (since: number) =>
      harness.standIn.requests
        .slice(since)
        .filter((r) => r.method === "POST" && r.path === `/channels/${CHANNEL_ID}/messages`);
    // The server goes out of discord.js's cache, as before it arrives at start-up.
    harness.standIn.dispatch("GUILD_DELETE", { id: GUILD_ID, guild_id: GUILD_ID });
    await interact(slashCommand("following")); // answered after the gateway's events before it
    let since = harness.standIn.mark();
    await news.add(`${site.url}/gen/11`);
    await news.announcer.flush();
    expect(posts(since)).toHaveLength(0);
    expect(await store.subscriptions.announceTargets()).toContainEqual({
      platform: "discord",
      id: CHANNEL_ID,
    });

    harness.standIn.dispatch("GUILD_CREATE", { ...guildPayload(), guild_id: GUILD_ID });
    await interact(slashCommand("following"));
    since = harness.standIn.mark();
    await news.add(`${site.url}/gen/12`);
    await news.announcer.flush();
    expect(posts(since)).toHaveLength(1);
    await interact(asModerator(slashCommand("announce", { state: "off" })));
  });

  it("answers /follow, /following, /unfollow and /announce in the user's language", async () => {
    const reader = "1400000000000000055";
    const as = (name: string, values: Record<string, string>, locale: string) =>
      interact(inLocale(fromUser(asMember(slashCommand(name, values)), reader), locale));
    const said = async (name: string, values: Record<string, string>, locale: string) =>
      (await as(name, values, locale)).data.content;
    expect(await said("following", {}, "en-US")).toBe(
      "You follow no topic. Send /follow and a word or name to start.",
    );
    expect(await said("follow", { topic: "稀土" }, "zh-CN")).toBe("有新文章提到“稀土”时会私信通知你。");
    expect(await said("follow", { topic: "稀土" }, "en-US")).toBe('You follow "稀土" already.');
    expect(await said("follow", { topic: "关税" }, "zh-TW")).toBe("有新文章提到“关税”時會私信通知你。");
    expect(await said("following", {}, "zh-CN")).toBe("你关注的话题：稀土、关税");
    // Traditional around the topics; the topics as the user wrote them.
    expect(await said("following", {}, "zh-TW")).toBe("你關注的話題：稀土、关税");
    expect(await said("unfollow", { topic: "稀土" }, "en-US")).toBe('You no longer follow "稀土".');
    expect(await said("unfollow", { topic: "稀土" }, "zh-CN")).toBe("你没有关注这个。");
    expect(await said("unfollow", {}, "zh-TW")).toBe("不再關注任何話題。");
    expect(await said("announce", { state: "on" }, "en-US")).toBe(
      "Only moderators can turn announcements on or off.",
    );
    const off = await interact(inLocale(asModerator(slashCommand("announce", { state: "off" })), "en-US"));
    expect(off.data.content).toBe("New articles will no longer be announced here.");
  });

  it("verifies a quote by /verify and by the message menu, for anyone", async () => {
    const text = "欧盟方面表示，希望中国在可再生能源设备出口方面遵守公平竞争的规则。";
    const slash = await interact(asMember(slashCommand("verify", { text })));
    expect(slash.data.content).toMatch(/^✅ 逐字相符：\n> 欧盟方面表示/);
    const inEnglish = await interact(inLocale(asMember(slashCommand("verify", { text })), "en-US"));
    expect(inEnglish.data.content).toMatch(/^✅ Verbatim:\n> 欧盟方面表示/);
    const unknown = await interact(
      asMember(slashCommand("verify", { text: "今天天气很好，我们去公园散步吧。" })),
    );
    expect(unknown.data.content).toBe("❌ 文章中没有这句话。");
    const target = message(
      { content: "欧盟方面表示，希望中国在可再生能源设备出口方面遵守公平竞争的规则和标准。" },
      { channelId: CHANNEL_ID, author: user },
    );
    const menu = await interact(asMember(messageCommand("Verify quote", target)));
    expect(menu.data.content).toMatch(/^⚠️ 接近，但有出入：/);
    expect(menu.data.content).toContain("规则__∅__ (措辞：和标准)。");
    expect(menu.data.content).toContain("世界日报");
  });
});
