import { Composer, type Context, type MiddlewareFn } from "grammy";
import { messages } from "../../core/messages.ts";
import { PAGING } from "../../core/paging.ts";
import { isBlankQuestion } from "../../core/question/clean.ts";
import type { Qa } from "../../core/types.ts";
import { UserFacingError } from "./errors.ts";
import { questionFor } from "./read-question.ts";
import { replyWithAnswer } from "./reply.ts";

/**
 * Questions: any text in a private chat; `/ask`, a mention or a reply to the bot in groups. Everything else
 * passes through untouched, which is how the bot stays silent in groups.
 */
export function questions(deps: { qa: Qa; limiter: MiddlewareFn<Context> }): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("message:text", async (ctx, next) => {
    // Whether it asks this bot something (see `questionFor` for the rules per chat type), read once.
    const question = questionFor(ctx.message, ctx.me);
    if (question === undefined) return next();
    await deps.limiter(ctx, async () => {
      if (isBlankQuestion(question)) throw new UserFacingError(messages.emptyQuestion);
      const answer = await deps.qa.ask(question, { offset: 0, limit: PAGING.quotesPerPage });
      await replyWithAnswer(ctx, answer, { offset: 0, replyTo: ctx.message.message_id });
    });
  });
  return composer;
}
