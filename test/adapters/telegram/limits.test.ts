import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, phrases } from "../../../src/core/messages.ts";
import { say } from "../../../src/core/reply-language.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
import { serverError, tooManyRequests } from "./bot-api.ts";
import { type Harness, startHarness } from "./harness.ts";
import { buttonPress, group, privateChat, textMessage, user } from "./updates.ts";

describe("outgoing calls", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("retries a reply Telegram refused with 429 after retry_after", async () => {
    h.standIn.failNext("sendMessage", tooManyRequests(1));
    const question = h.send(textMessage(privateChat(401), user(401), "耶伦哪天访华？"));
    const delivered = await h.standIn.waitFor(
      "sendMessage",
      (c) => c.payload.chat_id === 401 && c.response.ok,
    );
    const attempts = h.standIn.callsOf("sendMessage", 401);
    expect(attempts.map((c) => c.response.ok)).toEqual([false, true]);
    expect(attempts[0]?.payload).toEqual(delivered.payload);
    expect(delivered.payload.reply_parameters?.message_id).toBe(question.message_id);
  });

  it("keeps answering other chats while one reply waits to be retried", async () => {
    h.standIn.failNext("sendMessage", tooManyRequests(1));
    const waiting = h.send(textMessage(privateChat(405), user(405), "耶伦哪天访华？"));
    const other = h.send(textMessage(privateChat(406), user(406), "耶伦哪天访华？"));
    await h.replyTo(other);
    await h.standIn.waitFor("sendMessage", (c) => c.payload.chat_id === 405 && c.response.ok);
    const order = h.standIn
      .callsOf("sendMessage")
      .filter((c) => [405, 406].includes(Number(c.payload.chat_id)));
    expect(order.map((c) => [c.payload.reply_parameters?.message_id, c.response.ok])).toEqual([
      [waiting.message_id, false],
      [other.message_id, true],
      [waiting.message_id, true],
    ]);
  });

  it("spaces replies to one private chat a second apart, as Telegram's flood limits ask", async () => {
    const chat = privateChat(407);
    const first = h.send(textMessage(chat, user(407), "耶伦哪天访华？"));
    const second = h.send(textMessage(chat, user(407), "釜山"));
    const [a, b] = await Promise.all([h.replyTo(first), h.replyTo(second)]);
    expect(Math.abs(b.at - a.at)).toBeGreaterThanOrEqual(900);
  });

  it("retries a reply that met a 500", async () => {
    h.standIn.failNext("sendMessage", serverError());
    h.send(textMessage(privateChat(402), user(402), "耶伦哪天访华？"));
    await h.standIn.waitFor("sendMessage", (c) => c.payload.chat_id === 402 && c.response.ok);
    expect(h.standIn.callsOf("sendMessage", 402).map((c) => c.response.ok)).toEqual([false, true]);
  });
});

const NOTICE_MS = 400;

describe("the per-user rate limit", () => {
  const qa = createFakeQa();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ qa, rateLimitPerMinute: 2, rateNoticeIntervalMs: NOTICE_MS });
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers the questions within the limit, then says politely once to wait", async () => {
    const chat = group(403);
    const asked = ["/ask 耶伦", "/ask 釜山", "/ask 习近平", "/ask 访华"].map((text) =>
      h.send(textMessage(chat, user(403), text)),
    );
    const third = await h.replyTo(asked[2] as (typeof asked)[number]);
    expect(third.payload.text).toBe(messages.rateLimited);
    // Someone else in the same group is not held back by user 403.
    const other = h.send(textMessage(chat, user(404), "/ask 耶伦"));
    await h.replyTo(other);
    const replies = h.standIn
      .callsOf("sendMessage", chat.id)
      .map((c) => c.payload.reply_parameters?.message_id);
    expect(replies).toEqual([
      asked[0]?.message_id,
      asked[1]?.message_id,
      asked[2]?.message_id,
      other.message_id,
    ]);
  });

  it("tells every refused question why: quiet only within the notice interval after the last notice", async () => {
    const chat = group(408);
    for (const text of ["/ask 耶伦", "/ask 釜山"])
      await h.replyTo(h.send(textMessage(chat, user(408), text)));
    const refused = h.send(textMessage(chat, user(408), "/ask 习近平"));
    expect((await h.replyTo(refused)).payload.text).toBe(messages.rateLimited);
    await new Promise((resolve) => setTimeout(resolve, NOTICE_MS + 100));
    const later = h.send(textMessage(chat, user(408), "/ask 访华"));
    expect((await h.replyTo(later)).payload.text).toBe(messages.rateLimited);
  });

  it("counts 👍/👎 presses against the limit: a user pressing on and on records nothing more", async () => {
    const asker = user(409);
    const answer = await h.replyTo(h.send(textMessage(privateChat(409), asker, "耶伦哪天访华？")));
    const presses = ["vote:up:0:3", "vote:down:0:3", "vote:up:0:3"].map((data) =>
      h.standIn.push(buttonPress(asker, answer.result as Message, data)),
    );
    const acks = await Promise.all(
      presses.map((press) =>
        h.standIn.waitFor(
          "answerCallbackQuery",
          (c) => c.payload.callback_query_id === press.callback_query?.id,
        ),
      ),
    );
    // The question was one of the 2 a minute, the first press the other: the rest are refused.
    expect(acks.map((ack) => ack.payload.text)).toEqual([
      say(phrases.voted),
      messages.rateLimited,
      messages.rateLimited,
    ]);
    expect(qa.votes).toHaveLength(1);
  });

  it("answers a button press over the limit with a toast rather than leave it spinning", async () => {
    const answer = h.standIn.calls.find((c) => c.method === "sendMessage" && c.result)?.result;
    if (answer === undefined) throw new Error("expected an answer from the previous test");
    const press = h.standIn.push(buttonPress(user(403), answer, "vote:up:0:3"));
    const call = await h.standIn.waitFor(
      "answerCallbackQuery",
      (c) => c.payload.callback_query_id === press.callback_query?.id,
    );
    expect(call.payload).toMatchObject({ text: messages.rateLimited, show_alert: true });
  });

  it('pages with "More" for a user over the limit: paging an answer already given is not a question', async () => {
    const chat = privateChat(410);
    const asker = user(410);
    const first = await h.replyTo(h.send(textMessage(chat, asker, "习近平")));
    await h.replyTo(h.send(textMessage(chat, asker, "耶伦")));
    const press = h.standIn.push(buttonPress(asker, first.result as Message, "more:3"));
    const call = await h.standIn.waitFor(
      "answerCallbackQuery",
      (c) => c.payload.callback_query_id === press.callback_query?.id,
    );
    expect(call.payload.text).toBeUndefined();
    const page = await h.standIn.waitFor(
      "sendMessage",
      (c) =>
        c.payload.chat_id === chat.id &&
        c.payload.reply_parameters?.message_id === first.payload.reply_parameters?.message_id &&
        c !== first,
    );
    expect(page.payload.text).toContain("<blockquote>");
  });
});
