import { segments } from "../../core/answer/highlight.ts";
import { label } from "../../core/language.ts";
import { messages, phrases, sourceParts } from "../../core/messages.ts";
import { type Answer, type ArticleInfo, MAX_QUESTION_LENGTH, type Quote } from "../../core/types.ts";

/** How to show matched words: ANSI bold on a terminal, nothing in a pipe or a file. */
export interface ConsoleStyle {
  bold: boolean;
}

/** The answer as plain text for a terminal: the same content the bots send. */
export function formatAnswer(answer: Answer, style: ConsoleStyle = { bold: false }): string {
  const lines: string[] = [];
  if (answer.truncated) lines.push(messages.truncated(MAX_QUESTION_LENGTH), "");
  if (answer.quotes.length === 0) lines.push(messages.notFound);
  answer.quotes.forEach((quote, i) => {
    if (i > 0) lines.push("");
    lines.push(...formatQuote(quote, style));
  });
  return lines.join("\n");
}

function formatQuote(quote: Quote, style: ConsoleStyle): string[] {
  const lines = [`「${marked(quote, style)}」`, `  — ${sourceLine(quote.article)}`];
  if (quote.article.url) lines.push(`    ${quote.article.url}`);
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
