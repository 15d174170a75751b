import { markDifferences, type Verification } from "../../core/features/verify.ts";
import type { NewArticle, TopicMatch } from "../../ingest/announcer.ts";
import type { AddOutcome } from "../../ingest/ingest.ts";
import { escapeText } from "./format.ts";

/** Discord's limit on a message's content. */
const MAX_CONTENT = 2000;
/** At most this many articles are listed in one announcement; the rest are counted. */
const MAX_LISTED = 5;

function headline(article: Pick<NewArticle, "title" | "publisher" | "date" | "url">): string {
  const line = `**${[article.title, article.publisher, article.date]
    .filter(Boolean)
    .map((p) => escapeText(String(p)))
    .join(" · ")}**`;
  return article.url ? `${line}\n<${article.url}>` : line;
}

const cut = (text: string) => (text.length <= MAX_CONTENT ? text : `${text.slice(0, MAX_CONTENT - 1)}…`);

/** One announcement of a burst: each article's headline, link and lead sentence quoted. */
export function announcementContent(articles: readonly NewArticle[]): string {
  const listed = articles.slice(0, MAX_LISTED).map((a) => `${headline(a)}\n> ${escapeText(a.lead)}`);
  const more = articles.length > MAX_LISTED ? `\n…and ${articles.length - MAX_LISTED} more` : "";
  const head = articles.length === 1 ? "📰 New article" : `📰 ${articles.length} new articles`;
  return cut(`${head}\n\n${listed.join("\n\n")}${more}`);
}

/** A follower's direct message: each new article matching a topic, with the matching sentence. */
export function followContent(matches: readonly TopicMatch[]): string {
  return cut(
    matches
      .slice(0, MAX_LISTED)
      .map((m) => `🔔 ${escapeText(m.topic)}\n${headline(m.article)}\n> ${escapeText(m.quote)}`)
      .join("\n\n"),
  );
}

/** The reply to `/add`. */
export function addedContent(outcome: AddOutcome): string {
  if (outcome.added) return cut(`Added: ${headline(outcome.article)}\n${outcome.passages} passages.`);
  return cut(
    `Not added: ${escapeText(outcome.reason)}${outcome.already ? `: ${headline(outcome.already)}` : ""}`,
  );
}

/** The reply to `/verify`: the verdict, the sentence with each difference underlined and named, the source. */
export function verificationContent(result: Verification): string {
  const { verdict, quote } = result;
  const head = { verbatim: "✅ Verbatim", nearly: "⚠️ Nearly", none: "❌ Not found in the articles" }[verdict];
  if (!quote) return `${head}.`;
  const marked = markDifferences(
    quote,
    escapeText,
    (d) => `__${escapeText(d.article || "∅")}__ (${d.kind}: ${escapeText(d.quote || "∅")})`,
  );
  return cut(
    `${verdict === "none" ? `${head}. The closest sentence:` : `${head}:`}\n> ${marked}\n${headline(quote.article)}`,
  );
}
