import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { until } from "../../support/main-process.ts";
import { temporaryDirectory } from "../../support/seed-qa.ts";
import { type Harness, startHarness } from "./harness.ts";
import { inlineQuery, privateChat, textMessage, user } from "./updates.ts";

let h: Harness | undefined;
let remove: (() => Promise<void>) | undefined;
afterEach(async () => {
  await h?.close();
  await remove?.();
});

/** Writes a saved update as an earlier run would have left it. */
async function leftOver(dir: string, update: Update, attempts: number, savedAt = Date.now()) {
  await mkdir(dir, { recursive: true });
  const entry = { id: String(update.update_id), item: update, attempts, savedAt };
  await writeFile(path.join(dir, `${update.update_id}.json`), JSON.stringify(entry));
}

/** A directory for saved updates in a temporary directory that `afterEach` removes. */
async function pendingDir(): Promise<string> {
  const temporary = await temporaryDirectory();
  remove = temporary.remove;
  return path.join(temporary.dir, "pending");
}

/** A condition for `until`: `dir` holds no file. */
const isEmpty = (dir: string) => async () => (await readdir(dir)).length === 0;

describe("updates left over from the last run", () => {
  it("answers them at start, gives up on one three starts did not get through, and on one older than a day", async () => {
    const dir = await pendingDir();
    const fresh = textMessage(privateChat(801), user(801), "耶伦哪天访华？");
    const poison = textMessage(privateChat(802), user(802), "耶伦哪天访华？");
    const old = textMessage(privateChat(803), user(803), "耶伦哪天访华？");
    await leftOver(dir, { update_id: 501, message: fresh } as Update, 1);
    await leftOver(dir, { update_id: 502, message: poison } as Update, 3);
    await leftOver(dir, { update_id: 503, message: old } as Update, 0, Date.now() - 25 * 60 * 60 * 1000);

    h = await startHarness({ pendingDir: dir });
    expect((await h.replyTo(fresh)).payload.text).toContain("<b>耶伦</b>");
    const gaveUp = h.logs.filter((line) => line.includes("gave up on a saved update"));
    expect(gaveUp.map((line) => JSON.parse(line).updateId)).toEqual(["502", "503"]);
    expect(h.standIn.callsOf("sendMessage", 802)).toHaveLength(0);
    expect(h.standIn.callsOf("sendMessage", 803)).toHaveLength(0);
    await until("the answered update to be forgotten", isEmpty(dir), 5_000);
  });

  it("saves each update while it is answered and forgets it once answered", async () => {
    const dir = await pendingDir();
    h = await startHarness({ pendingDir: dir });
    h.standIn.delayNext("sendMessage", 500);
    const message = h.send(textMessage(privateChat(804), user(804), "耶伦哪天访华？"));
    await until("the reply to be sent", () => h?.standIn.requested.includes("sendMessage") ?? false, 5_000);
    expect(await readdir(dir)).toHaveLength(1); // the reply is held back: the update is on disk
    await h.replyTo(message);
    await until("the answered update to be forgotten", isEmpty(dir), 5_000);
  });

  it("does not save inline queries, which are only worth answering at once", async () => {
    const dir = await pendingDir();
    h = await startHarness({ pendingDir: dir });
    h.standIn.delayNext("answerInlineQuery", 500);
    h.standIn.push(inlineQuery(user(806), "耶伦"));
    await until(
      "the inline answer to be sent",
      () => h?.standIn.requested.includes("answerInlineQuery") ?? false,
      5_000,
    );
    expect(await readdir(dir).catch(() => [])).toHaveLength(0); // held back, and not on disk
  });

  it("answers a left-over update once when Telegram sends it again", async () => {
    const dir = await pendingDir();
    const message = textMessage(privateChat(805), user(805), "耶伦哪天访华？");
    // The stand-in numbers updates from 1, so this is the id Telegram resends it with.
    await leftOver(dir, { update_id: 1, message } as Update, 1);
    h = await startHarness({
      pendingDir: dir,
      prepare: (standIn) => void standIn.push({ message } as Omit<Update, "update_id">),
    });
    await h.replyTo(message);
    const logs = h.logs;
    await until("the resent copy to be skipped", () =>
      logs.some((line) => line.includes("resent an update")),
    );
    expect(h.standIn.callsOf("sendMessage", 805)).toHaveLength(1);
  });
});
