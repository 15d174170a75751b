import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../../src/core/messages.ts";
import { type Harness, startHarness } from "./harness.ts";
import { group, textMessage, user } from "./updates.ts";

/** The first line of the first quote the fake gives for "耶伦哪天访华？". */
const YELLEN_LINE =
  "<blockquote>另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长<b>耶伦</b>将<b>访华</b>，国务卿布林肯也将在未来几周<b>访华</b>。</blockquote>";

const firstLine = (text: string | undefined) => text?.split("\n")[0];

describe("a group chat", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("stays silent on messages that neither command, mention nor reply to the bot", async () => {
    const chat = group(201);
    h.send(textMessage(chat, user(1), "耶伦哪天访华？"));
    h.send(textMessage(chat, user(1), "/ask@OtherBot 耶伦哪天访华？"));
    h.send(textMessage(chat, user(1), "@someone 耶伦哪天访华？"));
    const asked = h.send(textMessage(chat, user(1), "/ask 耶伦哪天访华？"));
    const reply = await h.replyTo(asked);
    expect(firstLine(reply.payload.text)).toBe(YELLEN_LINE);
    // Updates are handled in order, and ignoring one makes no call, so by now any reply to the others exists.
    expect(h.standIn.callsOf("sendMessage", chat.id)).toHaveLength(1);
  });

  it("answers /ask@BotName, whatever the case of the name", async () => {
    const asked = h.send(textMessage(group(202), user(2), "/ask@citebot 耶伦哪天访华？"));
    expect(firstLine((await h.replyTo(asked)).payload.text)).toBe(YELLEN_LINE);
  });

  it("answers a message that mentions it, without the mention in the question", async () => {
    const asked = h.send(textMessage(group(203), user(3), "@CiteBot，耶伦哪天访华？"));
    expect(firstLine((await h.replyTo(asked)).payload.text)).toBe(YELLEN_LINE);
    const bare = h.send(textMessage(group(204), user(4), "@CiteBot"));
    expect((await h.replyTo(bare)).payload.text).toBe(messages.emptyQuestion);
  });

  it("answers a reply to one of its own messages", async () => {
    const chat = group(205);
    const first = h.send(textMessage(chat, user(5), "/ask 釜山"));
    const answer = await h.replyTo(first);
    const mine = h.standIn.message(chat.id, Number(answer.result?.message_id)) as Message["reply_to_message"];
    const followUp = h.send(textMessage(chat, user(5), "耶伦哪天访华？", { reply_to_message: mine }));
    expect(firstLine((await h.replyTo(followUp)).payload.text)).toBe(YELLEN_LINE);
  });

  it("answers in the forum topic it was asked in", async () => {
    const chat = group(206, true);
    const asked = h.send(
      textMessage(chat, user(6), "/ask 耶伦哪天访华？", { message_thread_id: 77, is_topic_message: true }),
    );
    const reply = await h.replyTo(asked);
    expect(reply.payload.message_thread_id).toBe(77);
    expect(firstLine(reply.payload.text)).toBe(YELLEN_LINE);
  });
});
