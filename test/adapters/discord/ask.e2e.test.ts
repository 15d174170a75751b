import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFeedback } from "../../../src/core/feedback/store.ts";
import { phrases } from "../../../src/core/messages.ts";
import { botUser, buttonPress, CHANNEL_ID, message, messageCommand, slashCommand, user } from "./fixtures.ts";
import { callbackOf, editOf, followUpOf, useSeedHarness } from "./harness.ts";

const BBC_FOOTER = "BBC中文 · 2024-04-03"; // the title is the embed's own, not repeated

type Button = { type: number; style: number; custom_id?: string; url?: string; label?: string };
/** Every button of a message, row by row flattened. */
const buttonsOf = (body: { components: { components: Button[] }[] }) =>
  body.components.flatMap((row) => row.components);
/** The message's "More" button. */
const moreOf = (body: { components: { components: Button[] }[] }) =>
  buttonsOf(body).find((b) => b.custom_id?.startsWith("more:")) as Button & { custom_id: string };
const BBC_URL = "https://www.bbc.com/zhongwen/simp/world-68723580";

const seeded = useSeedHarness();

/** Dispatches an interaction and returns the bot's acknowledgement and the edited answer. */
async function ask(interaction: ReturnType<typeof slashCommand>) {
  const since = seeded.harness.standIn.mark();
  seeded.harness.standIn.dispatch("INTERACTION_CREATE", interaction);
  const ack = await seeded.harness.standIn.waitFor(callbackOf(interaction.id), since);
  const edit = await seeded.harness.standIn.waitFor(editOf(interaction.token), since);
  return { ack, edit, since };
}

describe("/ask", () => {
  it("acknowledges with a deferred reply, then edits in the quote with its source", async () => {
    const { ack, edit } = await ask(slashCommand("ask", { question: "耶伦哪天访华？" }));
    expect(ack.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(ack.at).toBeLessThan(edit.at);
    const [embed] = edit.body.embeds;
    expect(embed.description).toBe(
      "另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长**耶伦**将**访华**，国务卿布林肯也将在未来几周**访华**。",
    );
    expect(embed.title).toBe("1. 习近平拜登：再次“会谈”，中美之间的分歧减少了吗");
    expect(embed.url).toBe(BBC_URL);
    expect(embed.footer.text).toBe(BBC_FOOTER);
    expect(edit.body.content).toBe("❓ 耶伦哪天访华？");
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("answers privately when private is true", async () => {
    const { ack, edit } = await ask(slashCommand("ask", { question: "耶伦哪天访华？", private: true }));
    expect(ack.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(edit.body.embeds[0].footer.text).toBe(BBC_FOOTER);
  });

  it("shows as many quotes as count asks for, with More and one link button per article", async () => {
    const { edit } = await ask(slashCommand("ask", { question: "耶伦哪天访华？", count: 2 }));
    expect(edit.body.embeds).toHaveLength(2);
    const links = [...new Set(edit.body.embeds.map((embed: { url?: string }) => embed.url).filter(Boolean))];
    // Two rows: Context 1, 2 and More; 👍/👎 and the links. More never shares a row with a link.
    const [first, second] = edit.body.components.map((row: { components: Button[] }) => row.components);
    expect(edit.body.components).toHaveLength(2);
    expect(first.map((b: Button) => b.label)).toEqual(["上下文 1", "上下文 2", "更多"]);
    expect(first.at(-1)).toEqual({ type: 2, style: 1, custom_id: "more:2:2:耶伦哪天访华？", label: "更多" });
    const sources = second.slice(2);
    expect(sources.map((button: Button) => [button.style, button.url])).toEqual(links.map((url) => [5, url]));
  });

  it("refuses a since after the until, and lists an outlet's articles for a question that is only a filter", async () => {
    const reversed = await ask(slashCommand("ask", { question: "耶伦", since: "2025", until: "2024" }));
    expect(reversed.edit.body.content).toContain("起始日期 2025-01-01 晚于截止日期 2024-12-31");
    expect(reversed.edit.body.embeds).toEqual([]);
    const listed = await ask(slashCommand("ask", { question: "source:BBC" }));
    expect(listed.edit.body.content).toContain("筛选：BBC中文");
    expect(listed.edit.body.embeds[0].description).toContain("BBC中文 · 2024-04-03");
  });

  it("says the articles do not cover a question it cannot answer", async () => {
    const { edit } = await ask(slashCommand("ask", { question: "火星上有水吗？" }));
    expect(edit.body.embeds).toEqual([]);
    expect(edit.body.components).toEqual([]);
    expect(edit.body.content).toBe(`❓ 火星上有水吗？\n${phrases.notFound.zh}`); // the fixture's locale is zh-CN
  });

  it.each(["   ", "\u200b\u200d\ufeff"])(
    "asks for a question when the question is blank (%j)",
    async (blank) => {
      const interaction = slashCommand("ask", { question: blank });
      seeded.harness.standIn.dispatch("INTERACTION_CREATE", interaction);
      const ack = await seeded.harness.standIn.waitFor(callbackOf(interaction.id));
      expect(ack.body).toMatchObject({ type: 4, data: { content: phrases.emptyQuestion.zh, flags: 64 } });
    },
  );
});

describe("More", () => {
  it("takes the button off the answer and follows up with the next quote", async () => {
    const { edit } = await ask(slashCommand("ask", { question: "耶伦哪天访华？", count: 1 }));
    const more = moreOf(edit.body);
    expect(more).toMatchObject({ style: 1, custom_id: "more:1:1:耶伦哪天访华？", label: "更多" });

    const press = buttonPress(more.custom_id, message(edit.body, { channelId: CHANNEL_ID, author: botUser }));
    const since = seeded.harness.standIn.mark();
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", press);
    const update = await seeded.harness.standIn.waitFor(callbackOf(press.id), since);
    expect(update.body.type).toBe(7);
    expect(update.body.data.components).toEqual([
      { type: 1, components: edit.body.components[0].components.slice(0, -1) },
      edit.body.components[1],
    ]);
    const next = await seeded.harness.standIn.waitFor(followUpOf(press.token), since);
    expect(next.body.content).toBe("❓ 耶伦哪天访华？");
    expect(next.body.embeds).toHaveLength(1);
    expect(next.body.embeds[0].description).not.toBe(edit.body.embeds[0].description);
    expect(next.body.embeds[0].description).toMatch(/\*\*(耶伦|访华)\*\*/);
  });

  it("reads a question too long for the button from the answer it is on", async () => {
    // Pasted several times over: 98 characters, too many for the custom ID, and still answerable.
    const question = "耶伦哪天访华？".repeat(14);
    const { edit } = await ask(slashCommand("ask", { question, count: 1 }));
    const more = moreOf(edit.body);
    expect(more.custom_id).toBe("more:1:1");
    const press = buttonPress(more.custom_id, message(edit.body, { channelId: CHANNEL_ID, author: botUser }));
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", press);
    const next = await seeded.harness.standIn.waitFor(followUpOf(press.token));
    expect(next.body.content).toBe(`❓ ${question}`);
    expect(next.body.embeds).toHaveLength(1);
    expect(next.body.embeds[0].description).not.toBe(edit.body.embeds[0].description);
  });

  it("says the question has expired when the button cannot be read", async () => {
    const press = buttonPress(
      "more:1:1",
      message({ content: "an old answer" }, { channelId: CHANNEL_ID, author: user }),
    );
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", press);
    const reply = await seeded.harness.standIn.waitFor(callbackOf(press.id));
    expect(reply.body).toMatchObject({ type: 4, data: { content: phrases.expired.zh, flags: 64 } });
  });
});

describe("Context and 👍/👎", () => {
  it("shows the paragraph around a quote privately, the quoted sentence underlined, with its source", async () => {
    const { edit } = await ask(slashCommand("ask", { question: "耶伦哪天访华？", count: 1 }));
    const [context] = edit.body.components[0].components;
    expect(context.label).toBe("上下文 1"); // the fixture's locale is zh-CN
    expect(context.custom_id).toMatch(/^ctx:/);
    expect(context.custom_id.length).toBeLessThanOrEqual(100);
    const press = buttonPress(
      context.custom_id,
      message(edit.body, { channelId: CHANNEL_ID, author: botUser }),
    );
    const since = seeded.harness.standIn.mark();
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", press);
    const reply = await seeded.harness.standIn.waitFor(callbackOf(press.id), since);
    expect(reply.body.data.flags).toBe(64);
    const [embed] = reply.body.data.embeds;
    expect(embed.description).toContain(
      "__另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长耶伦将访华，国务卿布林肯也将在未来几周访华。__",
    );
    expect(embed.description).toContain("虽然这次讨论并没有明显改变两国关系的现状");
    expect(embed.footer.text).toBe(BBC_FOOTER);
    expect(embed.url).toBe(BBC_URL);
    const [more] = reply.body.data.components[0].components;
    expect(more).toMatchObject({ label: "更多", custom_id: `${context.custom_id}:2` });
    const widen = buttonPress(
      more.custom_id,
      message(reply.body.data, { channelId: CHANNEL_ID, author: botUser }),
    );
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", widen);
    const wider = await seeded.harness.standIn.waitFor(callbackOf(widen.id), since);
    expect(wider.body.type).toBe(7); // the private context updated in place
    expect(wider.body.data.embeds[0].description.length).toBeGreaterThan(embed.description.length);
  });

  it("records 👎 after 👍 from one user as one 👎 with the quotes shown, acknowledged privately", async () => {
    const { edit } = await ask(slashCommand("ask", { question: "耶伦哪天访华？", count: 2 }));
    const [up, down] = edit.body.components[1].components;
    expect([up.emoji.name, down.emoji.name]).toEqual(["👍", "👎"]);
    expect(up.custom_id).toBe("vote:up:0:2:耶伦哪天访华？");
    for (const button of [up, down]) {
      const press = buttonPress(
        button.custom_id,
        message(edit.body, { channelId: CHANNEL_ID, author: botUser }),
      );
      seeded.harness.standIn.dispatch("INTERACTION_CREATE", press);
      const ack = await seeded.harness.standIn.waitFor(callbackOf(press.id));
      expect(ack.body).toMatchObject({ type: 4, data: { content: "谢谢，已记录你的反馈。", flags: 64 } });
    }
    const file = path.join(seeded.cacheDir, "feedback.jsonl");
    await expect
      .poll(async () => (await readFeedback(file)).filter((row) => row.platform === "discord").length)
      .toBe(1);
    const [row] = (await readFeedback(file)).filter((r) => r.platform === "discord");
    expect(row).toMatchObject({ vote: "down", question: "耶伦哪天访华？" });
    expect(row?.quotes).toHaveLength(2);
  });
});

describe("Ask citebot (message command)", () => {
  it("answers the selected message's text", async () => {
    const target = message(
      { content: "习近平和特朗普在釜山谈了多久？" },
      { channelId: CHANNEL_ID, author: user },
    );
    const { ack, edit } = await ask(messageCommand("Ask citebot", target));
    expect(ack.body.type).toBe(5);
    expect(edit.body.embeds[0].description).toContain("這場持續1小時40分鐘的高層溝通");
    // The article states no title: publisher · date head the embed, once, and no footer repeats them.
    expect(edit.body.embeds[0].title).toMatch(/^1\. .*2025-10-31$/);
    expect(edit.body.embeds[0].footer).toBeUndefined();
  });
});

describe("/sources and /help", () => {
  it("lists the articles, newest first, linked where they have a link, privately", async () => {
    const interaction = slashCommand("sources");
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const reply = await seeded.harness.standIn.waitFor(callbackOf(interaction.id));
    expect(reply.body.data.flags).toBe(64);
    const lines = reply.body.data.embeds[0].description.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe("1. 习近平同美国总统特朗普在中南海小范围会晤 — 新华社 · 2026-05-15");
    expect(lines[3]).toBe(
      `4. [习近平拜登：再次“会谈”，中美之间的分歧减少了吗](${BBC_URL}) — BBC中文 · 2024-04-03`,
    );
  });

  it("explains what the bot knows, in Simplified Chinese to a zh-CN user", async () => {
    const interaction = slashCommand("help");
    seeded.harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const reply = await seeded.harness.standIn.waitFor(callbackOf(interaction.id));
    expect(reply.body.data.content).toContain("我根据 5 篇新闻文章（2024-04-02 – 2026-05-15）");
    expect(reply.body.data.content).not.toContain("I answer questions");
    // Every command, the filters and the buttons, not only /ask and /sources (escaped for Markdown).
    for (const named of [
      "/ask",
      "/compare",
      "/timeline",
      "/sources",
      "source:",
      "since:",
      "until:",
      "上下文",
      "更多",
    ])
      expect(reply.body.data.content).toContain(named);
  });
});
