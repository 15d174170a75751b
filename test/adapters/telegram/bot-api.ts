/** The shapes and errors of the Bot API as the stand-in speaks them. */
import type { Message } from "grammy/types";
import { telegramHtmlError } from "./telegram-html.ts";

/** What the bot sent in one call; loosely typed because each method has its own fields. */
export interface Payload {
  chat_id?: number;
  text?: string;
  parse_mode?: string;
  reply_parameters?: { message_id: number };
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
  message_thread_id?: number;
  message_id?: number;
  [field: string]: unknown;
}

/** One recorded Bot API call. */
export interface Call {
  method: string;
  payload: Payload;
  /** `performance.now()` when the request arrived. */
  at: number;
  /** What the stand-in answered. */
  response: ErrorResponse | { ok: true; result: unknown };
  /** The message the call created or edited, if any. */
  readonly result?: Message;
}

/** A Telegram error response, e.g. for `failNext`. */
export interface ErrorResponse {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** Telegram's answer when a bot exceeds a flood limit. */
export const tooManyRequests = (retryAfter: number): ErrorResponse => ({
  ok: false,
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});

/** A transient server failure. */
export const serverError = (): ErrorResponse => ({
  ok: false,
  error_code: 500,
  description: "Internal Server Error",
});

/** The answer to a method the stand-in does not implement. */
export const notFound: ErrorResponse = {
  ok: false,
  error_code: 404,
  description: "Not Found: method not found",
};

/** The texts a call asks Telegram to parse: a message's text, or each inline result's message. */
function textsOf(p: Payload): { text: string; parseMode: unknown }[] {
  if (typeof p.text === "string") return [{ text: p.text, parseMode: p.parse_mode }];
  const results = Array.isArray(p.results)
    ? (p.results as { input_message_content?: Record<string, unknown> }[])
    : [];
  return results.flatMap(({ input_message_content: c }) =>
    typeof c?.message_text === "string" ? [{ text: c.message_text, parseMode: c.parse_mode }] : [],
  );
}

/** Telegram's 400 for a text it cannot parse or that is too long; undefined when it would accept the call. */
export function refusalOf(p: Payload): ErrorResponse | undefined {
  for (const { text, parseMode } of textsOf(p)) {
    const error =
      parseMode === "HTML"
        ? telegramHtmlError(text)
        : text.length > 4096
          ? "Bad Request: message is too long"
          : undefined;
    if (error) return { ok: false, error_code: 400, description: error };
  }
  return undefined;
}
