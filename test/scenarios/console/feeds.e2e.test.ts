/**
 * Feeds and the articles they add, in a real headless Chromium against a running bot with its news service, as
 * a community admin uses the console: see every feed and how its polls went, add a feed (a link that is no feed
 * is refused, saying so), watch its first poll add an article into its publisher's folder, view and remove that
 * article, and remove the feed: all without a restart. The feeds come from the local news site on 127.0.0.1.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listArticleFiles } from "../../../src/core/corpus/read-corpus.ts";
import { type NewsService, startNews } from "../../../src/ingest/news.ts";
import { until } from "../../support/main-process.ts";
import { type NewsServer, startNewsServer } from "../../support/news-server.ts";
import { launchChromium } from "./browser.ts";
import { startRunningBot, TOKEN } from "./running-bot.ts";

let bot: Awaited<ReturnType<typeof startRunningBot>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let site: NewsServer;
let news: NewsService;
let page: Page;
beforeAll(async () => {
  [bot, browser, site] = await Promise.all([
    startRunningBot({ FETCH_ALLOW_PRIVATE: "1", FETCH_HOST_INTERVAL_MS: "150" }),
    launchChromium(),
    startNewsServer(),
  ]);
  // As main.ts wires it: the news service over the console's store, one feed listed in config/feeds.json.
  const fileFeed = { url: `${site.url}/feed.atom`, publisher: "文件通讯社", pollMinutes: 60, firstItems: 20 };
  const config = { ...bot.config, news: { ...bot.config.news, feeds: [fileFeed] } };
  news = startNews(config, bot.memory.logger, bot.store.subscriptions);
  if (!news.feeds) throw new Error("the news service has no feed list");
  bot.remembering.feedsReady(news.feeds);
  page = await browser.context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(bot.base);
  await page.fill('input[type="password"]', TOKEN);
  await page.click("button");
  await page.waitForSelector("#health");
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await news?.stop();
  await bot?.close();
  await site?.close();
});

/** The feeds table's rows, as text. */
const feedRows = () => page.locator("#feeds tbody tr").allInnerTexts();
/** The row of one feed. */
const rowOf = async (url: string) => (await feedRows()).find((r) => r.includes(url)) ?? "";
/** Fills the add form and submits it; resolves to the notice. */
async function addFeed(url: string, publisher = ""): Promise<string> {
  await page.goto(`${bot.base}/feeds`);
  await page.fill('input[name="url"]', url);
  await page.fill('input[name="publisher"]', publisher);
  await page.click("form.filters button");
  return page.locator('[role="status"]').innerText();
}
const requestsFor = (pathname: string) => site.requests.filter((r) => r === `GET ${pathname}`).length;

describe("the feeds page in Chromium", { timeout: 60_000 }, () => {
  it("lists the feed of config/feeds.json with its first poll's outcome, and offers no Remove for it", async () => {
    await until("the file's feed is polled", () => requestsFor("/feed.atom") > 0);
    await page.goto(`${bot.base}/feeds`);
    await until("its poll is shown", async () => {
      await page.reload();
      return (await rowOf(`${site.url}/feed.atom`)).includes("ok");
    });
    const row = await rowOf(`${site.url}/feed.atom`);
    expect(row).toMatch(/文件通讯社\s+config\/feeds\.json\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+ok\s+1\s+\d{4}-/);
    expect(row).toContain("every 60 min");
    expect(await page.locator("#feeds tbody tr", { hasText: "feed.atom" }).locator("button").count()).toBe(0);
  });

  it("refuses a link that is no feed, one that is not http(s), and one already followed, saying why", async () => {
    expect(await addFeed(`${site.url}/home`)).toBe(
      `${site.url}/home was not added: not a feed: the address gives no RSS, Atom or JSON Feed.`,
    );
    expect(await addFeed("ftp://127.0.0.1/feed.xml")).toBe(
      "ftp://127.0.0.1/feed.xml was not added: refused: only http and https links are fetched, not ftp.",
    );
    expect(await addFeed(`${site.url}/missing`)).toContain("was not added: unreachable: HTTP 404");
    expect(await addFeed(`${site.url}/feed.atom`)).toContain(
      "was not added: already followed: it is in config/feeds.json",
    );
    expect(await bot.store.subscriptions.consoleFeeds()).toEqual([]);
  });

  it("adds a feed: polled at once, its article written into the publisher's folder and indexed", async () => {
    const before = await listArticleFiles(bot.dirs.corpusDir);
    const notice = await addFeed(`${site.url}/feed.rss`, "备用名");
    expect(notice).toBe(
      `${site.url}/feed.rss is followed: it lists 1 items now, and its first poll has begun.`,
    );
    await until("the feed's article is indexed", async () =>
      (await bot.qa.articles()).some((a) => a.title === "美国宣布对中国稀土加征关税"),
    );
    const added = (await listArticleFiles(bot.dirs.corpusDir)).filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^环球新闻网\/.+\.md$/);
    await until("its poll is shown", async () => {
      await page.goto(`${bot.base}/feeds`);
      return (await rowOf(`${site.url}/feed.rss`)).includes("ok");
    });
    expect(await rowOf(`${site.url}/feed.rss`)).toMatch(/备用名\s+console\s+\d{4}-.* UTC\s+ok\s+1\s+\d{4}-/);
    expect(news.poller?.nextPoll(`${site.url}/feed.rss`)).toBeInstanceOf(Date);
  });

  it("views and removes an article in a publisher's folder from the articles page", async () => {
    const file = (await listArticleFiles(bot.dirs.corpusDir)).find((f) => f.startsWith("环球新闻网/")) ?? "";
    await page.goto(`${bot.base}/articles`);
    const row = page.locator("#articles tbody tr", { hasText: file });
    expect(await row.innerText()).toMatch(/美国宣布对中国稀土加征关税\s+环球新闻网\s+2025-07-02/);
    await row.locator(`a[href*="view"]`).click();
    expect(await page.locator("h2").innerText()).toBe("美国宣布对中国稀土加征关税");
    expect(await page.locator("#paragraphs li").first().innerText()).toContain("加征百分之二十五的关税");

    await page.goto(`${bot.base}/articles`);
    await page.locator("#articles tbody tr", { hasText: file }).locator("button").click();
    expect(await page.locator('[role="status"]').innerText()).toContain(`${file} was moved to`);
    expect(await listArticleFiles(bot.dirs.corpusDir)).not.toContain(file);
    const kept = await readdir(path.join(bot.removedDir, "环球新闻网"));
    expect(kept).toEqual([expect.stringMatching(new RegExp(`-${path.basename(file)}$`))]);
    await until("the index drops it", async () => !(await bot.qa.articles()).some((a) => a.file === file));
    // Its feed would not bring it back; a moderator's link does (it is not "already in").
    const link = `${site.url}/article/jsonld`;
    expect(await news.add(link)).toMatchObject({ added: true, article: { file } });
  });

  it("removes a feed: a poll under way adds no more, and no next poll comes, without a restart", async () => {
    site.setManyItems(30);
    const url = `${site.url}/feed-many.xml`;
    const before = (await listArticleFiles(bot.dirs.corpusDir)).length;
    expect(await addFeed(url)).toContain("is followed: it lists 30 items now");
    const count = async () => (await listArticleFiles(bot.dirs.corpusDir)).length - before;
    await until("its first poll adds two articles", async () => (await count()) >= 2);
    await page.goto(`${bot.base}/feeds`);
    await page.locator("#feeds tbody tr", { hasText: "feed-many.xml" }).locator("button").click();
    expect(await page.locator('[role="status"]').innerText()).toBe(
      `${url} is no longer followed; the articles it added stay.`,
    );
    expect(await rowOf(url)).toBe("");
    const atRemoval = await count();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // ten host intervals: a poll going on would add
    expect(await count()).toBeLessThanOrEqual(atRemoval + 1); // the one being written when it was removed
    expect(await count()).toBeLessThan(20);
    expect(news.poller?.nextPoll(url)).toBeUndefined();
    expect((await bot.store.subscriptions.consoleFeeds()).map((f) => f.url)).toEqual([
      `${site.url}/feed.rss`,
    ]);
  });

  it("keeps a console feed across a restart of the news service", async () => {
    await news.stop();
    const config = { ...bot.config, news: { ...bot.config.news, feeds: [] } };
    news = startNews(config, bot.memory.logger, bot.store.subscriptions);
    if (!news.feeds) throw new Error("the news service has no feed list");
    bot.remembering.feedsReady(news.feeds);
    await page.goto(`${bot.base}/feeds`);
    expect(await rowOf(`${site.url}/feed.rss`)).toMatch(/备用名\s+console\s+\d{4}-.* UTC\s+ok\s+1\s/);
    await until("it is followed again", () => news.poller?.nextPoll(`${site.url}/feed.rss`) !== undefined);
  });
});
