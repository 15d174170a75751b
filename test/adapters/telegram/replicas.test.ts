import { randomInt } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramBot, type TelegramBot } from "../../../src/adapters/telegram/bot.ts";
import type { TelegramConfig } from "../../../src/config.ts";
import { messages } from "../../../src/core/messages.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
import { freePort } from "../../support/free-port.ts";
import { BotApiStandIn } from "./stand-in.ts";
import { BOT, privateChat, TOKEN, textMessage, user } from "./updates.ts";

const SECRET = "one-secret_for-every-replica";
/** The address Telegram posts to: the load balancer's, the same for every replica. */
const PUBLIC_URL = "https://citebot.example/telegram/hook";

/** One replica: a webhook process on a port of its own, counting limits in the shared Redis. */
interface Replica {
  bot: TelegramBot;
  hook: string;
  logs: string[];
}

async function startReplica(standIn: BotApiStandIn): Promise<Replica> {
  const port = await freePort();
  const logs: string[] = [];
  const config: TelegramConfig = {
    token: TOKEN,
    apiRoot: standIn.apiRoot,
    webhook: { url: PUBLIC_URL, secret: SECRET, port, host: "127.0.0.1" },
    rateLimitPerMinute: 2,
    redisUrl: "redis://127.0.0.1:6379",
  };
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(line) });
  const bot = createTelegramBot({ qa: createFakeQa(), config, logger });
  await bot.start();
  return { bot, hook: `http://127.0.0.1:${port}/telegram/hook`, logs };
}

let standIn: BotApiStandIn;
let replicas: Replica[];
beforeAll(async () => {
  standIn = await BotApiStandIn.start(TOKEN, BOT);
  replicas = [await startReplica(standIn), await startReplica(standIn)];
  // Until Redis is connected each replica counts on its own, which this test would mistake for a bug.
  const shared = () =>
    replicas.every((r) => r.logs.some((line) => line.includes("per-user limits are shared through Redis")));
  for (let i = 0; !shared(); i++) {
    if (i > 100) throw new Error("the replicas never connected to Redis");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.bot.stop()));
  await standIn.close();
});

let updateId = 0;
/** Posts a private message to one replica, as the load balancer would, and returns the bot's reply to it. */
async function askThrough(replica: Replica, userId: number, text: string) {
  const message = textMessage(privateChat(userId), user(userId), text);
  updateId += 1;
  const response = await fetch(replica.hook, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body: JSON.stringify({ update_id: updateId, message }),
  });
  expect(response.status).toBe(200);
  const reply = await standIn.waitFor(
    "sendMessage",
    (c) => c.payload.chat_id === userId && c.payload.reply_parameters?.message_id === message.message_id,
  );
  return reply.payload.text as string;
}

describe("Telegram webhook replicas behind a load balancer", () => {
  it("registers the one public URL and secret from every replica", () => {
    const registered = standIn.callsOf("setWebhook").map((c) => c.payload);
    expect(registered).toHaveLength(2);
    for (const payload of registered)
      expect(payload).toMatchObject({ url: PUBLIC_URL, secret_token: SECRET });
  });

  it("answers updates posted to either replica, and counts one user's questions once across them", async () => {
    const [first, second] = replicas as [Replica, Replica];
    const asker = randomInt(1_000_000, 2_000_000_000); // a user no earlier run has counted in Redis
    expect(await askThrough(first, asker, "耶伦哪天访华？")).toContain("<b>耶伦</b>");
    expect(await askThrough(second, asker, "耶伦哪天访华？")).toContain("<b>耶伦</b>");
    expect(await askThrough(first, asker, "耶伦哪天访华？")).toBe(messages.rateLimited);
    expect(await askThrough(second, asker + 1, "耶伦哪天访华？")).toContain("<b>耶伦</b>");
  });
});
