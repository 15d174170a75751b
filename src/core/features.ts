import path from "node:path";
import { decodeRef, type QuoteContext, quoteContext, refMatchesText, refNamesFile } from "./context.ts";
import type { PublisherTable } from "./corpus/parse-article.ts";
import { type ReadLimits, readArticle } from "./corpus/read-corpus.ts";
import { extractFilter, matchesFilter, mergeRequests, resolveFilter } from "./filters.ts";
import { stampFiles } from "./index/sync.ts";
import type { Logger } from "./logger.ts";
import { normalize } from "./text/normalize.ts";
import { eventsOf } from "./timeline/events.ts";
import {
  type ArticleEvents,
  buildTimeline,
  type Timeline,
  type TimelineOptions,
} from "./timeline/timeline.ts";
import type { AppliedFilter, ArticleInfo, FilterProblem, FilterRequest, QuoteLocation } from "./types.ts";

/** A question with its filter taken out and resolved, and the file predicate the search applies. */
export interface Scoped {
  question: string;
  filter?: AppliedFilter;
  filterProblem?: FilterProblem;
  accept?: (file: string) => boolean;
}

/** The distinct publishers of some articles, sorted. */
export function publishersOf(articles: readonly ArticleInfo[]): string[] {
  return [...new Set(articles.flatMap((a) => (a.publisher ? [a.publisher] : [])))].sort();
}

/**
 * Takes `source:`/`since:`/`until:` out of a question, merges `request` over them and resolves the result
 * against the indexed articles.
 */
export async function scope(
  articles: () => Promise<ArticleInfo[]>,
  question: string,
  request?: FilterRequest,
): Promise<Scoped> {
  const extracted = extractFilter(question);
  const merged = mergeRequests(extracted.request, request);
  if (Object.keys(merged).length === 0) return { question: extracted.question };
  const known = await articles();
  const { filter, problem } = resolveFilter(merged, publishersOf(known));
  if (!filter) return { question: extracted.question, filterProblem: problem };
  const accepted = new Set(known.filter((a) => matchesFilter(filter, a)).map((a) => a.file));
  return { question: extracted.question, filter, accept: (file) => accepted.has(file) };
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
): Promise<QuoteContext | undefined> {
  const decoded = decodeRef(ref);
  const at = locate(articles, ref);
  if (!decoded || !at) return undefined;
  const article = await readArticle(source.corpusDir, at.file, source.publishers, source.limits).catch(
    () => undefined,
  );
  const quoted = article?.paragraphs[at.paragraph]?.slice(at.start, at.end);
  if (!article || quoted === undefined || !refMatchesText(decoded, quoted)) return undefined;
  return quoteContext(article, at);
}

/**
 * The timeline, kept per article file: on each call, files added or changed since (by size and time) are read
 * again for their dated sentences, removed ones are dropped, and the events are folded again (cheap next to
 * reading).
 */
export function createTimeline(articles: () => Promise<ArticleInfo[]>, source: ArticleSource) {
  const cache = new Map<string, ArticleEvents & { stamp: string }>();
  const refresh = async (known: readonly ArticleInfo[]) => {
    const present = new Set(known.map((a) => a.file));
    for (const file of cache.keys()) if (!present.has(file)) cache.delete(file);
    for (const info of known) {
      const { file } = info;
      const stamp = await stampFiles([
        path.join(source.corpusDir, file),
        path.join(source.corpusDir, `${file}.meta.json`),
      ]);
      const cached = cache.get(file);
      if (cached && stamp !== "" && cached.stamp === stamp) {
        cached.article = info;
        continue;
      }
      try {
        const article = await readArticle(source.corpusDir, file, source.publishers, source.limits);
        cache.set(file, { article: info, stamp, mentions: eventsOf(article) });
      } catch (error) {
        cache.delete(file);
        source.logger.warn({ file, error: String(error) }, "could not read an article for the timeline");
      }
    }
  };
  let refreshing: Promise<void> | undefined;
  return async (question: string, options: TimelineOptions = {}): Promise<Timeline> => {
    const known = await articles();
    refreshing ??= refresh(known).finally(() => {
      refreshing = undefined;
    });
    await refreshing;
    const { limit = 5, offset = 0 } = options;
    const scoped = await scope(async () => known, question, options.filter);
    if (scoped.filterProblem)
      return { events: [], total: 0, hasMore: false, filterProblem: scoped.filterProblem };
    const sources = [...cache.values()].filter((s) => matchesFilter(scoped.filter, s.article));
    const about = scoped.question.trim();
    const events = buildTimeline(sources).filter((e) => about === "" || mentions(e.quote.text, about));
    return {
      events: events.slice(offset, offset + limit),
      total: events.length,
      hasMore: events.length > offset + limit,
      ...(scoped.filter ? { filter: scoped.filter } : {}),
    };
  };
}

/** True when a quote names every space-separated word of a topic (`/timeline 拜登`), in either script, any case. */
function mentions(text: string, about: string): boolean {
  const normal = normalize(text);
  return normalize(about)
    .split(/\s+/)
    .every((word) => normal.includes(word));
}
