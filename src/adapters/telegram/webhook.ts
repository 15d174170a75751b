import { createServer, type Server } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { TelegramConfig } from "../../config.ts";
import type { Logger } from "../../core/logger.ts";
import { describeError } from "./errors.ts";

/** The webhook settings: public URL (its path is where we listen), secret token, local port. */
export type WebhookConfig = NonNullable<TelegramConfig["webhook"]>;

/**
 * Telegram waits for our HTTP answer and resends the update if it takes too long. Handling is detached (see
 * `in-flight.ts`), so this only bounds a stuck first `getMe`.
 */
const WEBHOOK_TIMEOUT_MS = 9_000;

/**
 * Starts the HTTP server that receives updates on the path of `webhook.url`. grammY's `webhookCallback`
 * answers 401 when the `X-Telegram-Bot-Api-Secret-Token` header is missing or wrong; other paths and methods
 * get 404, so a scanner learns nothing.
 */
export async function listenForWebhook(bot: Bot, webhook: WebhookConfig, logger: Logger): Promise<Server> {
  const handle = webhookCallback(bot, "http", {
    secretToken: webhook.secret,
    onTimeout: "return",
    timeoutMilliseconds: WEBHOOK_TIMEOUT_MS,
  });
  const path = new URL(webhook.url).pathname;
  const server = createServer((req, res) => {
    const requested = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || requested !== path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      logger.warn({ err: describeError(error) }, "webhook request failed");
      if (!res.headersSent) res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(webhook.port, () => {
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
