import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NewsService, startNews } from "../../../src/ingest/news.ts";
import { openSqliteStore } from "../../../src/store/sqlite.ts";
import type { ConsoleStore } from "../../../src/store/types.ts";
import { newsConfigIn } from "../../support/news-config.ts";
import { type NewsServer, startNewsServer } from "../../support/news-server.ts";
import { type Harness, startHarness } from "./harness.ts";
import { group, privateChat, textMessage, user } from "./updates.ts";

const MODERATOR = 1;
let site: NewsServer;
let store: ConsoleStore;
let news: NewsService;
let harness: Harness;

beforeAll(async () => {
  site = await startNewsServer();
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-tg-news-"));
  const logger = pino({ level: "silent" });
  store = openSqliteStore(path.join(dir, "console.sqlite"), logger);
  const config = newsConfigIn(dir, { moderators: [String(MODERATOR)] });
  news = startNews(config, logger, store.subscriptions, { burstMs: 60_000 });
  harness = await startHarness({ news });
});
afterAll(async () => {
  await harness.close();
  await news.stop();
  await store.close();
  await site.close();
});

/** A command from user `from`, whose Telegram is set to `language` (English unless said; none when null). */
const command = (
  chat: ReturnType<typeof group> | ReturnType<typeof privateChat>,
  from: number,
  text: string,
  language: string | null = "en",
) => {
  const name = text.split(" ")[0] ?? "";
  const sender = language === null ? user(from) : { ...user(from), language_code: language };
  return harness.send(
    textMessage(chat, sender, text, {
      entities: [{ type: "bot_command", offset: 0, length: name.length }],
    }),
  );
};
const replyText = async (message: ReturnType<typeof command>) =>
  String((await harness.replyTo(message)).payload.text);

describe("Telegram news commands", () => {
  it("lets a moderator add a link, and tells anyone else they cannot", async () => {
    const chat = group(7);
    expect(await replyText(command(chat, 2, `/add ${site.url}/article/og`))).toBe(
      "Only moderators can add articles.",
    );
    const reply = await replyText(command(chat, MODERATOR, `/add ${site.url}/article/og`));
    expect(reply).toBe(
      "Added: <b>欧盟与中国举行气候对话 · 世界日报 · 2025-07-03</b>\nhttps://world.example.org/climate-dialogue\n3 passages",
    );
    expect(await replyText(command(chat, MODERATOR, `/add ${site.url}/home`))).toBe(
      "Not added: not an article (no article text on the page)",
    );
  });

  it("lets a group's administrator add, as Telegram's getChatMember says, and not a plain member", async () => {
    const chat = group(9);
    const admin = 4;
    const member = 6;
    harness.standIn.administrators.set(chat.id, [admin]);
    expect(await replyText(command(chat, member, `/add ${site.url}/gen/6`))).toBe(
      "Only moderators can add articles.",
    );
    expect(await replyText(command(chat, admin, `/add ${site.url}/gen/6`))).toMatch(
      /^Added: <b>第6号新闻 · /,
    );
    const asked = harness.standIn.callsOf("getChatMember", chat.id).map((c) => c.payload.user_id);
    expect(asked).toEqual([member, admin]);
    // An administrator of one group is not a moderator in another.
    expect(await replyText(command(group(10), admin, `/add ${site.url}/gen/7`))).toBe(
      "Only moderators can add articles.",
    );
  });

  it("announces a burst once in a group that opted in", async () => {
    const chat = group(8);
    expect(await replyText(command(chat, MODERATOR, "/announce on"))).toBe(
      "New articles will be announced here.",
    );
    await news.announcer.flush(); // the article of the test before goes out first, alone
    const before = harness.standIn.calls.length;
    await news.add(`${site.url}/article/jsonld`);
    await news.add(`${site.url}/gen/3`);
    await news.announcer.flush();
    const posts = harness.standIn.calls
      .slice(before)
      .filter((c) => c.method === "sendMessage" && String(c.payload.chat_id) === String(chat.id));
    expect(posts).toHaveLength(1);
    // A group has no language of its own: the heading says both.
    expect(posts[0]?.payload.text).toContain("📰 2 篇新文章 2 new articles");
    expect(posts[0]?.payload.text).toContain("<b>美国宣布对中国稀土加征关税 · 环球新闻网 · 2025-07-02</b>");
    expect(posts[0]?.payload.text).toContain(
      "<blockquote>美国商务部周三宣布，将对从中国进口的稀土产品加征百分之二十五的关税，新措施将于八月一日生效。</blockquote>",
    );
    const off = await replyText(command(chat, MODERATOR, "/announce off"));
    expect(off).toBe("New articles will no longer be announced here.");
  });

  it("unsubscribes a follower who blocked the bot instead of retrying", async () => {
    const follower = 3;
    expect(await replyText(command(privateChat(follower), follower, "/follow 样本"))).toBe(
      'You will get a message when a new article mentions "样本".',
    );
    expect(await store.subscriptions.following({ platform: "telegram", id: String(follower) })).toEqual([
      "样本",
    ]);
    harness.standIn.failNext("sendMessage", {
      ok: false,
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await news.add(`${site.url}/gen/4`);
    await news.announcer.flush();
    expect(await store.subscriptions.follows()).toEqual([]);
  });

  it("speaks the user's language: Simplified, Traditional, or both when Telegram does not say", async () => {
    const reader = 11;
    const chat = privateChat(reader);
    expect(await replyText(command(chat, reader, "/following", "zh-hans"))).toBe(
      "你没有关注任何话题。发送 /follow 和话题开始关注，例如：/follow 关税",
    );
    const traditional = await replyText(command(chat, reader, "/following", "zh-hant"));
    expect(traditional).toMatch(/^你沒有關注任何話題。/);
    expect(await replyText(command(chat, reader, "/following", null))).toBe(
      "你没有关注任何话题。发送 /follow 和话题开始关注，例如：/follow 关税\nYou follow no topic. Send /follow and a word or name to start.",
    );
    expect(await replyText(command(chat, reader, "/follow 稀土", "zh-hans"))).toBe(
      "有新文章提到“稀土”时会私信通知你。",
    );
    expect(await replyText(command(chat, reader, "/following", "zh-hans"))).toBe("你关注的话题：稀土");
    expect(await replyText(command(chat, reader, "/unfollow", "zh-hans"))).toBe("不再关注任何话题。");
    expect(await replyText(command(chat, reader, "/follow", "zh-hans"))).toBe(
      "用法：/follow 话题，例如：/follow 关税",
    );
    expect(await replyText(command(chat, reader, "/verify", "en"))).toBe(
      "Usage: /verify <sentence> (or reply /verify to a message)",
    );
    expect(await replyText(command(chat, MODERATOR, "/announce maybe", "zh-hant"))).toBe(
      "用法：/announce on 或 /announce off",
    );
    expect(await replyText(command(group(12), reader, "/announce on", "zh-hans"))).toBe(
      "只有管理员可以开启或关闭新文章通知。",
    );
    expect(await replyText(command(chat, MODERATOR, `/add ${site.url}/home`, "zh-hans"))).toBe(
      "未添加：不是文章（页面上没有正文）",
    );
    const verified = await replyText(
      command(
        chat,
        reader,
        "/verify 欧盟方面表示，希望中国在可再生能源设备出口方面遵守公平竞争的规则和标准。",
        "zh-hans",
      ),
    );
    expect(verified).toMatch(/^⚠️ 接近，但有出入：\n<blockquote>/);
    expect(verified).toMatch(/\(措辞：/);
  });

  it("lists the news commands in the menu after the others", async () => {
    const menu = harness.standIn.callsOf("setMyCommands")[0]?.payload.commands as { command: string }[];
    expect(menu.map((c) => c.command)).toEqual([
      ...["ask", "compare", "timeline", "sources", "help"],
      ...["add", "announce", "follow", "unfollow", "following", "verify"],
    ]);
  });

  it("verifies a quote for anyone", async () => {
    const reply = await replyText(
      command(
        privateChat(5),
        5,
        "/verify 欧盟方面表示，希望中国在可再生能源设备出口方面遵守公平竞争的规则。",
      ),
    );
    expect(reply).toMatch(/^✅ Verbatim:\n<blockquote>欧盟方面表示/);
    expect(reply).toContain("世界日报");
    const unknown = await replyText(
      command(privateChat(5), 5, "/verify The weather is fine today, let us walk."),
    );
    expect(unknown).toBe("❌ Not found in the articles.");
  });
});

describe("Telegram news commands without the bot's store", () => {
  it("says announcements and following are unavailable, in the user's language", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "citebot-tg-news-nostore-"));
    const config = newsConfigIn(dir, { moderators: ["1"] });
    const storeless = startNews(config, pino({ level: "silent" }), undefined);
    const bare = await startHarness({ news: storeless });
    try {
      const ask = (text: string, language: string) =>
        bare.send(
          textMessage(privateChat(1), { ...user(1), language_code: language }, text, {
            entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }],
          }),
        );
      const reply = async (text: string, language: string) =>
        String((await bare.replyTo(ask(text, language))).payload.text);
      expect(await reply("/follow 关税", "zh-hans")).toBe("关注话题暂不可用：机器人的数据库没有打开。");
      expect(await reply("/announce on", "en")).toBe(
        "Announcements are unavailable: the bot's store is not open.",
      );
    } finally {
      await bare.close();
      await storeless.stop();
    }
  });
});
