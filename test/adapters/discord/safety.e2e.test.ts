import { describe, expect, it } from "vitest";
import { messages, phrases } from "../../../src/core/messages.ts";
import { BOT_ID, BOT_ROLE_ID, CHANNEL_ID, slashCommand, USER_ID, userMessage } from "./fixtures.ts";
import { callbackOf, editOf, followUpOf, request, TOKEN, useSeedHarness } from "./harness.ts";

const seeded = useSeedHarness();

const deleteOf = (token: string) =>
  request("DELETE", new RegExp(`^/webhooks/\\d+/${token}/messages/@original$`));

describe("mentions in questions", () => {
  const question = `@everyone @here <@&${BOT_ROLE_ID}> <@${USER_ID}> **耶伦**哪天访华？`;

  it("echoes a slash command's question escaped, and the answer pings nobody", async () => {
    const interaction = slashCommand("ask", { question });
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const edit = await seeded.harness.standIn.waitFor(editOf(interaction.token));
    // Mention markup is dropped from the question (its IDs only make the search miss); the rest is escaped.
    expect(edit.body.content).toBe("❓ \\@everyone \\@here \\*\\*耶伦\\*\\*哪天访华？");
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(edit.body.embeds[0].footer.text).toContain("BBC中文");
  });

  it("answers a mention that contains @everyone without pinging anyone", async () => {
    const since = seeded.harness.standIn.mark();
    seeded.harness.standIn.dispatch("MESSAGE_CREATE", userMessage(`<@${BOT_ID}> ${question}`));
    const reply = await seeded.harness.standIn.waitFor(
      request("POST", new RegExp(`^/channels/${CHANNEL_ID}/messages$`)),
      since,
    );
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.body.embeds[0].footer.text).toContain("BBC中文");
  });
});

describe("failures", () => {
  it("removes the public 'thinking…' message, apologises privately and keeps serving", async () => {
    const failing = slashCommand("ask", { question: "boom" });
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", failing);
    await seeded.harness.standIn.waitFor(deleteOf(failing.token));
    const apology = await seeded.harness.standIn.waitFor(followUpOf(failing.token));
    expect(apology.body).toMatchObject({ content: phrases.failure.zh, flags: 64 });

    const next = slashCommand("ask", { question: "耶伦哪天访华？" });
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", next);
    const edit = await seeded.harness.standIn.waitFor(editOf(next.token));
    expect(edit.body.embeds[0].footer.text).toContain("BBC中文");
    const logged = seeded.harness.logLines.find((line) => line.includes("interaction failed")) ?? "";
    expect(logged).toContain("the index exploded (on purpose)");
  });

  it("edits a private 'thinking…' message into the apology", async () => {
    const failing = slashCommand("ask", { question: "boom", private: true });
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", failing);
    const edit = await seeded.harness.standIn.waitFor(editOf(failing.token));
    expect(edit.body).toMatchObject({ content: phrases.failure.zh, embeds: [], components: [] });
  });

  it("apologises for a failed mention in a reply", async () => {
    const sent = userMessage(`<@${BOT_ID}> boom`);
    const since = seeded.harness.standIn.mark();
    seeded.harness.standIn.dispatch("MESSAGE_CREATE", sent);
    const reply = await seeded.harness.standIn.waitFor(
      request("POST", new RegExp(`^/channels/${CHANNEL_ID}/messages$`)),
      since,
    );
    expect(reply.body).toMatchObject({
      content: messages.failure,
      message_reference: { message_id: sent.id },
    });
  });

  it("rides out a 429 through discord.js's REST queue", async () => {
    const interaction = slashCommand("ask", { question: "耶伦哪天访华？" });
    seeded.harness.standIn.rateLimitOnce(editOf(interaction.token));
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const edit = await seeded.harness.standIn.waitFor(
      (r) => editOf(interaction.token)(r) && r.status === 200,
    );
    const edits = seeded.harness.standIn.requests.filter(editOf(interaction.token)).map((r) => r.status);
    expect(edits).toEqual([429, 200]);
    expect(edit.body.embeds[0].footer.text).toContain("BBC中文");
    expect(seeded.harness.standIn.requests.filter(callbackOf(interaction.id))).toHaveLength(1);
  });
});

describe("expired interactions", () => {
  it("logs Discord's error without the interaction's token", async () => {
    const interaction = slashCommand("ask", { question: "耶伦哪天访华？" });
    seeded.harness.standIn.failOnce(callbackOf(interaction.id), {
      status: 404,
      body: { message: "Unknown interaction", code: 10062 },
    });
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    // The deferral failed, so the interaction is still unanswered: the apology is a plain ephemeral reply.
    const apology = await seeded.harness.standIn.waitFor(
      (r) => callbackOf(interaction.id)(r) && r.status === 204,
    );
    expect(apology.body).toMatchObject({ type: 4, data: { content: phrases.failure.zh, flags: 64 } });
    const logged = seeded.harness.logLines.find((line) => line.includes("Unknown interaction")) ?? "";
    expect(JSON.parse(logged).err).toMatchObject({ code: 10062, status: 404 });
    expect(logged).toContain(`/interactions/${interaction.id}/:token/callback`);
    expect(logged).not.toContain(interaction.token);
  });
});

describe("secrets", () => {
  it("never logs the bot token or an interaction token", () => {
    const log = seeded.harness.logLines.join("");
    expect(log).toContain("interaction failed");
    expect(log).not.toContain(TOKEN);
    expect(log).not.toMatch(/itoken-[0-9a-f]+/);
    for (const r of seeded.harness.standIn.requests.filter((req) => req.headers.authorization)) {
      expect(r.headers.authorization).toBe(`Bot ${TOKEN}`);
    }
  });
});
