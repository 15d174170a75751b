/**
 * The console's store, the same contract on both engines: SQLite in a temporary directory and the tests'
 * PostgreSQL in a schema of its own.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFeedbackStore } from "../../src/core/feedback/store.ts";
import type { Quote } from "../../src/core/types.ts";
import { openConsoleStore, SQLITE_FILE } from "../../src/store/open-store.ts";
import type { ConsoleStore, QuestionRecord } from "../../src/store/types.ts";
import { postgresUnavailable, TEST_INDEX_URL, temporarySchema } from "../support/postgres.ts";
import { memoryLogger, temporaryDirectory } from "../support/seed-qa.ts";

const skipPostgres = await postgresUnavailable();
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A question record at `time`, answered unless said otherwise. */
function asked(question: string, more: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    time: new Date().toISOString(),
    platform: "telegram",
    question,
    outcome: "answered",
    quotes: [],
    ms: 10,
    ...more,
  };
}

const QUOTE: Quote = {
  text: "耶伦于7月6日抵达北京。",
  highlights: [[0, 2]],
  score: 1.5,
  article: {
    file: "001.txt",
    title: "耶伦访华",
    publisher: "BBC中文",
    date: "2023-07-06",
    url: null,
    author: null,
  },
  alsoReportedBy: [],
  at: { file: "001.txt", paragraph: 0, start: 0, end: 11 },
  ref: "0123456789abcd.0.0.b",
};

for (const engine of ["sqlite", "postgres"] as const) {
  describe.skipIf(engine === "postgres" && skipPostgres)(`the ${engine} store`, () => {
    let store: ConsoleStore;
    let reopen: () => Promise<ConsoleStore>;
    let memory: ReturnType<typeof memoryLogger>;
    beforeEach(async () => {
      const dir = await temporaryDirectory();
      cleanups.push(dir.remove);
      const schema = engine === "postgres" ? temporarySchema() : undefined;
      if (schema) cleanups.push(schema.drop);
      memory = memoryLogger();
      reopen = () =>
        openConsoleStore({
          cacheDir: dir.dir,
          postgres: schema && { url: TEST_INDEX_URL, schema: schema.schema },
          feedbackFile: path.join(dir.dir, "feedback.jsonl"),
          logger: memory.logger,
        });
      store = await reopen();
    });
    afterEach(() => store.close());

    describe("questions", () => {
      it("lists logged questions newest first, filtered by platform, outcome, words and dates", async () => {
        store.logQuestion(asked("耶伦哪天访华", { time: "2025-01-01T10:00:00.000Z" }));
        store.logQuestion(
          asked("<script>alert(1)</script>", { time: "2025-01-02T10:00:00.000Z", platform: "discord" }),
        );
        store.logQuestion(asked("火星上有水吗", { time: "2025-01-03T10:00:00.000Z", outcome: "abstained" }));
        await store.flush();
        expect((await store.questions()).map((q) => q.question)).toEqual([
          "火星上有水吗",
          "<script>alert(1)</script>",
          "耶伦哪天访华",
        ]);
        expect((await store.questions({ platform: "discord" })).map((q) => q.question)).toEqual([
          "<script>alert(1)</script>",
        ]);
        expect((await store.questions({ outcome: "abstained" })).map((q) => q.question)).toEqual([
          "火星上有水吗",
        ]);
        expect((await store.questions({ search: "耶伦" })).map((q) => q.question)).toEqual(["耶伦哪天访华"]);
        const range = await store.questions({ since: "2025-01-02", until: "2025-01-02" });
        expect(range.map((q) => q.question)).toEqual(["<script>alert(1)</script>"]);
      });

      it("groups the same unanswered question in either script, most asked first", async () => {
        const since = new Date(Date.now() - 60_000).toISOString();
        for (const q of ["美國總統是誰？", "美国总统是谁", "美国总统是谁吗", "火星上有水"])
          store.logQuestion(asked(q, { outcome: "abstained" }));
        store.logQuestion(asked("美国总统是谁", { outcome: "answered" }));
        await store.flush();
        const gaps = await store.gaps(since);
        expect(gaps.map((g) => [g.count, g.key])).toEqual([
          [3, "美国总统是谁"],
          [1, "火星上有水"],
        ]);
      });

      it("counts today's and this week's questions per platform, the shares and the answer times", async () => {
        const now = new Date();
        const lastWeek = new Date(now.getTime() - 3 * 86_400_000).toISOString();
        store.logQuestion(asked("a", { ms: 10 }));
        store.logQuestion(asked("b", { ms: 30, platform: "discord", outcome: "abstained" }));
        store.logQuestion(asked("c", { ms: 20, time: lastWeek }));
        store.recordVote({
          time: now.toISOString(),
          platform: "telegram",
          user: "u1",
          vote: "down",
          question: "a",
          quotes: [],
        });
        await store.flush();
        const usage = await store.usage(now);
        expect(usage.today).toEqual({ telegram: 1, discord: 1 });
        expect(usage.week).toEqual({ telegram: 2, discord: 1 });
        expect([usage.answered, usage.abstained, usage.down, usage.p50, usage.p95]).toEqual([
          2, 1, 1, 20, 30,
        ]);
      });

      it("deletes the questions older than the retention", async () => {
        store.logQuestion(asked("old", { time: "2020-01-01T00:00:00.000Z" }));
        store.logQuestion(asked("new"));
        await store.flush();
        expect(await store.prune("2021-01-01T00:00:00.000Z")).toBe(1);
        expect((await store.questions()).map((q) => q.question)).toEqual(["new"]);
      });

      it("keeps what was written across a restart", async () => {
        store.logQuestion(asked("耶伦哪天访华"));
        await store.close();
        store = await reopen();
        expect((await store.questions()).map((q) => q.question)).toEqual(["耶伦哪天访华"]);
      });
    });

    describe("votes", () => {
      it("lists answers marked 👎 with their votes, a user's later vote replacing theirs, until marked fixed", async () => {
        const vote = (user: string, v: "up" | "down", time: string) =>
          store.recordVote({
            time,
            platform: "discord",
            user,
            vote: v,
            question: "耶伦哪天访华",
            quotes: [{ file: "001.txt", ref: "r1" }],
          });
        vote("u1", "up", "2025-01-01T00:00:00.000Z");
        vote("u1", "down", "2025-01-02T00:00:00.000Z");
        vote("u2", "down", "2025-01-03T00:00:00.000Z");
        vote("u3", "up", "2025-01-03T00:00:00.000Z");
        await store.flush();
        const [item, ...rest] = await store.feedback();
        expect(rest).toEqual([]);
        expect(item).toMatchObject({ question: "耶伦哪天访华", up: 1, down: 2, fixed: null });
        await store.markFixed(item?.answer ?? "", "2025-01-04T00:00:00.000Z");
        expect((await store.feedback())[0]?.fixed).toBe("2025-01-04T00:00:00.000Z");
      });

      it("imports the earlier votes only on its first opening", async () => {
        const earlier = async () => [
          {
            time: "2025-01-01T00:00:00.000Z",
            platform: "telegram",
            user: "h",
            vote: "down" as const,
            question: "q",
            quotes: [{ file: "f" }],
          },
        ];
        expect(await store.importVotesOnce(earlier)).toBe(0);
        expect(await store.feedback()).toEqual([]);
      });
    });

    describe("feeds", () => {
      it("keeps the console's feeds and each feed's polls across a reopening, and forgets a removed one", async () => {
        const url = "https://news.example.com/feed.xml";
        const feed = { url, publisher: "环球新闻网", since: "2025-01-01T00:00:00.000Z" };
        expect(await store.subscriptions.addConsoleFeed(feed)).toBe(true);
        expect(await store.subscriptions.addConsoleFeed({ ...feed, publisher: null })).toBe(false);
        const state = {
          etag: '"v1"',
          lastModified: null,
          primed: true,
          failures: 2,
          lastPoll: "2025-01-02T00:00:00.000Z",
          lastError: "unreachable: HTTP 503",
          added: 7,
        };
        await store.subscriptions.saveFeedState(url, state);
        await store.close();
        store = await reopen();
        expect(await store.subscriptions.consoleFeeds()).toEqual([feed]);
        expect(await store.subscriptions.feedState(url)).toEqual(state);
        expect(await store.subscriptions.removeConsoleFeed(url)).toBe(true);
        expect(await store.subscriptions.removeConsoleFeed(url)).toBe(false);
        expect(await store.subscriptions.consoleFeeds()).toEqual([]);
        expect(await store.subscriptions.feedState(url)).toBeUndefined();
      });
    });

    describe("pins", () => {
      it("keeps a pinned quote verbatim, counts its uses, and drops it with its article", async () => {
        const pin = await store.addPin("耶伦哪天访华？", QUOTE, "2025-01-01T00:00:00.000Z");
        expect(pin).toMatchObject({ question: "耶伦哪天访华？", key: "耶伦哪天访华", uses: 0, quote: QUOTE });
        store.countPinUse(pin.id, "2025-01-02T00:00:00.000Z");
        store.countPinUse(pin.id, "2025-01-03T00:00:00.000Z");
        await store.flush();
        expect((await store.pins()).map((p) => [p.uses, p.lastUsed])).toEqual([
          [2, "2025-01-03T00:00:00.000Z"],
        ]);
        expect(await store.removePinsOf("002.txt")).toBe(0);
        expect(await store.removePinsOf("001.txt")).toBe(1);
        expect(await store.pins()).toEqual([]);
      });
    });
  });
}

describe("the sqlite store's first opening", () => {
  it("imports the votes of feedback.jsonl, which the bots wrote before it, with their users' hashes", async () => {
    const dir = await temporaryDirectory();
    cleanups.push(dir.remove);
    const { logger } = memoryLogger();
    const feedbackFile = path.join(dir.dir, "feedback.jsonl");
    const old = createFeedbackStore({ file: feedbackFile, salt: "s", logger });
    const at = { file: "001.txt", paragraph: 2, start: 0, end: 5 };
    old.record({ platform: "telegram", userId: "42", vote: "down", question: "耶伦哪天访华", quotes: [at] });
    await old.close();
    const store = await openConsoleStore({ cacheDir: dir.dir, feedbackFile, logger });
    const [item] = await store.feedback();
    expect(item).toMatchObject({
      question: "耶伦哪天访华",
      down: 1,
      quotes: [{ file: "001.txt", paragraph: 2 }],
    });
    await store.close();
    const again = await openConsoleStore({ cacheDir: dir.dir, feedbackFile, logger });
    expect((await again.feedback()).map((f) => f.down)).toEqual([1]);
    await again.close();
  });
});

describe("the sqlite store under a lock held by another process", () => {
  it("writes the rows once the lock is released, and loses them with one warning when it never is", async () => {
    const dir = await temporaryDirectory();
    cleanups.push(dir.remove);
    const memory = memoryLogger();
    const store = await openConsoleStore({
      cacheDir: dir.dir,
      feedbackFile: path.join(dir.dir, "feedback.jsonl"),
      logger: memory.logger,
    });
    const other = new Database(path.join(dir.dir, SQLITE_FILE));
    other.exec("BEGIN EXCLUSIVE");
    store.logQuestion(asked("waits"));
    setTimeout(() => other.exec("COMMIT"), 300);
    await store.flush();
    expect((await store.questions()).map((q) => q.question)).toEqual(["waits"]);

    other.exec("BEGIN EXCLUSIVE"); // held past every retry (about 2 s)
    store.logQuestion(asked("lost 1"));
    store.logQuestion(asked("lost 2"));
    await store.flush();
    store.logQuestion(asked("lost 3"));
    await store.flush();
    other.exec("COMMIT");
    store.logQuestion(asked("written"));
    await store.close();
    other.close();
    const warnings = memory.lines().filter((l) => l.msg === "question log: rows lost");
    expect(warnings).toHaveLength(1);
    expect(memory.lines().some((l) => l.msg === "question log: writing again" && l.lost === 3)).toBe(true);
  }, 20_000);
});
