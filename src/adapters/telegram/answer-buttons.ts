import { Composer, type Context, type MiddlewareFn } from "grammy";
import { languageOf, say } from "../../core/language.ts";
import { messages, phrases } from "../../core/messages.ts";
import type { Qa } from "../../core/types.ts";
import { UserFacingError } from "./errors.ts";
import { formatContext } from "./format-views.ts";
import { askerMessage } from "./more.ts";
import { questionFor } from "./read-question.ts";
import { CONTEXT_DATA, replyOptions, VOTE_DATA } from "./reply.ts";

/**
 * The buttons under each answer besides "More": a quote's "Context" (the paragraph around it, as a reply to
 * the answer) and 👍/👎 (recorded through `Qa.vote`, acknowledged at once). Both work after a restart: the
 * Context button carries the quote's ref, the vote buttons the page, and the question is the asker's message.
 */
export function answerButtons(deps: { qa: Qa; limiter: MiddlewareFn<Context> }): Composer<Context> {
  const composer = new Composer<Context>();
  composer.callbackQuery(CONTEXT_DATA, deps.limiter, async (ctx) => {
    const language = languageOf(ctx.from.language_code);
    const context = await deps.qa.context(ctx.match[1] ?? "");
    if (!context) throw new UserFacingError(say(phrases.contextGone, language));
    await ctx.answerCallbackQuery();
    const answer = ctx.callbackQuery.message;
    await ctx.reply(formatContext(context), {
      ...(answer ? replyOptions(answer.message_id) : {}),
      parse_mode: "HTML",
    });
  });
  composer.callbackQuery(VOTE_DATA, async (ctx) => {
    const language = languageOf(ctx.from.language_code);
    const asker = askerMessage(ctx);
    const question = asker && questionFor(asker, ctx.me, { assumeAddressed: true });
    if (!question) throw new UserFacingError(messages.expired);
    // The acknowledgement first: finding the quotes again and recording them happen behind it.
    await ctx.answerCallbackQuery({ text: say(phrases.voted, language) });
    const [, vote, offset, count] = ctx.match;
    const answer = await deps.qa.ask(question, { offset: Number(offset), limit: Number(count) });
    deps.qa.vote({
      platform: "telegram",
      userId: String(ctx.from.id),
      vote: vote === "up" ? "up" : "down",
      question,
      refs: answer.quotes.map((q) => q.ref),
    });
  });
  return composer;
}
