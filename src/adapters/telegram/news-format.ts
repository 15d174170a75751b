import { markDifferences, type Verification } from "../../core/features/verify.ts";
import { headline, phrases } from "../../core/messages.ts";
import { addedParts, verdictParts } from "../../core/news-phrases.ts";
import { type Language, label } from "../../core/reply-language.ts";
import type { NewArticle, TopicMatch } from "../../ingest/announcer.ts";
import type { AddOutcome } from "../../ingest/ingest.ts";
import { escapeHtml } from "./format.ts";

/** At most this many articles are listed in one announcement; the rest are counted. */
const MAX_LISTED = 10;

const { news } = phrases;

/** `title · publisher · date` in bold and the link, in Telegram HTML. */
function headlineHtml(article: Pick<NewArticle, "title" | "publisher" | "date" | "url">): string {
  const line = `<b>${escapeHtml(headline(article))}</b>`;
  return article.url ? `${line}\n${escapeHtml(article.url)}` : line;
}

/**
 * One announcement of a burst of new articles: each its headline, link and lead sentence quoted; the heading in
 * `language`, or in both when the chat's is not known.
 */
export function announcementHtml(articles: readonly NewArticle[], language?: Language): string {
  const listed = articles
    .slice(0, MAX_LISTED)
    .map((a) => `${headlineHtml(a)}\n<blockquote>${escapeHtml(a.lead)}</blockquote>`);
  const rest = articles.length - MAX_LISTED;
  const more = rest > 0 ? `\n…${escapeHtml(label(phrases.andMore(rest), language))}` : "";
  const head = `📰 ${escapeHtml(label(news.newArticles(articles.length), language))}`;
  return `${head}\n\n${listed.join("\n\n")}${more}`;
}

/** A direct message to a follower: each new article matching a topic, with the matching sentence. */
export function followHtml(matches: readonly TopicMatch[]): string {
  const listed = matches
    .slice(0, MAX_LISTED)
    .map(
      (m) =>
        `🔔 ${escapeHtml(m.topic)}\n${headlineHtml(m.article)}\n<blockquote>${escapeHtml(m.quote)}</blockquote>`,
    );
  return listed.join("\n\n");
}

/** The reply to `/add`: what was added and into how many passages, or why not. */
export function addedHtml(outcome: AddOutcome, language?: Language): string {
  const { lead, passages } = addedParts(outcome, language);
  if (outcome.added)
    return `${escapeHtml(lead)}${headlineHtml(outcome.article)}\n${escapeHtml(passages ?? "")}`;
  const already = outcome.already ? `: ${headlineHtml(outcome.already)}` : "";
  return `${escapeHtml(lead)}${already}`;
}

/** The reply to `/verify`: the verdict, the article's sentence with each difference marked, the source. */
export function verificationHtml(result: Verification, language?: Language): string {
  const { mark, lead, colon, difference } = verdictParts(result, language);
  const { quote } = result;
  if (!quote) return `${mark} ${escapeHtml(lead)}`;
  const marked = markDifferences(
    quote,
    escapeHtml,
    (d) =>
      `<u>${escapeHtml(d.article || "∅")}</u> (${escapeHtml(difference(d.kind))}${colon}${escapeHtml(d.quote || "∅")})`,
  );
  return `${mark} ${escapeHtml(lead)}\n<blockquote>${marked}</blockquote>\n${headlineHtml(quote.article)}`;
}
