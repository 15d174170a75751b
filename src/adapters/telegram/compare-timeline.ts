import { Composer, type Context, InlineKeyboard, type MiddlewareFn } from "grammy";
import { phrases } from "../../core/messages.ts";
import { PAGING } from "../../core/paging.ts";
import { label, languageOf, say } from "../../core/reply-language.ts";
import type { Qa } from "../../core/types.ts";
import { UserFacingError } from "./errors.ts";
import { formatComparison, formatTimeline } from "./format-views.ts";
import { askerMessage } from "./more.ts";
import { commandOf } from "./read-question.ts";
import { replyOptions } from "./reply.ts";

/** Callback data of the timeline's "More": `tl:<offset>`; the topic is the asker's `/timeline` message. */
export const TIMELINE_DATA = /^tl:(\d{1,6})$/;

/**
 * `/compare 问题` (each outlet's best quote, side by side) and `/timeline [topic]` (dated events, newest
 * first, paged with a "More" button that, like the answers', works after a restart and is not counted as a
 * question).
 */
export function compareAndTimeline(deps: { qa: Qa; limiter: MiddlewareFn<Context> }): Composer<Context> {
  const composer = new Composer<Context>();
  const messages_ = composer.on("message");
  messages_.command("compare", deps.limiter, async (ctx) => {
    const language = languageOf(ctx.from?.language_code);
    const question = ctx.match.trim();
    if (question === "") throw new UserFacingError(say(phrases.emptyQuestion, language));
    const html = formatComparison(await deps.qa.compare(question), language);
    await ctx.reply(html, { ...replyOptions(ctx.message.message_id), parse_mode: "HTML" });
  });
  messages_.command("timeline", deps.limiter, async (ctx) => {
    await sendTimeline(ctx, deps.qa, ctx.match.trim(), 0, ctx.message.message_id);
  });
  // A further page of a timeline already given is not a new question: not counted against the limit.
  composer.callbackQuery(TIMELINE_DATA, async (ctx) => {
    const asker = askerMessage(ctx);
    const command = asker && commandOf(asker, ctx.me);
    if (!asker || command?.name !== "timeline")
      throw new UserFacingError(say(phrases.expired, languageOf(ctx.from.language_code)));
    await ctx.answerCallbackQuery();
    await sendTimeline(ctx, deps.qa, command.args, Number(ctx.match[1]), asker.message_id);
    await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  });
  return composer;
}

async function sendTimeline(ctx: Context, qa: Qa, topic: string, offset: number, replyTo: number) {
  const language = languageOf(ctx.from?.language_code);
  const timeline = await qa.timeline(topic, { offset, limit: PAGING.timelineEventsPerPage });
  const { html, shown } = formatTimeline(timeline, offset, language);
  const more = shown > 0 && (timeline.hasMore || shown < timeline.events.length);
  await ctx.reply(html, {
    ...replyOptions(replyTo),
    parse_mode: "HTML",
    reply_markup: more
      ? new InlineKeyboard().text(label(phrases.more, language), `tl:${offset + shown}`)
      : undefined,
  });
}
