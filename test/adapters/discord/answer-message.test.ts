import { describe, expect, it } from "vitest";
import {
  answerMessage,
  echoedQuestion,
  echoLine,
  NO_MENTIONS,
  prepareQuestion,
} from "../../../src/adapters/discord/answer-message.ts";
import { describeError } from "../../../src/adapters/discord/errors.ts";
import { questionFor } from "../../../src/adapters/discord/mentions.ts";
import { messages } from "../../../src/core/messages.ts";
import { createFakeQa } from "../../support/fake-qa.ts";

describe("prepareQuestion", () => {
  it("drops mention markup, collapses whitespace and cuts at 500 characters", () => {
    expect(prepareQuestion("  耶伦\n哪天   访华？ ")).toEqual({ question: "耶伦 哪天 访华？", cut: false });
    expect(prepareQuestion("<@123> <@!4> <@&5> <#6> 耶伦 @everyone").question).toBe("耶伦 @everyone");
    const long = prepareQuestion("问".repeat(600));
    expect(long).toEqual({ question: "问".repeat(500), cut: true });
  });
});

describe("echoLine / echoedQuestion", () => {
  it("reads back exactly the question it echoed, Markdown and all", () => {
    const question = "**耶伦** @everyone 1. _哪天_ \\ 访华？";
    expect(echoedQuestion(`${echoLine(question)}\n${messages.notFound}`)).toBe(question);
  });

  it("finds nothing in messages that echo no question", () => {
    expect(echoedQuestion("an old answer")).toBeUndefined();
    expect(echoedQuestion("❓ ")).toBeUndefined();
  });
});

describe("answerMessage", () => {
  const qa = createFakeQa();

  it("offers More with the next offset while quotes remain", async () => {
    const message = await answerMessage(
      qa,
      { question: "耶伦哪天访华？", offset: 0, count: 1 },
      { echo: false },
    );
    expect(message.content).toBeUndefined();
    expect(message.components[0]?.components.at(-1)).toMatchObject({ custom_id: "more:1:1:耶伦哪天访华？" });
    expect(message.allowedMentions).toBe(NO_MENTIONS);
  });

  it("says there is nothing more past the last quote", async () => {
    const message = await answerMessage(
      qa,
      { question: "耶伦哪天访华？", offset: 3, count: 3 },
      { echo: false },
    );
    expect(message).toEqual({
      content: messages.noMore,
      embeds: [],
      components: [],
      allowedMentions: NO_MENTIONS,
    });
  });

  it("clamps count to 1–5 and says when the question was cut", async () => {
    const message = await answerMessage(
      qa,
      { question: `耶伦访华${"。".repeat(600)}`, offset: 0, count: 99 },
      { echo: false },
    );
    expect(qa.asked.at(-1)).toHaveLength(500);
    expect(message.content).toBe(messages.truncated(500));
    expect(message.embeds).toHaveLength(3);
  });
});

describe("questionFor", () => {
  const bot = { userId: "11", roleId: "22" };
  const inGuild = (content: string) => questionFor({ content, fromBot: false, inGuild: true }, bot);

  it("strips every mention of the bot, by user or managed role", () => {
    expect(inGuild("<@11> 耶伦哪天访华？")).toBe("耶伦哪天访华？");
    expect(inGuild("耶伦 <@!11> 哪天 <@&22> 访华？")).toBe("耶伦 哪天 访华？");
    expect(inGuild("<@11>")).toBe("");
  });

  it("ignores guild messages that do not mention the bot, and all messages from bots", () => {
    expect(inGuild("<@12> 耶伦哪天访华？")).toBeUndefined();
    expect(questionFor({ content: "<@11> hi", fromBot: true, inGuild: true }, bot)).toBeUndefined();
  });

  it("takes every direct message as a question", () => {
    expect(questionFor({ content: "耶伦哪天访华？", fromBot: false, inGuild: false }, bot)).toBe(
      "耶伦哪天访华？",
    );
  });
});

describe("describeError", () => {
  it("replaces interaction and webhook tokens in messages and URLs", () => {
    const error = Object.assign(new Error("Unknown interaction"), {
      code: 10062,
      status: 404,
      url: "https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb24.token/callback?with_response=false",
    });
    expect(describeError(error)).toMatchObject({
      code: 10062,
      status: 404,
      url: "https://discord.com/api/v10/interactions/123/:token/callback?with_response=false",
    });
    expect(describeError("PATCH /webhooks/1/abc.def/messages/@original").message).toBe(
      "PATCH /webhooks/1/:token/messages/@original",
    );
  });
});
