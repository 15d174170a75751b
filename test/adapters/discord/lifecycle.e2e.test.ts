import { GatewayIntentBits } from "discord.js";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot } from "../../../src/adapters/discord/bot.ts";
import { ConfigError } from "../../../src/core/errors.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
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
  it("fails with a message a person can act on, without the token", async () => {
    const standIn = await startStandIn();
    standIn.failOnce(request("GET", /^\/gateway\/bot$/), {
      status: 401,
      body: { message: "401: Unauthorized", code: 0 },
    });
    const config = {
      token: "wrong-token-1234",
      applicationId: APPLICATION_ID,
      guildId: undefined,
      apiRoot: standIn.apiRoot,
      rateLimitPerMinute: 5,
    };
    const logLines: string[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });
    const bot = createDiscordBot({ qa: createFakeQa(), config, logger });
    const failure = await bot.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(
      "DISCORD_TOKEN was refused by Discord: copy it again from the Developer Portal (Bot → Reset Token).",
    );
    expect(logLines.join("\n")).not.toContain(config.token);
    await standIn.close();
  });
});

describe("start when Discord's gateway cannot be reached", () => {
  it("gives up after the time limit with a message that names the setting", async () => {
    const standIn = await startStandIn();
    standIn.failOnce(request("GET", /^\/gateway\/bot$/), {
      status: 200,
      body: {
        url: "ws://127.0.0.1:9",
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      },
    });
    const config = {
      token: TOKEN,
      applicationId: APPLICATION_ID,
      guildId: undefined,
      apiRoot: standIn.apiRoot,
      rateLimitPerMinute: 5,
    };
    const logger = pino({ level: "silent" });
    const bot = createDiscordBot({ qa: createFakeQa(), config, logger, startTimeoutMs: 500 });
    const failure = await bot.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(
      `The Discord bot could not reach ${standIn.apiRoot} (no gateway session within 0.5 s): check the network, and DISCORD_API_ROOT if it is set.`,
    );
    await standIn.close();
  });
});
