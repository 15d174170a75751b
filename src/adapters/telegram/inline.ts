import { Composer, type Context, InlineQueryResultBuilder } from "grammy";
import { phrases, sourceParts } from "../../core/messages.ts";
import { isBlankQuestion } from "../../core/question/clean.ts";
import { label } from "../../core/reply-language.ts";
import { truncate } from "../../core/text/truncate.ts";
import type { Qa, Quote } from "../../core/types.ts";
import { formatQuote } from "./format.ts";

/** Results offered per inline query. */
const INLINE_RESULTS = 5;

/**
 * Seconds Telegram may reuse results for the same query. The articles change rarely (a file dropped into the
 * corpus), and a cached result spares the bot the many queries typing produces.
 */
const CACHE_SECONDS = 300;

/** Telegram shows a result's title on one line: the start of the quote, cut to this length. */
const TITLE_LENGTH = 61;

/** One quote as a result: its start as the title, its source underneath, the formatted quote when sent. */
function result(quote: Quote, index: number) {
  const html = formatQuote(quote);
  if (html === undefined) return [];
  const title = truncate(quote.text, TITLE_LENGTH);
  return [
    InlineQueryResultBuilder.article(`q${index}`, title, {
      description: sourceParts(quote.article).join(" · "),
    }).text(html, { parse_mode: "HTML", link_preview_options: { is_disabled: true } }),
  ];
}

/** Inline mode: `@BotName 问题` in any chat offers the top quotes; an empty query gets a hint button. */
export function inline(deps: { qa: Qa }): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("inline_query", async (ctx) => {
    const { query } = ctx.inlineQuery;
    if (isBlankQuestion(query)) {
      const button = { text: label(phrases.typeQuestion), start_parameter: "help" };
      await ctx.answerInlineQuery([], { cache_time: CACHE_SECONDS, button });
      return;
    }
    const answer = await deps.qa.ask(query, { offset: 0, limit: INLINE_RESULTS });
    const results = answer.quotes.flatMap(result);
    const button =
      results.length === 0 ? { text: label(phrases.notCovered), start_parameter: "help" } : undefined;
    await ctx.answerInlineQuery(results, { cache_time: CACHE_SECONDS, button });
  });
  return composer;
}
