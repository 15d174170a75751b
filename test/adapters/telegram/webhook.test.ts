import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../support/free-port.ts";
import { type Harness, startHarness } from "./harness.ts";
import { privateChat, textMessage, user } from "./updates.ts";

const SECRET = "s3cret-Token_1";

describe("webhook mode", () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram/hook`;
    h = await startHarness({ webhook: { url, secret: SECRET, port, host: "127.0.0.1" } });
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

  it("refuses a request with a wrong secret before reading its body", async () => {
    // The body never ends: a server that read it before checking the header would never answer.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"update_id": 5, '));
      },
    });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "wrong" },
      body,
      duplex: "half",
      signal: AbortSignal.timeout(5_000),
    } as RequestInit);
    expect(response.status).toBe(401);
  });

  it("answers an update that carries the right secret", async () => {
    const message = textMessage(privateChat(702), user(702), "耶伦哪天访华？");
    const response = await post({ update_id: 2, message }, { "X-Telegram-Bot-Api-Secret-Token": SECRET });
    expect(response.status).toBe(200);
    expect((await h.replyTo(message)).payload.text).toContain("<b>耶伦</b>");
  });

  it("answers 413 to a body over 1 MB, stated or streamed, and keeps serving", async () => {
    const secret = { "X-Telegram-Bot-Api-Secret-Token": SECRET };
    const big = textMessage(privateChat(703), user(703), "耶".repeat(400_000)); // 1.2 MB in UTF-8
    expect((await post({ update_id: 3, message: big }, secret)).status).toBe(413);
    // Without a content-length the server must count as it reads.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 32)
          controller.enqueue(chunk); // 2 MB in all
        else controller.close();
      },
    });
    const streamed = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...secret },
      body,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(h.standIn.callsOf("sendMessage", 703)).toHaveLength(0);
    expect(h.logs.join("\n")).toContain("refused a webhook request over the size limit");

    const message = textMessage(privateChat(704), user(704), "耶伦哪天访华？");
    expect((await post({ update_id: 4, message }, secret)).status).toBe(200);
    expect((await h.replyTo(message)).payload.text).toContain("<b>耶伦</b>");
  });

  it("answers an update Telegram delivers twice only once", async () => {
    const secret = { "X-Telegram-Bot-Api-Secret-Token": SECRET };
    const chat = privateChat(706);
    const message = textMessage(chat, user(706), "耶伦哪天访华？");
    expect((await post({ update_id: 6, message }, secret)).status).toBe(200);
    await h.replyTo(message);
    expect((await post({ update_id: 6, message }, secret)).status).toBe(200); // the resend
    // A later update to the same chat, answered: the resend would have been answered by now too.
    const later = textMessage(chat, user(706), "习近平");
    expect((await post({ update_id: 7, message: later }, secret)).status).toBe(200);
    await h.replyTo(later);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const replies = h.standIn.callsOf("sendMessage", chat.id);
    expect(replies.map((c) => c.payload.reply_parameters?.message_id)).toEqual([
      message.message_id,
      later.message_id,
    ]);
  });

  it("listens only on TELEGRAM_WEBHOOK_HOST", async () => {
    const update = { update_id: 5, message: textMessage(privateChat(705), user(705), "耶伦哪天访华？") };
    // 127.0.0.2 is loopback too, but not the address the server was bound to.
    await expect(post(update, {}, url.replace("127.0.0.1", "127.0.0.2"))).rejects.toThrow();
    expect((await post(update)).status).toBe(401); // the bound address answers
  });
});
