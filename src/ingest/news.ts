import type { Config } from "../config.ts";
import type { Verification } from "../core/features/verify.ts";
import type { Logger } from "../core/logger.ts";
import type { SubscriptionStore } from "../store/subscriptions.ts";
import { type Announcer, createAnnouncer, DEFAULT_BURST_MS } from "./announcer.ts";
import { createFeedList, type FeedList } from "./feed-list.ts";
import { createFeedPoller, type FeedPoller } from "./feed-poller.ts";
import type { AddOutcome } from "./ingest.ts";
import { openIngest, openVerifier } from "./setup.ts";

/** What the doors use of the news: add by link, check a quote, subscriptions, and who may moderate. */
export interface News {
  add(url: string): Promise<AddOutcome>;
  verify(text: string): Promise<Verification>;
  /** Undefined when the store did not open: `/announce` and `/follow` then say they are unavailable. */
  subscriptions: SubscriptionStore | undefined;
  announcer: Announcer;
  /** Telegram user ids that may moderate anywhere (`MODERATORS`). */
  moderators: readonly string[];
  /** A Discord role whose members may moderate (`MODERATOR_ROLE`). */
  moderatorRole: string | undefined;
}

/** The news service of a running bot: `News` for the doors, the feeds polled, stopped once. */
export interface NewsService extends News {
  poller: FeedPoller | undefined;
  /** The feeds followed, for the console to list, add and remove; undefined when the store did not open. */
  feeds: FeedList | undefined;
  stop(): Promise<void>;
}

/** Options of `startNews`; every field is optional. */
export interface StartNewsOptions {
  /** See `AnnouncerOptions.burstMs`; `config.news.burstMs` otherwise. */
  burstMs?: number;
  /**
   * Who announces the articles added here. Default: an announcer of this process's own; a Discord shard passes
   * one that hands them to the shards' parent, which announces for every shard.
   */
  announcer?: Announcer;
  /** Poll the feeds in this process. Default true; a Discord shard leaves them to its parent. */
  pollFeeds?: boolean;
  /** Whether the feeds are polled from now on. Default true; false leaves `poller.start()` to the caller. */
  pollNow?: boolean;
}

/**
 * Starts the news: the ingest (every article added is announced), the quote checker over the corpus directory,
 * and, when the store (their state) is there, the feeds of `config/feeds.json` and of the console polled in the
 * background.
 */
export function startNews(
  config: Pick<Config, "corpusDir" | "configDir" | "maxArticleBytes" | "secrets" | "news"> &
    Partial<Pick<Config, "cacheDir">>,
  logger: Logger,
  subscriptions: SubscriptionStore | undefined,
  { burstMs, announcer: given, pollFeeds = true, pollNow = true }: StartNewsOptions = {},
): NewsService {
  const announcer =
    given ??
    createAnnouncer({
      subscriptions: subscriptions ?? noSubscriptions,
      logger,
      burstMs: burstMs ?? config.news.burstMs ?? DEFAULT_BURST_MS,
    });
  const { ingest, fetcher } = openIngest(config, logger, (article) => announcer.added(article));
  const verify = openVerifier(config, logger);
  const poller =
    subscriptions && pollFeeds
      ? createFeedPoller({ feeds: config.news.feeds, fetcher, ingest, state: subscriptions, logger })
      : undefined;
  if (pollNow) poller?.start();
  const feeds =
    subscriptions &&
    createFeedList({ fileFeeds: config.news.feeds, store: subscriptions, fetcher, poller, logger });
  return {
    add: (url) => ingest.add(url),
    verify,
    subscriptions,
    announcer,
    moderators: config.news.moderators,
    moderatorRole: config.news.moderatorRole,
    poller,
    feeds,
    async stop() {
      await poller?.stop();
      await announcer.stop();
      await fetcher.close();
    },
  };
}

/** Nobody subscribed: what the announcer reads when the store did not open. */
const noSubscriptions: SubscriptionStore = {
  setAnnounce: async () => false,
  announceTargets: async () => [],
  follow: async () => false,
  unfollow: async () => 0,
  following: async () => [],
  follows: async () => [],
  forget: async () => undefined,
  feedState: async () => undefined,
  saveFeedState: async () => undefined,
  consoleFeeds: async () => [],
  addConsoleFeed: async () => false,
  removeConsoleFeed: async () => false,
};
