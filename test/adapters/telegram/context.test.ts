import type { Chat, Message, User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phrases } from "../../../src/core/messages.ts";
import { say } from "../../../src/core/reply-language.ts";
import type { ContextOptions, QuoteContext } from "../../../src/core/types.ts";
import { BBC, createFakeQa } from "../../support/fake-qa.ts";
import { type Harness, startHarness } from "./harness.ts";
import { buttonPress, group, privateChat, textMessage, user } from "./updates.ts";

const QUOTED =
  "另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长耶伦将访华，国务卿布林肯也将在未来几周访华。";

/** A context as the core gives it: the quote's paragraph and `radius` on each side, more while under 3. */
function fakeContext(radius: number): QuoteContext {
  const around = (side: string) =>
    Array.from({ length: radius }, (_, i) => ({
      text: `${side}段落${i + 1}。`,
      marks: [],
      cutBefore: false,
      cutAfter: false,
    }));
  return {
    article: BBC,
    paragraphs: [
      ...around("前"),
      { text: QUOTED, marks: [[0, QUOTED.length]], cutBefore: false, cutAfter: false },
      ...around("后"),
    ],
    moreBefore: radius < 3,
    moreAfter: radius < 3,
    radius,
  };
}

describe("a quote's Context on Telegram", () => {
  const qa = createFakeQa();
  const asked: (ContextOptions | undefined)[] = [];
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      qa: {
        ...qa,
        context: async (_ref, options) => {
          asked.push(options);
          return fakeContext(options?.radius ?? 1);
        },
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  /** The answer to `text` in `chat`, and its first Context button's data. */
  async function answerIn(chat: Chat, from: User, text: string) {
    const answer = await h.replyTo(h.send(textMessage(chat, from, text)));
    const buttons = answer.payload.reply_markup?.inline_keyboard?.flat() ?? [];
    const data = buttons
      .map((b) => ("callback_data" in b ? (b.callback_data ?? "") : ""))
      .find((d) => d.startsWith("ctx:"));
    return { answer: answer.result as Message, data: data ?? "" };
  }

  it("in a group, goes to the presser's private chat, not to the group", async () => {
    const chat = group(501);
    const { answer, data } = await answerIn(chat, user(501), "/ask 耶伦");
    const presser = { ...user(502), language_code: "zh-hans" };
    const press = h.standIn.push(buttonPress(presser, answer, data));
    const ack = await h.standIn.waitFor(
      "answerCallbackQuery",
      (c) => c.payload.callback_query_id === press.callback_query?.id,
    );
    expect(ack.payload.text).toBe(say(phrases.contextSentPrivately, "zh-Hans"));
    const sent = await h.standIn.waitFor("sendMessage", (c) => c.payload.chat_id === presser.id);
    expect(sent.payload.text).toContain(`<u>${QUOTED}</u>`);
    expect(sent.payload.text).toContain("前段落1");
    expect(sent.payload.text).not.toContain("前段落2");
    expect(sent.payload.reply_markup?.inline_keyboard).toEqual([
      [{ text: "更多", callback_data: `${data}:2` }],
    ]);
    expect(h.standIn.callsOf("sendMessage", chat.id)).toHaveLength(1); // the answer only
  });

  it("in a group, when the bot may not write to the presser, answers with an alert of at most 200 characters", async () => {
    const chat = group(503);
    const { answer, data } = await answerIn(chat, user(503), "/ask 耶伦");
    h.standIn.failNext("sendMessage", {
      ok: false,
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    const presser = { ...user(504), language_code: "en" };
    const press = h.standIn.push(buttonPress(presser, answer, data));
    const ack = await h.standIn.waitFor(
      "answerCallbackQuery",
      (c) => c.payload.callback_query_id === press.callback_query?.id,
    );
    expect(ack.payload.show_alert).toBe(true);
    expect(ack.payload.text).toMatch(/^For the full context, open a private chat with @/);
    expect(ack.payload.text).toContain("「另一个沟通迹象");
    expect(String(ack.payload.text).length).toBeLessThanOrEqual(200);
    expect(h.standIn.callsOf("sendMessage", chat.id)).toHaveLength(1);
  });

  it('in a private chat, replies with the short context, and "More" widens it in place', async () => {
    const chat = privateChat(505);
    const { answer, data } = await answerIn(chat, user(505), "耶伦");
    h.standIn.push(buttonPress(user(505), answer, data));
    const context = await h.standIn.waitFor(
      "sendMessage",
      (c) => c.payload.chat_id === chat.id && c.payload.reply_parameters?.message_id === answer.message_id,
    );
    const more = context.payload.reply_markup?.inline_keyboard?.[0]?.[0];
    expect(more).toEqual({ text: "更多 More", callback_data: `${data}:2` });
    h.standIn.push(buttonPress(user(505), context.result as Message, `${data}:2`));
    const wider = await h.standIn.waitFor("editMessageText", (c) => c.payload.chat_id === chat.id);
    expect(wider.payload.message_id).toBe(context.result?.message_id);
    expect(wider.payload.text).toContain("前段落2");
    expect(asked.at(-1)).toEqual({ radius: 2 });
  });
});
