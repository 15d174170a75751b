import { escapeMarkdown } from "discord.js";
import { segments, shortenQuote } from "../../core/answer/highlight.ts";
import { filterPhrase, filterProblemPhrase, sourceParts } from "../../core/messages.ts";
import { type Language, say } from "../../core/reply-language.ts";
import { truncate } from "../../core/text/truncate.ts";
import type { AppliedFilter, ArticleInfo, FilterProblem, Quote } from "../../core/types.ts";

/** Discord's documented limits on one message's embeds, in characters. */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Sum of every title, description, field, footer and author text of all the embeds in one message. */
  total: 6000,
  embeds: 10,
} as const;

/**
 * Escapes Discord Markdown so that `text` shows exactly as written: no bold, links, headings, block quotes,
 * mention pills or `@everyone`. Invertible with `unescapeText`, because every change inserts a backslash and
 * existing backslashes are doubled first.
 */
export function escapeText(text: string): string {
  // escapeMarkdown leaves masked links to us: escaping their brackets here keeps every escape a single backslash.
  const markdown = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true });
  return markdown.replace(/[<>@[\]]/g, "\\$&").replace(/^(\s*)-#/gm, "$1\\-#");
}

/** The text `escapeText` was given. */
export function unescapeText(escaped: string): string {
  return escaped.replace(/\\([\s\S])/g, "$1");
}

/**
 * The quote as Discord Markdown: matched words in **bold**, everything else escaped.
 * When the result would exceed `max`, the quote is cut (with "…") until it fits.
 */
export function emphasise(quote: Pick<Quote, "text" | "highlights">, max: number = EMBED_LIMITS.description) {
  let keep = quote.text.length;
  for (;;) {
    const markdown = markdownOf(shortenQuote(quote, keep));
    if (markdown.length <= max) return markdown;
    if (keep === 0) return "";
    // Escapes and bold markers make the Markdown longer than the text, so shrink the text in proportion.
    keep = Math.max(0, Math.floor((keep * max) / markdown.length) - 1);
  }
}

/** Segments as Markdown: each emphasised one in bold markers, everything escaped. */
function markdownOf(quote: Pick<Quote, "text" | "highlights">): string {
  let markdown = "";
  let plain = "";
  for (const { text, emphasis } of segments(quote)) {
    // Bold markers only work when they touch non-space characters, so keep edge spaces outside them.
    const inner = text.trim();
    if (!emphasis || inner === "") {
      plain += text;
      continue;
    }
    const lead = text.slice(0, text.indexOf(inner));
    markdown += `${escapeText(plain + lead)}**${escapeText(inner)}**`;
    plain = text.slice(lead.length + inner.length);
  }
  return markdown + escapeText(plain);
}

/**
 * What an embed's title names: the article's title, or for an article without one (`ArticleInfo.untitled`)
 * `publisher · date`, never its first sentence. Plain text.
 */
export function headingText(article: ArticleInfo, language?: Language): string {
  return article.untitled ? sourceParts(article, language).join(" · ") : article.title;
}

/**
 * The source line under a titled embed, `publisher · date` (the title is the embed's own, not repeated), then
 * `extra` (a weak quote's mark); empty for an untitled article, whose heading says it all. Plain text (footers
 * do not render Markdown).
 */
export function footerText(article: ArticleInfo, language?: Language, extra: string[] = []): string {
  const parts = article.untitled ? [] : sourceParts({ ...article, untitled: true }, language);
  return truncate([...parts, ...extra].join(" · "), EMBED_LIMITS.footer);
}

/**
 * The longest URL Discord accepts, in characters: a link button's (longer, and Discord refuses the whole
 * message with 400) and an embed's or a Markdown link's. Percent-encoded Chinese slugs pass 512 easily.
 */
export const URL_LIMITS = { button: 512, embed: 2048 } as const;

/**
 * The article's link if Discord will accept it (http or https, at most `max` characters once encoded), with
 * parentheses encoded for Markdown links; undefined otherwise, and the message goes without that link.
 */
export function safeUrl(url: string | null, max: number = URL_LIMITS.embed): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  const href = parsed.href.replaceAll("(", "%28").replaceAll(")", "%29");
  return href.length <= max ? href : undefined;
}

/** A Markdown link to the article (or its escaped name when it has no usable link). */
export function articleLink(article: ArticleInfo, label: string = sourceParts(article).join(" · ")): string {
  const url = safeUrl(article.url);
  return url ? `[${escapeText(label)}](${url})` : escapeText(label);
}

/**
 * What a reply says of its filter, as Markdown lines: the filter applied in italics, or why it could not be
 * applied, with the known sources listed for an unknown one; none without a filter.
 */
export function filterLines(
  result: { filter?: AppliedFilter; filterProblem?: FilterProblem },
  language?: Language,
): string[] {
  const { filter, filterProblem } = result;
  if (filterProblem) {
    const known = filterProblem.kind === "unknownSource" ? filterProblem.known : [];
    const problem = say(filterProblemPhrase(filterProblem), language).split("\n");
    return [...problem.map(escapeText), ...known.map((name) => `• ${escapeText(name)}`)];
  }
  if (!filter) return [];
  return say(filterPhrase(filter), language)
    .split("\n")
    .map((line) => `*${escapeText(line)}*`);
}
