/**
 * `npm run screenshots`: every page of the operator's console at a phone's width and a desktop's, written to
 * docs/screenshots/*.png for the README. It starts citebot as the console's browser tests do (a copy of the
 * seeds, the Telegram and Discord stand-ins), asks a few questions through them, pins a quote and votes 👎, then
 * photographs each page in Debian's headless Chromium.
 */
import { spawnSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import {
  botUser,
  buttonPress,
  CHANNEL_ID,
  message,
  slashCommand,
} from "../test/adapters/discord/fixtures.ts";
import { callbackOf, editOf } from "../test/adapters/discord/harness.ts";
import * as telegram from "../test/adapters/telegram/updates.ts";
import { launchChromium } from "../test/scenarios/console/browser.ts";
import { startRunningBot, TOKEN } from "../test/scenarios/console/running-bot.ts";

const OUT = path.resolve(import.meta.dirname, "..", "docs", "screenshots");
const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const PAGES = [
  ["sign-in", "/"],
  ["overview", "/"],
  ["questions", "/questions"],
  ["unanswered", "/gaps"],
  ["try", `/try?q=${encodeURIComponent("耶伦哪天访华？")}`],
  ["articles", "/articles"],
  ["pins", "/pins"],
  ["feedback", "/feedback"],
] as const;

// Without a CJK font Chromium draws the articles' text as empty boxes.
const fonts = spawnSync("fc-list", [":lang=zh"], { encoding: "utf8" }).stdout ?? "";
if (fonts.trim() === "")
  console.warn("No Chinese font found: apt-get install fonts-wqy-microhei fonts-noto-color-emoji");

const bot = await startRunningBot();
const browser = await launchChromium();
try {
  for (const [i, question] of [
    "耶伦哪天访华？",
    "火星上有水吗",
    "火星上有水嗎",
    "中美关系",
    "芬太尼关税",
    "谁是美国总统",
  ].entries()) {
    const id = 100 + i;
    const sent = bot.telegram.send(
      telegram.textMessage(telegram.privateChat(id), telegram.user(id), question),
    );
    await bot.telegram.replyTo(sent);
  }
  const ask = slashCommand("ask", { question: "习近平和特朗普在哪里会晤" });
  bot.discord.standIn.dispatch("INTERACTION_CREATE", ask);
  const answer = (await bot.discord.standIn.waitFor(editOf(ask.token))).body;
  const [, down] = answer.components.at(-1).components;
  const press = buttonPress(down.custom_id, message(answer, { channelId: CHANNEL_ID, author: botUser }));
  bot.discord.standIn.dispatch("INTERACTION_CREATE", press);
  await bot.discord.standIn.waitFor(callbackOf(press.id));
  const pinned = await bot.qa.ask("中美关系", { limit: 2 });
  const quote = pinned.quotes[1];
  if (quote) await bot.store.addPin("中美关系", quote, new Date().toISOString());
  await bot.store.flush();

  await mkdir(OUT, { recursive: true });
  for (const [kind, viewport] of Object.entries(WIDTHS)) {
    await browser.context.clearCookies(); // signed out: each width starts at the sign-in form
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    for (const [name, pathname] of PAGES) {
      if (name === "overview") {
        await page.fill('input[type="password"]', TOKEN);
        await page.click("button");
        await page.waitForSelector("#health");
      } else await page.goto(bot.base + pathname);
      const file = path.join(OUT, `${name}-${kind}.png`);
      await page.screenshot({ path: file, fullPage: kind === "desktop" });
      process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await bot.close();
}
