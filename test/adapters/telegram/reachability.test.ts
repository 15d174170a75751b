import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.ts";
import { privateChat, textMessage, user } from "./updates.ts";

/** The messages of the log lines the bot wrote, in order. */
const messagesOf = (h: Harness) => h.logs.map((line) => (JSON.parse(line) as { msg: string }).msg);

describe("a Telegram outage", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    h.standIn.offline = false;
    await h.close();
  });

  it("is logged once when getUpdates cannot reach Telegram, reported, and once more when it is back", async () => {
    await h.replyTo(h.send(textMessage(privateChat(901), user(901), "耶伦哪天访华？")));
    expect(h.bot.reachability()).toBe("reachable");

    h.standIn.offline = true;
    await expect.poll(() => h.bot.reachability(), { timeout: 10_000 }).toBe("unreachable");
    // The polls keep failing while it is away: still one warning.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const warnings = messagesOf(h).filter((msg) => msg.startsWith("Telegram is unreachable"));
    expect(warnings).toHaveLength(1);

    h.standIn.offline = false;
    await expect.poll(() => h.bot.reachability(), { timeout: 15_000 }).toBe("reachable");
    expect(messagesOf(h).filter((msg) => msg === "Telegram is reachable again")).toHaveLength(1);
    const question = h.send(textMessage(privateChat(902), user(902), "耶伦哪天访华？"));
    expect((await h.replyTo(question)).response.ok).toBe(true);
  }, 30_000);
});
