import { DEFAULT_FEED_FIRST_ITEMS, DEFAULT_FEED_POLL_MINUTES, type FeedConfig } from "../config.ts";
import type { Logger } from "../core/logger.ts";
import { type FeedStore, UNPOLLED } from "../store/feed-store.ts";
import { feedItems } from "./feed-items.ts";
import type { FeedPoller } from "./feed-poller.ts";
import { type Fetcher, FetchRefusal, parseLink } from "./safe-fetch.ts";

/** The longest feed address the console accepts. */
const MAX_URL_LENGTH = 2000;

/** A followed feed as the console shows it: where it is listed, and how its polls went. */
export interface FeedView {
  url: string;
  publisher: string | null;
  /** `file`: `config/feeds.json` (changed there); `console`: added through the console (removed there). */
  source: "file" | "console";
  pollMinutes: number;
  /** ISO time the last poll ended; null before the first. */
  lastPoll: string | null;
  /** Why the last poll failed; null when it did not (or none ran yet). */
  lastError: string | null;
  /** Articles its items added, all polls together. */
  added: number;
  /** ISO time of the next poll; null while one is under way (or when nothing polls here). */
  nextPoll: string | null;
}

/** What adding a feed came to: followed (with how many items it lists now), or why not. */
export type FeedAddOutcome = { added: true; url: string; items: number } | { added: false; reason: string };

/** The feeds a running bot follows: those of `config/feeds.json` and those added through the console. */
export interface FeedList {
  list(): Promise<FeedView[]>;
  /** Checks that the link is a feed (fetched and read once), then follows it and keeps it in the store. */
  add(url: string, publisher?: string): Promise<FeedAddOutcome>;
  /** Stops following a console feed; a file's feed is refused (it is changed in the file). */
  remove(url: string): Promise<{ removed: true } | { removed: false; reason: string }>;
}

/** What `createFeedList` needs. */
export interface FeedListOptions {
  /** `config/feeds.json`'s feeds. */
  fileFeeds: readonly FeedConfig[];
  store: FeedStore;
  fetcher: Fetcher;
  /** Polls the feeds; undefined in a process that serves the news but does not poll (a Discord shard). */
  poller: FeedPoller | undefined;
  logger: Logger;
}

/**
 * The feed list. The console's feeds are read from the store and followed as soon as it answers; a feed listed in
 * both places is the file's. A console feed is polled on the defaults (`DEFAULT_FEED_POLL_MINUTES`,
 * `DEFAULT_FEED_FIRST_ITEMS`).
 */
export function createFeedList({ fileFeeds, store, fetcher, poller, logger }: FeedListOptions): FeedList {
  const inFile = new Set(fileFeeds.map((f) => f.url));
  const consoleFeed = (url: string, publisher: string | null): FeedConfig => ({
    url,
    ...(publisher ? { publisher } : {}),
    pollMinutes: DEFAULT_FEED_POLL_MINUTES,
    firstItems: DEFAULT_FEED_FIRST_ITEMS,
  });
  const consoleFeeds = async () => (await store.consoleFeeds()).filter((f) => !inFile.has(f.url));
  if (poller)
    void consoleFeeds().then(
      (feeds) => {
        for (const f of feeds) poller.follow(consoleFeed(f.url, f.publisher));
      },
      (error: unknown) =>
        logger.warn({ error: String(error) }, "the feeds added through the console could not be read"),
    );

  return {
    async list() {
      const listed = [
        ...fileFeeds.map((f) => ({ ...f, publisher: f.publisher ?? null, source: "file" as const })),
        ...(await consoleFeeds()).map((f) => ({
          ...consoleFeed(f.url, f.publisher),
          publisher: f.publisher,
          source: "console" as const,
        })),
      ];
      return Promise.all(
        listed.map(async (f): Promise<FeedView> => {
          const state = (await store.feedState(f.url)) ?? UNPOLLED;
          return {
            url: f.url,
            publisher: f.publisher,
            source: f.source,
            pollMinutes: f.pollMinutes,
            lastPoll: state.lastPoll,
            lastError: state.lastError,
            added: state.added,
            nextPoll: poller?.nextPoll(f.url)?.toISOString() ?? null,
          };
        }),
      );
    },
    async add(link, publisher) {
      const url = checkFeedLink(link);
      if (typeof url !== "string") return url;
      if (inFile.has(url)) return { added: false, reason: "already followed: it is in config/feeds.json" };
      let items: number;
      try {
        const fetched = await fetcher.fetchText(url, "feed");
        items = readItems(fetched.text, fetched.url);
      } catch (error) {
        if (error instanceof FetchRefusal) return { added: false, reason: error.message };
        throw error;
      }
      if (items < 0)
        return { added: false, reason: "not a feed: the address gives no RSS, Atom or JSON Feed" };
      const name = publisher?.trim().slice(0, 100) || null;
      if (!(await store.addConsoleFeed({ url, publisher: name, since: new Date().toISOString() })))
        return { added: false, reason: "already followed" };
      poller?.follow(consoleFeed(url, name));
      logger.info({ feed: url, items }, "feed added through the console");
      return { added: true, url, items };
    },
    async remove(url) {
      if (inFile.has(url))
        return { removed: false, reason: "it is listed in config/feeds.json: remove it there" };
      if (!(await store.removeConsoleFeed(url))) return { removed: false, reason: "it is not followed" };
      poller?.unfollow(url);
      logger.info({ feed: url }, "feed removed through the console");
      return { removed: true };
    },
  };
}

/** A feed's address in the form it is kept, or why it cannot be one (worded as a link's refusal is). */
function checkFeedLink(link: string): string | { added: false; reason: string } {
  const text = link.trim();
  if (text.length > MAX_URL_LENGTH)
    return { added: false, reason: `not a link: longer than ${MAX_URL_LENGTH} characters` };
  try {
    const url = parseLink(text);
    url.hash = "";
    return url.href;
  } catch (error) {
    if (error instanceof FetchRefusal) return { added: false, reason: error.message };
    throw error;
  }
}

/** How many linked items a feed's text lists; -1 when the text is no feed at all. */
function readItems(text: string, url: string): number {
  try {
    return feedItems(text, url).length;
  } catch {
    return -1;
  }
}
