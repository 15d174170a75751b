import { decodeRef, refMatchesText, refNamesFile } from "../answer/quote-ref.ts";
import type { PublisherTable } from "../corpus/parse-article.ts";
import { type ReadLimits, readArticle } from "../corpus/read-corpus.ts";
import { sentenceSpans } from "../corpus/sentences.ts";
import type { Logger } from "../logger.ts";
import type { Article, ArticleInfo, Highlight, QuoteLocation } from "../types.ts";

/** One paragraph of a quote's context: verbatim text, and where the quote stands in it. */
export interface ContextParagraph {
  /** Verbatim; a slice of whole sentences when the paragraph was too long to show whole. */
  text: string;
  /** The quoted sentences as `[start, end)` ranges in `text`; empty for the paragraphs around. */
  marks: Highlight[];
  /** Sentences of the paragraph were left out before / after `text`. */
  cutBefore: boolean;
  cutAfter: boolean;
}

/** What "Context" shows: the paragraph of a quote, its neighbours up to a radius as room allows, and the source. */
export interface QuoteContext {
  article: ArticleInfo;
  /** In article order; exactly one has marks. */
  paragraphs: ContextParagraph[];
  /** Paragraphs of the article were left out before the first / after the last shown: a door offers "more". */
  moreBefore: boolean;
  moreAfter: boolean;
  /** The paragraphs on each side this context was asked for: "more" asks again with a larger one. */
  radius: number;
}

/** What `Qa.context` may be asked for beyond a quote's ref. */
export interface ContextOptions {
  /**
   * Paragraphs to show on each side of the quote's, at most: `CONTEXT_RADIUS` by default, between 0 and
   * `CONTEXT_MAX_RADIUS`. Each step adds `CONTEXT_MAX_LENGTH` characters of room.
   */
  radius?: number;
}

/** Paragraphs on each side of the quote's that a context shows unless asked for more: a reader wants few. */
export const CONTEXT_RADIUS = 1;

/** The most paragraphs on each side a context shows when asked for more (3 × 1,000 characters at most). */
export const CONTEXT_MAX_RADIUS = 3;

/**
 * Characters of article text a context shows at most per step of its radius: one step stays within Telegram's
 * 4,096 and a Discord embed's 4,096 with room to spare, three do too.
 */
export const CONTEXT_MAX_LENGTH = 1000;

/**
 * The context of the quote at `at` in `article`: its paragraph (whole sentences around the quote when it is
 * longer than the room), then up to `radius` paragraphs before and after, nearest first, while they fit in
 * `radius` × `CONTEXT_MAX_LENGTH` characters. Undefined when the location is not in the article (it changed
 * since the quote was shown).
 */
export function quoteContext(
  article: Article,
  at: Omit<QuoteLocation, "file">,
  options: ContextOptions = {},
): QuoteContext | undefined {
  const { paragraphs, ...info } = article;
  const own = paragraphs[at.paragraph];
  if (own === undefined || at.end > own.length) return undefined;
  const asked = Math.round(options.radius ?? CONTEXT_RADIUS);
  const radius = Number.isFinite(asked) ? Math.min(CONTEXT_MAX_RADIUS, Math.max(0, asked)) : CONTEXT_RADIUS;
  const maxLength = CONTEXT_MAX_LENGTH * Math.max(1, radius);
  const shown = [aroundQuote(own, at.start, at.end, maxLength)];
  let budget = maxLength - (shown[0]?.text.length ?? 0);
  let first = at.paragraph;
  let last = at.paragraph;
  for (let grew = true; grew; ) {
    grew = false;
    const before = paragraphs[first - 1];
    if (before !== undefined && at.paragraph - first < radius && before.length <= budget) {
      shown.unshift(whole(before));
      budget -= before.length;
      first--;
      grew = true;
    }
    const after = paragraphs[last + 1];
    if (after !== undefined && last - at.paragraph < radius && after.length <= budget) {
      shown.push(whole(after));
      budget -= after.length;
      last++;
      grew = true;
    }
  }
  const moreBefore = first > 0;
  return { article: info, paragraphs: shown, moreBefore, moreAfter: last < paragraphs.length - 1, radius };
}

function whole(text: string): ContextParagraph {
  return { text, marks: [], cutBefore: false, cutAfter: false };
}

/** The quote's paragraph, or as many whole sentences around the quote as fit in `maxLength`. */
function aroundQuote(paragraph: string, start: number, end: number, maxLength: number): ContextParagraph {
  if (paragraph.length <= maxLength) return { ...whole(paragraph), marks: [[start, end]] };
  const spans = sentenceSpans(paragraph);
  // Whole sentences from the quote's first to its last, then neighbours, the one before first, while they fit.
  let first = Math.max(
    0,
    spans.findIndex((span) => span[1] > start),
  );
  let last = Math.max(
    first,
    spans.findIndex((span) => span[1] >= end),
  );
  const from = () => Math.min(start, spans[first]?.[0] ?? start);
  const to = () => Math.max(end, spans[last]?.[1] ?? end);
  if (to() - from() > maxLength) {
    first = spans.length; // the quote's own sentences do not fit: show the quote alone
    last = -1;
  }
  for (let grew = true; grew && first <= last; ) {
    grew = false;
    if (first > 0 && to() - (spans[first - 1]?.[0] ?? 0) <= maxLength) {
      first--;
      grew = true;
    }
    if (last < spans.length - 1 && (spans[last + 1]?.[1] ?? 0) - from() <= maxLength) {
      last++;
      grew = true;
    }
  }
  const [a, b] = first <= last ? [from(), to()] : [start, end];
  return {
    text: paragraph.slice(a, b),
    marks: [[start - a, end - a]],
    cutBefore: a > 0,
    cutAfter: b < paragraph.length,
  };
}

/** The indexed file a ref names, with the ref's offsets; undefined for a ref to no indexed article. */
export function locate(articles: readonly ArticleInfo[], ref: string): QuoteLocation | undefined {
  const decoded = decodeRef(ref);
  const file = decoded && articles.find((a) => refNamesFile(decoded, a.file))?.file;
  if (!decoded || !file) return undefined;
  const { paragraph, start, end } = decoded;
  return { file, paragraph, start, end };
}

/** Where the core reads articles again: for a quote's context, and for the timeline's dated sentences. */
export interface ArticleSource {
  corpusDir: string;
  publishers: PublisherTable;
  /** The same limits and secrets the index read the articles under. */
  limits?: ReadLimits;
  logger: Logger;
}

/**
 * The context of the quote a ref names, read from the article file, provided the quote still stands there
 * verbatim (the ref carries a hash of it): offsets into an edited paragraph would mark the wrong words.
 */
export async function readContext(
  articles: readonly ArticleInfo[],
  source: ArticleSource,
  ref: string,
  options?: ContextOptions,
): Promise<QuoteContext | undefined> {
  const decoded = decodeRef(ref);
  const at = locate(articles, ref);
  if (!decoded || !at) return undefined;
  const article = await readArticle(source.corpusDir, at.file, source.publishers, source.limits).catch(
    () => undefined,
  );
  const quoted = article?.paragraphs[at.paragraph]?.slice(at.start, at.end);
  if (!article || quoted === undefined || !refMatchesText(decoded, quoted)) return undefined;
  return quoteContext(article, at, options);
}
