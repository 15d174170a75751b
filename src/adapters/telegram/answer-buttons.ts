import { Composer, type Context, GrammyError, InlineKeyboard, type MiddlewareFn } from "grammy";
import { CONTEXT_MAX_RADIUS, CONTEXT_RADIUS } from "../../core/features/context.ts";
import { phrases, votePhrase } from "../../core/messages.ts";
import { type Language, label, languageOf, say } from "../../core/reply-language.ts";
import { truncate } from "../../core/text/truncate.ts";
import type { Qa, QuoteContext } from "../../core/types.ts";
import { UserFacingError } from "./errors.ts";
import { formatContext } from "./format-views.ts";
import { askerMessage } from "./more.ts";
import { questionFor } from "./read-question.ts";
import { CONTEXT_DATA, contextData, replyOptions, VOTE_DATA } from "./reply.ts";

/** Telegram's limit on a callback answer's text (`answerCallbackQuery`): 200 characters. */
export const CALLBACK_TEXT_LIMIT = 200;

/** The context's "More" button (a wider radius), while the article has paragraphs not shown yet. */
function contextKeyboard(ref: string, context: QuoteContext, language?: Language) {
  const wider = context.radius + 1;
  if (!(context.moreBefore || context.moreAfter) || wider > CONTEXT_MAX_RADIUS) return undefined;
  return new InlineKeyboard().text(label(phrases.more, language), contextData(ref, wider));
}

/**
 * What a group member who has not opened a private chat with the bot sees instead: how to get the context, and
 * the quoted sentences as far as Telegram's 200 characters allow.
 */
export function contextAlert(context: QuoteContext, bot: string, language?: Language): string {
  const hint = say(phrases.contextStartPrivately(bot), language);
  const quoted = context.paragraphs
    .flatMap((p) => p.marks.map(([start, end]) => p.text.slice(start, end)))
    .join("");
  return truncate(`${hint}\n\n「${quoted}」`, CALLBACK_TEXT_LIMIT);
}

/** True when Telegram refused a message because the bot may not write to that user (never started, blocked). */
function cannotWriteTo(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400);
}

/**
 * A quote's "Context", shown to the presser only: in a private chat as a reply to the answer, and its "More"
 * (a wider radius) in place; in a group it goes to the presser's private chat with the bot, or, when the bot
 * may not write there yet, an alert says how to allow it and quotes what fits.
 */
async function showContext(ctx: Context & { match: string | RegExpMatchArray }, qa: Qa): Promise<void> {
  const language = languageOf(ctx.from?.language_code);
  const [, ref = "", asked] = typeof ctx.match === "string" ? [] : ctx.match;
  const radius = asked === undefined ? CONTEXT_RADIUS : Number(asked);
  const context = await qa.context(ref, { radius });
  if (!context) throw new UserFacingError(say(phrases.contextGone, language));
  const html = formatContext(context);
  const keyboard = contextKeyboard(ref, context, language);
  const shown = ctx.callbackQuery?.message;
  if (ctx.chat?.type === "private" || ctx.from === undefined) {
    await ctx.answerCallbackQuery();
    if (asked !== undefined && shown) {
      await ctx.editMessageText(html, { parse_mode: "HTML", reply_markup: keyboard });
      return;
    }
    await ctx.reply(html, {
      ...(shown ? replyOptions(shown.message_id) : {}),
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
    return;
  }
  try {
    await ctx.api.sendMessage(ctx.from.id, html, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_markup: keyboard,
    });
  } catch (error) {
    if (!cannotWriteTo(error)) throw error;
    await ctx.answerCallbackQuery({
      text: contextAlert(context, ctx.me.username, language),
      show_alert: true,
    });
    return;
  }
  await ctx.answerCallbackQuery({ text: say(phrases.contextSentPrivately, language) });
}

/**
 * The buttons under each answer besides "More": a quote's "Context" (the paragraph around it and one on each
 * side, for the presser only, with "More" for a wider view) and 👍/👎 (recorded through `Qa.vote`, then
 * acknowledged with thanks, or with an apology when it could not be kept). Both count against the user's limit,
 * as each finds the quotes again. Both work after a restart: the Context button carries the quote's ref, the
 * vote buttons the page, and the question is the asker's message.
 */
export function answerButtons(deps: { qa: Qa; limiter: MiddlewareFn<Context> }): Composer<Context> {
  const composer = new Composer<Context>();
  composer.callbackQuery(CONTEXT_DATA, deps.limiter, (ctx) => showContext(ctx, deps.qa));
  composer.callbackQuery(VOTE_DATA, deps.limiter, async (ctx) => {
    const language = languageOf(ctx.from.language_code);
    const asker = askerMessage(ctx);
    const question = asker && questionFor(asker, ctx.me, { assumeAddressed: true });
    if (!question) throw new UserFacingError(say(phrases.expired, language));
    const [, vote, offset, count] = ctx.match;
    const answer = await deps.qa.ask(question, { offset: Number(offset), limit: Number(count) });
    const outcome = await deps.qa.vote({
      platform: "telegram",
      userId: String(ctx.from.id),
      vote: vote === "up" ? "up" : "down",
      question,
      refs: answer.quotes.map((q) => q.ref),
    });
    await ctx.answerCallbackQuery({ text: say(votePhrase(outcome), language) });
  });
  return composer;
}
