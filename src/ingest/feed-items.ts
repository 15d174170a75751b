import { parseFeed } from "feedsmith";

/** One item of a feed: the link to its article and when it was published, if the feed says. */
export interface FeedItem {
  url: string;
  /** Milliseconds since the epoch; undefined when the feed gives no date. */
  time: number | undefined;
}

type Loose = Record<string, unknown>;

/**
 * The items of an RSS, Atom, RDF or JSON feed (feedsmith detects which), newest first (undated items keep the
 * feed's order, after the dated ones). Items without an http(s) link are left out. Throws for a text that is no
 * feed.
 */
export function feedItems(text: string, feedUrl: string): FeedItem[] {
  const { feed } = parseFeed(text) as { feed: Loose };
  const raw = ((feed.items ?? feed.entries ?? []) as Loose[]).map((item) => ({
    link: linkOf(item),
    date: (item.pubDate ??
      item.published ??
      item.date_published ??
      item.updated ??
      item.dc ??
      undefined) as unknown,
  }));
  const items: FeedItem[] = [];
  for (const { link, date } of raw) {
    if (!link) continue;
    let url: URL;
    try {
      url = new URL(link, feedUrl);
    } catch {
      continue;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") continue;
    const time = typeof date === "string" ? Date.parse(date) : Number.NaN;
    items.push({ url: url.href, time: Number.isNaN(time) ? undefined : time });
  }
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => (b.item.time ?? -Infinity) - (a.item.time ?? -Infinity) || a.order - b.order)
    .map(({ item }) => item);
}

function linkOf(item: Loose): string | undefined {
  if (typeof item.link === "string") return item.link;
  if (typeof item.url === "string") return item.url;
  const links = item.links as Array<{ href?: string; rel?: string }> | undefined;
  if (Array.isArray(links)) return (links.find((l) => !l.rel || l.rel === "alternate") ?? links[0])?.href;
  if (typeof item.id === "string" && /^https?:/.test(item.id)) return item.id;
  return undefined;
}
