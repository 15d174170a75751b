import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Message, Update, UserFromGetMe } from "grammy/types";
import { type Call, type ErrorResponse, notFound, type Payload, refusalOf } from "./bot-api.ts";

/** Long polls are held at most this long, so a test never waits on an idle poll. */
const MAX_POLL_MS = 1_000;

/**
 * A small stand-in for the Telegram Bot API on 127.0.0.1: it serves queued updates to `getUpdates`
 * (long polling), answers the methods the bot uses with plausible results, records every call, and can be
 * told to fail a method once.
 */
export class BotApiStandIn {
  readonly calls: Call[] = [];
  /** Every method asked for other than getUpdates, in order, as the request arrives (before any delay). */
  readonly requested: string[] = [];
  /** When each update was handed to the bot (`performance.now()`), by update id. */
  readonly servedAt = new Map<number, number>();
  private readonly updates: Update[] = [];
  private readonly messages = new Map<string, Message>();
  private readonly faults = new Map<string, ErrorResponse[]>();
  private readonly delays = new Map<string, number[]>();
  private readonly callWaiters = new Set<() => void>();
  private pollWaiters = new Set<() => void>();
  /** Administrators by chat id: `getChatMember` says "administrator" for them, "member" for anyone else. */
  readonly administrators = new Map<number, number[]>();
  /** While true, every request's connection is dropped unanswered, as when Telegram cannot be reached. */
  offline = false;
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private readonly server = createServer((req, res) => void this.handle(req, res));

  private constructor(
    readonly token: string,
    readonly me: UserFromGetMe,
  ) {}

  /** Starts a stand-in on a free port of 127.0.0.1. */
  static async start(token: string, me: UserFromGetMe): Promise<BotApiStandIn> {
    const standIn = new BotApiStandIn(token, me);
    standIn.server.listen(0, "127.0.0.1");
    await once(standIn.server, "listening");
    return standIn;
  }

  /** The `apiRoot` to give grammY. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues an update for the next `getUpdates`; returns it with its id. */
  push(update: Omit<Update, "update_id">): Update {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update;
    const message = full.message ?? full.edited_message ?? full.channel_post;
    if (message) this.messages.set(`${message.chat.id}:${message.message_id}`, message);
    this.updates.push(full);
    for (const wake of this.pollWaiters) wake();
    return full;
  }

  /** A message the bot has sent (or a user message it has seen), by chat and id. */
  message(chatId: number, messageId: number): Message | undefined {
    return this.messages.get(`${chatId}:${messageId}`);
  }

  /** Makes the next call of `method` fail with `response`. */
  failNext(method: string, response: ErrorResponse): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), response]);
  }

  /** Holds the answer to the next call of `method` back for `ms`, as a slow Bot API would. */
  delayNext(method: string, ms: number): void {
    this.delays.set(method, [...(this.delays.get(method) ?? []), ms]);
  }

  /** Recorded calls of one method, optionally to one chat. */
  callsOf(method: string, chatId?: number): Call[] {
    return this.calls.filter(
      (c) => c.method === method && (chatId === undefined || c.payload.chat_id === chatId),
    );
  }

  /** Waits for the first recorded call (past or future) that matches. */
  async waitFor(
    method: string,
    match: (call: Call) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Call> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find((c) => c.method === method && match(c));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`stand-in: no matching ${method} call within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.callWaiters.delete(wake);
          resolve();
        };
        this.callWaiters.add(wake);
        setTimeout(wake, 100);
      });
    }
  }

  /** Stops the server, dropping any held long poll. */
  async close(): Promise<void> {
    for (const wake of this.pollWaiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.offline) return void req.socket.destroy(); // the client sees a network error, no HTTP answer
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const [, token, method = ""] = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "") ?? [];
    const payload = (body ? JSON.parse(body) : {}) as Payload;
    const reply = (status: number, json: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    if (token !== this.token)
      return void reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    if (method === "getUpdates")
      return void reply(200, { ok: true, result: await this.getUpdates(payload, req) });
    const at = performance.now();
    this.requested.push(method);
    const delay = this.delays.get(method)?.shift();
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = this.faults.get(method)?.shift() ?? refusalOf(payload);
    const result = fault ? undefined : this.answer(method, payload);
    const response = fault ?? (result === undefined ? notFound : { ok: true as const, result });
    this.record({ method, payload, at, response });
    reply("error_code" in response ? response.error_code : 200, response);
  }

  private record(call: Omit<Call, "result">): void {
    const result =
      call.response.ok && typeof call.response.result === "object" ? call.response.result : undefined;
    this.calls.push({ ...call, result: result as Message | undefined });
    for (const wake of this.callWaiters) wake();
  }

  private async getUpdates(payload: Payload, req: IncomingMessage): Promise<Update[]> {
    // As Telegram does, an offset confirms (forgets) every earlier update, also for the next bot to poll.
    const offset = Number(payload.offset ?? 0);
    while ((this.updates[0]?.update_id ?? offset) < offset) this.updates.shift();
    const pending = () => this.updates;
    const timeoutMs = Math.min(Number(payload.timeout ?? 0) * 1000, MAX_POLL_MS);
    if (pending().length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.pollWaiters.delete(wake);
          resolve();
        };
        this.pollWaiters.add(wake);
        setTimeout(wake, timeoutMs);
        req.once("close", wake);
      });
    }
    const batch = pending().slice(0, Number(payload.limit ?? 100));
    const now = performance.now();
    for (const u of batch) if (!this.servedAt.has(u.update_id)) this.servedAt.set(u.update_id, now);
    return batch;
  }

  private answer(method: string, p: Payload): unknown {
    switch (method) {
      case "getMe":
        return this.me;
      case "sendMessage":
        return this.sent(p);
      case "editMessageReplyMarkup":
      case "editMessageText": {
        const message = this.message(Number(p.chat_id), Number(p.message_id));
        if (!message) return undefined;
        const edited = {
          ...message,
          ...(p.text ? { text: p.text } : {}),
          reply_markup: p.reply_markup,
        } as Message;
        this.messages.set(`${p.chat_id}:${p.message_id}`, edited);
        return edited;
      }
      case "getChatMember": {
        const id = Number(p.user_id);
        const admin = this.administrators.get(Number(p.chat_id))?.includes(id) ?? false;
        const user = { id, is_bot: false, first_name: "User" };
        return admin
          ? { status: "administrator", user, can_be_edited: false, is_anonymous: false }
          : { status: "member", user };
      }
      case "answerCallbackQuery":
      case "answerInlineQuery":
      case "setMyCommands":
      case "setWebhook":
      case "deleteWebhook":
        return true;
      default:
        return undefined;
    }
  }

  /** The Message Telegram would return for a sendMessage, including the message it replies to. */
  private sent(p: Payload): Message {
    const chatId = Number(p.chat_id);
    const target = p.reply_parameters ? this.message(chatId, p.reply_parameters.message_id) : undefined;
    // Telegram nests replies one level deep only.
    const replyTo = target ? { ...target, reply_to_message: undefined } : undefined;
    const chat: Chat = replyTo?.chat ?? { id: chatId, type: "private", first_name: "User" };
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: this.me.id, is_bot: true, first_name: this.me.first_name, username: this.me.username },
      text: p.text ?? "",
      ...(p.message_thread_id ? { message_thread_id: p.message_thread_id, is_topic_message: true } : {}),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
    } as Message;
    this.messages.set(`${chatId}:${message.message_id}`, message);
    return message;
  }
}
