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

/** Every spelling of a word the alias lists know (特朗普 → 特朗普, 川普, …), normalised; the word alone if none. */
export type Spellings = (word: string) => readonly string[];

/**
 * The timeline, kept per article file: on each call, files added or changed since (by size and time) are read
 * again for their dated sentences, removed ones are dropped, and the events are folded again (cheap next to
 * reading). A topic keeps the mentions whose paragraph or article title names each of its words, in any
 * spelling (`spellings`).
 */
export function createTimeline(
  articles: () => Promise<ArticleInfo[]>,
  source: ArticleSource,
  spellings: Spellings = (word) => [word],
) {
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
    const { limit = PAGING.timelineEventsPerPage, offset = 0 } = options;
    const read = readQuestion(question);
    const scoped = await scope(async () => known, read, options.filter);
    if (scoped.filterProblem)
      return { events: [], total: 0, hasMore: false, filterProblem: scoped.filterProblem };
    const topic = normalize(read.text)
      .split(/\s+/)
      .filter((word) => word !== "")
      .map(spellings);
    const sources = [...cache.values()]
      .filter((s) => matchesFilter(scoped.filter, s.article))
      .map((s) => {
        const title = normalize(s.article.title);
        return { ...s, mentions: s.mentions.filter((m) => names(topic, `${title}\n${m.paragraph}`)) };
      });
    const events = buildTimeline(sources);
    return {
      events: events.slice(offset, offset + limit),
      total: events.length,
      hasMore: events.length > offset + limit,
      ...(scoped.filter ? { filter: scoped.filter } : {}),
    };
  };
}

/** True when a text names each word of a topic in one of its spellings (no words: any text). */
function names(topic: ReadonlyArray<readonly string[]>, text: string): boolean {
  return topic.every((spelled) => spelled.some((spelling) => text.includes(spelling)));
}
