/**
 * The question log under load, through the real bots and their stand-ins: 200 questions back to back on Discord
 * and 50 Telegram users asking at once lose no row, and each row says what the user got.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slashCommand } from "../../adapters/discord/fixtures.ts";
import { editOf } from "../../adapters/discord/harness.ts";
import * as telegram from "../../adapters/telegram/updates.ts";
import { startRunningBot } from "./running-bot.ts";

const QUESTIONS = ["耶伦哪天访华？", "中美关系", "习近平和特朗普在哪里会晤", "火星上有水吗", "芬太尼关税"];

let bot: Awaited<ReturnType<typeof startRunningBot>>;
beforeAll(async () => {
  bot = await startRunningBot();
}, 60_000);
afterAll(() => bot.close());

describe("the question log under load", () => {
  it("keeps a row for each of 200 Discord questions asked back to back", async () => {
    const { standIn } = bot.discord;
    for (let i = 0; i < 200; i++) {
      const ask = slashCommand("ask", { question: `${QUESTIONS[i % QUESTIONS.length]} ${i}` });
      standIn.dispatch("INTERACTION_CREATE", ask);
      await standIn.waitFor(editOf(ask.token));
    }
    await bot.store.flush();
    const rows = await bot.store.questions({ platform: "discord", limit: 1000 });
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.question)).size).toBe(200);
    const yellen = rows.find((r) => r.question === "耶伦哪天访华？ 0");
    expect(yellen?.outcome).toBe("answered");
    expect(yellen?.quotes[0]?.text).toContain("耶伦将访华");
  }, 120_000);

  it("keeps a row for each of 50 Telegram users asking at the same time", async () => {
    const h = bot.telegram;
    const asked = Array.from({ length: 50 }, (_, i) => {
      const id = 7000 + i;
      return h.send(
        telegram.textMessage(telegram.privateChat(id), telegram.user(id), `${QUESTIONS[i % 5]} #${i}`),
      );
    });
    await Promise.all(asked.map((message) => h.replyTo(message)));
    await bot.store.flush();
    const rows = await bot.store.questions({ platform: "telegram", limit: 1000 });
    expect(rows.map((r) => r.question).sort()).toEqual(asked.map((m) => m.text).sort());
  }, 60_000);
});
