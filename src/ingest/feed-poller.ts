import type { FeedConfig } from "../config.ts";
import type { Logger } from "../core/logger.ts";
import { type FeedState, type FeedStore, UNPOLLED } from "../store/feed-store.ts";
import { feedItems } from "./feed-items.ts";
import type { Ingest } from "./ingest.ts";
import { type Fetcher, FetchRefusal } from "./safe-fetch.ts";

/** The longest a failing feed waits between polls. */
const MAX_BACKOFF_MS = 24 * 3_600_000;

/** What `createFeedPoller` needs. */
export interface FeedPollerOptions {
  /** The feeds followed from the start; `follow` adds more. */
  feeds: readonly FeedConfig[];
  fetcher: Fetcher;
  ingest: Ingest;
  /** Where each feed's state is kept between polls and restarts (ETag, Last-Modified, first poll done). */
  state: Pick<FeedStore, "feedState" | "saveFeedState">;
  logger: Logger;
  /** Runs a feed's next poll after a delay; returns how to cancel it. Default `unrefTimer` (tests record the delays). */
  timer?: Timer;
}

/** Calls `run` once `delayMs` have passed; the returned function cancels it. */
export type Timer = (run: () => void, delayMs: number) => () => void;

/** A `setTimeout` that does not keep the process alive. */
export const unrefTimer: Timer = (run, delayMs) => {
  const handle = setTimeout(run, delayMs);
  handle.unref();
  return () => clearTimeout(handle);
};

/** What one poll came to. */
export interface PollReport {
  notModified: boolean;
  added: number;
  /** Items skipped as already in, or as removed by an operator. */
  known: number;
  failed: number;
}

/** Polls feeds on their schedules; every new item is added as a link is. */
export interface FeedPoller {
  /** Polls every feed now, then each on its own schedule. */
  start(): void;
  /** Follows one more feed (or the same with new settings): polled now if started, then on its schedule. */
  follow(feed: FeedConfig): void;
  /** Stops following a feed: its next poll is cancelled, and a poll under way adds no more of its items. */
  unfollow(url: string): void;
  /** When the feed is polled next; undefined while it is being polled, or when it is not followed. */
  nextPoll(url: string): Date | undefined;
  /** Polls one feed once (tests, the bench); resolves when its items are all added or refused. */
  poll(feed: FeedConfig): Promise<PollReport>;
  /** Stops the schedules and waits for the polls under way. */
  stop(): Promise<void>;
}

/**
 * Creates the poller. A poll is a conditional request (ETag, Last-Modified); a feed's first poll adds at most its
 * `firstItems` newest items, later ones every item not in yet. The feed's state is saved only once all its items
 * are added or refused, so a restart mid-poll polls again and the ledger skips what was added: nothing twice,
 * nothing lost. A failing feed backs off (doubling, at most a day, or as its `Retry-After` says) with one warning
 * per failing streak, never more.
 */
export function createFeedPoller({
  feeds,
  fetcher,
  ingest,
  state,
  logger,
  timer = unrefTimer,
}: FeedPollerOptions): FeedPoller {
  const timers = new Map<string, { cancel: () => void; at: Date }>();
  const followed = new Map<string, FeedConfig>();
  /** Unfollowed while a direct `poll()` of theirs may be under way: it stops adding. */
  const dropped = new Set<string>();
  let started = false;
  const running = new Set<Promise<unknown>>();
  const warnedItems = new Set<string>();
  let stopped = false;
  for (const feed of feeds) followed.set(feed.url, feed);

  /** Whether the scheduled polls of this feed object still count: a feed removed and added again is a new object. */
  const isFollowed = (feed: FeedConfig) => !stopped && followed.get(feed.url) === feed;

  /** Polls `feed` once; as soon as `wanted()` is false it adds no more items and saves no state. */
  const pollWhile = async (feed: FeedConfig, wanted: () => boolean): Promise<PollReport> => {
    const before: FeedState = (await state.feedState(feed.url)) ?? UNPOLLED;
    const fetched = await fetcher.fetchText(feed.url, "feed", {
      etag: before.primed ? (before.etag ?? undefined) : undefined,
      lastModified: before.primed ? (before.lastModified ?? undefined) : undefined,
    });
    const report: PollReport = { notModified: fetched.notModified, added: 0, known: 0, failed: 0 };
    if (!fetched.notModified) {
      let items = feedItems(fetched.text, fetched.url);
      if (!before.primed) items = items.slice(0, feed.firstItems);
      // Oldest first: announcements follow the order the news came in.
      for (const item of items.reverse()) {
        if (stopped || !wanted()) return report; // state unsaved: the next start polls again
        const outcome = await ingest.add(item.url, { publisher: feed.publisher, fromFeed: true });
        if (outcome.added) report.added++;
        else if (outcome.refusal.kind === "already" || outcome.refusal.kind === "removed") report.known++;
        else {
          report.failed++;
          if (!warnedItems.has(item.url)) {
            warnedItems.add(item.url);
            logger.warn(
              { feed: feed.url, url: item.url, reason: outcome.reason },
              "a feed item could not be added",
            );
          }
        }
      }
    }
    if (!wanted()) return report; // unfollowed meanwhile: its state is forgotten, not saved again
    await state.saveFeedState(feed.url, {
      etag: fetched.etag ?? before.etag,
      lastModified: fetched.lastModified ?? before.lastModified,
      primed: true,
      failures: 0,
      lastPoll: new Date().toISOString(),
      lastError: null,
      added: before.added + report.added,
    });
    return report;
  };

  const schedule = (feed: FeedConfig, delayMs: number) => {
    // Unfollowed, or followed anew: the timer now belongs to the new feed object, if any.
    if (!isFollowed(feed)) return;
    timers.get(feed.url)?.cancel();
    timers.delete(feed.url);
    const at = new Date(Date.now() + delayMs);
    const cancel = timer(() => {
      timers.delete(feed.url);
      void run(feed);
    }, delayMs);
    timers.set(feed.url, { cancel, at });
  };

  const run = async (feed: FeedConfig) => {
    const every = feed.pollMinutes * 60_000;
    const work = pollWhile(feed, () => isFollowed(feed)).then(
      () => schedule(feed, every),
      async (error: unknown) => {
        if (followed.get(feed.url) !== feed) return; // removed meanwhile: its state is forgotten
        const before = (await state.feedState(feed.url).catch(() => undefined)) ?? UNPOLLED;
        const failures = before.failures + 1;
        const message = (error as Error).message;
        if (failures === 1)
          logger.warn({ feed: feed.url, error: message }, "a feed could not be read; backing off");
        await state
          .saveFeedState(feed.url, {
            ...before,
            failures,
            lastPoll: new Date().toISOString(),
            lastError: message,
          })
          .catch(() => undefined);
        const asked = error instanceof FetchRefusal ? error.retryAfterMs : undefined;
        schedule(feed, Math.min(MAX_BACKOFF_MS, Math.max(asked ?? 0, every * 2 ** Math.min(failures, 10))));
      },
    );
    running.add(work);
    await work;
    running.delete(work);
  };

  return {
    start() {
      started = true;
      for (const feed of followed.values()) schedule(feed, 0);
    },
    follow(feed) {
      dropped.delete(feed.url);
      followed.set(feed.url, feed);
      if (started) schedule(feed, 0);
    },
    unfollow(url) {
      followed.delete(url);
      dropped.add(url);
      timers.get(url)?.cancel();
      timers.delete(url);
    },
    nextPoll: (url) => timers.get(url)?.at,
    poll: (feed) => pollWhile(feed, () => !dropped.has(feed.url)),
    async stop() {
      stopped = true;
      for (const { cancel } of timers.values()) cancel();
      await Promise.allSettled([...running]);
    },
  };
}
