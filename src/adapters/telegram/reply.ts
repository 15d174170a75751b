import { type Context, InlineKeyboard } from "grammy";
import { label } from "../../core/language.ts";
import { phrases } from "../../core/messages.ts";
import type { Answer } from "../../core/types.ts";
import { formatAnswer } from "./format.ts";

/** Quotes per message; "More" asks for the next page of this size. */
export const PAGE_SIZE = 3;

/**
 * Callback data of the "More" button: `more:<offset>`. Telegram allows 64 bytes, too few for the question,
 * so the question is recovered from the asker's message, which every answer replies to.
 */
export const MORE_DATA = /^more:(\d{1,6})$/;

/** The callback data asking for the page that starts at `offset`. */
export function moreData(offset: number): string {
  return `more:${offset}`;
}

/** Options every reply shares: answer the asker's message, no link previews. */
export function replyOptions(replyTo: number) {
  return {
    reply_parameters: { message_id: replyTo, allow_sending_without_reply: true },
    link_preview_options: { is_disabled: true },
  };
}

/**
 * Sends one page of an answer as a reply to the asker's message (`replyTo`), in the same chat and forum
 * topic, with a "More" button when further quotes exist.
 */
export async function replyWithAnswer(
  ctx: Context,
  answer: Answer,
  page: { offset: number; replyTo: number },
) {
  // The "question was cut" notice belongs to the first page only.
  const { html, shown } = formatAnswer(page.offset > 0 ? { ...answer, truncated: false } : answer);
  const hasMore = shown > 0 && (answer.hasMore || shown < answer.quotes.length);
  return ctx.reply(html, {
    ...replyOptions(page.replyTo),
    parse_mode: "HTML",
    reply_markup: hasMore
      ? new InlineKeyboard().text(label(phrases.more), moreData(page.offset + shown))
      : undefined,
  });
}
