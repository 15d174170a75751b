import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../src/adapters/console/chat.ts";
import type { Qa } from "../../../src/core/types.ts";
import { seedQa } from "../../support/seed-qa.ts";

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
    expect(printed).toContain("/more further quotes · /sources the articles · /help this text · /quit leave");
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
});
