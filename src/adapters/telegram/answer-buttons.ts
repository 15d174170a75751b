import { Composer, type Context, type MiddlewareFn } from "grammy";
import { languageOf, say } from "../../core/language.ts";
import { messages, phrases, votePhrase } from "../../core/messages.ts";
import type { Qa } from "../../core/types.ts";
import { UserFacingError } from "./errors.ts";
import { formatContext } from "./format-views.ts";
import { askerMessage } from "./more.ts";
import { questionFor } from "./read-question.ts";
import { CONTEXT_DATA, replyOptions, VOTE_DATA } from "./reply.ts";

/**
 * The buttons under each answer besides "More": a quote's "Context" (the paragraph around it, as a reply to
 * the answer) and 👍/👎 (recorded through `Qa.vote`, then acknowledged with thanks, or with an apology when it
 * could not be kept). Both count against the user's limit, as each finds the quotes again. Both work after a
 * restart: the Context button carries the quote's ref, the vote buttons the page, and the question is the
 * asker's message.
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
  composer.callbackQuery(VOTE_DATA, deps.limiter, async (ctx) => {
    const language = languageOf(ctx.from.language_code);
    const asker = askerMessage(ctx);
    const question = asker && questionFor(asker, ctx.me, { assumeAddressed: true });
    if (!question) throw new UserFacingError(messages.expired);
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
