import { createFeedStore, type FeedStore } from "./feed-store.ts";
import type { Db, Tables } from "./sql.ts";

/** Where a chat or user is: `telegram` or `discord`, and the chat's, channel's or user's id there. */
export interface Target {
  platform: string;
  id: string;
}

/** A user's topic: a direct message comes when a new article matches it. */
export interface Follow extends Target {
  topic: string;
}

/** The announcements and follows the users asked for, and the feeds' state: durable, shared by replicas. */
export interface SubscriptionStore extends FeedStore {
  /** Turns announcements in a chat or channel on or off; resolves to whether that changed anything. */
  setAnnounce(target: Target, on: boolean): Promise<boolean>;
  announceTargets(): Promise<Target[]>;
  /** Resolves to false when the user follows the topic already. */
  follow(follow: Follow): Promise<boolean>;
  /** Stops following a topic (every topic when none is given); resolves to how many were removed. */
  unfollow(target: Target, topic?: string): Promise<number>;
  following(target: Target): Promise<string[]>;
  follows(): Promise<Follow[]>;
  /** Forgets a chat or user entirely (they blocked the bot, or removed it): announcements and follows. */
  forget(target: Target): Promise<void>;
}

/** The subscription store over the console store's database (SQLite or PostgreSQL, the same SQL). */
export function createSubscriptionStore(db: Db, t: Tables): SubscriptionStore {
  return {
    ...createFeedStore(db, t),
    async setAnnounce({ platform, id }, on) {
      if (!on)
        return (
          (await db.run(`DELETE FROM ${t.announce} WHERE platform = ? AND chat = ?`, [platform, id])) > 0
        );
      const changed = await db.run(
        `INSERT INTO ${t.announce} (platform, chat, since) VALUES (?, ?, ?) ON CONFLICT (platform, chat) DO NOTHING`,
        [platform, id, new Date().toISOString()],
      );
      return changed > 0;
    },
    async announceTargets() {
      const rows = await db.all<{ platform: string; chat: string }>(
        `SELECT platform, chat FROM ${t.announce} ORDER BY since`,
      );
      return rows.map((r) => ({ platform: r.platform, id: r.chat }));
    },
    async follow({ platform, id, topic }) {
      const changed = await db.run(
        `INSERT INTO ${t.follows} (platform, user_id, topic, since) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, user_id, topic) DO NOTHING`,
        [platform, id, topic, new Date().toISOString()],
      );
      return changed > 0;
    },
    unfollow({ platform, id }, topic) {
      return topic === undefined
        ? db.run(`DELETE FROM ${t.follows} WHERE platform = ? AND user_id = ?`, [platform, id])
        : db.run(`DELETE FROM ${t.follows} WHERE platform = ? AND user_id = ? AND topic = ?`, [
            platform,
            id,
            topic,
          ]);
    },
    async following({ platform, id }) {
      const rows = await db.all<{ topic: string }>(
        `SELECT topic FROM ${t.follows} WHERE platform = ? AND user_id = ? ORDER BY since, topic`,
        [platform, id],
      );
      return rows.map((r) => r.topic);
    },
    async follows() {
      const rows = await db.all<{ platform: string; user_id: string; topic: string }>(
        `SELECT platform, user_id, topic FROM ${t.follows} ORDER BY since`,
      );
      return rows.map((r) => ({ platform: r.platform, id: r.user_id, topic: r.topic }));
    },
    async forget({ platform, id }) {
      await db.transaction([
        [`DELETE FROM ${t.follows} WHERE platform = ? AND user_id = ?`, [platform, id]],
        [`DELETE FROM ${t.announce} WHERE platform = ? AND chat = ?`, [platform, id]],
      ]);
    },
  };
}
