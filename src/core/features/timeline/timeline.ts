import { encodeRef } from "../../answer/quote-ref.ts";
import type { AppliedFilter, ArticleInfo, FilterProblem, FilterRequest, Quote } from "../../types.ts";
import type { EventKind, EventMention } from "./events.ts";

/** One line of the timeline: an event, the quote that reports it best, and who else reported it. */
export interface TimelineEvent {
  /** `YYYY-MM-DD`, or `YYYY-MM` when the articles give only the month. */
  date: string;
  kind: EventKind;
  /** The date and the event's word are its highlights; `alsoReportedBy` lists the other articles. */
  quote: Quote;
}

/** A page of the timeline, newest first. */
export interface Timeline {
  events: TimelineEvent[];
  /** Events in the whole timeline (under the filter). */
  total: number;
  /** True when asking with `offset + limit` would return further events. */
  hasMore: boolean;
  filter?: AppliedFilter;
  filterProblem?: FilterProblem;
}

/** Options for `Qa.timeline`. */
export interface TimelineOptions {
  /** Events per page. Default `PAGING.timelineEventsPerPage`. */
  limit?: number;
  /** Events to skip (newest first). Default 0. */
  offset?: number;
  /** Only events reported by these articles. */
  filter?: FilterRequest;
}

/** An article's event mentions. */
export interface ArticleEvents {
  article: ArticleInfo;
  mentions: EventMention[];
}

/**
 * Folds mentions into events, newest first: one per date and kind. A month-only mention joins the one event
 * of its kind dated within that month, if there is exactly one. Each event is quoted from the earliest article
 * that reports it (a full sentence over a clause, then the shorter); the other articles are "also reported by".
 */
export function buildTimeline(sources: readonly ArticleEvents[]): TimelineEvent[] {
  const groups = new Map<string, Array<{ source: ArticleEvents; mention: EventMention }>>();
  const all = sources.flatMap((source) => source.mentions.map((mention) => ({ source, mention })));
  const days = all.filter(({ mention }) => mention.date.length === 10);
  for (const item of all) {
    let key = `${item.mention.date} ${item.mention.kind}`;
    if (item.mention.date.length === 7) {
      const inMonth = new Set(
        days
          .filter((d) => d.mention.kind === item.mention.kind && d.mention.date.startsWith(item.mention.date))
          .map((d) => d.mention.date),
      );
      if (inMonth.size === 1) key = `${[...inMonth][0]} ${item.mention.kind}`;
    }
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const events = [...groups.entries()].map(([key, items]): TimelineEvent => {
    const [date = "", kind] = key.split(" ") as [string, EventKind];
    const best = [...items].sort(
      (a, b) =>
        (a.source.article.date ?? "9999").localeCompare(b.source.article.date ?? "9999") ||
        Number(b.mention.date === date) - Number(a.mention.date === date) ||
        a.mention.text.length - b.mention.text.length,
    )[0];
    if (!best) throw new Error("an event group is never empty");
    const others = new Map(
      items
        .filter((item) => item.source.article.file !== best.source.article.file)
        .map((item) => [item.source.article.file, item.source.article]),
    );
    const { text, highlights, at } = best.mention;
    return {
      date,
      kind,
      quote: {
        text,
        highlights,
        score: items.length,
        article: best.source.article,
        alsoReportedBy: [...others.values()],
        at,
        ref: encodeRef(at, text),
      },
    };
  });
  return events.sort((a, b) => b.date.localeCompare(a.date) || a.kind.localeCompare(b.kind));
}
