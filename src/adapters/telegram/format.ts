import { segments, shortenQuote } from "../../core/answer/highlight.ts";
import {
  filterPhrase,
  filterProblemPhrase,
  notFoundPhrase,
  phrases,
  sourceParts,
} from "../../core/messages.ts";
import { type Language, label, say } from "../../core/reply-language.ts";
import { truncate } from "../../core/text/truncate.ts";
import {
  type Answer,
  type AppliedFilter,
  type ArticleInfo,
  type FilterProblem,
  MAX_QUESTION_LENGTH,
  type Quote,
} from "../../core/types.ts";

/**
 * Telegram counts at most 4,096 characters after entity parsing. We keep the HTML source itself within
 * that, which is always safe because parsing only ever removes characters.
 */
export const MAX_MESSAGE_LENGTH = 4096;

/** Titles are short in practice; capping them keeps one odd file from crowding out every quote. */
const MAX_TITLE_LENGTH = 200;

/** A longer `href` is almost certainly not a real article link and would eat the budget. */
const MAX_URL_LENGTH = 1000;

/** How much of a quote survives when it must be shortened to fit, tried in order. */
const SHORTENED_QUOTE_LENGTHS = [200, 100, 50];

/** Escapes text for Telegram's HTML parse mode (which knows only these four named entities). */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** Wraps escaped text in a link when there is a usable URL. */
function link(html: string, url: string | null): string {
  if (url === null || url.length > MAX_URL_LENGTH || !/^https?:\/\//i.test(url)) return html;
  return `<a href="${escapeHtml(url)}">${html}</a>`;
}

/** The quote as escaped HTML, its matched words in bold. */
export function highlightHtml(quote: Pick<Quote, "text" | "highlights">): string {
  return segments(quote)
    .map(({ text, emphasis }) => (emphasis ? `<b>${escapeHtml(text)}</b>` : escapeHtml(text)))
    .join("");
}

/** "publisher · title · date", escaped, linked to the article when it has a URL. */
export function articleHtml(article: ArticleInfo, language?: Language): string {
  const title = truncate(article.title, MAX_TITLE_LENGTH);
  return link(escapeHtml(sourceParts({ ...article, title }, language).join(" · ")), article.url);
}

/** The line under a quote: "— publisher · title · date". */
export function sourceLine(article: ArticleInfo, language?: Language): string {
  return `— ${articleHtml(article, language)}`;
}

/**
 * One quote: its number (`Quote.number`, as the Context buttons name it) and a weak quote's mark, a blockquote
 * with highlights, its source line and, where known, who else reported it.
 */
function renderQuote(quote: Quote, alsoShown: number, language?: Language): string {
  const head = [
    ...(quote.number === undefined ? [] : [`<b>${quote.number}.</b>`]),
    ...(quote.weak ? [`<i>${escapeHtml(label(phrases.weakMatch, language))}</i>`] : []),
  ].join(" ");
  const lines = [
    ...(head ? [head] : []),
    `<blockquote>${highlightHtml(quote)}</blockquote>`,
    sourceLine(quote.article, language),
  ];
  if (quote.pinned) lines.unshift(`📌 ${escapeHtml(label(phrases.pinned, language))}`);
  const others = quote.alsoReportedBy;
  if (others.length > 0) {
    const shown = others.slice(0, alsoShown).map((article) => articleHtml(article, language));
    if (shown.length < others.length)
      shown.push(escapeHtml(label(phrases.andMore(others.length - shown.length), language)));
    lines.push(`${escapeHtml(label(phrases.alsoReportedBy, language))}: ${shown.join("; ")}`);
  }
  return lines.join("\n");
}

/**
 * Renders one quote within `budget` characters: in full if it fits, else with fewer "also reported by"
 * entries, else with its text shortened. Undefined when not even the shortest form fits.
 */
export function formatQuote(
  quote: Quote,
  budget: number = MAX_MESSAGE_LENGTH,
  language?: Language,
): string | undefined {
  const candidates = [
    renderQuote(quote, quote.alsoReportedBy.length, language),
    renderQuote(quote, 3, language),
    renderQuote(quote, 0, language),
    ...SHORTENED_QUOTE_LENGTHS.map((length) =>
      renderQuote({ ...quote, ...shortenQuote(quote, length) }, 0, language),
    ),
  ];
  return candidates.find((html) => html.length <= budget);
}

/** An answer as one Telegram HTML message, and how many of its quotes made it in. */
export interface FormattedAnswer {
  html: string;
  /** Quotes shown; fewer than `answer.quotes.length` when the rest did not fit, so paging must resume here. */
  shown: number;
}

/**
 * The filter line a reply starts with (`筛选：BBC中文`), or why the filter was not applied, with the known
 * sources listed for an unknown one; empty without a filter.
 */
export function formatFilter(
  result: { filter?: AppliedFilter; filterProblem?: FilterProblem },
  language?: Language,
): string {
  const { filter, filterProblem } = result;
  if (filterProblem) {
    const known = filterProblem.kind === "unknownSource" ? filterProblem.known : [];
    const problem = say(filterProblemPhrase(filterProblem), language);
    return escapeHtml([problem, ...known.map((name) => `• ${name}`)].join("\n"));
  }
  return filter ? `<i>${escapeHtml(say(filterPhrase(filter), language))}</i>` : "";
}

/**
 * Formats an answer: the filter applied, an optional "question was cut" notice, then each quote that fits,
 * best first. The bot's own words are in `language`, or both languages when it is unknown.
 */
export function formatAnswer(
  answer: Answer,
  max: number = MAX_MESSAGE_LENGTH,
  language?: Language,
): FormattedAnswer {
  const filter = formatFilter(answer, language);
  if (answer.filterProblem) return { html: filter, shown: 0 };
  if (answer.articles) {
    return { html: `${filter}\n\n${formatArticleList(answer.articles, max - filter.length - 2)}`, shown: 0 };
  }
  if (answer.abstained) {
    const notFound = escapeHtml(say(notFoundPhrase(answer), language));
    return { html: filter ? `${filter}\n\n${notFound}` : notFound, shown: 0 };
  }
  let html = answer.truncated ? escapeHtml(say(phrases.truncated(MAX_QUESTION_LENGTH), language)) : "";
  if (filter) html = html ? `${filter}\n\n${html}` : filter;
  let shown = 0;
  for (const quote of answer.quotes) {
    const separator = html === "" ? "" : "\n\n";
    const block = formatQuote(quote, max - html.length - separator.length, language);
    if (block === undefined) break;
    html += separator + block;
    shown += 1;
  }
  return { html, shown };
}

/** The `/sources` list: one linked line per article, as many as fit. */
export function formatArticleList(
  articles: readonly ArticleInfo[],
  max: number = MAX_MESSAGE_LENGTH,
): string {
  let html = escapeHtml(`${label(phrases.articles)} (${articles.length}):`);
  for (const [index, article] of articles.entries()) {
    const line = `\n• ${articleHtml(article)}`;
    const rest = `\n${escapeHtml(label(phrases.andMore(articles.length - index)))}`;
    const last = index === articles.length - 1;
    if (html.length + line.length + (last ? 0 : rest.length) > max) return html + rest;
    html += line;
  }
  return html;
}
