import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../../src/core/messages.ts";
import { type Harness, startHarness } from "./harness.ts";
import { buttonPress, group, privateChat, textMessage, user } from "./updates.ts";

const MORE_BUTTON = [{ text: "更多 More", callback_data: "more:3" }];

/** The quote texts of an HTML answer, without markup. */
function quotesOf(html: string | undefined): string[] {
  return [...(html ?? "").matchAll(/<blockquote>(.*?)<\/blockquote>/g)].map((m) =>
    (m[1] ?? "").replace(/<\/?b>/g, ""),
  );
}

describe('the "More" button', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("pages through further quotes, even after the bot restarts, and answers every press", async () => {
    const chat = privateChat(301);
    const question = h.send(textMessage(chat, user(301), "习近平"));
    const first = await h.replyTo(question);
    const rows = first.payload.reply_markup?.inline_keyboard ?? [];
    expect(rows.at(-1)).toEqual(MORE_BUTTON);
    expect(rows.at(-2)?.map((b) => b.text)).toEqual(["👍", "👎"]);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.map((b) => b.text)).toEqual(["上下文 Context 1", "上下文 Context 2", "上下文 Context 3"]);
    expect(quotesOf(first.payload.text)).toHaveLength(3);

    await h.bot.stop();
    await h.restart();
    const answer = h.standIn.message(chat.id, Number(first.result?.message_id)) as Message;
    const press = h.standIn.push(buttonPress(user(301), answer, "more:3"));
    const callbackId = press.callback_query?.id;
    await h.standIn.waitFor("answerCallbackQuery", (c) => c.payload.callback_query_id === callbackId);
    const second = await h.standIn.waitFor(
      "sendMessage",
      (c) => c.payload.chat_id === chat.id && c !== first,
    );
    expect(second.payload.reply_parameters?.message_id).toBe(question.message_id);
    expect(quotesOf(second.payload.text)).toEqual([
      "【大纪元2025年06月05日讯】（大纪元记者林燕报导）周四（6月5日），美国总统川普（特朗普）与中共国家主席习近平通电话。",
      "5月15日上午，国家主席习近平在中南海同美国总统特朗普举行小范围会晤。",
    ]);
    expect(second.payload.reply_markup?.inline_keyboard?.at(-1)?.map((b) => b.text)).toEqual(["👍", "👎"]);
    const edit = await h.standIn.waitFor("editMessageReplyMarkup", (c) => c.payload.chat_id === chat.id);
    expect(edit.payload.message_id).toBe(answer.message_id);
    expect(edit.payload.reply_markup?.inline_keyboard).toEqual(rows.slice(0, -1));
  });

  it("recovers an /ask@BotName question in a group", async () => {
    const chat = group(302);
    const question = h.send(textMessage(chat, user(302), "/ask@CiteBot 习近平"));
    const first = await h.replyTo(question);
    const answer = h.standIn.message(chat.id, Number(first.result?.message_id)) as Message;
    h.standIn.push(buttonPress(user(302), answer, "more:3"));
    const second = await h.standIn.waitFor(
      "sendMessage",
      (c) => c.payload.chat_id === chat.id && c !== first,
    );
    expect(quotesOf(second.payload.text)).toHaveLength(2);
  });

  it("says the question expired when the asker's message is gone", async () => {
    const chat = privateChat(303);
    const orphan = {
      ...textMessage(chat, user(303), "x"),
      from: { id: 4242, is_bot: true, first_name: "Citebot" },
    };
    const press = h.standIn.push(buttonPress(user(303), orphan, "more:3"));
    const call = await h.standIn.waitFor(
      "answerCallbackQuery",
      (c) => c.payload.callback_query_id === press.callback_query?.id,
    );
    expect(call.payload).toMatchObject({ text: messages.expired, show_alert: true });
    expect(h.standIn.callsOf("sendMessage", chat.id)).toHaveLength(0);
    const zh = { ...user(303), language_code: "zh-hans" };
    const again = h.standIn.push(buttonPress(zh, orphan, "more:3"));
    const told = await h.standIn.waitFor(
      "answerCallbackQuery",
      (c) => c.payload.callback_query_id === again.callback_query?.id,
    );
    expect(told.payload.text).toBe("这个问题已过期，请重新提问。"); // Simplified only
  });

  it("answers presses of buttons it does not know", async () => {
    const press = h.standIn.push(
      buttonPress(user(304), textMessage(privateChat(304), user(304), "x"), "gone:1"),
    );
    const call = await h.standIn.waitFor(
      "answerCallbackQuery",
      (c) => c.payload.callback_query_id === press.callback_query?.id,
    );
    expect(call.payload.text).toBeUndefined();
  });
});
