import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramBot } from "../../../src/adapters/telegram/bot.ts";
import { ConfigError } from "../../../src/core/errors.ts";
import { messages } from "../../../src/core/messages.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
import { type Harness, startHarness } from "./harness.ts";
import { group, privateChat, TOKEN, textMessage, user } from "./updates.ts";

/** The parsed log lines with the given message. */
function logged(h: Harness, msg: string): Record<string, unknown>[] {
  return h.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === msg);
}

describe("robustness", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      prepare: (standIn) =>
        standIn.failNext("setMyCommands", {
          ok: false,
          error_code: 400,
          description: "Bad Request: BOT_COMMAND_INVALID",
        }),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it("starts and serves although setMyCommands failed, and logs why", async () => {
    expect(h.standIn.callsOf("setMyCommands").map((c) => c.response.ok)).toEqual([false]);
    const [entry] = logged(h, "setMyCommands failed; continuing without it");
    expect(entry?.err).toMatchObject({ code: 400, description: "Bad Request: BOT_COMMAND_INVALID" });
  });

  it("apologises for an update whose handling throws, logs it, and answers the next one", async () => {
    const broken = h.send(textMessage(privateChat(501), user(501), "boom 耶伦"));
    const next = h.send(textMessage(privateChat(502), user(502), "耶伦哪天访华？"));
    expect((await h.replyTo(broken)).payload.text).toBe(messages.failure);
    expect((await h.replyTo(next)).payload.text).toContain("<b>耶伦</b>");
    const [entry] = logged(h, "failed to handle an update");
    expect(entry?.err).toMatchObject({ name: "Error", message: "fake qa exploded" });
  });

  it("ignores edited messages and channel posts, and keeps serving", async () => {
    const chat = privateChat(503);
    h.standIn.push({ edited_message: { ...textMessage(chat, user(503), "耶伦？"), edit_date: 1 } as never });
    h.standIn.push({
      channel_post: textMessage(
        { id: -100503, type: "channel", title: "C" },
        user(503),
        "/ask 耶伦",
      ) as never,
    });
    const next = h.send(textMessage(chat, user(503), "耶伦哪天访华？"));
    await h.replyTo(next);
    expect(h.standIn.callsOf("sendMessage", chat.id)).toHaveLength(1);
    expect(h.standIn.callsOf("sendMessage", -100503)).toHaveLength(0);
  });

  it("ignores photos in groups", async () => {
    const chat = group(504);
    h.send({ ...textMessage(chat, user(504), ""), text: undefined, photo: [] } as never);
    const asked = h.send(textMessage(chat, user(504), "/ask 耶伦"));
    await h.replyTo(asked);
    expect(h.standIn.callsOf("sendMessage", chat.id)).toHaveLength(1);
  });

  it("never writes the token to the log", async () => {
    await h.bot.stop();
    expect(h.logs.length).toBeGreaterThan(3);
    expect(h.logs.join("\n")).not.toContain(TOKEN);
    expect(logged(h, "the Telegram bot stopped")).toHaveLength(1);
    await h.bot.stop(); // a second stop is harmless and does nothing
    expect(logged(h, "the Telegram bot stopped")).toHaveLength(1);
  });
});

describe("start-up with a wrong token", () => {
  it("fails with a message a person can act on, without the token", async () => {
    const h = await startHarness();
    await h.bot.stop();
    const wrong = "4242:AAH-this-token-is-wrong";
    const logs: string[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(line) });
    const config = { token: wrong, apiRoot: h.standIn.apiRoot, webhook: undefined, rateLimitPerMinute: 5 };
    const bot = createTelegramBot({ qa: h.qa, config, logger });
    const failure = await bot.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(
      "TELEGRAM_BOT_TOKEN was refused by Telegram (401: Unauthorized): check it with @BotFather.",
    );
    await bot.stop();
    expect(logs.join("\n")).not.toContain(wrong);
    await h.close();
  });
});

/** A Bot API root on 127.0.0.1 where nothing listens: every request fails with a network error. */
async function unreachableApiRoot(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** A Bot API root on 127.0.0.1 that takes every request and never answers; `close` ends it. */
async function stallingApiRoot(): Promise<{ apiRoot: string; close: () => Promise<void> }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { apiRoot: `http://127.0.0.1:${port}`, close };
}

/** What `bot.start()` rejected with, or undefined if it resolved. */
const failureOf = (starting: Promise<void>) =>
  starting.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("start-up when Telegram cannot be reached", () => {
  it("reports a refused connection at once with its cause, not after the time limit, and not the token", async () => {
    const apiRoot = await unreachableApiRoot();
    const port = new URL(apiRoot).port;
    const logs: string[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(line) });
    const config = { token: TOKEN, apiRoot, webhook: undefined, rateLimitPerMinute: 5 };
    // A time limit no test run reaches: the failure must come from the connection itself.
    const bot = createTelegramBot({ qa: createFakeQa(), config, logger, startTimeoutMs: 600_000 });
    const failure = await failureOf(bot.start());
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(
      `The Telegram bot could not reach ${apiRoot} (connect ECONNREFUSED 127.0.0.1:${port}): check the network, and TELEGRAM_API_ROOT if it is set.`,
    );
    await bot.stop();
    expect(`${logs.join("\n")}${(failure as Error).message}`).not.toContain(TOKEN);
  }, 10_000);

  it("reports an unknown host at once with the lookup's cause", async () => {
    const apiRoot = "http://citebot-no-such-host.invalid";
    const config = { token: TOKEN, apiRoot, webhook: undefined, rateLimitPerMinute: 5 };
    const bot = createTelegramBot({
      qa: createFakeQa(),
      config,
      logger: pino({ level: "silent" }),
      startTimeoutMs: 600_000,
    });
    const failure = await failureOf(bot.start());
    expect((failure as Error).message).toContain(
      `could not reach ${apiRoot} (getaddrinfo ENOTFOUND citebot-no-such-host.invalid)`,
    );
    await bot.stop();
  }, 10_000);

  it("gives up after the time limit on an API that never answers, naming the setting", async () => {
    const { apiRoot, close } = await stallingApiRoot();
    const config = { token: TOKEN, apiRoot, webhook: undefined, rateLimitPerMinute: 5 };
    const bot = createTelegramBot({
      qa: createFakeQa(),
      config,
      logger: pino({ level: "silent" }),
      startTimeoutMs: 300,
    });
    const failure = await failureOf(bot.start());
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(
      `The Telegram bot could not reach ${apiRoot} (no answer within 0.3 s): check the network, and TELEGRAM_API_ROOT if it is set.`,
    );
    await bot.stop();
    await close();
  });

  it("stops at once when asked to while still connecting, and does not start polling afterwards", async () => {
    const { apiRoot, close } = await stallingApiRoot();
    const config = { token: TOKEN, apiRoot, webhook: undefined, rateLimitPerMinute: 5 };
    const bot = createTelegramBot({ qa: createFakeQa(), config, logger: pino({ level: "silent" }) });
    const starting = bot.start();
    await new Promise((resolve) => setTimeout(resolve, 100)); // getMe is now waiting for an answer
    await bot.stop();
    await expect(starting).resolves.toBeUndefined();
    await close();
  }, 5_000);
});
