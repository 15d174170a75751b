import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { TelegramConfig } from "../../config.ts";
import type { Logger } from "../../core/logger.ts";
import { describeError } from "./errors.ts";

/** The webhook settings: public URL (its path is where we listen), secret token, local port and host. */
export type WebhookConfig = NonNullable<TelegramConfig["webhook"]>;

/**
 * Telegram waits for our HTTP answer and resends the update if it takes too long. Handling is detached (see
 * `in-flight.ts`), so this only bounds a stuck first `getMe`.
 */
const WEBHOOK_TIMEOUT_MS = 9_000;

/**
 * The largest request body read, in bytes. An update is a few kilobytes at most (a message's text is at most
 * 4096 characters); anything bigger is not from Telegram and is answered 413 without being read further.
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/**
 * How many recent `update_id`s the webhook remembers, to answer an update Telegram delivers twice (it resends
 * one whose HTTP answer it did not get in time) only once. A few minutes of a busy bot; ids are numbers, so
 * this is well under a megabyte.
 */
export const REMEMBERED_UPDATES = 10_000;

/**
 * The update ids seen lately, the oldest forgotten first past `max`. `take(id)` is true for an id not seen
 * yet (and remembers it); `release(id)` forgets one whose handling failed, so Telegram's resend is handled.
 */
export function createRecentIds(max = REMEMBERED_UPDATES) {
  const seen = new Set<number>();
  return {
    take(id: number): boolean {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > max) seen.delete(seen.values().next().value as number);
      return true;
    },
    release: (id: number) => void seen.delete(id),
  };
}

/** A request body over `MAX_WEBHOOK_BODY_BYTES`. */
class TooLarge extends Error {}

/** Reads a request's body, giving up with `TooLarge` as soon as it passes the cap. */
async function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_WEBHOOK_BODY_BYTES) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_WEBHOOK_BODY_BYTES) throw new TooLarge(); // a chunked body states no length up front
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The request's `X-Telegram-Bot-Api-Secret-Token` header, if it has one. */
const secretOf = (req: IncomingMessage) => [req.headers["x-telegram-bot-api-secret-token"]].flat()[0];

/** The header is the secret: compared in constant time, so its timing tells a guesser nothing. */
function carriesSecret(req: IncomingMessage, secret: string): boolean {
  const given = Buffer.from(secretOf(req) ?? "");
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** grammY's adapter for an update already read (grammY's own "http" adapter reads bodies of any size). */
const readUpdate = (req: IncomingMessage, res: ServerResponse, update: Update) => ({
  update,
  header: secretOf(req),
  end: () => res.end(),
  respond: (json: string) => res.writeHead(200, { "Content-Type": "application/json" }).end(json),
  unauthorized: () => res.writeHead(401).end("secret token is wrong"),
});

/**
 * Starts the HTTP server that receives updates on the path of `webhook.url`, bound to `webhook.host` (every
 * interface when unset). A request whose `X-Telegram-Bot-Api-Secret-Token` header is missing or wrong gets 401
 * before its body is read (anyone who finds the URL could otherwise make the bot read a megabyte a request;
 * grammY's `webhookCallback` checks it again); other paths and methods get 404, so a scanner learns nothing; a
 * body over the cap gets 413 and one that is not JSON 400. An update whose id was handled lately (Telegram
 * delivered it twice) gets 200 and is not handled again; the memory is this process's, so behind a load
 * balancer a resend that reaches another replica is still answered twice.
 */
export async function listenForWebhook(bot: Bot, webhook: WebhookConfig, logger: Logger): Promise<Server> {
  const handle = webhookCallback(bot, readUpdate, {
    secretToken: webhook.secret,
    onTimeout: "return",
    timeoutMilliseconds: WEBHOOK_TIMEOUT_MS,
  });
  const path = new URL(webhook.url).pathname;
  const recent = createRecentIds();
  const handleOnce = async (req: IncomingMessage, res: ServerResponse, update: Update) => {
    const id = update.update_id;
    if (typeof id === "number" && !recent.take(id)) {
      logger.debug({ updateId: id }, "Telegram delivered an update twice; answered once");
      res.writeHead(200).end();
      return;
    }
    try {
      await handle(req, res, update);
    } catch (error) {
      if (typeof id === "number") recent.release(id);
      throw error;
    }
  };
  const server = createServer((req, res) => {
    const requested = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || requested !== path) {
      res.writeHead(404).end();
      return;
    }
    if (!carriesSecret(req, webhook.secret)) {
      res.writeHead(401, { connection: "close" }).end("secret token is wrong");
      return;
    }
    readBody(req)
      .then((body) => handleOnce(req, res, JSON.parse(body) as Update))
      .catch((error: unknown) => {
        if (res.headersSent) return;
        if (error instanceof TooLarge) {
          logger.warn({ limit: MAX_WEBHOOK_BODY_BYTES }, "refused a webhook request over the size limit");
          res.writeHead(413, { connection: "close" }).end();
          return;
        }
        logger.warn({ err: describeError(error) }, "webhook request failed");
        res.writeHead(400).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: webhook.port, host: webhook.host }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

/** Stops accepting requests and closes idle keep-alive connections, which would otherwise hold `close` open. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
}
