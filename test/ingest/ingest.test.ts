import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listArticleFiles } from "../../src/core/corpus/read-corpus.ts";
import { checkedLookup } from "../../src/ingest/address-check.ts";
import { createFeedPoller, type Timer } from "../../src/ingest/feed-poller.ts";
import { createIngest } from "../../src/ingest/ingest.ts";
import { createFetcher, type FetchOptions } from "../../src/ingest/safe-fetch.ts";
import { removeArticle } from "../../src/ops/console/corpus-files.ts";
import type { FeedState } from "../../src/store/feed-store.ts";
import { type NewsServer, startNewsServer } from "../support/news-server.ts";

let site: NewsServer;
beforeAll(async () => {
  site = await startNewsServer();
});
afterAll(() => site.close());

const logger = pino({ level: "silent" });

async function freshIngest(fetch: FetchOptions = {}, corpusDir?: string, removedDir?: string) {
  const dir = corpusDir ?? (await mkdtemp(path.join(tmpdir(), "citebot-ingest-")));
  const fetcher = createFetcher({ allowPrivate: true, hostIntervalMs: 0, ...fetch });
  const ingest = createIngest({
    corpusDir: dir,
    publishers: new Map(),
    fetcher,
    logger,
    passages: { maxLength: 300, overlap: true },
    ...(removedDir ? { removedDir } : {}),
  });
  return { dir, fetcher, ingest };
}

describe("add", () => {
  it("adds a page with JSON-LD as Markdown in its publisher's folder, and says what and how many passages", async () => {
    const { dir, ingest, fetcher } = await freshIngest();
    const outcome = await ingest.add(`${site.url}/article/jsonld`);
    expect(outcome).toMatchObject({
      added: true,
      passages: 4,
      article: {
        title: "美国宣布对中国稀土加征关税",
        publisher: "环球新闻网",
        date: "2025-07-02",
        url: "https://news.example.com/2025/07/rare-earth-tariff",
        file: expect.stringMatching(/^环球新闻网\/2025-07-02-[0-9a-f]{12}\.md$/),
      },
    });
    expect(await listArticleFiles(dir)).toEqual([outcome.added && outcome.article.file]);
    const text = await readFile(path.join(dir, outcome.added ? outcome.article.file : ""), "utf8");
    expect(text).toMatch(/^---\n"title": "美国宣布对中国稀土加征关税"\n/);
    // The same link again, and the same text under another link: already in, without fetching the page.
    const fetchedBefore = site.requests.filter((r) => r.endsWith("/article/jsonld")).length;
    expect(await ingest.add(`${site.url}/article/jsonld`)).toMatchObject({
      added: false,
      reason: "already in",
    });
    expect(site.requests.filter((r) => r.endsWith("/article/jsonld")).length).toBe(fetchedBefore);
    await fetcher.close();
  });

  it("adds a page with only OpenGraph tags, its link without tracking parameters", async () => {
    const { ingest, fetcher } = await freshIngest();
    expect(await ingest.add(`${site.url}/article/og`)).toMatchObject({
      added: true,
      article: {
        title: "欧盟与中国举行气候对话",
        publisher: "世界日报",
        date: "2025-07-03",
        url: "https://world.example.org/climate-dialogue",
      },
    });
    await fetcher.close();
  });

  it.each([
    ["/paywall", "teaser", "only a teaser of the article is readable (behind a paywall?)"],
    ["/home", "notArticle", "not an article (no article text on the page)"],
    ["/image.png", "wrongType", "not HTML (image/png)"],
    ["/missing", "unreachable", "unreachable: HTTP 404"],
    ["/huge", "tooLarge", "too large: over 5.0 MB"],
    ["/private/secret", "robots", "refused by the site's robots.txt"],
    ["/to-metadata", "private", "refused: the link leads to a private, loopback or link-local address"],
    ["ftp://127.0.0.1/x", "notHttp", "refused: only http and https links are fetched, not ftp"],
  ])("refuses %s as %s, saying why", async (link, kind, reason) => {
    const { dir, ingest, fetcher } = await freshIngest();
    expect(await ingest.add(link.startsWith("/") ? `${site.url}${link}` : link)).toEqual({
      added: false,
      refusal: expect.objectContaining({ kind }),
      reason,
    });
    expect(await listArticleFiles(dir)).toEqual([]);
    await fetcher.close();
  });

  it("gives up on a slow page at its time limit", async () => {
    const { ingest, fetcher } = await freshIngest({ totalTimeoutMs: 500 });
    expect(await ingest.add(`${site.url}/slow`)).toEqual({
      added: false,
      refusal: { kind: "slow", detail: "0.5 s" },
      reason: "unreachable: took longer than 0.5 s",
    });
    await fetcher.close();
  });

  it("refuses loopback without FETCH_ALLOW_PRIVATE, by address and by name", async () => {
    const { ingest, fetcher } = await freshIngest({ allowPrivate: false });
    const reason = "refused: the link leads to a private, loopback or link-local address";
    expect(await ingest.add(`${site.url}/article/jsonld`)).toEqual({
      added: false,
      refusal: { kind: "private" },
      reason,
    });
    const failed = await new Promise<string>((resolve) =>
      checkedLookup(false)("localhost", {}, (error) => resolve(String(error))),
    );
    expect(failed).toContain(reason);
    await fetcher.close();
  });
});

describe("feeds", () => {
  const memoryState = () => {
    const states = new Map<string, FeedState>();
    return {
      feedState: async (url: string) => states.get(url),
      saveFeedState: async (url: string, s: FeedState) => void states.set(url, s),
    };
  };
  const feed = (name: string, firstItems = 20) => ({
    url: `${site.url}${name}`,
    pollMinutes: 15,
    firstItems,
  });

  it.each(["/feed.rss", "/feed.atom", "/feed.json"])("adds the items of %s", async (name) => {
    const { dir, ingest, fetcher } = await freshIngest();
    const poller = createFeedPoller({ feeds: [], fetcher, ingest, state: memoryState(), logger });
    expect(await poller.poll(feed(name))).toEqual({ notModified: false, added: 1, known: 0, failed: 0 });
    expect(await listArticleFiles(dir)).toHaveLength(1);
    await fetcher.close();
  });

  it("adds at most the newest N on the first poll, then asks conditionally, and resumes after a restart", async () => {
    site.setManyItems(30);
    const { dir, ingest, fetcher } = await freshIngest();
    const state = memoryState();
    const poller = createFeedPoller({ feeds: [], fetcher, ingest, state, logger });
    expect(await poller.poll(feed("/feed-many.xml", 5))).toMatchObject({ added: 5 });
    expect((await listArticleFiles(dir)).length).toBe(5);
    expect(await poller.poll(feed("/feed-many.xml", 5))).toMatchObject({ notModified: true, added: 0 });
    // 10 more items; a restart cuts the poll short after 4 of them.
    site.setManyItems(40);
    const first = await freshIngest({}, dir);
    let adds = 0;
    const cut = {
      add: (url: string) => (++adds > 4 ? new Promise<never>(() => undefined) : first.ingest.add(url)),
    };
    const stopping = createFeedPoller({ feeds: [], fetcher: first.fetcher, ingest: cut, state, logger });
    void stopping.poll(feed("/feed-many.xml", 5));
    await expect.poll(async () => (await listArticleFiles(dir)).length).toBe(9);
    // The next process: a new ingest over the same directory and the same saved state.
    const second = await freshIngest({}, dir);
    const again = createFeedPoller({
      feeds: [],
      fetcher: second.fetcher,
      ingest: second.ingest,
      state,
      logger,
    });
    expect(await again.poll(feed("/feed-many.xml", 5))).toMatchObject({ added: 31, known: 9 });
    const files = await listArticleFiles(dir);
    expect(files).toHaveLength(40);
    expect(new Set(files).size).toBe(40);
    const hidden = (await readdir(path.join(dir, "测试通讯社"))).filter((n) => n.startsWith("."));
    expect(hidden).toEqual([]);
    await Promise.all([fetcher.close(), first.fetcher.close(), second.fetcher.close()]);
  });

  it("leaves out an article the console removed, after a restart too, while a moderator's link adds it again", async () => {
    const { dir, ingest, fetcher } = await freshIngest();
    const removedDir = `${dir}-removed`;
    const rss = feed("/feed.rss");
    const poller = createFeedPoller({ feeds: [], fetcher, ingest, state: memoryState(), logger });
    expect(await poller.poll(rss)).toMatchObject({ added: 1 });
    const [file = ""] = await listArticleFiles(dir);
    await removeArticle(dir, removedDir, file);
    const fromFeed = { publisher: undefined, fromFeed: true };
    const link = `${site.url}/article/jsonld`;
    expect(await ingest.add(link, fromFeed)).toMatchObject({ added: false, refusal: { kind: "removed" } });
    expect(await ingest.add(link)).toMatchObject({ added: true }); // not "already in": it is gone
    expect(await listArticleFiles(dir)).toEqual([file]);
    await removeArticle(dir, removedDir, file);
    // The next process reads the removed articles' links, and the feed changed (no ETag to match): still out.
    const restarted = await freshIngest({}, dir, removedDir);
    const again = createFeedPoller({
      feeds: [],
      fetcher,
      ingest: restarted.ingest,
      state: memoryState(),
      logger,
    });
    expect(await again.poll(rss)).toEqual({ notModified: false, added: 0, known: 1, failed: 0 });
    expect(await listArticleFiles(dir)).toEqual([]);
    expect(await restarted.ingest.add(link)).toMatchObject({ added: true });
    expect(await listArticleFiles(dir)).toEqual([file]);
    await Promise.all([fetcher.close(), restarted.fetcher.close()]);
  });

  it.each([429, 503])(
    "leaves a feed answering %i with Retry-After alone that long, then reads it again",
    async (status) => {
      const { dir, ingest, fetcher } = await freshIngest();
      const state = memoryState();
      // Every 60 ms: the doubling back-off alone (120 ms) would come back long before the 120 s asked for.
      const busy = { url: `${site.url}/feed-busy.xml`, pollMinutes: 0.001, firstItems: 20 };
      const scheduled: { delayMs: number; run: () => void }[] = [];
      const timer: Timer = (run, delayMs) => {
        scheduled.push({ delayMs, run });
        return () => undefined;
      };
      const poller = createFeedPoller({ feeds: [busy], fetcher, ingest, state, logger, timer });
      const busyPolls = () => site.requests.filter((r) => r.endsWith("/feed-busy.xml")).length;
      const before = busyPolls();
      const polls = () => busyPolls() - before;
      site.setBusy({ status, retryAfterSeconds: 120 });
      poller.start();
      expect(scheduled.map((s) => s.delayMs)).toEqual([0]);
      scheduled[0]?.run();
      await expect.poll(() => scheduled.length).toBe(2);
      expect(scheduled[1]?.delayMs).toBe(120_000);
      expect(polls()).toBe(1);
      expect(await state.feedState(busy.url)).toMatchObject({ failures: 1, primed: false });
      // The server is well again when the poller comes back: the item is added and the feed's own pace resumes.
      site.setBusy(undefined);
      scheduled[1]?.run();
      await expect.poll(() => scheduled.length).toBe(3);
      expect(scheduled[2]?.delayMs).toBe(60);
      expect(polls()).toBe(2);
      expect(await state.feedState(busy.url)).toMatchObject({ failures: 0, primed: true });
      expect(await listArticleFiles(dir)).toHaveLength(1);
      await poller.stop();
      await fetcher.close();
    },
  );

  it("costs a broken feed one warning, then backs off without more", async () => {
    const lines: string[] = [];
    const warnings = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    const { ingest, fetcher } = await freshIngest();
    const state = memoryState();
    const broken = { url: `${site.url}/missing`, pollMinutes: 0.001, firstItems: 20 };
    const poller = createFeedPoller({ feeds: [broken], fetcher, ingest, state, logger: warnings });
    poller.start();
    await expect
      .poll(async () => (await state.feedState(broken.url))?.failures ?? 0)
      .toBeGreaterThanOrEqual(3);
    await poller.stop();
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["a feed could not be read; backing off"]);
    await fetcher.close();
  });
});
