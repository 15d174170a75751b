import type { ArticleInfo } from "./types.ts";

/**
 * The words every adapter says, in Chinese and English, so that the console, Telegram and Discord agree.
 * Plain text: each adapter escapes it for its own markup.
 */
export const messages = {
  notFound: "这些文章没有谈到这个问题。\nThe articles don't cover that.",
  emptyQuestion:
    "请在命令后写上问题，例如：/ask 耶伦哪天访华？\nPlease add a question, e.g. /ask When did Yellen visit China?",
  truncated: (max: number) =>
    `问题太长，只按前 ${max} 个字搜索。\nThe question was cut to its first ${max} characters.`,
  failure: "抱歉，出了点问题，请稍后再试。\nSorry, something went wrong. Please try again later.",
  rateLimited: "提问太快了，请稍等一分钟。\nToo many questions; please wait a minute.",
  expired: "这个问题已过期，请重新提问。\nThis question has expired; please ask again.",
  noMore: "没有更多引文了。\nNo further quotes.",
} as const;

/** The help text: what the bot knows (the articles and their dates) and how to ask. */
export function helpText(articles: readonly ArticleInfo[], commandPrefix = "/"): string {
  const dates = articles
    .map((a) => a.date)
    .filter((d): d is string => d !== null)
    .sort();
  const span = dates.length > 0 ? `（${dates[0]} – ${dates[dates.length - 1]}）` : "";
  return [
    `我根据 ${articles.length} 篇新闻文章${span}回答问题，只引用原文，并注明出处。`,
    `提问：${commandPrefix}ask 习近平和特朗普在釜山谈了多久？  文章列表：${commandPrefix}sources`,
    "",
    `I answer questions from ${articles.length} news articles by quoting them verbatim, with their sources.`,
    `Ask: ${commandPrefix}ask What did Biden say about TikTok?  List the articles: ${commandPrefix}sources`,
  ].join("\n");
}

/** The parts of a source line, for adapters to join and link as their platform allows. */
export function sourceParts(article: ArticleInfo): string[] {
  return [article.publisher, article.title, article.date].filter((part): part is string => Boolean(part));
}
