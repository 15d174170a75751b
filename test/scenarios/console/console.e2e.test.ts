/**
 * The console in a real headless Chromium against a running bot with the Telegram and Discord stand-ins, as an
 * operator uses it: sign in, watch a question arrive and a gap grow, try a question and read why, add an article
 * and ask about it, pin a quote and get it through Discord, mark a 👎 fixed.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botUser, buttonPress, CHANNEL_ID, message, slashCommand } from "../../adapters/discord/fixtures.ts";
import { callbackOf, editOf } from "../../adapters/discord/harness.ts";
import * as telegram from "../../adapters/telegram/updates.ts";
import { until } from "../../support/main-process.ts";
import { PENGUIN_QUESTION, PENGUINS } from "../../support/workspace.ts";
import { launchChromium } from "./browser.ts";
import { startRunningBot, TOKEN } from "./running-bot.ts";

let bot: Awaited<ReturnType<typeof startRunningBot>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  [bot, browser] = await Promise.all([startRunningBot(), launchChromium()]);
  context = browser.context;
  page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

/** Asks through the Telegram stand-in, in a private chat, and waits for the reply's text. */
async function askOnTelegram(userId: number, question: string): Promise<string> {
  const h = bot.telegram;
  const sent = h.send(telegram.textMessage(telegram.privateChat(userId), telegram.user(userId), question));
  return String((await h.replyTo(sent)).payload.text ?? "").replace(/<[^>]+>/g, ""); // the text, not its HTML
}

/** Asks /ask through the Discord stand-in and waits for the answer's body. */
async function askOnDiscord(question: string) {
  const ask = slashCommand("ask", { question });
  bot.discord.standIn.dispatch("INTERACTION_CREATE", ask);
  return (await bot.discord.standIn.waitFor(editOf(ask.token))).body;
}

/** The text of a table's rows. */
async function rows(selector: string): Promise<string[]> {
  return page.locator(`${selector} tbody tr`).allInnerTexts();
}

describe("the operator's console in Chromium", { timeout: 30_000 }, () => {
  it("signs in with the token", async () => {
    await page.goto(bot.base);
    await page.fill('input[type="password"]', "wrong-token-entirely");
    await page.click("button");
    await expect.poll(() => page.locator('[role="alert"]').innerText()).toContain("not the console token");
    await page.fill('input[type="password"]', TOKEN);
    await page.click("button");
    await page.waitForSelector("#health");
    expect(await page.locator("h1").innerText()).toBe("Overview");
    expect(await page.locator("#health").innerText()).toBe("ok");
  });

  it("shows a question asked through Telegram in the log, and the unanswered group's count grow", async () => {
    expect(await askOnTelegram(901, "火星上有水吗？")).toContain("这些文章没有谈到这个问题");
    await bot.store.flush();
    await page.goto(`${bot.base}/questions`);
    expect((await rows("#questions"))[0]).toMatch(/telegram\s+火星上有水吗？\s+abstained/);
    await page.goto(`${bot.base}/gaps`);
    expect((await rows("#gaps"))[0]).toMatch(/^1\s+火星上有水吗？/);
    await askOnTelegram(902, "火星上有水嗎"); // the same question, in Traditional script
    await bot.store.flush();
    await page.reload();
    expect((await rows("#gaps"))[0]).toMatch(/^2\s+火星上有水嗎\s+telegram/);
  });

  it("tries a question and explains it: terms, answer type, candidates' features, the threshold", async () => {
    await page.goto(`${bot.base}/try`);
    await page.fill('input[name="q"]', "耶伦哪天访华？");
    await page.click("form.filters button");
    await page.waitForSelector("#candidates");
    expect(await page.locator(".quote blockquote").first().innerText()).toContain("耶伦将访华");
    expect(await page.locator("#why").innerText()).toMatch(
      /Answer type: date .* threshold: confidence ≥ 25%/,
    );
    expect((await rows("#terms"))[0]).toMatch(/\d\.\d\d\s+耶伦 \/ 叶伦/);
    const header = await page.locator("#candidates thead").innerText();
    for (const feature of ["bm25", "passage", "sentence", "kind", "recency", "title", "characters", "phrase"])
      expect(header).toContain(feature);
    expect((await rows("#candidates"))[0]).toMatch(/^1 ✓\s+\d\.\d{3}\s+100%/);

    await page.fill('input[name="q"]', "火星上的液态水有多少");
    await page.click("form.filters button");
    expect(await page.locator("#why-abstained").innerText()).toMatch(
      /Abstained: .*below the threshold of 25%/,
    );
  });

  it("uploads an article, lists it as indexed, and the bot answers from it", async () => {
    await page.goto(`${bot.base}/articles`);
    await page.setInputFiles('input[type="file"]', {
      name: "penguins.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(PENGUINS),
    });
    await page.click("form[enctype] button");
    expect(await page.locator('[role="status"]').innerText()).toContain("penguins.md was added");
    await until("the article is indexed", async () =>
      (await bot.qa.articles()).some((a) => a.file === "penguins.md"),
    );
    await page.reload();
    expect((await rows("#articles")).find((r) => r.includes("penguins.md"))).toMatch(
      /测试文章\s+测试报\s+2026-01-01/,
    );
    expect(await askOnTelegram(903, PENGUIN_QUESTION)).toContain("帝企鹅数量今年增加了三成");
  });

  it("pins a quote from Try's results, and Discord gives it first, marked, counting its use", async () => {
    const question = "中美关系";
    await page.goto(`${bot.base}/try?q=${encodeURIComponent(question)}`);
    const second = page.locator(".quote").nth(1);
    const text = await second.locator("blockquote").innerText();
    await second.locator("button").click();
    await page.waitForSelector("#pins");
    expect((await rows("#pins"))[0]).toContain(text.slice(0, 20));
    expect(await page.locator("#threshold").innerText()).toBe("0.75");

    const answer = await askOnDiscord("中美關係"); // the same words in the other script
    expect(answer.embeds[0].description.replace(/\*\*/g, "")).toContain(text.slice(0, 20));
    expect(answer.embeds[0].author.name).toBe("📌 版主选定"); // in the question's language
    await bot.store.flush();
    await page.reload();
    expect((await rows("#pins"))[0]).toMatch(/\s1\s/); // used once
  });

  it("lists an answer marked 👎 on Discord with its votes, and marks it fixed", async () => {
    const answer = await askOnDiscord("耶伦哪天访华？");
    const [, down] = answer.components.at(-1).components;
    const press = buttonPress(down.custom_id, message(answer, { channelId: CHANNEL_ID, author: botUser }));
    bot.discord.standIn.dispatch("INTERACTION_CREATE", press);
    await bot.discord.standIn.waitFor(callbackOf(press.id));
    await until("the vote is stored", async () => (await bot.store.feedback()).length > 0);
    await page.goto(`${bot.base}/feedback`);
    const row = page.locator("#feedback tbody tr").first();
    expect(await row.innerText()).toMatch(/耶伦哪天访华？[\s\S]*耶伦将访华[\s\S]*\s0\s+1\s/);
    await row.locator("button").click();
    await page.waitForSelector("#feedback");
    expect(await page.locator("#feedback tbody tr").first().innerText()).toContain("Fixed");
  });
});
