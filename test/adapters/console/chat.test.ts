import { writeFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../src/adapters/console/chat.ts";
import type { Qa } from "../../../src/core/types.ts";
import { HOSTILE, RAW_CONTROL } from "../../support/hostile-article.ts";
import { seedQa, temporaryDirectory } from "../../support/seed-qa.ts";

let qa: Qa;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ qa, close } = await seedQa());
});
afterAll(() => close());

/** Pipes lines into the chat, as `printf … | npm start` does, and returns all it printed. */
async function chat(...lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk;
  });
  input.end(lines.map((l) => `${l}\n`).join(""));
  await runConsoleChat({ qa, input, output });
  return printed;
}

describe("the console chat", () => {
  it("answers each piped line with quotes and sources, and ends at the end of input", async () => {
    const printed = await chat("耶伦哪天访华？", "NBA总决赛冠军是谁");
    expect(printed).toContain(
      "「另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长耶伦将访华",
    );
    expect(printed).toContain("— BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03");
    expect(printed).toContain("https://www.bbc.com/zhongwen/simp/world-68723580");
    expect(printed).toContain("The articles don't cover that.");
  });

  it("pages with /more and lists the articles with /sources", async () => {
    const printed = await chat("中美关系", "/more", "/sources");
    expect(printed.match(/「/g)?.length).toBe(6);
    expect(printed).toContain("- 新华社 · 习近平同美国总统特朗普在中南海小范围会晤 · 2026-05-15");
  });

  it("describes the console's own commands on /help, not the bots' /ask", async () => {
    const printed = await chat("/help");
    expect(printed).toContain(
      "/more further · /context N around quote N · /compare question each outlet's take",
    );
    expect(printed).toContain(
      "/good /bad rate the last answer · /sources the articles · /help this text · /quit leave",
    );
    expect(printed).toContain("直接输入问题");
    expect(printed).not.toContain("/ask");
  });

  it("hints at /help for an unknown command instead of searching it", async () => {
    const printed = await chat("/mroe", "/sources2 BBC");
    expect(printed).toContain(
      "There is no /mroe command. Type /help for the commands, or just type a question.",
    );
    expect(printed).toContain("没有 /sources2 这个命令。");
    expect(printed).not.toContain("「");
    expect(printed).not.toContain("The articles don't cover that.");
  });

  it("treats a line of invisible characters as blank", async () => {
    const printed = await chat("\u200b\u200b\ufeff", "\u3164");
    expect(printed).toBe("");
  });

  it("skips blank lines and stops at /quit", async () => {
    const printed = await chat("", "/quit", "耶伦哪天访华？");
    expect(printed).toBe("");
  });

  it("shows the paragraph around quote N with /context N, the quoted sentence marked, and the source", async () => {
    const printed = await chat("耶伦哪天访华？", "/context 1", "/context 9");
    const context = printed.slice(printed.indexOf("(/more: 更多 More)"), printed.indexOf("请写引文编号"));
    expect(context).toContain(
      "【另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长耶伦将访华",
    );
    expect(context).toContain("虽然这次讨论并没有明显改变两国关系的现状");
    expect(context).toContain("— BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03");
    expect(printed).toContain("请写引文编号，1 到 3。");
  });

  it("states the filter written in the question, and lists the sources for an unknown one", async () => {
    const printed = await chat("source:BBC 中美关系", "来源:CNN 中美");
    expect(printed).toContain("筛选：BBC中文 / Filter: BBC中文");
    expect(printed).not.toContain("— 新华社");
    expect(printed).toContain('No articles from "CNN". The sources indexed:\n- BBC中文\n- 大纪元\n- 新华社');
  });

  it("compares the outlets with /compare, and pages the timeline with /timeline and /more", async () => {
    const printed = await chat("/compare 习近平 特朗普 会晤", "/timeline", "/more");
    expect(printed).toContain(
      "[大纪元]\n「周四（6月5日），美国总统川普（特朗普）与中共国家主席习近平通电话。」",
    );
    expect(printed).toContain(
      "[新华社]\n「5月15日上午，国家主席习近平在中南海同美国总统特朗普举行小范围会晤。」",
    );
    expect(printed).toMatch(/事件 1-3，共 (\d+) 个[\s\S]*事件 4-6，共 \1 个/);
    expect(printed.indexOf("2026-05-15  「")).toBeLessThan(printed.indexOf("2025-06-05  「"));
  });

  it("records /good and /bad on the last answer, and says so", async () => {
    const votes: unknown[] = [];
    const vote = qa.vote;
    qa.vote = async (v) => {
      votes.push(v);
      return "recorded";
    };
    try {
      const printed = await chat("/good", "耶伦哪天访华？", "/bad");
      expect(printed).toContain("这个问题已过期");
      expect(printed).toContain("Thanks, your feedback is recorded.");
      expect(votes).toEqual([
        expect.objectContaining({ platform: "console", vote: "down", question: "耶伦哪天访华？" }),
      ]);
      expect((votes[0] as { refs: string[] }).refs).toHaveLength(3);
    } finally {
      qa.vote = vote;
    }
  });
});

describe("the console chat over an article with terminal control sequences", () => {
  it("prints them as visible characters, never raw", async () => {
    const corpus = await temporaryDirectory();
    await writeFile(path.join(corpus.dir, "hostile.md"), HOSTILE);
    const hostile = await seedQa({ corpusDir: corpus.dir });
    try {
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = "";
      output.on("data", (chunk) => {
        printed += chunk;
      });
      input.end("帝企鹅数量增加了多少\n/context 1\n/sources\n");
      await runConsoleChat({ qa: hostile.qa, input, output });
      expect(printed).toContain("南极洲的帝企鹅");
      expect(printed).toContain("企鹅␛]0;pwned␇");
      // Only newlines and tabs are left of the C0 and C1 controls.
      expect(printed).not.toMatch(RAW_CONTROL);
    } finally {
      await hostile.close();
      await corpus.remove();
    }
  });
});
