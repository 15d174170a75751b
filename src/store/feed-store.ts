import type { Db, Tables } from "./sql.ts";

/** What the bot keeps of a feed between polls, so that a restart neither adds twice nor misses. */
export interface FeedState {
  etag: string | null;
  lastModified: string | null;
  /** The first poll (at most the newest N items) is done. */
  primed: boolean;
  /** Polls failed in a row (the back-off grows with them). */
  failures: number;
  /** ISO time the last poll ended, failed or not; null before the first. */
  lastPoll: string | null;
  /** Why the last poll failed; null when it did not. */
  lastError: string | null;
  /** Articles its items added, all polls together. */
  added: number;
}

/** A feed an operator added through the console. */
export interface ConsoleFeed {
  url: string;
  /** The publisher's name where the pages do not say it. */
  publisher: string | null;
  /** ISO time it was added. */
  since: string;
}

/**
 * The feeds' state between polls, and the feeds added through the console. Those live here, in the database the
 * subscriptions use (SQLite by default, PostgreSQL beside the index), rather than written into
 * `config/feeds.json`: the configuration directory may be read-only or shipped with the code, replicas share the
 * database but not a file, and the file stays the operator's own, never rewritten by the bot.
 */
export interface FeedStore {
  feedState(url: string): Promise<FeedState | undefined>;
  saveFeedState(url: string, state: FeedState): Promise<void>;
  /** The console's feeds, oldest first. */
  consoleFeeds(): Promise<ConsoleFeed[]>;
  /** Resolves to false when the feed is listed already. */
  addConsoleFeed(feed: ConsoleFeed): Promise<boolean>;
  /** Removes a console feed and its state; resolves to whether it was listed. */
  removeConsoleFeed(url: string): Promise<boolean>;
}

/** A feed that was never polled. */
export const UNPOLLED: FeedState = {
  etag: null,
  lastModified: null,
  primed: false,
  failures: 0,
  lastPoll: null,
  lastError: null,
  added: 0,
};

/** The feed store over the console store's database (SQLite or PostgreSQL, the same SQL). */
export function createFeedStore(db: Db, t: Tables): FeedStore {
  return {
    async feedState(url) {
      const rows = await db.all<{
        etag: string | null;
        last_modified: string | null;
        primed: number;
        failures: number;
        last_poll: string | null;
        last_error: string | null;
        added: number;
      }>(
        `SELECT etag, last_modified, primed, failures, last_poll, last_error, added FROM ${t.feeds} WHERE url = ?`,
        [url],
      );
      const row = rows[0];
      return row
        ? {
            etag: row.etag,
            lastModified: row.last_modified,
            primed: Number(row.primed) === 1,
            failures: Number(row.failures),
            lastPoll: row.last_poll,
            lastError: row.last_error,
            added: Number(row.added),
          }
        : undefined;
    },
    async saveFeedState(url, s) {
      await db.run(
        `INSERT INTO ${t.feeds} (url, etag, last_modified, primed, failures, last_poll, last_error, added)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           primed = excluded.primed, failures = excluded.failures, last_poll = excluded.last_poll,
           last_error = excluded.last_error, added = excluded.added`,
        [url, s.etag, s.lastModified, s.primed ? 1 : 0, s.failures, s.lastPoll, s.lastError, s.added],
      );
    },
    async consoleFeeds() {
      return db.all<ConsoleFeed>(`SELECT url, publisher, since FROM ${t.consoleFeeds} ORDER BY since, url`);
    },
    async addConsoleFeed({ url, publisher, since }) {
      const changed = await db.run(
        `INSERT INTO ${t.consoleFeeds} (url, publisher, since) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING`,
        [url, publisher, since],
      );
      return changed > 0;
    },
    async removeConsoleFeed(url) {
      const listed = await db.all<{ url: string }>(`SELECT url FROM ${t.consoleFeeds} WHERE url = ?`, [url]);
      await db.transaction([
        [`DELETE FROM ${t.consoleFeeds} WHERE url = ?`, [url]],
        [`DELETE FROM ${t.feeds} WHERE url = ?`, [url]],
      ]);
      return listed.length > 0;
    },
  };
}
