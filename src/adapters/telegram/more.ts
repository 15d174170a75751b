import { Composer, type Context } from "grammy";
import type { Message } from "grammy/types";
import { messages, phrases } from "../../core/messages.ts";
import { PAGING } from "../../core/paging.ts";
import { languageOf, say } from "../../core/reply-language.ts";
import type { Qa } from "../../core/types.ts";
import { UserFacingError } from "./errors.ts";
import { questionFor } from "./read-question.ts";
import { MORE_DATA, replyWithAnswer } from "./reply.ts";

/**
 * The asker's message behind the answer whose button was pressed. Telegram includes the message an answer
 * replies to, so nothing needs to be remembered between presses, or across restarts. Missing when the asker
 * deleted their message or the answer is too old for Telegram to show (`date` 0).
 */
export function askerMessage(ctx: Context): Message | undefined {
  const answer = ctx.callbackQuery?.message;
  if (answer === undefined || answer.date === 0) return undefined;
  return answer.reply_to_message;
}

/**
 * The "更多 / More" button: the next page of quotes, as a new reply to the asker; the pressed button goes.
 * Paging an answer already given is not a new question, so it is not counted against the user's limit (and
 * each answer's button works once: it goes when pressed).
 */
export function more(deps: { qa: Qa }): Composer<Context> {
  const composer = new Composer<Context>();
  composer.callbackQuery(MORE_DATA, async (ctx) => {
    const offset = Number(ctx.match[1]);
    const asker = askerMessage(ctx);
    const question = asker && questionFor(asker, ctx.me, { assumeAddressed: true });
    if (!asker || !question)
      throw new UserFacingError(say(phrases.expired, languageOf(ctx.from.language_code)));
    const answer = await deps.qa.ask(question, { offset, limit: PAGING.quotesPerPage });
    if (answer.quotes.length === 0) {
      await ctx.answerCallbackQuery({ text: messages.noMore });
    } else {
      await ctx.answerCallbackQuery();
      await replyWithAnswer(ctx, answer, { offset, replyTo: asker.message_id });
    }
    // Only "More" goes: the answer's Context and 👍/👎 buttons keep working.
    const rows = ctx.callbackQuery.message?.reply_markup?.inline_keyboard ?? [];
    const kept = rows.filter(
      (row) => !row.some((b) => "callback_data" in b && MORE_DATA.test(b.callback_data)),
    );
    await ctx.editMessageReplyMarkup({ reply_markup: kept.length ? { inline_keyboard: kept } : undefined });
  });
  return composer;
}
