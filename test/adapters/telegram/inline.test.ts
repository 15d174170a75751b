import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.ts";
import { inlineQuery, user } from "./updates.ts";

describe("inline mode", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function ask(query: string) {
    const update = h.standIn.push(inlineQuery(user(601), query));
    const id = update.inline_query?.id;
    return (await h.standIn.waitFor("answerInlineQuery", (c) => c.payload.inline_query_id === id)).payload;
  }

  it("offers the top quotes as articles to send, each with its source line", async () => {
    const answer = await ask("耶伦哪天访华？");
    expect(answer.cache_time).toBe(300);
    const results = answer.results as {
      type: string;
      id: string;
      title: string;
      description: string;
      input_message_content: unknown;
    }[];
    expect(results.map((r) => [r.type, r.id])).toEqual([
      ["article", "q0"],
      ["article", "q1"],
      ["article", "q2"],
    ]);
    expect(results[0]?.description).toBe(
      "BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03",
    );
    expect(results[0]?.input_message_content).toEqual({
      message_text: [
        "<blockquote>另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长<b>耶伦</b>将<b>访华</b>，国务卿布林肯也将在未来几周<b>访华</b>。</blockquote>",
        '— <a href="https://www.bbc.com/zhongwen/simp/world-68723580">BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03</a>',
      ].join("\n"),
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });

  it("offers nothing but a hint for an empty query, and says so when nothing matches", async () => {
    expect(await ask("  ")).toMatchObject({
      results: [],
      button: { text: "输入问题 Type a question", start_parameter: "help" },
    });
    expect(await ask("天气")).toMatchObject({ results: [], button: { text: "文章没有谈到 Not covered" } });
  });
});
