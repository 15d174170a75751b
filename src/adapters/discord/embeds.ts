import type { APIEmbed } from "discord.js";
import { phrases } from "../../core/messages.ts";
import { type Language, label } from "../../core/reply-language.ts";
import { truncate } from "../../core/text/truncate.ts";
import type { ArticleInfo, Quote } from "../../core/types.ts";
import {
  articleLink,
  EMBED_LIMITS,
  emphasise,
  escapeText,
  footerText,
  headingText,
  safeUrl,
} from "./format.ts";

/** Label of the field that lists other outlets carrying the same fact, in both languages. */
export const ALSO_REPORTED_BY = label(phrases.alsoReportedBy);

/** A quote cut shorter than this is not worth showing: the embed is dropped instead. */
const MIN_DESCRIPTION = 100;

/** Characters that count towards Discord's 6,000-per-message limit. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    fields
  );
}

/** Joins as many lines as fit in `max` characters, then says how many were left out. */
function joinWithin(lines: readonly string[], max: number, language?: Language): string {
  let text = "";
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index;
    const more = `\n${escapeText(label(phrases.andMore(rest), language))}`;
    const next = text === "" ? line : `${text}\n${line}`;
    // Keep room for the "and N more" line unless this is the last line.
    if (next.length + (rest > 1 ? more.length : 0) > max) return `${text}${more}`.trimStart();
    text = next;
  }
  return text;
}

/**
 * One embed for one quote: its number and the article's title (publisher · date when it has none) linked to the
 * article, the quote with matched words in bold, `publisher · date` and a weak quote's mark in the footer and,
 * when other articles carry the same fact, their links. The title is shown once.
 */
export function quoteEmbed(
  quote: Quote,
  maxDescription: number = EMBED_LIMITS.description,
  language?: Language,
): APIEmbed {
  const heading = headingText(quote.article, language);
  // The number goes outside the escaping, which would take "1." for the start of a Markdown list.
  const number = quote.number === undefined ? "" : `${quote.number}. `;
  const footer = footerText(quote.article, language, quote.weak ? [label(phrases.weakMatch, language)] : []);
  const embed: APIEmbed = {
    title: truncate(number + escapeText(heading), EMBED_LIMITS.title),
    description: emphasise(quote, maxDescription),
    ...(footer ? { footer: { text: footer } } : {}),
  };
  const url = safeUrl(quote.article.url);
  if (url) embed.url = url;
  if (quote.pinned) embed.author = { name: `📌 ${label(phrases.pinned, language)}` };
  if (quote.alsoReportedBy.length > 0) {
    const links = quote.alsoReportedBy.map((article) => `• ${articleLink(article)}`);
    const name = label(phrases.alsoReportedBy, language);
    embed.fields = [{ name, value: joinWithin(links, EMBED_LIMITS.fieldValue, language) }];
  }
  return embed;
}

/**
 * One embed per quote, best first, within Discord's limits for one message: at most 10 embeds and 6,000
 * characters in all. The quote that crosses the limit is cut to fit; later ones are left for "More".
 */
export function quoteEmbeds(quotes: readonly Quote[], language?: Language): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let used = 0;
  for (const quote of quotes.slice(0, EMBED_LIMITS.embeds)) {
    const embed = quoteEmbed(quote, EMBED_LIMITS.description, language);
    const length = embedLength(embed);
    if (used + length <= EMBED_LIMITS.total) {
      embeds.push(embed);
      used += length;
      continue;
    }
    const room = EMBED_LIMITS.total - used - (length - (embed.description?.length ?? 0));
    if (room >= MIN_DESCRIPTION) embeds.push(quoteEmbed(quote, room, language));
    break;
  }
  return embeds;
}

/** The list of articles for `/sources`: each title linked, with publisher and date. */
export function sourcesEmbed(articles: readonly ArticleInfo[], language?: Language): APIEmbed {
  const lines = articles.map((article, index) => {
    const meta = [article.publisher, article.date].filter(Boolean).join(" · ");
    return `${index + 1}. ${articleLink(article, article.title)}${meta ? ` — ${escapeText(meta)}` : ""}`;
  });
  return {
    title: `${label(phrases.articles, language)} (${articles.length})`,
    description: joinWithin(lines, EMBED_LIMITS.description, language),
  };
}
