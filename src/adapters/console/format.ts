import { segments } from "../../core/answer/highlight.ts";
import {
  filterPhrase,
  filterProblemPhrase,
  messages,
  notFoundPhrase,
  outletName,
  phrases,
  sourceParts,
} from "../../core/messages.ts";
import { label, say } from "../../core/reply-language.ts";
import {
  type Answer,
  type AppliedFilter,
  type ArticleInfo,
  type Comparison,
  type FilterProblem,
  MAX_QUESTION_LENGTH,
  type Quote,
  type QuoteContext,
  type Timeline,
} from "../../core/types.ts";

/** How to show matched words: ANSI bold on a terminal, nothing in a pipe or a file. */
export interface ConsoleStyle {
  bold: boolean;
}

/** The answer as plain text for a terminal: the same content the bots send. */
export function formatAnswer(answer: Answer, style: ConsoleStyle = { bold: false }): string {
  const lines: string[] = [];
  const filter = formatFilter(answer);
  if (filter !== "") lines.push(filter, "");
  if (answer.filterProblem) return filter;
  if (answer.articles) return [filter, formatSources(answer.articles)].join("\n\n");
  if (answer.truncated) lines.push(messages.truncated(MAX_QUESTION_LENGTH), "");
  if (answer.abstained) lines.push(say(notFoundPhrase(answer)));
  answer.quotes.forEach((quote, i) => {
    if (i > 0) lines.push("");
    // The quote's place in the whole answer (`Quote.number`), so that `/context N` names what is shown.
    lines.push(...formatQuote(quote, style, quote.number ?? (answer.quotes.length > 1 ? i + 1 : undefined)));
  });
  return lines.join("\n");
}

function formatQuote(quote: Quote, style: ConsoleStyle, number?: number): string[] {
  const lines = [
    `${number ? `${number}. ` : ""}「${marked(quote, style)}」`,
    `  — ${sourceLine(quote.article)}`,
  ];
  if (quote.weak) lines.push(`  (${label(phrases.weakMatch)})`);
  if (quote.article.url) lines.push(`    ${quote.article.url}`);
  if (quote.pinned) lines.push(`  📌 ${label(phrases.pinned)}`);
  if (quote.alsoReportedBy.length > 0) {
    lines.push(`  ${label(phrases.alsoReportedBy)}: ${quote.alsoReportedBy.map(sourceLine).join("; ")}`);
  }
  return lines;
}

/** publisher · title · date */
export function sourceLine(article: ArticleInfo): string {
  return sourceParts(article).join(" · ");
}

function marked(quote: Quote, style: ConsoleStyle): string {
  if (!style.bold) return quote.text;
  return segments(quote)
    .map(({ text, emphasis }) => (emphasis ? `\x1b[1m${text}\x1b[22m` : text))
    .join("");
}

/** The article list, one per line: publisher · title · date, then the link. */
export function formatSources(articles: readonly ArticleInfo[]): string {
  return articles.map((a) => `- ${sourceLine(a)}${a.url ? `\n  ${a.url}` : ""}`).join("\n");
}

/** The filter line an answer starts with, or why the filter could not be applied (with the known sources). */
export function formatFilter(result: { filter?: AppliedFilter; filterProblem?: FilterProblem }): string {
  if (result.filterProblem) {
    const problem = say(filterProblemPhrase(result.filterProblem));
    const known = result.filterProblem.kind === "unknownSource" ? result.filterProblem.known : [];
    return [problem, ...known.map((name) => `- ${name}`)].join("\n");
  }
  return result.filter ? say(filterPhrase(result.filter)).replace("\n", " / ") : "";
}

/** The paragraphs around a quote, verbatim, the quoted sentences between 【 and 】, then the source line. */
export function formatContext(context: QuoteContext): string {
  const paragraphs = context.paragraphs.map((p) => {
    let text = "";
    let at = 0;
    for (const [start, end] of p.marks) {
      text += `${p.text.slice(at, start)}【${p.text.slice(start, end)}】`;
      at = end;
    }
    text += p.text.slice(at);
    return `${p.cutBefore ? "…" : ""}${text}${p.cutAfter ? "…" : ""}`;
  });
  if (context.moreBefore) paragraphs.unshift("…");
  if (context.moreAfter) paragraphs.push("…");
  const source = [`  — ${sourceLine(context.article)}`];
  if (context.article.url) source.push(`    ${context.article.url}`);
  return [...paragraphs, ...source].join("\n");
}

/** Each outlet's best quote with its source line; outlets that did not cover it named as such. */
export function formatComparison(comparison: Comparison): string {
  const head = formatFilter(comparison);
  if (comparison.filterProblem) return head;
  const sides = comparison.sides.map((side) => {
    const name = outletName(side.publisher);
    if (!side.quote) return `[${name}] ${label(phrases.notCovered)}`;
    return [`[${name}]`, ...formatQuote(side.quote, { bold: false })].join("\n");
  });
  return [head, ...sides].filter((part) => part !== "").join("\n\n");
}

/** A page of the timeline: one line per event, date first, its quote and source under it. */
export function formatTimeline(timeline: Timeline, offset: number): string {
  const head = formatFilter(timeline);
  if (timeline.filterProblem) return head;
  if (timeline.events.length === 0) return [head, say(phrases.noTimeline)].filter(Boolean).join("\n\n");
  const page = label(phrases.timelinePage(offset + 1, offset + timeline.events.length, timeline.total));
  const events = timeline.events.map((e) =>
    [`${e.date}  「${e.quote.text}」`, `  — ${sourceLine(e.quote.article)}`].join("\n"),
  );
  return [head, page, ...events].filter(Boolean).join("\n\n");
}
