/**
 * The feed list over a real SQLite store and the local news site: what adding a feed refuses, how a failing
 * feed's polls are shown, and a feed removed and added again while its poll runs.
 */
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedList } from "../../src/ingest/feed-list.ts";
import { createFeedPoller, type Timer } from "../../src/ingest/feed-poller.ts";
import { type AddOutcome, createIngest, type Ingest } from "../../src/ingest/ingest.ts";
import { createFetcher, type Fetcher } from "../../src/ingest/safe-fetch.ts";
import { openConsoleStore } from "../../src/store/open-store.ts";
import type { ConsoleStore } from "../../src/store/types.ts";
import { until } from "../support/main-process.ts";
import { type NewsServer, startNewsServer } from "../support/news-server.ts";
import { temporaryDirectory } from "../support/seed-qa.ts";

const logger = pino({ level: "silent" });
let site: NewsServer;
let store: ConsoleStore;
let remove: () => Promise<void>;
beforeAll(async () => {
  site = await startNewsServer();
  const dir = await temporaryDirectory();
  remove = dir.remove;
  store = await openConsoleStore({
    cacheDir: dir.dir,
    feedbackFile: path.join(dir.dir, "feedback.jsonl"),
    logger,
  });
});
afterAll(async () => {
  await store.close();
  await remove();
  await site.close();
});

/** A real ingest into a fresh corpus directory. */
async function corpusIngest(fetcher: Fetcher) {
  const corpus = await temporaryDirectory();
  const ingest = createIngest({
    corpusDir: corpus.dir,
    publishers: new Map(),
    fetcher,
    logger,
    passages: { maxLength: 300, overlap: true },
  });
  return { corpus, ingest };
}

describe("add", () => {
  it("refuses what is no http(s) feed address, and a private address without FETCH_ALLOW_PRIVATE", async () => {
    const fetcher = createFetcher({ allowPrivate: false, hostIntervalMs: 0 });
    const feeds = createFeedList({
      fileFeeds: [],
      store: store.subscriptions,
      fetcher,
      poller: undefined,
      logger,
    });
    const reasons = [];
    for (const url of [
      "javascript:alert(1)",
      "file:///etc/passwd",
      "feed.xml",
      "http://user:secret@example.com/feed.xml",
      `${site.url}/feed.rss`,
      `http://localhost:${new URL(site.url).port}/feed.rss`,
    ])
      reasons.push(await feeds.add(url));
    expect(reasons).toEqual([
      { added: false, reason: "refused: only http and https links are fetched, not javascript" },
      { added: false, reason: "refused: only http and https links are fetched, not file" },
      { added: false, reason: "not a link (give a full http:// or https:// address)" },
      { added: false, reason: "refused: links with a user name or password are not fetched" },
      { added: false, reason: "refused: the link leads to a private, loopback or link-local address" },
      { added: false, reason: "refused: the link leads to a private, loopback or link-local address" },
    ]);
    expect(site.requests.filter((r) => r.includes("feed.rss"))).toEqual([]);
    expect(await store.subscriptions.consoleFeeds()).toEqual([]);
    await fetcher.close();
  });
});

describe("list", () => {
  it("shows a failing feed's error and its backed-off next poll", async () => {
    const fetcher = createFetcher({ allowPrivate: true, hostIntervalMs: 0 });
    const { corpus, ingest } = await corpusIngest(fetcher);
    const broken = { url: `${site.url}/missing`, pollMinutes: 15, firstItems: 20 };
    const poller = createFeedPoller({ feeds: [broken], fetcher, ingest, state: store.subscriptions, logger });
    const feeds = createFeedList({
      fileFeeds: [broken],
      store: store.subscriptions,
      fetcher,
      poller,
      logger,
    });
    const started = Date.now();
    poller.start();
    await until("the failed poll's next one is set", async () => {
      const [view] = await feeds.list();
      return view?.lastError !== null && view?.nextPoll !== null;
    });
    const [view] = await feeds.list();
    expect(view).toMatchObject({ source: "file", lastError: "unreachable: HTTP 404", added: 0 });
    // The first failure waits twice the feed's own 15 minutes.
    expect(Date.parse(view?.nextPoll ?? "") - started).toBeGreaterThanOrEqual(30 * 60_000);
    expect(await feeds.remove(broken.url)).toEqual({
      removed: false,
      reason: "it is listed in config/feeds.json: remove it there",
    });
    await poller.stop();
    await fetcher.close();
    await corpus.remove();
  });
});

describe("remove and add again", () => {
  it("stops the old poll and keeps the new feed's schedule", async () => {
    site.setManyItems(3);
    const url = `${site.url}/feed-many.xml`;
    const fetcher = createFetcher({ allowPrivate: true, hostIntervalMs: 0 });
    const { corpus, ingest } = await corpusIngest(fetcher);
    // The first item added waits until the test lets it go: the old poll is under way meanwhile.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const adds: string[] = [];
    let held: Promise<AddOutcome> | undefined;
    const slowFirst: Ingest = {
      add(link, hints) {
        adds.push(link);
        if (held) return ingest.add(link, hints);
        held = gate.then(() => ingest.add(link, hints));
        return held;
      },
    };
    // The test is the clock: it runs each scheduled poll itself.
    const scheduled: { run: () => void; delayMs: number; cancelled: boolean }[] = [];
    const timer: Timer = (run, delayMs) => {
      const entry = { run, delayMs, cancelled: false };
      scheduled.push(entry);
      return () => {
        entry.cancelled = true;
      };
    };
    const poller = createFeedPoller({
      feeds: [],
      fetcher,
      ingest: slowFirst,
      state: store.subscriptions,
      logger,
      timer,
    });
    const feeds = createFeedList({ fileFeeds: [], store: store.subscriptions, fetcher, poller, logger });
    poller.start();
    expect(await feeds.add(url)).toMatchObject({ added: true, items: 3 });
    scheduled[0]?.run();
    await until("the first poll is adding its first item", () => held !== undefined);

    expect(await feeds.remove(url)).toEqual({ removed: true });
    expect(await feeds.add(url)).toMatchObject({ added: true });
    expect(scheduled).toHaveLength(2);
    scheduled[1]?.run(); // the feed added again is polled at once
    await until("the new feed's next poll is set", () => scheduled.length === 3);
    expect(adds).toHaveLength(4); // the old poll's first item, then the new poll's three

    release();
    await held;
    await new Promise((resolve) => setImmediate(resolve));
    expect(adds).toHaveLength(4); // the old poll added nothing more once removed
    expect(scheduled[2]).toMatchObject({ delayMs: 15 * 60_000, cancelled: false });
    expect(poller.nextPoll(url)).toBeInstanceOf(Date);

    expect(await feeds.remove(url)).toEqual({ removed: true });
    await poller.stop();
    await fetcher.close();
    await corpus.remove();
  });
});
