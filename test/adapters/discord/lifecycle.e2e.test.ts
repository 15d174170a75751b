import { GatewayIntentBits } from "discord.js";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot } from "../../../src/adapters/discord/bot.ts";
import { createFakeQa } from "./fake-qa.ts";
import { APPLICATION_ID, slashCommand } from "./fixtures.ts";
import { editOf, type Harness, request, startHarness, TOKEN } from "./harness.ts";
import { startStandIn } from "./stand-in.ts";

describe("start", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(createFakeQa());
  });
  afterAll(() => harness.close());

  it("asks for guild, guild message and direct message events only: no privileged intent", () => {
    const identify = harness.standIn.received.find((payload) => payload.op === 2);
    const expected =
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages;
    expect(identify?.d.intents).toBe(expected);
    expect(identify?.d.intents & GatewayIntentBits.MessageContent).toBe(0);
    expect(identify?.d.token).toBe(TOKEN);
  });

  it("finds the gateway through the configured API root and registers no commands", () => {
    expect(harness.standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /gateway/bot"]);
  });

  it("resumes its session when Discord asks it to reconnect, and goes on answering", async () => {
    const ready = harness.standIn.received.find((payload) => payload.op === 2);
    const resume = await harness.standIn.reconnect();
    expect(resume.d).toMatchObject({ token: TOKEN, session_id: harness.standIn.sessionId });
    expect(harness.standIn.received.filter((payload) => payload.op === 2)).toEqual([ready]);

    const interaction = slashCommand("ask", { question: "耶伦哪天访华？" });
    harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const edit = await harness.standIn.waitFor(editOf(interaction.token));
    expect(edit.body.embeds[0].footer.text).toContain("BBC中文");
  });

  it("stops once, however often it is asked to", async () => {
    const first = harness.bot.stop();
    expect(harness.bot.stop()).toBe(first);
    await first;
    await harness.bot.stop();
  });
});

describe("start with a rejected token", () => {
  it("fails with discord.js's invalid-token error", async () => {
    const standIn = await startStandIn();
    standIn.failOnce(request("GET", /^\/gateway\/bot$/), {
      status: 401,
      body: { message: "401: Unauthorized", code: 0 },
    });
    const config = {
      token: "wrong",
      applicationId: APPLICATION_ID,
      guildId: undefined,
      apiRoot: standIn.apiRoot,
    };
    const bot = createDiscordBot({ qa: createFakeQa(), config, logger: pino({ level: "silent" }) });
    await expect(bot.start()).rejects.toThrow("An invalid token was provided.");
    await standIn.close();
  });
});
