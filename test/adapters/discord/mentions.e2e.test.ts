import { describe, expect, it } from "vitest";
import { messages } from "../../../src/core/messages.ts";
import {
  BOT_ID,
  BOT_ROLE_ID,
  botUser,
  buttonPress,
  CHANNEL_ID,
  guildPayload,
  message,
  THREAD_ID,
  userMessage,
} from "./fixtures.ts";
import { followUpOf, request, useSeedHarness } from "./harness.ts";

const seeded = useSeedHarness();

/** Dispatches a message from the user and returns the bot's reply in the same channel. */
async function say(content: string, channelId = CHANNEL_ID) {
  const since = seeded.harness.standIn.mark();
  const sent = userMessage(content, channelId);
  seeded.harness.standIn.messages.set(sent.id, sent);
  seeded.harness.standIn.dispatch("MESSAGE_CREATE", sent);
  const reply = await seeded.harness.standIn.waitFor(
    request("POST", new RegExp(`^/channels/${channelId}/messages$`)),
    since,
  );
  return { sent, reply, since };
}

describe("@citebot mentions", () => {
  it("answers the question as a reply, without the mention, pinging nobody", async () => {
    const { sent, reply } = await say(`<@${BOT_ID}> 耶伦哪天访华？`);
    expect(seeded.qa.questions.at(-1)).toBe("耶伦哪天访华？");
    expect(reply.body.message_reference).toMatchObject({ message_id: sent.id });
    expect(reply.body.embeds[0].title).toBe("1. 习近平拜登：再次“会谈”，中美之间的分歧减少了吗");
    expect(reply.body.embeds[0].footer.text).toBe("BBC中文 · 2024-04-03");
    expect(reply.body.content).toBeUndefined();
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("answers in a thread", async () => {
    const { reply } = await say(`耶伦哪天访华？ <@${BOT_ID}>`, THREAD_ID);
    expect(reply.body.embeds[0].description).toContain("**耶伦**");
  });

  it("answers a mention of the bot's managed role, which Discord's picker sometimes inserts", async () => {
    await say(`<@&${BOT_ROLE_ID}> 拜登和习近平通话了吗？`);
    expect(seeded.qa.questions.at(-1)).toBe("拜登和习近平通话了吗？");
  });

  it("ignores messages that do not mention the bot", async () => {
    const since = seeded.harness.standIn.mark();
    seeded.harness.standIn.dispatch("MESSAGE_CREATE", userMessage("耶伦哪天访华？ (just chatting)"));
    const { sent, reply } = await say(`<@${BOT_ID}> 火星上有水吗？`);
    const replies = seeded.harness.standIn.requests
      .slice(since)
      .filter((r) => r.path === `/channels/${CHANNEL_ID}/messages`);
    expect(replies).toEqual([reply]);
    expect(reply.body.message_reference.message_id).toBe(sent.id);
    expect(reply.body.content).toBe(messages.notFound);
  });

  it("asks for a question when the message is only a mention", async () => {
    const { reply } = await say(`<@${BOT_ID}>`);
    expect(reply.body.content).toContain("请在命令后写上问题");
  });

  it("pages with More, reading a question too long for the button from the message it replied to", async () => {
    const question = "耶伦哪天访华？".repeat(14);
    const { reply } = await say(`<@${BOT_ID}> ${question}`);
    const more = reply.body.components
      .flatMap((row: { components: { custom_id?: string }[] }) => row.components)
      .find((b: { custom_id?: string }) => b.custom_id?.startsWith("more:"));
    expect(more.custom_id).toBe("more:3:3");

    // As after a restart: the question was never seen on this gateway session, so it must be fetched.
    const asked = userMessage(`<@${BOT_ID}> ${question}`);
    seeded.harness.standIn.messages.set(asked.id, asked);
    const reference = { message_id: asked.id, channel_id: CHANNEL_ID };
    const answer = message(reply.body, { channelId: CHANNEL_ID, author: botUser, reference });
    const press = buttonPress(more.custom_id, answer);
    const since = seeded.harness.standIn.mark();
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", press);
    const next = await seeded.harness.standIn.waitFor(followUpOf(press.token), since);
    const requests = seeded.harness.standIn.requests.slice(since).map((r) => `${r.method} ${r.path}`);
    expect(requests).toContain(`GET /channels/${CHANNEL_ID}/messages/${asked.id}`);
    expect(next.body.content).toBe(`❓ ${question}`);
    expect(next.body.embeds.length).toBeGreaterThan(0);
  });

  it("answers direct messages without a mention", async () => {
    const { reply } = await say("耶伦哪天访华？", "1700000000000000001");
    expect(reply.body.embeds[0].footer.text).toContain("BBC中文");
  });
});

describe("the language of a mention", () => {
  it("is the guild's where a Community guild chose one, and both languages elsewhere", async () => {
    const guild = guildPayload();
    // A guild that is no Community guild reports a locale it cannot choose: it says nothing about its members.
    seeded.harness.standIn.dispatch("GUILD_UPDATE", { ...guild, preferred_locale: "zh-TW" });
    expect((await say(`<@${BOT_ID}> 火星上有水吗？`)).reply.body.content).toBe(messages.notFound);
    seeded.harness.standIn.dispatch("GUILD_UPDATE", {
      ...guild,
      features: ["COMMUNITY"],
      preferred_locale: "zh-TW",
    });
    try {
      expect((await say(`<@${BOT_ID}> 火星上有水吗？`)).reply.body.content).toBe(
        "這些文章沒有談到這個問題。",
      );
    } finally {
      seeded.harness.standIn.dispatch("GUILD_UPDATE", guild);
    }
  });
});
