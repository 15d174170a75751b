/**
 * A vote through each bot, as users press it, survives a restart of the bot and its store, is replaced (not
 * doubled) by the same user's next vote after it, and is what `npm run feedback` reports from the bots' file.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";
import { readFeedback } from "../../src/core/feedback/store.ts";
import { createQa, type LoadedQa } from "../../src/core/qa.ts";
import { botUser, buttonPress, CHANNEL_ID, message, slashCommand } from "../adapters/discord/fixtures.ts";
import { callbackOf, editOf, startHarness as startDiscord } from "../adapters/discord/harness.ts";
import { startHarness as startTelegram } from "../adapters/telegram/harness.ts";
import * as telegram from "../adapters/telegram/updates.ts";
import { CONFIG_DIR, memoryLogger, SEEDS_DIR, temporaryDirectory } from "../support/seed-qa.ts";

const exec = promisify(execFile);
const QUESTION = "耶伦哪天访华？";

let dir: Awaited<ReturnType<typeof temporaryDirectory>>;
let file: string;
beforeAll(async () => {
  dir = await temporaryDirectory();
  file = path.join(dir.dir, "feedback.jsonl");
});
afterAll(() => dir.remove());

/** A real Qa over the seeds whose votes go to the test's file (its salt generated beside it, once). */
function openQa(): Promise<LoadedQa> {
  const { logger } = memoryLogger();
  return createQa({
    corpusDir: SEEDS_DIR,
    cacheDir: dir.dir,
    configDir: CONFIG_DIR,
    logger,
    feedback: { file },
  });
}

/** Asks through the Discord stand-in and presses 👍 or 👎 under the answer. */
async function voteOnDiscord(qa: LoadedQa, vote: "up" | "down") {
  const harness = await startDiscord(qa);
  try {
    const ask = slashCommand("ask", { question: QUESTION });
    harness.standIn.dispatch("INTERACTION_CREATE", ask);
    const answer = (await harness.standIn.waitFor(editOf(ask.token))).body;
    const [up, down] = answer.components.at(-1).components;
    const onMessage = message(answer, { channelId: CHANNEL_ID, author: botUser });
    const press = buttonPress((vote === "up" ? up : down).custom_id, onMessage);
    harness.standIn.dispatch("INTERACTION_CREATE", press);
    await harness.standIn.waitFor(callbackOf(press.id));
  } finally {
    await harness.close();
  }
}

/** Asks through the Telegram stand-in, in a private chat, and presses 👍 or 👎 under the answer. */
async function voteOnTelegram(qa: LoadedQa, vote: "up" | "down") {
  const h = await startTelegram({ qa });
  try {
    const chat = telegram.privateChat(501);
    const question = h.send(telegram.textMessage(chat, telegram.user(501), QUESTION));
    const reply = await h.replyTo(question);
    const rows = reply.payload.reply_markup?.inline_keyboard ?? [];
    const button = rows.flat().find((b) => b.text === (vote === "up" ? "👍" : "👎"));
    const data = button && "callback_data" in button ? button.callback_data : undefined;
    if (!data) throw new Error("the answer has no vote button");
    const answer = h.standIn.message(chat.id, Number(reply.result?.message_id)) as Message;
    const press = h.standIn.push(telegram.buttonPress(telegram.user(501), answer, data));
    const id = press.callback_query?.id;
    await h.standIn.waitFor("answerCallbackQuery", (c) => c.payload.callback_query_id === id);
  } finally {
    await h.close();
  }
}

describe("feedback through the bots", { timeout: 60_000 }, () => {
  it("keeps each bot's 👍 across a restart, lets a later 👎 replace it, and npm run feedback shows it", async () => {
    const first = await openQa();
    await voteOnDiscord(first, "up");
    await voteOnTelegram(first, "up");
    await first.close(); // waits for the votes to be written

    const afterRestart = await readFeedback(file);
    expect(afterRestart.map((row) => [row.platform, row.vote, row.question])).toEqual([
      ["discord", "up", QUESTION],
      ["telegram", "up", QUESTION],
    ]);
    for (const row of afterRestart) {
      expect(row.quotes.length).toBeGreaterThan(0);
      expect(row.user).toMatch(/^[0-9a-f]{32}$/); // the salted hash, never the id
    }

    const second = await openQa(); // a new store over the same file and salt
    await voteOnDiscord(second, "down");
    await voteOnTelegram(second, "down");
    await second.close();
    const rows = await readFeedback(file);
    expect(rows.map((row) => [row.platform, row.vote])).toEqual([
      ["discord", "down"],
      ["telegram", "down"],
    ]);

    const { stdout } = await exec(process.execPath, ["--import", "tsx", "src/cli/feedback.ts"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, FEEDBACK_FILE: file },
    });
    expect(stdout).toContain("2 votes from 2 users: 👍 0, 👎 2 (discord 1, telegram 1)");
    expect(stdout).toContain("Answers marked wrong");
    expect(stdout).toMatch(new RegExp(`👎 \\d 👍 0 {2}${QUESTION}`));
    expect(stdout).toContain("001_a3cf32f92385dae4.txt ¶");
  });
});
