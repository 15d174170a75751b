import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, phrases } from "../../../src/core/messages.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
import { BOT_ID, botUser, buttonPress, CHANNEL_ID, message, slashCommand, userMessage } from "./fixtures.ts";
import { callbackOf, editOf, type Harness, request, startHarness } from "./harness.ts";

const LIMIT = 2;
const NOTICE_MS = 400;

const qa = createFakeQa();
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(qa, {
    rateLimitPerMinute: LIMIT,
    rateNoticeIntervalMs: NOTICE_MS,
  });
});
afterAll(() => harness.close());

describe("the per-user rate limit (DISCORD_RATE_LIMIT)", () => {
  it("answers the questions within the limit, then tells each refused one why, privately", async () => {
    const asked = ["耶伦", "釜山", "习近平", "访华"].map((question) => slashCommand("ask", { question }));
    const since = harness.standIn.mark();
    for (const interaction of asked) harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const acks = await Promise.all(asked.map((i) => harness.standIn.waitFor(callbackOf(i.id), since)));
    expect(acks.map((ack) => ack.body.type)).toEqual([5, 5, 4, 4]);
    for (const refused of acks.slice(LIMIT))
      expect(refused.body.data).toMatchObject({ content: phrases.rateLimited.zh, flags: 64 });
    await Promise.all(asked.slice(0, LIMIT).map((i) => harness.standIn.waitFor(editOf(i.token), since)));
  });

  it("counts mentions too, and tells a refused mention why, in the channel", async () => {
    await new Promise((resolve) => setTimeout(resolve, NOTICE_MS + 100)); // past the last notice
    const since = harness.standIn.mark();
    const sent = userMessage(`<@${BOT_ID}> 耶伦哪天访华？`);
    harness.standIn.messages.set(sent.id, sent);
    harness.standIn.dispatch("MESSAGE_CREATE", sent);
    const reply = await harness.standIn.waitFor(
      request("POST", new RegExp(`^/channels/${CHANNEL_ID}/messages$`)),
      since,
    );
    expect(reply.body.content).toBe(messages.rateLimited);
    expect(reply.body.message_reference).toMatchObject({ message_id: sent.id });
  });
});

describe("👍/👎 and the per-user limit", () => {
  it("counts a vote as a question: over the limit it is refused and not recorded", async () => {
    const onMessage = message({ content: "❓ 耶伦" }, { channelId: CHANNEL_ID, author: botUser });
    const press = buttonPress("vote:up:0:1:耶伦", onMessage);
    const since = harness.standIn.mark();
    harness.standIn.dispatch("INTERACTION_CREATE", press);
    const ack = await harness.standIn.waitFor(callbackOf(press.id), since);
    expect(ack.body.data).toMatchObject({ content: phrases.rateLimited.zh, flags: 64 });
    expect(qa.votes).toEqual([]);
  });
});
