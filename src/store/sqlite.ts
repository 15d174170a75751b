import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Logger } from "../core/logger.ts";
import { type Db, migrations, type Tables } from "./sql.ts";
import { createSqlStore } from "./sql-store.ts";
import type { ConsoleStore } from "./types.ts";

const TABLES: Tables = {
  meta: "meta",
  questions: "questions",
  votes: "votes",
  fixed: "fixed",
  pins: "pins",
  announce: "announce",
  follows: "follows",
  feeds: "feeds",
  consoleFeeds: "console_feeds",
};

/**
 * The console's store in one SQLite file (`console.sqlite` in `CACHE_DIR`): write-ahead logging, so that readers
 * (the console's pages) never wait for the writer and a crash loses at most the rows not yet committed; migrated
 * on open. Several processes (Discord shards) may share the file.
 */
export function openSqliteStore(file: string, logger: Logger): ConsoleStore {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // At start-up, waiting is fine: Discord shards open the same file at the same moment.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  migrate(sqlite);
  // From now on a lock held by another process fails at once (SQLITE_BUSY) rather than block this process's event
  // loop, and therefore its answers; the write queue tries again a little later.
  sqlite.pragma("busy_timeout = 0");
  const retryable = (error: unknown) =>
    /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: string }).code));
  return createSqlStore({ db: sqliteDb(sqlite), tables: TABLES, engine: "sqlite", logger, retryable });
}

/**
 * Applies the migrations past the file's `user_version`, in one write transaction taken before the version is
 * read: of two processes opening a new file together, the second waits, then finds it migrated.
 */
function migrate(sqlite: Database.Database): void {
  const steps = migrations(TABLES, { id: "INTEGER PRIMARY KEY AUTOINCREMENT", real: "REAL" });
  sqlite
    .transaction(() => {
      const version = Number(sqlite.pragma("user_version", { simple: true }));
      for (const statements of steps.slice(version)) for (const sql of statements) sqlite.exec(sql);
      if (version < steps.length) sqlite.pragma(`user_version = ${steps.length}`);
    })
    .immediate();
}

/** better-sqlite3's synchronous calls behind the shared promise-shaped handle. */
function sqliteDb(sqlite: Database.Database): Db {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    all: async <T>(sql: string, params: readonly unknown[] = []) => prepared(sql).all(...params) as T[],
    run: async (sql, params = []) => prepared(sql).run(...params).changes,
    async transaction(list) {
      sqlite.transaction(() => {
        for (const [sql, params] of list) prepared(sql).run(...params);
      })();
    },
    async close() {
      sqlite.close();
    },
  };
}
