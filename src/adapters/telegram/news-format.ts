import { markDifferences, type Verification } from "../../core/features/verify.ts";
import type { NewArticle, TopicMatch } from "../../ingest/announcer.ts";
import type { AddOutcome } from "../../ingest/ingest.ts";
import { escapeHtml } from "./format.ts";

/** At most this many articles are listed in one announcement; the rest are counted. */
const MAX_LISTED = 10;

/** `title · publisher · date` and the link, in Telegram HTML. */
function headline(article: Pick<NewArticle, "title" | "publisher" | "date" | "url">): string {
  const parts = [article.title, article.publisher, article.date]
    .filter(Boolean)
    .map((p) => escapeHtml(String(p)));
  const line = `<b>${parts.join(" · ")}</b>`;
  return article.url ? `${line}\n${escapeHtml(article.url)}` : line;
}

/** One announcement of a burst of new articles: each its headline, link and lead sentence quoted. */
export function announcementHtml(articles: readonly NewArticle[]): string {
  const listed = articles
    .slice(0, MAX_LISTED)
    .map((a) => `${headline(a)}\n<blockquote>${escapeHtml(a.lead)}</blockquote>`);
  const more = articles.length > MAX_LISTED ? `\n…and ${articles.length - MAX_LISTED} more` : "";
  const head = articles.length === 1 ? "📰 New article" : `📰 ${articles.length} new articles`;
  return `${head}\n\n${listed.join("\n\n")}${more}`;
}

/** A direct message to a follower: each new article matching a topic, with the matching sentence. */
export function followHtml(matches: readonly TopicMatch[]): string {
  const listed = matches
    .slice(0, MAX_LISTED)
    .map(
      (m) =>
        `🔔 ${escapeHtml(m.topic)}\n${headline(m.article)}\n<blockquote>${escapeHtml(m.quote)}</blockquote>`,
    );
  return listed.join("\n\n");
}

/** The reply to `/add`. */
export function addedHtml(outcome: AddOutcome): string {
  if (outcome.added) {
    const { article, passages } = outcome;
    return `Added: ${headline(article)}\n${passages} passages.`;
  }
  const already = outcome.already ? `: ${headline(outcome.already)}` : "";
  return `Not added: ${escapeHtml(outcome.reason)}${already}`;
}

/** The reply to `/verify`: the verdict, the article's sentence with each difference marked, the source. */
export function verificationHtml(result: Verification): string {
  const { verdict, quote } = result;
  const head = { verbatim: "✅ Verbatim", nearly: "⚠️ Nearly", none: "❌ Not found in the articles" }[verdict];
  if (!quote) return `${head}.`;
  const marked = markDifferences(
    quote,
    escapeHtml,
    (d) => `<u>${escapeHtml(d.article || "∅")}</u> (${d.kind}: ${escapeHtml(d.quote || "∅")})`,
  );
  const lead = verdict === "none" ? `${head}. The closest sentence:` : `${head}:`;
  return `${lead}\n<blockquote>${marked}</blockquote>\n${headline(quote.article)}`;
}
