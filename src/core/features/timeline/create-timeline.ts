import path from "node:path";
import { scope } from "../../answer/scope.ts";
import { readArticle } from "../../corpus/read-corpus.ts";
import { stampFiles } from "../../index/sync.ts";
import { normalize } from "../../language/normalize.ts";
import { PAGING } from "../../paging.ts";
import { matchesFilter } from "../../question/filters.ts";
import { readQuestion } from "../../question/parse.ts";
import type { ArticleInfo } from "../../types.ts";
import type { ArticleSource } from "../context.ts";
import { eventsOf } from "./events.ts";
import { type ArticleEvents, buildTimeline, type Timeline, type TimelineOptions } from "./timeline.ts";

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
        const article = await readArticle(source.corpusDir, file, source.publishers);
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
    const { limit = PAGING.timelineEventsPerPage, offset = 0 } = options;
    const read = readQuestion(question);
    const scoped = await scope(async () => known, read, options.filter);
    if (scoped.filterProblem)
      return { events: [], total: 0, hasMore: false, filterProblem: scoped.filterProblem };
    const sources = [...cache.values()].filter((s) => matchesFilter(scoped.filter, s.article));
    const about = read.text;
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
