/**
 * The Telegram views beside an answer, in the same HTML: a quote's context (the Context button), `/compare` and
 * a `/timeline` page. Quotes and source lines are rendered as in an answer (`format.ts`).
 */

import { outletName, phrases } from "../../core/messages.ts";
import { type Language, label, say } from "../../core/reply-language.ts";
import type { Comparison, ContextParagraph, QuoteContext, Timeline } from "../../core/types.ts";
import { escapeHtml, formatFilter, formatQuote, MAX_MESSAGE_LENGTH, sourceLine } from "./format.ts";

/**
 * A quote's context as one message: the paragraphs verbatim in a blockquote, the quoted sentences underlined,
 * `…` where text was left out, then the source line. The core caps the text at 1,000 characters; should
 * escaping still overflow the message, the quote's own paragraph is sent alone.
 */
export function formatContext(context: QuoteContext, max: number = MAX_MESSAGE_LENGTH): string {
  const paragraph = (p: ContextParagraph) => {
    let html = p.cutBefore ? "…" : "";
    let at = 0;
    for (const [start, end] of p.marks) {
      html += `${escapeHtml(p.text.slice(at, start))}<u>${escapeHtml(p.text.slice(start, end))}</u>`;
      at = end;
    }
    return `${html}${escapeHtml(p.text.slice(at))}${p.cutAfter ? "…" : ""}`;
  };
  const render = (paragraphs: readonly ContextParagraph[], before: boolean, after: boolean) =>
    [
      `<blockquote>${before ? "…\n" : ""}${paragraphs.map(paragraph).join("\n")}${after ? "\n…" : ""}</blockquote>`,
      sourceLine(context.article),
    ].join("\n");
  const full = render(context.paragraphs, context.moreBefore, context.moreAfter);
  if (full.length <= max) return full;
  return render(
    context.paragraphs.filter((p) => p.marks.length > 0),
    true,
    true,
  );
}

/** `/compare`: each outlet's best quote with its source line, then the outlets that did not cover it. */
export function formatComparison(
  comparison: Comparison,
  language?: Language,
  max: number = MAX_MESSAGE_LENGTH,
): string {
  const filter = formatFilter(comparison, language);
  if (comparison.filterProblem) return filter;
  let html = filter;
  const missing: string[] = [];
  for (const side of comparison.sides) {
    const name = escapeHtml(outletName(side.publisher, language));
    if (!side.quote) {
      missing.push(name);
      continue;
    }
    const separator = html === "" ? "" : "\n\n";
    const block = formatQuote(side.quote, max - html.length - separator.length - 200, language);
    if (block !== undefined) html += `${separator}<b>${name}</b>\n${block}`;
  }
  if (missing.length > 0)
    html += `\n\n${escapeHtml(label(phrases.notCovered, language))}: ${missing.join(", ")}`;
  return html === "" ? escapeHtml(say(phrases.notFound, language)) : html;
}

/** A `/timeline` page: a heading with the count, then one event per entry, date first, quote and source. */
export function formatTimeline(
  timeline: Timeline,
  offset: number,
  language?: Language,
  max: number = MAX_MESSAGE_LENGTH,
): { html: string; shown: number } {
  const filter = formatFilter(timeline, language);
  if (timeline.filterProblem) return { html: filter, shown: 0 };
  if (timeline.events.length === 0) {
    const none = escapeHtml(say(phrases.noTimeline, language));
    return { html: filter ? `${filter}\n\n${none}` : none, shown: 0 };
  }
  const to = offset + timeline.events.length;
  let html = [filter, escapeHtml(label(phrases.timelinePage(offset + 1, to, timeline.total), language))]
    .filter(Boolean)
    .join("\n");
  let shown = 0;
  for (const event of timeline.events) {
    const block = formatQuote(event.quote, max - html.length - 20, language);
    if (block === undefined) break;
    html += `\n\n<b>${escapeHtml(event.date)}</b>\n${block}`;
    shown += 1;
  }
  return { html, shown };
}
