import type { FeedConfig } from "../config.ts";
import type { Logger } from "../core/logger.ts";
import type { FeedState, SubscriptionStore } from "../store/subscriptions.ts";
import { feedItems } from "./feed-items.ts";
import type { Ingest } from "./ingest.ts";
import { type Fetcher, FetchRefusal } from "./safe-fetch.ts";

/** The longest a failing feed waits between polls. */
const MAX_BACKOFF_MS = 24 * 3_600_000;

/** What `createFeedPoller` needs. */
export interface FeedPollerOptions {
  feeds: readonly FeedConfig[];
  fetcher: Fetcher;
  ingest: Ingest;
  /** Where each feed's state is kept between polls and restarts (ETag, Last-Modified, first poll done). */
  state: Pick<SubscriptionStore, "feedState" | "saveFeedState">;
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
  /** Items skipped as already in. */
  known: number;
  failed: number;
}

/** Polls feeds on their schedules; every new item is added as a link is. */
export interface FeedPoller {
  /** Polls every feed now, then each on its own schedule. */
  start(): void;
  /** Polls one feed once (tests, the console); resolves when its items are all added or refused. */
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
  const timers = new Map<string, () => void>();
  const running = new Set<Promise<unknown>>();
  const warnedItems = new Set<string>();
  let stopped = false;

  const poll = async (feed: FeedConfig): Promise<PollReport> => {
    const before: FeedState = (await state.feedState(feed.url)) ?? {
      etag: null,
      lastModified: null,
      primed: false,
      failures: 0,
    };
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
        if (stopped) return report; // state unsaved: the next start polls again
        const outcome = await ingest.add(item.url, { publisher: feed.publisher });
        if (outcome.added) report.added++;
        else if (outcome.reason === "already in") report.known++;
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
    await state.saveFeedState(feed.url, {
      etag: fetched.etag ?? before.etag,
      lastModified: fetched.lastModified ?? before.lastModified,
      primed: true,
      failures: 0,
    });
    return report;
  };

  const schedule = (feed: FeedConfig, delayMs: number) => {
    if (stopped) return;
    timers.set(
      feed.url,
      timer(() => void run(feed), delayMs),
    );
  };

  const run = async (feed: FeedConfig) => {
    const every = feed.pollMinutes * 60_000;
    const work = poll(feed).then(
      () => schedule(feed, every),
      async (error: unknown) => {
        const before = await state.feedState(feed.url).catch(() => undefined);
        const failures = (before?.failures ?? 0) + 1;
        if (failures === 1)
          logger.warn(
            { feed: feed.url, error: (error as Error).message },
            "a feed could not be read; backing off",
          );
        await state
          .saveFeedState(feed.url, {
            etag: before?.etag ?? null,
            lastModified: before?.lastModified ?? null,
            primed: before?.primed ?? false,
            failures,
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
      for (const feed of feeds) schedule(feed, 0);
    },
    poll,
    async stop() {
      stopped = true;
      for (const cancel of timers.values()) cancel();
      await Promise.allSettled([...running]);
    },
  };
}
