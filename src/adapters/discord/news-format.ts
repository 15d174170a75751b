import { markDifferences, type Verification } from "../../core/features/verify.ts";
import { headline, phrases } from "../../core/messages.ts";
import { addedParts, verdictParts } from "../../core/news-phrases.ts";
import { type Language, label } from "../../core/reply-language.ts";
import type { NewArticle, TopicMatch } from "../../ingest/announcer.ts";
import type { AddOutcome } from "../../ingest/ingest.ts";
import { escapeText } from "./format.ts";

/** Discord's limit on a message's content. */
const MAX_CONTENT = 2000;
/** At most this many articles are listed in one announcement; the rest are counted. */
const MAX_LISTED = 5;

const { news } = phrases;

/** `title · publisher · date` in bold, and the link (in angle brackets: no embed). */
function headlineMarkdown(article: Pick<NewArticle, "title" | "publisher" | "date" | "url">): string {
  const line = `**${escapeText(headline(article))}**`;
  return article.url ? `${line}\n<${article.url}>` : line;
}

const cut = (text: string) => (text.length <= MAX_CONTENT ? text : `${text.slice(0, MAX_CONTENT - 1)}…`);

/**
 * One announcement of a burst: each article's headline, link and lead sentence quoted; the heading in the
 * server's language, or in both when it is not known.
 */
export function announcementContent(articles: readonly NewArticle[], language?: Language): string {
  const listed = articles.slice(0, MAX_LISTED).map((a) => `${headlineMarkdown(a)}\n> ${escapeText(a.lead)}`);
  const rest = articles.length - MAX_LISTED;
  const more = rest > 0 ? `\n…${escapeText(label(phrases.andMore(rest), language))}` : "";
  const head = `📰 ${escapeText(label(news.newArticles(articles.length), language))}`;
  return cut(`${head}\n\n${listed.join("\n\n")}${more}`);
}

/** A follower's direct message: each new article matching a topic, with the matching sentence. */
export function followContent(matches: readonly TopicMatch[]): string {
  return cut(
    matches
      .slice(0, MAX_LISTED)
      .map((m) => `🔔 ${escapeText(m.topic)}\n${headlineMarkdown(m.article)}\n> ${escapeText(m.quote)}`)
      .join("\n\n"),
  );
}

/** The reply to `/add`: what was added and into how many passages, or why not. */
export function addedContent(outcome: AddOutcome, language?: Language): string {
  const { lead, passages } = addedParts(outcome, language);
  if (outcome.added)
    return cut(`${escapeText(lead)}${headlineMarkdown(outcome.article)}\n${escapeText(passages ?? "")}`);
  const already = outcome.already ? `: ${headlineMarkdown(outcome.already)}` : "";
  return cut(`${escapeText(lead)}${already}`);
}

/** The reply to `/verify`: the verdict, the sentence with each difference underlined and named, the source. */
export function verificationContent(result: Verification, language?: Language): string {
  const { mark, lead, colon, difference } = verdictParts(result, language);
  const { quote } = result;
  if (!quote) return `${mark} ${escapeText(lead)}`;
  const marked = markDifferences(
    quote,
    escapeText,
    (d) =>
      `__${escapeText(d.article || "∅")}__ (${escapeText(difference(d.kind))}${colon}${escapeText(d.quote || "∅")})`,
  );
  return cut(`${mark} ${escapeText(lead)}\n> ${marked}\n${headlineMarkdown(quote.article)}`);
}
