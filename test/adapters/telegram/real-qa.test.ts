import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Message } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../../src/config.ts";
import { readFeedback } from "../../../src/core/feedback/store.ts";
import { messages } from "../../../src/core/messages.ts";
import { createQa } from "../../../src/core/qa.ts";
import type { Qa } from "../../../src/core/types.ts";
import { type Harness, startHarness } from "./harness.ts";
import { buttonPress, group, privateChat, textMessage, user } from "./updates.ts";

/** The quote texts of an HTML answer, without markup. */
function quotesOf(html: string | undefined): string[] {
  return [...(html ?? "").matchAll(/<blockquote>(.*?)<\/blockquote>/g)].map((m) =>
    (m[1] ?? "").replace(/<\/?b>/g, ""),
  );
}

describe("the bot over the real seed articles", () => {
  let h: Harness;
  let qa: Qa;
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(tmpdir(), "citebot-telegram-"));
    qa = await createQa({
      corpusDir: path.join(PROJECT_ROOT, "seeds"),
      cacheDir,
      configDir: path.join(PROJECT_ROOT, "config"),
      logger: pino({ level: "silent" }),
    });
    h = await startHarness({ qa });
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await qa.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("answers when Yellen visits China with the BBC sentence that says 4月3日, linked to its source", async () => {
    const question = h.send(textMessage(privateChat(801), user(801), "耶伦哪天访华？"));
    const html = (await h.replyTo(question)).payload.text ?? "";
    const [first] = html.split("\n\n");
    expect(first).toBe(
      [
        "<blockquote>另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长<b>耶伦</b>将<b>访华</b>，国务卿布林肯也将在未来几周<b>访华</b>。</blockquote>",
        '— <a href="https://www.bbc.com/zhongwen/simp/world-68723580">BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>',
      ].join("\n"),
    );
  });

  it("quotes Traditional-script text with the matched words in bold", async () => {
    const question = h.send(
      textMessage(group(802), user(802), "/ask@CiteBot 习近平和特朗普在釜山谈了多久？"),
    );
    const html = (await h.replyTo(question)).payload.text ?? "";
    expect(html).toContain(
      "中國國家主席<b>習近平</b>在韓國<b>釜山</b>與美國總統<b>特朗普</b>舉行會晤，這場持續1小時40分鐘",
    );
  });

  it("says the articles do not cover the weather", async () => {
    const question = h.send(textMessage(privateChat(803), user(803), "今天天气怎么样？"));
    expect((await h.replyTo(question)).payload.text).toBe(messages.notFound);
  });

  it("pages with More to quotes not shown before", async () => {
    const chat = privateChat(804);
    const question = h.send(textMessage(chat, user(804), "耶伦哪天访华？"));
    const first = await h.replyTo(question);
    const data = first.payload.reply_markup?.inline_keyboard?.at(-1)?.[0]?.callback_data;
    expect(data).toBe("more:3");
    h.standIn.push(buttonPress(user(804), first.result as Message, data ?? ""));
    const second = await h.standIn.waitFor(
      "sendMessage",
      (c) => c.payload.chat_id === chat.id && c !== first,
    );
    const shown = quotesOf(first.payload.text);
    const more = quotesOf(second.payload.text);
    expect(more.length).toBeGreaterThan(0);
    for (const quote of more) expect(shown).not.toContain(quote);
  });

  it("shows the paragraph around a quote with its Context button, after a restart, the quote underlined", async () => {
    const chat = privateChat(805);
    const question = h.send(textMessage(chat, user(805), "耶伦哪天访华？"));
    const first = await h.replyTo(question);
    const data = first.payload.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data ?? "";
    expect(data).toMatch(/^ctx:/);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    await h.bot.stop();
    await h.restart();
    h.standIn.push(buttonPress(user(805), first.result as Message, data));
    const context = await h.standIn.waitFor(
      "sendMessage",
      (c) =>
        c.payload.chat_id === chat.id && c.payload.reply_parameters?.message_id === first.result?.message_id,
    );
    const html = context.payload.text ?? "";
    expect(html).toContain(
      "<u>另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长耶伦将访华，国务卿布林肯也将在未来几周访华。</u>",
    );
    expect(html).toContain("虽然这次讨论并没有明显改变两国关系的现状");
    expect(html).toContain("BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>");
    expect(html.length).toBeLessThanOrEqual(4096);
  });

  it("records 👍 then 👎 from one user as one 👎 with the quotes shown, acknowledged in their language", async () => {
    const chat = privateChat(806);
    const asker = { ...user(806), language_code: "en" };
    const question = h.send(textMessage(chat, asker, "耶伦哪天访华？"));
    const first = await h.replyTo(question);
    const rows = first.payload.reply_markup?.inline_keyboard ?? [];
    const [up, down] = (rows.at(-2) ?? []).map((b) => ("callback_data" in b ? b.callback_data : ""));
    for (const data of [up, down]) {
      const press = h.standIn.push(buttonPress(asker, first.result as Message, data ?? ""));
      const ack = await h.standIn.waitFor(
        "answerCallbackQuery",
        (c) => c.payload.callback_query_id === press.callback_query?.id,
      );
      expect(ack.payload.text).toBe("Thanks, your feedback is recorded.");
    }
    const file = path.join(cacheDir, "feedback.jsonl");
    await expect.poll(async () => (await readFile(file, "utf8").catch(() => "")).split("\n").length).toBe(3);
    const rowsRead = (await readFeedback(file)).filter((r) => r.platform === "telegram");
    expect(rowsRead).toHaveLength(1);
    expect(rowsRead[0]).toMatchObject({ vote: "down", question: "耶伦哪天访华？" });
    expect(rowsRead[0]?.quotes).toHaveLength(3);
    expect(rowsRead[0]?.quotes[0]?.file).toMatch(/\.(txt|html|md|json)$/);
    expect(JSON.stringify(rowsRead)).not.toContain('"806"');
  });

  it("tells the user when a vote could not be recorded (a full disk), instead of thanking them", async () => {
    // The same index (loaded from the cache), its votes going to a device that is always full.
    const full = await createQa({
      corpusDir: path.join(PROJECT_ROOT, "seeds"),
      cacheDir,
      configDir: path.join(PROJECT_ROOT, "config"),
      logger: pino({ level: "silent" }),
      feedback: { file: "/dev/full", salt: "s" },
    });
    const other = await startHarness({ qa: full });
    try {
      const asker = { ...user(810), language_code: "en" };
      const first = await other.replyTo(other.send(textMessage(privateChat(810), asker, "耶伦哪天访华？")));
      const down = (first.payload.reply_markup?.inline_keyboard?.at(-2) ?? [])[1];
      const data = down && "callback_data" in down ? down.callback_data : "";
      const press = other.standIn.push(buttonPress(asker, first.result as Message, data ?? ""));
      const ack = await other.standIn.waitFor(
        "answerCallbackQuery",
        (c) => c.payload.callback_query_id === press.callback_query?.id,
      );
      expect(ack.payload.text).toBe("Sorry, your feedback was not recorded. Please try again later.");
    } finally {
      await other.close();
      await full.close();
    }
  });

  it("states the filter written in the question, and lists the sources for an unknown one", async () => {
    const chat = privateChat(807);
    const filtered = await h.replyTo(h.send(textMessage(chat, user(807), "来源:新华社 习近平 特朗普")));
    expect(filtered.payload.text).toMatch(/^<i>筛选：新华社\nFilter: 新华社<\/i>\n\n<blockquote>/);
    expect(filtered.payload.text).not.toContain("BBC中文 ·");
    const unknown = await h.replyTo(h.send(textMessage(chat, user(807), "source:CNN 习近平")));
    expect(unknown.payload.text).toContain(
      "No articles from &quot;CNN&quot;. The sources indexed:\n• BBC中文\n• 大纪元",
    );
    expect(unknown.payload.reply_markup).toBeUndefined();
  });

  it("repeats only the start of a 4,000-character unknown source, so the reply stays under Telegram's limit", async () => {
    const chat = privateChat(809);
    const question = h.send(textMessage(chat, user(809), `source:${"无此来源".repeat(1000)} 习近平`));
    const reply = await h.replyTo(question);
    expect(reply.response.ok).toBe(true); // the stand-in refuses a text over 4,096 characters, as Telegram does
    expect(reply.payload.text).toContain(`没有来自“${"无此来源".repeat(14)}无此来…”的文章。`);
    expect(reply.payload.text).toContain("• BBC中文");
  });

  it("speaks the user's language: zh-TW in Traditional, en-US in English, an unknown locale in both", async () => {
    const chat = privateChat(808);
    const ask = async (language_code: string | undefined) =>
      (await h.replyTo(h.send(textMessage(chat, { ...user(808), language_code }, "source:BBC 今天天气"))))
        .payload;
    const tw = await ask("zh-TW");
    expect(tw.text).toBe("<i>篩選：BBC中文</i>\n\n這些文章沒有談到這個問題。");
    const en = await ask("en-US");
    expect(en.text).toBe("<i>Filter: BBC中文</i>\n\nThe articles don't cover that.");
    const unknown = await ask("fr");
    expect(unknown.text).toBe(
      "<i>筛选：BBC中文\nFilter: BBC中文</i>\n\n这些文章没有谈到这个问题。\nThe articles don't cover that.",
    );
    const quoted = await h.replyTo(
      h.send(textMessage(chat, { ...user(808), language_code: "en" }, "耶伦哪天访华？")),
    );
    expect(quoted.payload.text).toContain("包括4月3日美国财长<b>耶伦</b>将<b>访华</b>"); // quotes stay verbatim
    expect(quoted.payload.reply_markup?.inline_keyboard?.[0]?.[0]?.text).toBe("Context 1");
  });

  it("compares the outlets with /compare, each with its source line", async () => {
    const chat = privateChat(809);
    const reply = await h.replyTo(h.send(textMessage(chat, user(809), "/compare 习近平 特朗普 会晤")));
    const html = reply.payload.text ?? "";
    expect(html).toContain("<b>大纪元</b>\n<blockquote>");
    expect(html).toContain("— 大纪元 · 美国总统川普与中共党魁习近平通话 · 2025-06-05");
    expect(html).toContain("<b>新华社</b>\n<blockquote>5月15日上午，国家主席<b>习近平</b>");
  });

  it("pages /timeline newest first with its More button", async () => {
    const chat = privateChat(810);
    const question = h.send(textMessage(chat, user(810), "/timeline"));
    const first = await h.replyTo(question);
    const html = first.payload.text ?? "";
    expect(html).toMatch(/^事件 1-5，共 \d+ 个 Events 1-5 of \d+\n\n<b>2026-05-15<\/b>\n<blockquote>/);
    const data = first.payload.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data;
    expect(data).toBe("tl:5");
    h.standIn.push(buttonPress(user(810), first.result as Message, data ?? ""));
    const second = await h.standIn.waitFor(
      "sendMessage",
      (c) => c.payload.chat_id === chat.id && c !== first,
    );
    expect(second.payload.text).toMatch(/^事件 6-10，共/);
    const dates = [
      ...(html + (second.payload.text ?? "")).matchAll(/<b>(\d{4}-\d{2}(?:-\d{2})?)<\/b>\n/g),
    ].map((m) => m[1] ?? "");
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
