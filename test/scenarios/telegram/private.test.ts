import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpText, messages } from "../../../src/core/messages.ts";
import { type Harness, startHarness } from "../../adapters/telegram/harness.ts";
import { privateChat, TOKEN, textMessage, user } from "../../adapters/telegram/updates.ts";
import { createFakeQa } from "../../support/fake-qa.ts";

const YELLEN_QUOTE = [
  "<blockquote>另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长<b>耶伦</b>将<b>访华</b>，国务卿布林肯也将在未来几周<b>访华</b>。</blockquote>",
  '— <a href="https://www.bbc.com/zhongwen/simp/world-68723580">BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>',
].join("\n");

describe("a private chat", () => {
  let h: Harness;
  const qa = createFakeQa();
  beforeAll(async () => {
    h = await startHarness({ qa });
  });
  afterAll(async () => {
    await h.close();
    expect(h.logs.join("\n")).not.toContain(TOKEN);
  });

  it("answers any text with the quotes and their sources, replying to the question", async () => {
    const question = h.send(textMessage(privateChat(101), user(101), "耶伦哪天访华？"));
    const reply = await h.replyTo(question);
    expect(reply.payload.parse_mode).toBe("HTML");
    expect(reply.payload.link_preview_options).toEqual({ is_disabled: true });
    const blocks = (reply.payload.text ?? "").split("\n\n");
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toBe(YELLEN_QUOTE);
    expect(blocks[2]).toBe(
      "<blockquote>特朗普在返回美國的飛機上對記者表示，他認為會晤非常成功，並稱他將在明年4月<b>訪華</b>。</blockquote>\n— 来源未注明 Source not given · 中美釜山會晤與「新G2」 · 2025-10-31",
    );
    // A Context button per quote, on one row, and 👍/👎; no "More", as there are no further quotes.
    const rows = reply.payload.reply_markup?.inline_keyboard ?? [];
    expect(rows.map((row) => row.map((b) => b.text))).toEqual([
      ["上下文 Context 1", "上下文 Context 2", "上下文 Context 3"],
      ["👍", "👎"],
    ]);
  });

  it("says honestly when the articles do not cover a question", async () => {
    const question = h.send(textMessage(privateChat(102), user(102), "今天天气怎么样？"));
    expect((await h.replyTo(question)).payload.text).toBe(messages.notFound);
  });

  it("passes an HTML-laden question on verbatim and escapes what comes back", async () => {
    const question = h.send(textMessage(privateChat(103), user(103), "<b>S&P</b> 500 怎么样？"));
    const reply = await h.replyTo(question);
    expect(qa.asked).toContain("<b>S&P</b> 500 怎么样？");
    expect(reply.payload.text?.split("\n")[0]).toBe(
      "<blockquote>标普500指数&lt;<b>S&amp;P</b> 500&gt;收涨1%，&quot;科技股&quot;领涨。</blockquote>",
    );
  });

  it("takes /ask <question> too, and gives a usage hint for /ask alone", async () => {
    const ask = h.send(textMessage(privateChat(104), user(104), "/ask 耶伦哪天访华？"));
    expect((await h.replyTo(ask)).payload.text?.split("\n\n")[0]).toBe(YELLEN_QUOTE);
    const empty = h.send(textMessage(privateChat(105), user(105), "/ask"));
    expect((await h.replyTo(empty)).payload.text).toBe(messages.emptyQuestion);
    const invisible = h.send(textMessage(privateChat(105), user(105), "\u200b\ufeff\u3164"));
    expect((await h.replyTo(invisible)).payload.text).toBe(messages.emptyQuestion);
  });

  it("explains itself on /start and /help, and lists the articles on /sources", async () => {
    const start = h.send(textMessage(privateChat(106), user(106), "/start"));
    expect((await h.replyTo(start)).payload.text).toBe(helpText(await qa.articles()));
    const zh = { ...user(106), language_code: "zh-hans" };
    const help = (await h.replyTo(h.send(textMessage(privateChat(106), zh, "/help")))).payload.text ?? "";
    for (const named of [
      "/ask",
      "/compare",
      "/timeline",
      "/sources",
      "source:",
      "since:",
      "until:",
      "上下文",
      "更多",
    ])
      expect(help).toContain(named);
    expect(help).not.toMatch(/[A-Z][a-z]+ questions|Ask|Filters/); // Simplified only, no English half
    const sources = h.send(textMessage(privateChat(107), user(107), "/sources"));
    const list = (await h.replyTo(sources)).payload.text ?? "";
    expect(list.split("\n")).toEqual([
      "文章 Articles (5):",
      "• 来源未注明 Source not given · 中美釜山會晤與「新G2」 · 2025-10-31",
      "• 大纪元 · 美国总统川普与中共党魁习近平通话 · 2025-06-05",
      '• <a href="https://www.bbc.com/zhongwen/simp/world-68723580">BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>',
      '• <a href="https://www.rfi.fr/cn/中国/20240402-拜登习近平通话-在台湾和高技术出口问题上针锋相对">RFI · 拜登习近平通话 在台湾和高技术出口问题上针锋相对 · 2024-04-02</a>',
      "• 新华社 · 习近平同美国总统特朗普在中南海小范围会晤",
    ]);
  });

  it("hints at text questions for stickers and unknown commands", async () => {
    const sticker = h.send({
      ...textMessage(privateChat(108), user(108), ""),
      text: undefined,
      sticker: {},
    } as never);
    expect((await h.replyTo(sticker)).payload.text).toContain("I answer text questions only");
    const unknown = h.send(textMessage(privateChat(109), user(109), "/weather"));
    expect((await h.replyTo(unknown)).payload.text).toContain("I answer text questions only");
  });
});
