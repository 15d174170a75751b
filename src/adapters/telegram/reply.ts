import { type Context, InlineKeyboard } from "grammy";
import { phrases } from "../../core/messages.ts";
import { type Language, label, languageOf } from "../../core/reply-language.ts";
import type { Answer } from "../../core/types.ts";
import { formatAnswer, MAX_MESSAGE_LENGTH } from "./format.ts";

/**
 * Callback data of the "More" button: `more:<offset>`. Telegram allows 64 bytes, too few for the question,
 * so the question is recovered from the asker's message, which every answer replies to.
 */
export const MORE_DATA = /^more:(\d{1,6})$/;

/** The callback data asking for the page that starts at `offset`. */
export function moreData(offset: number): string {
  return `more:${offset}`;
}

/**
 * Callback data of a quote's "Context" button: `ctx:<Quote.ref>`, and `ctx:<Quote.ref>:<radius>` for its "More"
 * (a ref is at most 32 ASCII characters, so this stays within Telegram's 64 bytes and, like the ref, outlives
 * restarts).
 */
export const CONTEXT_DATA = /^ctx:([0-9a-z.]{1,40})(?::(\d))?$/;

/** The callback data of a quote's context, at `radius` paragraphs on each side when asking for more. */
export function contextData(ref: string, radius?: number): string {
  return radius === undefined ? `ctx:${ref}` : `ctx:${ref}:${radius}`;
}

/**
 * Callback data of 👍/👎: `vote:<up|down>:<offset>:<count>`, the page of quotes the answer showed; the question
 * is the asker's message, as for "More", and the quotes are found again by asking it for that page.
 */
export const VOTE_DATA = /^vote:(up|down):(\d{1,6}):(\d{1,2})$/;

/**
 * The buttons under an answer, three rows at most: one "Context" per quote shown, on one row and numbered as
 * the quotes are; 👍/👎; then "More" when further quotes exist (alone on the last row, so that pressing it can
 * drop just that row).
 */
export function answerKeyboard(
  answer: Answer,
  page: { offset: number; shown: number; hasMore: boolean; language?: Language },
) {
  const keyboard = new InlineKeyboard();
  if (page.shown === 0) return undefined;
  answer.quotes.slice(0, page.shown).forEach((quote, i) => {
    const number = quote.number ?? page.offset + i + 1;
    keyboard.text(`${label(phrases.context, page.language)} ${number}`, contextData(quote.ref));
  });
  keyboard.row();
  keyboard.text("👍", `vote:up:${page.offset}:${page.shown}`);
  keyboard.text("👎", `vote:down:${page.offset}:${page.shown}`);
  if (page.hasMore)
    keyboard.row().text(label(phrases.more, page.language), moreData(page.offset + page.shown));
  return keyboard;
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
  const language = languageOf(ctx.from?.language_code);
  const first = page.offset > 0 ? { ...answer, truncated: false } : answer;
  const { html, shown } = formatAnswer(first, MAX_MESSAGE_LENGTH, language);
  const hasMore = shown > 0 && (answer.hasMore || shown < answer.quotes.length);
  return ctx.reply(html, {
    ...replyOptions(page.replyTo),
    parse_mode: "HTML",
    reply_markup: answerKeyboard(answer, { offset: page.offset, shown, hasMore, language }),
  });
}
