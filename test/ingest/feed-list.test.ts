/**
 * The feed list over a real SQLite store and the local news site: what adding a feed refuses, and how a failing
 * feed's polls are shown.
 */
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedList } from "../../src/ingest/feed-list.ts";
import { createFeedPoller } from "../../src/ingest/feed-poller.ts";
import { createIngest } from "../../src/ingest/ingest.ts";
import { createFetcher } from "../../src/ingest/safe-fetch.ts";
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
      { added: false, reason: "refused: only http and https feeds are read, not javascript" },
      { added: false, reason: "refused: only http and https feeds are read, not file" },
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
    const corpus = await temporaryDirectory();
    const ingest = createIngest({
      corpusDir: corpus.dir,
      publishers: new Map(),
      fetcher,
      logger,
      passages: { maxLength: 300, overlap: true },
    });
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
