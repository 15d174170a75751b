import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.ts";
import { privateChat, textMessage, user } from "./updates.ts";

const SECRET = "s3cret-Token_1";

/** A port that was free a moment ago (the webhook config takes a fixed port). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("webhook mode", () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram/hook`;
    h = await startHarness({ webhook: { url, secret: SECRET, port } });
  });
  afterAll(async () => {
    await h.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}, to = url) =>
    fetch(to, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("registers the webhook with its secret and does not poll", () => {
    expect(h.standIn.callsOf("setWebhook").map((c) => c.payload)).toEqual([
      { url, secret_token: SECRET, allowed_updates: ["message", "callback_query", "inline_query"] },
    ]);
    expect(h.standIn.servedAt.size).toBe(0);
  });

  it("rejects requests without the secret header or with a wrong one", async () => {
    const update = { update_id: 1, message: textMessage(privateChat(701), user(701), "耶伦哪天访华？") };
    expect((await post(update)).status).toBe(401);
    expect((await post(update, { "X-Telegram-Bot-Api-Secret-Token": "wrong" })).status).toBe(401);
    expect(
      (await post(update, { "X-Telegram-Bot-Api-Secret-Token": SECRET }, url.replace("/hook", "/other")))
        .status,
    ).toBe(404);
    expect(h.standIn.callsOf("sendMessage", 701)).toHaveLength(0);
  });

  it("answers an update that carries the right secret", async () => {
    const message = textMessage(privateChat(702), user(702), "耶伦哪天访华？");
    const response = await post({ update_id: 2, message }, { "X-Telegram-Bot-Api-Secret-Token": SECRET });
    expect(response.status).toBe(200);
    expect((await h.replyTo(message)).payload.text).toContain("<b>耶伦</b>");
  });
});
