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
 * Folds mentions into events, newest first: one per date and kind. A month-only mention is the event dated
 * within that month, if there is one (of its kind when there are several): 去年11月旧金山拜习会之后的首次通话
 * names the meeting of 2023-11-15, not a call of its own. Each event is quoted from the mention that gives its
 * full date and kind, then from the earliest article, then the shorter sentence; the other articles are "also
 * reported by".
 */
export function buildTimeline(sources: readonly ArticleEvents[]): TimelineEvent[] {
  const groups = new Map<string, Array<{ source: ArticleEvents; mention: EventMention }>>();
  const all = sources.flatMap((source) => source.mentions.map((mention) => ({ source, mention })));
  const days = all.filter(({ mention }) => mention.date.length === 10);
  const keyOf = (mention: EventMention) => `${mention.date} ${mention.kind}`;
  for (const item of all) {
    let key = keyOf(item.mention);
    if (item.mention.date.length === 7) {
      const inMonth = days.filter((d) => d.mention.date.startsWith(item.mention.date));
      const keysOf = (list: typeof days) => [...new Set(list.map((d) => keyOf(d.mention)))];
      const any = keysOf(inMonth);
      const sameKind = keysOf(inMonth.filter((d) => d.mention.kind === item.mention.kind));
      key = (any.length === 1 ? any[0] : sameKind.length === 1 ? sameKind[0] : undefined) ?? key;
    }
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const events = [...groups.entries()].map(([key, items]): TimelineEvent => {
    const [date = "", kind] = key.split(" ") as [string, EventKind];
    const fits = (mention: EventMention) => Number(mention.date === date) + Number(mention.kind === kind);
    const best = [...items].sort(
      (a, b) =>
        fits(b.mention) - fits(a.mention) ||
        (a.source.article.date ?? "9999").localeCompare(b.source.article.date ?? "9999") ||
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
