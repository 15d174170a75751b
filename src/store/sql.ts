/**
 * The little SQL both engines share: a promise-shaped handle over one database, and the tables' migrations.
 * Statements use `?` placeholders; the PostgreSQL handle numbers them.
 */

/** A database handle, the same for SQLite and PostgreSQL. */
export interface Db {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one statement; resolves to the rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs statements in one transaction: all or none. */
  transaction(statements: ReadonlyArray<readonly [string, readonly unknown[]]>): Promise<void>;
  close(): Promise<void>;
}

/** The tables' names, qualified (PostgreSQL keeps them in the index's schema). */
export interface Tables {
  meta: string;
  questions: string;
  votes: string;
  fixed: string;
  pins: string;
  /** Chats and channels that get announcements of new articles. */
  announce: string;
  /** Users' topics. */
  follows: string;
  /** Each feed's state between polls. */
  feeds: string;
  /** The feeds added through the console (those of `config/feeds.json` are read from the file). */
  consoleFeeds: string;
}

/** How the engines spell what differs between them. */
export interface Dialect {
  /** An auto-numbered integer primary key. */
  id: string;
  /** A floating-point column. */
  real: string;
}

/**
 * The schema's versions, in order: each is applied once, in a transaction, and never edited after release (a new
 * version is added instead), so a store made by any earlier release is brought up to date on start.
 */
export function migrations(t: Tables, d: Dialect): string[][] {
  return [
    [
      `CREATE TABLE ${t.meta} (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE ${t.questions} (id ${d.id}, time TEXT NOT NULL, platform TEXT NOT NULL,
         question TEXT NOT NULL, key TEXT NOT NULL, outcome TEXT NOT NULL, quotes TEXT NOT NULL,
         ms ${d.real} NOT NULL, pin_id INTEGER)`,
      `CREATE INDEX ${index(t.questions, "time")} ON ${t.questions} (time)`,
      `CREATE INDEX ${index(t.questions, "gaps")} ON ${t.questions} (outcome, time)`,
      `CREATE TABLE ${t.votes} (platform TEXT NOT NULL, user_hash TEXT NOT NULL, answer TEXT NOT NULL,
         question TEXT NOT NULL, quotes TEXT NOT NULL, vote TEXT NOT NULL, time TEXT NOT NULL,
         PRIMARY KEY (platform, user_hash, answer))`,
      `CREATE TABLE ${t.fixed} (answer TEXT PRIMARY KEY, time TEXT NOT NULL)`,
      `CREATE TABLE ${t.pins} (id ${d.id}, question TEXT NOT NULL, key TEXT NOT NULL, file TEXT NOT NULL,
         quote TEXT NOT NULL, created TEXT NOT NULL, uses INTEGER NOT NULL DEFAULT 0, last_used TEXT)`,
    ],
    [
      `CREATE TABLE ${t.announce} (platform TEXT NOT NULL, chat TEXT NOT NULL, since TEXT NOT NULL,
         PRIMARY KEY (platform, chat))`,
      `CREATE TABLE ${t.follows} (platform TEXT NOT NULL, user_id TEXT NOT NULL, topic TEXT NOT NULL,
         since TEXT NOT NULL, PRIMARY KEY (platform, user_id, topic))`,
      `CREATE TABLE ${t.feeds} (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,
         primed INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0)`,
    ],
    [
      `ALTER TABLE ${t.feeds} ADD COLUMN last_poll TEXT`,
      `ALTER TABLE ${t.feeds} ADD COLUMN last_error TEXT`,
      `ALTER TABLE ${t.feeds} ADD COLUMN added INTEGER NOT NULL DEFAULT 0`,
      `CREATE TABLE ${t.consoleFeeds} (url TEXT PRIMARY KEY, publisher TEXT, since TEXT NOT NULL)`,
    ],
  ];
}

/** An index's name from its table's (unqualified: PostgreSQL puts an index in its table's schema). */
function index(table: string, what: string): string {
  const bare = table.split(".").at(-1)?.replaceAll('"', "") ?? table;
  return `${bare}_${what}`;
}
