import { describe, expect, it } from "vitest";
import { messages } from "../../../src/core/messages.ts";
import {
  autocomplete,
  botUser,
  buttonPress,
  CHANNEL_ID,
  inLocale,
  message,
  slashCommand,
} from "./fixtures.ts";
import { callbackOf, editOf, useSeedHarness } from "./harness.ts";

const seeded = useSeedHarness();

/** Dispatches an interaction and returns the bot's acknowledgement, and the edited answer when `edited`. */
async function send(interaction: { id: string; token: string }) {
  const since = seeded.harness.standIn.mark();
  seeded.harness.standIn.dispatch("INTERACTION_CREATE", interaction);
  const ack = await seeded.harness.standIn.waitFor(callbackOf(interaction.id), since);
  return { ack, since };
}
async function answer(interaction: { id: string; token: string }) {
  const { ack, since } = await send(interaction);
  const edit = await seeded.harness.standIn.waitFor(editOf(interaction.token), since);
  return { ack, body: edit.body };
}
type Embed = { title: string; description: string; footer: { text: string } };
const footers = (body: { embeds: Embed[] }) => body.embeds.map((embed) => embed.footer.text);
const buttons = (body: { components: Array<{ components: Array<{ label: string; custom_id: string }> }> }) =>
  body.components.flatMap((row) => row.components).map((b) => [b.label, b.custom_id]);

describe("/ask source autocomplete", () => {
  it.each([
    ["bb", ["BBC中文"]],
    ["新華", ["新华社"]], // typed in Traditional
    ["", ["BBC中文", "大纪元", "新华社", "法广 RFI"]],
    ["cnn", []],
  ])("offers the indexed publishers that hold %j", async (typed, names) => {
    const { ack } = await send(autocomplete("ask", { question: "耶伦", source: typed }, "source"));
    expect(ack.body).toEqual({ type: 8, data: { choices: names.map((name) => ({ name, value: name })) } });
  });
});

describe("/ask filters", () => {
  it("quotes only the source asked for and says so, and More keeps the filter", async () => {
    const { body } = await answer(slashCommand("ask", { question: "习近平", source: "新华", count: 1 }));
    expect(body.content).toBe("❓ 习近平 source:新华\n*筛选：新华社*");
    expect(footers(body)).toEqual([expect.stringMatching(/^新华社 · /)]);
    expect(buttons(body)).toContainEqual(["更多", "more:1:1:习近平 source:新华"]);
  });

  it("keeps to the dates since and until give, as whole months", async () => {
    const { body } = await answer(
      slashCommand("ask", { question: "习近平 特朗普", since: "2025-01", until: "2025-06" }),
    );
    expect(body.content).toContain("*筛选：起 2025-01-01 · 止 2025-06-30*");
    expect(footers(body).length).toBeGreaterThan(0);
    for (const footer of footers(body)) expect(footer).toMatch(/ · 2025-0[1-6]-\d\d( · 相关度较低)?$/);
  });

  it("lists the known sources for an unknown one, and quotes nothing", async () => {
    const { body } = await answer(slashCommand("ask", { question: "习近平", source: "CNN" }));
    expect(body.content).toBe(
      "❓ 习近平 source:CNN\n没有来自“CNN”的文章。已收录的来源：\n• BBC中文\n• 大纪元\n• 新华社\n• 法广 RFI",
    );
    expect(body.embeds).toEqual([]);
  });

  it("answers a date it cannot read privately, without searching", async () => {
    const asked = seeded.qa.questions.length;
    const { ack } = await send(slashCommand("ask", { question: "习近平", since: "last week" }));
    expect(ack.body.data.flags).toBe(64);
    expect(ack.body.data.content).toBe("看不懂日期“last week”，请写成 2025、2025-01 或 2025-01-15。");
    expect(seeded.qa.questions.length).toBe(asked);
  });
});

describe("/compare", () => {
  it("shows each outlet's best quote, best first, and names those that did not cover it", async () => {
    const { ack, body } = await answer(slashCommand("compare", { question: "耶伦访华" }));
    expect(ack.body.type).toBe(5);
    expect(body.embeds[0].description).toContain("**耶伦**");
    // RFI writes 耶伦将“在未来几天内”前往中国: it covers the visit in other words than the question's.
    expect(footers(body).slice(0, 2)).toEqual([
      expect.stringMatching(/^BBC中文 · /),
      expect.stringMatching(/^法广 RFI · /),
    ]);
    expect(body.content).toBe("❓ 耶伦访华\n文章没有谈到: 大纪元");
  });

  it("applies the source option, stating it", async () => {
    const { body } = await answer(slashCommand("compare", { question: "耶伦哪天访华？", source: "BBC" }));
    expect(body.content).toBe("❓ 耶伦哪天访华？\n*筛选：BBC中文*");
    expect(footers(body)).toEqual([expect.stringMatching(/^BBC中文 · /)]);
  });
});

describe("/timeline", () => {
  it("pages through the events newest first with Next and Previous, in place", async () => {
    const { body: first } = await answer(slashCommand("timeline"));
    expect(first.content).toBe("事件 1-5，共 10 个");
    // No plan (2026-04: 他將在明年4月訪華) among them.
    expect(first.embeds.map((e: Embed) => e.title.slice(0, 10))).toEqual([
      "2026-05-15",
      "2026-05-13",
      "2025-10-30",
      "2025-09-19",
      "2025-06-05",
    ]);
    expect(buttons(first)).toEqual([["下一页", "tl:5"]]);

    const page = async (onMessage: object, customId: string) => {
      const press = buttonPress(customId, message(onMessage, { channelId: CHANNEL_ID, author: botUser }));
      const { ack, since } = await send(press);
      expect(ack.body.type).toBe(6); // deferred update: the same message changes
      return (await seeded.harness.standIn.waitFor(editOf(press.token), since)).body;
    };
    const second = await page(first, "tl:5");
    expect(second.content).toBe("事件 6-10，共 10 个");
    expect(second.embeds[0].title).toMatch(/^2025-06-05 · /);
    expect(buttons(second)).toEqual([["上一页", "tl:0"]]);
    const back = await page(second, "tl:0");
    expect(back.embeds).toEqual(first.embeds);
  });

  it("narrows to a topic and a source, kept by the page buttons", async () => {
    const { body } = await answer(slashCommand("timeline", { topic: "特朗普", source: "大纪元" }));
    expect(body.content.split("\n").slice(0, 2)).toEqual(["❓ 特朗普 source:大纪元", "*筛选：大纪元*"]);
    for (const footer of footers(body)) expect(footer).toMatch(/^大纪元 · /);
  });
});

describe("the user's language (interaction locale)", () => {
  it("speaks Traditional Chinese to zh-TW, quotes untouched", async () => {
    const { body } = await answer(inLocale(slashCommand("ask", { question: "火星上有水吗？" }), "zh-TW"));
    expect(body.content).toBe("❓ 火星上有水吗？\n這些文章沒有談到這個問題。");
    const { body: page } = await answer(inLocale(slashCommand("timeline"), "zh-TW"));
    expect(page.content).toBe("事件 1-5，共 10 個");
    expect(buttons(page)).toEqual([["下一頁", "tl:5"]]);
    expect(page.embeds[0].description).toContain("国家主席习近平在中南海"); // 新华社's Simplified, verbatim
  });

  it("speaks English to en-US: the filter, the buttons and the not-covered line", async () => {
    const { body } = await answer(
      inLocale(slashCommand("ask", { question: "耶伦哪天访华？", source: "BBC", count: 1 }), "en-US"),
    );
    expect(body.content).toBe("❓ 耶伦哪天访华？ source:BBC\n*Filter: BBC中文*");
    expect(body.embeds[0].description).toContain("**耶伦**");
    const labels = buttons(body).map(([label]) => label);
    expect(labels).toContain("Context 1");
    const { body: compared } = await answer(
      inLocale(slashCommand("compare", { question: "耶伦访华" }), "en-GB"),
    );
    expect(compared.content).toContain("Not covered: 大纪元");
  });

  it("speaks both languages to a locale it has no words for", async () => {
    const { body } = await answer(inLocale(slashCommand("ask", { question: "火星上有水吗？" }), "fr"));
    expect(body.content).toBe(`❓ 火星上有水吗？\n${messages.notFound}`);
    const { body: page } = await answer(inLocale(slashCommand("timeline"), "ko"));
    expect(buttons(page)).toEqual([["下一页 Next", "tl:5"]]);
    expect(page.content).toBe("事件 1-5，共 10 个 Events 1-5 of 10");
  });
});
