import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FeedbackRow } from "../core/feedback/store.ts";
import type { Logger } from "../core/logger.ts";
import type { ConsoleStore, VoteRecord } from "./types.ts";

/** What `openConsoleStore` needs. */
export interface OpenStoreOptions {
  /** Where the SQLite file goes (`console.sqlite`), when there is no PostgreSQL. */
  cacheDir: string;
  /** The PostgreSQL index's database and schema (`INDEX_URL`): the store goes there instead. */
  postgres?: { url: string; schema: string } | undefined;
  /** The votes file the bots wrote before the console existed; imported once. */
  feedbackFile: string;
  logger: Logger;
}

/** The SQLite file's name in `CACHE_DIR`. */
export const SQLITE_FILE = "console.sqlite";

/**
 * Opens the console's store, PostgreSQL's when there is one and SQLite's otherwise, migrated, with the votes
 * recorded before it (`feedback.jsonl`, or the PostgreSQL feedback table) imported the first time.
 */
export async function openConsoleStore(options: OpenStoreOptions): Promise<ConsoleStore> {
  const { logger } = options;
  let store: ConsoleStore;
  let earlier: () => Promise<FeedbackRow[]>;
  if (options.postgres) {
    const { openPostgresStore } = await import("./postgres.ts");
    const { readPostgresFeedback } = await import("../core/feedback/postgres-store.ts");
    const { url, schema } = options.postgres;
    store = await openPostgresStore({ url, schema, logger });
    earlier = () => readPostgresFeedback(url, schema);
  } else {
    const { openSqliteStore } = await import("./sqlite.ts");
    const { readFeedback } = await import("../core/feedback/store.ts");
    store = openSqliteStore(path.join(options.cacheDir, SQLITE_FILE), logger);
    earlier = () => readFeedback(options.feedbackFile);
  }
  const imported = await store.importVotesOnce(async () => (await earlier()).map(toVoteRecord));
  if (imported > 0) logger.info({ votes: imported }, "imported the earlier votes into the console's store");
  return store;
}

/** A row of the old feedback file as the store keeps votes. */
export function toVoteRecord(row: FeedbackRow): VoteRecord {
  return {
    time: row.time,
    platform: row.platform,
    user: row.user,
    vote: row.vote,
    question: row.question,
    quotes: row.quotes.map((q) => ({ file: q.file, paragraph: q.paragraph })),
  };
}

/**
 * The salt user ids are hashed with: `FEEDBACK_SALT`, else the one the feedback store keeps in `feedback-salt`
 * beside its file (made here, the same way, when it does not exist yet), so that a user's hash is the same in
 * the old votes and the new.
 */
export async function userSalt(feedbackFile: string, salt: string | undefined): Promise<string> {
  if (salt) return salt;
  const file = path.join(path.dirname(feedbackFile), "feedback-salt");
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" }).catch(() => undefined);
  return (await readFile(file, "utf8")).trim();
}
